import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { after, before } from 'node:test'

import { applyMigrations } from '../../app/server/migrations.server'
import { copyMigratedSqlite } from './migrated-template'

// Starts the production server exactly as `npm start` does after its build step: migrations
// through the same code, then a plain-Node `keystone start`, on a free port and a throwaway
// SQLite file seeded with the demo content.

export type TestServer = {
  baseUrl: string
  adminEmail: string
  adminPassword: string
  /** What the server seals session cookies with (SESSION_SECRET), for mintSessionCookie. */
  sessionSecret: string
  databaseFile: string
  /** The `keystone start` process, for tests that signal it. */
  child: ChildProcess
  /** What the server has printed so far. */
  output(): string
  stop(): Promise<void>
}

export async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as net.AddressInfo
  server.close()
  await once(server, 'close')
  return port
}

export async function startServer({
  env: extraEnv = {},
  prepare,
  after: crashed,
}: {
  env?: Record<string, string>
  /** Runs on the migrated database before the server opens it, e.g. an import. */
  prepare?: (databaseFile: string) => Promise<void>
  /** A server that has died: start again on its database and port, as after a crash. */
  after?: TestServer
} = {}): Promise<TestServer> {
  if (crashed && crashed.child.exitCode === null && crashed.child.signalCode === null) throw new Error('The server is still running')
  const directory = crashed ? path.dirname(crashed.databaseFile) : fs.mkdtempSync(path.join(os.tmpdir(), 'tweetchat-e2e-'))
  const databaseFile = path.join(directory, 'site.db')
  if (!fs.existsSync(databaseFile)) await copyMigratedSqlite(databaseFile)
  await applyMigrations(databaseFile)
  await prepare?.(databaseFile)
  const port = crashed ? Number(new URL(crashed.baseUrl).port) : await freePort()
  const baseUrl = `http://localhost:${port}`
  const adminEmail = 'e2e.admin@example.org'
  const adminPassword = 'e2e admin passphrase 2026'
  const sessionSecret = 'e2e-session-secret-that-is-long-enough-0123456789'
  const { child, output } = await startKeystone(process.cwd(), {
    PORT: String(port),
    DATABASE_URL: `file:${databaseFile}`,
    PUBLIC_URL: baseUrl,
    SESSION_SECRET: sessionSecret,
    ADMIN_EMAIL: adminEmail,
    ADMIN_PASSWORD: adminPassword,
    SEED_DEMO_CONTENT: 'true',
    ...extraEnv,
  })
  return {
    baseUrl,
    adminEmail,
    adminPassword,
    sessionSecret,
    databaseFile,
    child,
    output,
    async stop() {
      // A process killed by a signal has a signalCode and no exitCode; its exit event has passed.
      if (child.exitCode === null && child.signalCode === null) {
        const exited = once(child, 'exit')
        child.kill('SIGTERM')
        await exited
      }
      fs.rmSync(directory, { recursive: true, force: true })
    },
  }
}

/**
 * `keystone start` in `cwd`, in production mode with only the environment given (and PATH, HOME),
 * resolved once it listens; rejected if it exits first or takes more than 60 s.
 */
export async function startKeystone(cwd: string, env: Record<string, string>): Promise<{ child: ChildProcess; output(): string }> {
  const child = spawn(process.execPath, [path.resolve('node_modules/@keystone-6/core/bin/cli.js'), 'start'], {
    cwd,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      KEYSTONE_TELEMETRY_DISABLED: '1',
      NEXT_TELEMETRY_DISABLED: '1',
      NODE_OPTIONS: `--import ${pathToFileURL(path.resolve('tests/support/offline.mjs'))}`,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stderr.setEncoding('utf8').on('data', chunk => (output += chunk))
  const listening = new Promise<void>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk
      if (output.includes('Server listening')) resolve()
    })
    child.once('exit', code => reject(new Error(`The server exited (${code}) before listening:\n${output}`)))
  })
  const timeout = AbortSignal.timeout(60_000)
  await Promise.race([
    listening,
    once(timeout, 'abort').then(() => {
      throw new Error(`The server did not start within 60 s:\n${output}`)
    }),
  ])
  return { child, output: () => output }
}

/**
 * The usual e2e file setup: one seeded server and one browser for the whole file, closed after.
 * Read `.server` and `.browser` inside tests (they are set once `before` has run).
 */
export function useServerAndBrowser(options: Parameters<typeof startServer>[0] | (() => Promise<Parameters<typeof startServer>[0]>) = {}) {
  const state = {} as { server: TestServer; browser: import('playwright-core').Browser }
  before(async () => {
    const { launchBrowser } = await import('./browser')
    const resolved = typeof options === 'function' ? await options() : options
    ;[state.server, state.browser] = await Promise.all([startServer(resolved), launchBrowser()])
  })
  after(async () => {
    await state.browser?.close()
    await state.server?.stop()
  })
  return state
}
