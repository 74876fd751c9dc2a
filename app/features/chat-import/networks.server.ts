import type { Platform } from '../../domain/networks'
import type { ImportBatch } from './sources.server'
import type { FetchHooks } from './x-api.server'

// Which networks this site can read a chat from, and how: each network's client as the
// environment configures it.

/** One network's posts with a hashtag in a window. */
export type NetworkFetch = (request: { hashtag: string; start: Date; end: Date; servers: string[] }, hooks: FetchHooks) => Promise<ImportBatch>

export function configuredFetcher(network: Exclude<Platform, 'x'>): NetworkFetch {
  throw new Error(`Reading from ${network} is not wired yet.`)
}
