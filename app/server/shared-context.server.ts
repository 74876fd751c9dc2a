import type { Context } from './keystone.server'

// A slot on globalThis through which `keystone start` hands its context to the Remix build, which
// is a separate bundle loaded into the same process. Kept apart from keystone.server.ts because
// keystone.ts imports this file, and must not import the generated Prisma client it is about to build.

const CONTEXT_KEY = Symbol.for('tweetchat.keystone-context')
type ContextSlot = { [CONTEXT_KEY]?: Promise<Context> }
const slot = globalThis as ContextSlot

export function provideKeystoneContext(context: Context | Promise<Context>) {
  slot[CONTEXT_KEY] = Promise.resolve(context)
}

export function providedKeystoneContext(): Promise<Context> | undefined {
  return slot[CONTEXT_KEY]
}

export function clearProvidedKeystoneContext() {
  delete slot[CONTEXT_KEY]
}
