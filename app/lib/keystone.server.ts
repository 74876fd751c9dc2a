import type { KeystoneContext } from '@keystone-6/core/types'

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
    import('../../generated/prisma/client'),
  ])
  return getContext(config, PrismaModule) as unknown as Context
}

/** For scripts and tests: close the standalone client so the process can exit. */
export async function disconnectKeystoneContext() {
  const context = await providedKeystoneContext()
  clearProvidedKeystoneContext()
  await context?.prisma.$disconnect()
}
