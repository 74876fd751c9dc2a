import { PLATFORM_NAMES, PLATFORMS, type Platform } from '../../domain/networks'
import { env } from '../../server/env.server'
import { fetchChatFromConfiguredBluesky } from './bluesky.server'
import { fetchChatFromConfiguredMastodon } from './mastodon.server'
import type { ImportBatch } from './sources.server'
import type { FetchHooks } from './fetch-hooks.server'
import { fetchChatFromXApi } from './x-api.server'

// Which networks this site can read a chat from and post an announcement to, and how: each
// network's client as the environment configures it.

/** One network's posts with a hashtag in a window. */
export type NetworkFetch = (request: { hashtag: string; start: Date; end: Date; servers: string[] }, hooks: FetchHooks) => Promise<ImportBatch>

export function configuredFetcher(network: Platform): NetworkFetch {
  switch (network) {
    case 'x':
      // X_BEARER_TOKEN at X_API_BASE; X_SEARCH_ALL chooses full-archive search.
      return ({ hashtag, start, end }, hooks) => fetchChatFromXApi({ query: hashtag, start, end, ...hooks, fullArchive: env.X_SEARCH_ALL === 'true' })
    case 'bluesky':
      return ({ hashtag, start, end }, hooks) => fetchChatFromConfiguredBluesky({ hashtag, start, end, ...hooks })
    case 'mastodon':
      // The servers the editor named, else MASTODON_SERVERS.
      return ({ hashtag, start, end, servers }, hooks) => fetchChatFromConfiguredMastodon({ hashtag, start, end, servers: servers.length ? servers : undefined, ...hooks })
  }
}

export type NetworkStatus = { platform: Platform; name: string; canRead: boolean; canPost: boolean; readNeeds: string; postNeeds: string }

/** What each network can do with this site's settings, and what it still needs: the desk offers only what works. */
export function networkStatus(): NetworkStatus[] {
  const set = (...names: (keyof typeof env)[]) => names.every(name => Boolean(env[name]))
  const needs = (...names: string[]) => names.join(', ')
  const status: Record<Platform, Omit<NetworkStatus, 'platform' | 'name'>> = {
    x: {
      canRead: set('X_BEARER_TOKEN'),
      readNeeds: needs('X_BEARER_TOKEN'),
      canPost: set('X_API_KEY', 'X_API_SECRET', 'X_ACCESS_TOKEN', 'X_ACCESS_SECRET'),
      postNeeds: needs('X_API_KEY', 'X_API_SECRET', 'X_ACCESS_TOKEN', 'X_ACCESS_SECRET'),
    },
    bluesky: {
      canRead: set('BLUESKY_HANDLE', 'BLUESKY_APP_PASSWORD'),
      readNeeds: needs('BLUESKY_HANDLE', 'BLUESKY_APP_PASSWORD'),
      canPost: set('BLUESKY_HANDLE', 'BLUESKY_APP_PASSWORD'),
      postNeeds: needs('BLUESKY_HANDLE', 'BLUESKY_APP_PASSWORD'),
    },
    mastodon: {
      canRead: set('MASTODON_SERVERS') || set('MASTODON_SERVER'),
      readNeeds: 'MASTODON_SERVERS or MASTODON_SERVER',
      canPost: set('MASTODON_SERVER', 'MASTODON_ACCESS_TOKEN'),
      postNeeds: needs('MASTODON_SERVER', 'MASTODON_ACCESS_TOKEN'),
    },
  }
  return PLATFORMS.map(platform => ({ platform, name: PLATFORM_NAMES[platform], ...status[platform] }))
}
