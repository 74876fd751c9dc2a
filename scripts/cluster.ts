import cluster from 'node:cluster'
import { createRequire } from 'node:module'
import os from 'node:os'

import { z } from 'zod'

// `npm run start:cluster`: after the preparation `npm start` does (package.json runs
// scripts/prepare.ts first), WEB_CONCURRENCY copies of `keystone start` share one port through
// Node's cluster module. Each is a plain-Node process, as in `npm start`. On PostgreSQL they share
// change notifications and comment limits; on SQLite they see each other's writes through the
// file, but each counts comments in its own memory, so a reader's allowance is one per worker.

const WEB_CONCURRENCY = z.coerce.number().int().min(1).max(256).default(os.availableParallelism()).safeParse(process.env.WEB_CONCURRENCY || undefined)
if (!WEB_CONCURRENCY.success) {
  console.error(`WEB_CONCURRENCY must be a whole number from 1 to 256, not "${process.env.WEB_CONCURRENCY}"`)
  process.exit(1)
}
const workers = WEB_CONCURRENCY.data

/** More unexpected exits than this within the window is a crash loop: stop instead of restarting. */
const MAX_EXITS = 5
const EXIT_WINDOW_MS = 30_000

cluster.setupPrimary({
  exec: createRequire(import.meta.url).resolve('@keystone-6/core/bin/cli.js'),
  args: ['start'],
  // Not tsx's loader, which this script runs under: Keystone must load its build with Node's own.
  execArgv: [],
})

let stopping = false
let exitCode = 0
let anyListened = false
const recentExits: number[] = []

cluster.on('listening', (worker, address) => {
  anyListened = true
  console.log(`› Worker ${worker.id} (pid ${worker.process.pid}) is listening on port ${address.port}`)
})

cluster.on('exit', (worker, code, signal) => {
  if (stopping) {
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode)
    return
  }
  const how = signal ? `was killed by ${signal}` : `exited with code ${code}`
  // The first worker prepares a new database before it listens: if it cannot, none will.
  if (!anyListened) return stop('SIGTERM', 1, `Worker ${worker.id} ${how} before it listened; stopping.`)
  const now = Date.now()
  while (recentExits.length && now - recentExits[0] > EXIT_WINDOW_MS) recentExits.shift()
  recentExits.push(now)
  if (recentExits.length > MAX_EXITS) return stop('SIGTERM', 1, `Worker ${worker.id} ${how}: ${recentExits.length} exits within ${EXIT_WINDOW_MS / 1000} s; stopping.`)
  const delay = 250 * 2 ** (recentExits.length - 1)
  console.error(`Worker ${worker.id} ${how}; starting another in ${delay} ms.`)
  setTimeout(() => stopping || cluster.fork(), delay)
})

/** Forwards the signal; each worker finishes its requests in flight (lifecycle.server.ts) and exits. */
function stop(signal: NodeJS.Signals, code: number, reason: string) {
  if (!stopping) {
    console.error(reason)
    exitCode = code
  }
  stopping = true
  const running = Object.values(cluster.workers ?? {})
  if (running.length === 0) process.exit(exitCode)
  for (const worker of running) worker?.process.kill(signal)
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => stop(signal, 0, `${signal}: stopping the workers.`))

// The first worker alone until it listens: on a new database it seeds the demo content and the
// administrator, which two processes must not both do.
cluster.fork()
cluster.once('listening', () => {
  for (let n = 1; n < workers && !stopping; n++) cluster.fork()
})
