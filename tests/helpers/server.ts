import { spawn } from 'node:child_process'
import { once } from 'node:events'
import fs from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

import { applyMigrations } from '../../app/lib/migrations.server'

// The real production server for one test file: a throwaway SQLite file migrated by the same code
// `npm start` uses, then `keystone start` in plain Node (Keystone loads its built config with
// Node's own loader, so no tsx here), seeded with the demo content and an administrator.

export type RunningServer = {
  baseUrl: string
  adminEmail: string
  adminPassword: string
  stop(): Promise<void>
}

const STARTUP_TIMEOUT_MS = 60_000

/** A port nobody listens on right now: ask the kernel for one, then give it back. */
async function freePort(): Promise<number> {
  const probe = net.createServer()
  probe.listen(0)
  await once(probe, 'listening')
  const { port } = probe.address() as net.AddressInfo
  probe.close()
  await once(probe, 'close')
  return port
}

export async function startServer(): Promise<RunningServer> {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'tweetchat-e2e-'))
  const databaseFile = path.join(directory, 'site.db')
  try {
    await applyMigrations(databaseFile)
  } catch (error) {
    await fs.rm(directory, { recursive: true, force: true })
    throw error
  }

  const port = await freePort()
  const baseUrl = `http://localhost:${port}`
  const adminEmail = 'browser.editor@example.org'
  const adminPassword = 'quiet lantern over the harbour 47'

  const child = spawn(process.execPath, [path.resolve('node_modules/@keystone-6/core/bin/cli.js'), 'start'], {
    cwd: process.cwd(),
    // Only what the server needs: the test process's own env (tests/setup.ts) must not leak in.
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? directory,
      TMPDIR: process.env.TMPDIR ?? os.tmpdir(),
      DATABASE_URL: `file:${databaseFile}`,
      PORT: String(port),
      PUBLIC_URL: baseUrl,
      ADMIN_EMAIL: adminEmail,
      ADMIN_PASSWORD: adminPassword,
      SEED_DEMO_CONTENT: 'true',
      SESSION_SECRET: 'browser-tests-session-secret-0123456789abcdef',
      KEYSTONE_TELEMETRY_DISABLED: '1',
      NEXT_TELEMETRY_DISABLED: '1',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })

  let output = ''
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
  child.stdout.setEncoding('utf8')

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(resolve =>
    child.once('exit', (code, signal) => resolve({ code, signal }))
  )
  const removeDirectory = () => fs.rm(directory, { recursive: true, force: true })
  const stop = async () => {
    // A child that failed to spawn never exits; there is nothing to wait for.
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      await exited
    }
    await removeDirectory()
  }

  const timeout = AbortSignal.timeout(STARTUP_TIMEOUT_MS)
  try {
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: string) => {
        output += chunk
        if (output.includes('Server listening')) resolve()
      }
      child.stdout.on('data', onData)
      child.once('error', error => reject(new Error(`Could not start the server: ${error.message}\n${output}`)))
      exited.then(({ code, signal }) =>
        reject(new Error(`The server exited (${signal ?? code}) before listening:\n${output}`))
      )
      timeout.addEventListener('abort', () =>
        reject(new Error(`The server did not say "Server listening" within ${STARTUP_TIMEOUT_MS / 1000} s:\n${output}`))
      )
    })
  } catch (error) {
    await stop()
    throw error
  }

  return { baseUrl, adminEmail, adminPassword, stop }
}
