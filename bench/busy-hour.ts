import fs from 'node:fs'
import os from 'node:os'

import { BUSY_HOUR_SERVER_ENV, CONNECTIONS, runBusyHour } from '../tests/support/busy-hour'
import { startServer } from '../tests/support/server'

// npm run bench:busy-hour — the busy hour of tests/support/busy-hour.ts for a full minute
// (BUSY_HOUR_SECONDS): 50 connections of readers on every kind of page, commenters, and an editor
// publishing halfway, against the production build; it fails as the suite's short run does.
// Writes bench/results/busy-hour.json.

const seconds = Number(process.env.BUSY_HOUR_SECONDS ?? 60)
const server = await startServer({ env: BUSY_HOUR_SERVER_ENV })
try {
  const result = await runBusyHour(server, seconds)
  const figures = {
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}`,
    node: process.version,
    at: new Date().toISOString(),
    connections: CONNECTIONS,
    ...result,
    requestsPerSecond: Math.round(result.requests / seconds),
  }
  console.log(`${result.requests} requests in ${seconds} s (${figures.requestsPerSecond}/s); statuses ${JSON.stringify(result.statuses)}; ${result.acceptedComments} comments accepted; no failures, nothing lost`)
  fs.writeFileSync('bench/results/busy-hour.json', `${JSON.stringify(figures, null, 2)}\n`)
} finally {
  await server.stop()
}
