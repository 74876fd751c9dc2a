import assert from 'node:assert/strict'
import net from 'node:net'
import { after, before, describe, test } from 'node:test'

import pg from 'pg'
import { RateLimiterRes } from 'rate-limiter-flexible'

import { prepareCommentForm, submitComment } from '../../app/features/comments/comments.server'
import { env } from '../../app/server/env.server'
import { disconnectKeystoneContext, type Context } from '../../app/server/keystone.server'
import { closeRateLimiters, COMMENT_LIMIT, createCommentRateLimiter, RATE_LIMIT_TABLE, type RateLimiter } from '../../app/server/rate-limits.server'
import { migratedContext } from '../support/database'

// Comment limits across app processes. Each limiter below is what one process creates, with its
// own connection pool; on PostgreSQL they must count together. A test that runs two real server
// processes is elsewhere.

const postgresUrl = env.database.provider === 'postgresql' ? env.database.url : undefined
const needsPostgres = postgresUrl ? false : 'needs PostgreSQL: the shared store is a table there (npm run test:postgresql)'

const opened: RateLimiter[] = []
/** The limiter one app process creates, with a pool of its own. */
function processLimiter(database = env.database) {
  const limiter = createCommentRateLimiter(database)
  opened.push(limiter)
  return limiter
}
after(async () => {
  await Promise.all(opened.map(limiter => limiter.close()))
  await closeRateLimiters()
})

/** Which attempts went ahead; a refusal must be a RateLimiterRes, never an error. */
async function outcomes(attempts: Promise<RateLimiterRes>[]) {
  return (await Promise.allSettled(attempts)).map(settled => {
    if (settled.status === 'fulfilled') return 'allowed'
    assert.ok(settled.reason instanceof RateLimiterRes, `refused with ${String(settled.reason)}`)
    assert.ok(settled.reason.msBeforeNext > 0)
    return 'refused'
  })
}

const allowedThenRefused = (allowed: number, total: number) => Array.from({ length: total }, (_, n) => (n < allowed ? 'allowed' : 'refused'))

describe('comment rate limits on PostgreSQL', { skip: needsPostgres }, () => {
  // Migrated first, as in production: the schema engine refuses a first migration on a database
  // that already holds a table (here, the limiter's).
  let context: Context
  before(async () => {
    context = await migratedContext()
  })
  after(() => disconnectKeystoneContext())

  const query = async (sql: string) => {
    const client = new pg.Client({ connectionString: postgresUrl })
    await client.connect()
    try {
      return (await client.query(sql)).rows
    } finally {
      await client.end()
    }
  }

  test('processes starting at once create the table once and lose no comment', async () => {
    // PostgreSQL reports a lost race to create a table in more than one way, and the library
    // takes only one of them for success: the others would send that process's first comment to
    // its in-memory count, which the row's points would show. Several rounds, as it is a race.
    for (let round = 1; round <= 20; round++) {
      await query(`DROP TABLE IF EXISTS "${RATE_LIMIT_TABLE}"`)
      const processes = Array.from({ length: 5 }, () => createCommentRateLimiter(env.database))
      try {
        await Promise.all(processes.map(limiter => limiter.consume(`198.51.100.${round}`)))
      } finally {
        await Promise.all(processes.map(limiter => limiter.close()))
      }
      assert.deepEqual(await query(`SELECT key, points FROM "${RATE_LIMIT_TABLE}"`), [{ key: `comments:198.51.100.${round}`, points: 5 }], `round ${round}`)
    }
  })

  test('two processes share one count: five comments in all, the sixth refused whichever takes it', async () => {
    const [first, second] = [processLimiter(), processLimiter()]
    const results = []
    for (const limiter of [first, second, first, second, first]) results.push(...(await outcomes([limiter.consume('192.0.2.1')])))
    assert.deepEqual(results, Array(COMMENT_LIMIT.points).fill('allowed'))
    assert.deepEqual(await outcomes([first.consume('192.0.2.1')]), ['refused'])
    assert.deepEqual(await outcomes([second.consume('192.0.2.1')]), ['refused'])
    assert.deepEqual(await outcomes([second.consume('192.0.2.2')]), ['allowed'], 'another address has its own count')
  })

  test('a burst across two processes lets exactly the limit through', async () => {
    const [first, second] = [processLimiter(), processLimiter()]
    const burst = Array.from({ length: 12 }, (_, n) => (n % 2 ? first : second).consume('192.0.2.3'))
    const results = await outcomes(burst)
    assert.equal(results.filter(result => result === 'allowed').length, COMMENT_LIMIT.points)
  })

  test('comments sent to the site count in the shared table', async () => {
    const post = await context.sudo().db.Post.createOne({ data: { title: 'Shared limits', status: 'published', kind: 'recap' } })
    const send = (n: number) => {
      const form = new FormData()
      for (const [key, value] of Object.entries({ ...prepareCommentForm(Date.now() - 10_000), name: 'Gil', email: '', body: `Thought ${n}`, website: '', parentId: '' })) form.set(key, value)
      return submitComment(form, { list: 'post', id: post.id }, { clientIp: '192.0.2.4' })
    }
    const sent = []
    for (let n = 0; n < COMMENT_LIMIT.points; n++) sent.push((await send(n)).ok)
    assert.deepEqual(sent, Array(COMMENT_LIMIT.points).fill(true))
    // This process took the allowance, so another process refuses the address, and so does this one.
    assert.deepEqual(await outcomes([processLimiter().consume('192.0.2.4')]), ['refused'])
    const refused = await send(COMMENT_LIMIT.points)
    assert.match(!refused.ok ? (refused.errors.form ?? '') : '', /sent several comments in a short time/)
  })
})

test('with the database unreachable, each process still limits, in memory', async () => {
  // A port nobody listens on: connections are refused.
  const server = net.createServer().listen(0, '127.0.0.1')
  await new Promise(resolve => server.once('listening', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise(resolve => server.close(resolve))

  const limiter = processLimiter({ provider: 'postgresql', url: `postgres://postgres@127.0.0.1:${port}/gone` })
  const results = []
  for (let n = 0; n <= COMMENT_LIMIT.points; n++) results.push(...(await outcomes([limiter.consume('192.0.2.5')])))
  assert.deepEqual(results, allowedThenRefused(COMMENT_LIMIT.points, COMMENT_LIMIT.points + 1))
})

test('on SQLite one process counts in memory', async () => {
  const limiter = processLimiter({ provider: 'sqlite', file: '/nonexistent/site.db' })
  const results = await outcomes(Array.from({ length: COMMENT_LIMIT.points + 1 }, () => limiter.consume('192.0.2.6')))
  assert.deepEqual(results, allowedThenRefused(COMMENT_LIMIT.points, COMMENT_LIMIT.points + 1))
})
