import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { BUSY_HOUR_SERVER_ENV, CONNECTIONS, runBusyHour } from '../support/busy-hour'
import { startServer, type TestServer } from '../support/server'

// The busy hour (tests/support/busy-hour.ts) for a few seconds: enough for every kind of page,
// comments and a publication to meet under load; `npm run bench:busy-hour` runs the full minute.

const SECONDS = Number(process.env.LOAD_SECONDS ?? 8)

let server: TestServer
before(async () => {
  server = await startServer({ env: BUSY_HOUR_SERVER_ENV })
})
after(() => server.stop())

test(`${CONNECTIONS} connections for ${SECONDS} s of readers, commenters and an editor: no failures, nothing lost`, { timeout: (SECONDS + 120) * 1000 }, async () => {
  const result = await runBusyHour(server, SECONDS)
  console.log(`${result.requests} requests in ${SECONDS} s; statuses ${JSON.stringify(result.statuses)}; ${result.acceptedComments} comments accepted`)
  assert.ok(result.requests > CONNECTIONS, 'every connection made requests')
})
