import path from 'node:path'
import { pathToFileURL } from 'node:url'

import type { KeystoneContext } from '@keystone-6/core/types'

import { contentChangesSent, stopNotifying } from './content-changes.server'
import { BUILD_ARTIFACTS } from './database.server'
import { env } from './env.server'

import {
  clearProvidedKeystoneContext,
  provideKeystoneContext,
  providedKeystoneContext,
} from './shared-context.server'
import type { Session } from './session'
import type { TypeInfo } from '../../generated/keystone/types'

// The one way into the database. Inside `keystone start` the server hands over its own context
// (see keystone.ts), so the site and the Admin UI share one Prisma client. Scripts and tests have
// no server: they get one context built from the same config, cached for the process.

export type Context = KeystoneContext<TypeInfo<Session>>

export function keystoneContext(): Promise<Context> {
  const provided = providedKeystoneContext()
  if (provided) return provided
  const created = createStandaloneContext()
  provideKeystoneContext(created)
  return created
}

async function createStandaloneContext(): Promise<Context> {
  const [{ getContext }, { default: config }, PrismaModule] = await Promise.all([
    import('@keystone-6/core/context'),
    import('../../keystone'),
    importPrismaClient(),
  ])
  return getContext(config, PrismaModule) as unknown as Context
}

/**
 * The generated client of the database in use. Both have the same API; the SQLite one gives the
 * types because it is the one every checkout has. Its path is computed so that bundlers leave
 * it alone: only scripts and tests (under tsx) come here, never the server.
 */
function importPrismaClient(): Promise<typeof import('../../generated/prisma/client')> {
  const client = path.resolve(process.env.APP_ROOT ?? process.cwd(), BUILD_ARTIFACTS[env.database.provider].prismaClient, 'client.ts')
  return import(/* @vite-ignore */ pathToFileURL(client).href)
}

/**
 * For scripts and tests: close the standalone client so the process can exit, once the other
 * processes and the CDN have heard of this one's changes.
 */
export async function disconnectKeystoneContext() {
  await contentChangesSent()
  await stopNotifying()
  const context = await providedKeystoneContext()
  clearProvidedKeystoneContext()
  await context?.prisma.$disconnect()
}
