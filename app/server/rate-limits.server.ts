import pg from 'pg'
import { RateLimiterMemory, RateLimiterPostgres, type RateLimiterRes } from 'rate-limiter-flexible'

import type { Database } from './database.server'
import { env } from './env.server'

// Per-address comment limits. On PostgreSQL the count lives in a table of the site's database, so
// several app processes behind a load balancer give a reader one allowance between them, not one
// each; if the database stops answering, each process counts in memory until it answers again.
// On SQLite one process owns the file, and counts in memory.

export const COMMENT_LIMIT = { points: 5, duration: 10 * 60 }

/** Created by rate-limiter-flexible on first use; not a Keystone list, so not in the migrations. */
export const RATE_LIMIT_TABLE = 'rate_limits'

export type RateLimiter = {
  /** Resolves while `key` is within its limit; rejects with a RateLimiterRes (`msBeforeNext`) once over it. */
  consume(key: string): Promise<RateLimiterRes>
  /** Closes the connections it opened, if any. */
  close(): Promise<void>
}

export function createCommentRateLimiter(database: Database): RateLimiter {
  const memory = new RateLimiterMemory({ keyPrefix: 'comments', ...COMMENT_LIMIT })
  if (database.provider === 'sqlite') return { consume: key => memory.consume(key), close: async () => {} }
  return sharedLimiter(database.url, memory)
}

/**
 * What PostgreSQL may answer the process that loses a race to create the table: besides the
 * duplicate key (23505) that the library takes for success, "type already exists" (42710) or
 * "relation already exists" (42P07). Both come once the winner's table is committed, so asking
 * again finds it.
 */
const CREATED_BY_ANOTHER = new Set(['42P07', '42710'])

/** A Postgres store once its table exists (the limiter creates it and calls back), or why not. */
function createStore(pool: pg.Pool, insuranceLimiter: RateLimiterMemory) {
  return new Promise<{ store: RateLimiterPostgres; error?: Error }>(resolve => {
    const store: RateLimiterPostgres = new RateLimiterPostgres(
      { storeClient: pool, storeType: 'pool', tableName: RATE_LIMIT_TABLE, keyPrefix: 'comments', ...COMMENT_LIMIT, insuranceLimiter },
      error => resolve({ store, error })
    )
  })
}

function sharedLimiter(url: string, insuranceLimiter: RateLimiterMemory): RateLimiter {
  // Opened on the first comment, so processes that never take one (scripts, imports) open nothing.
  let pool: pg.Pool | undefined
  let ready: Promise<RateLimiterPostgres> | undefined
  let failing = false

  const open = async () => {
    if (!pool) {
      pool = new pg.Pool({
        connectionString: url,
        max: 2,
        // pg waits for a connection forever by default: a comment would hang on an unreachable database.
        connectionTimeoutMillis: 2000,
        statement_timeout: 2000,
        allowExitOnIdle: true,
      })
      // An idle connection dropped by the server is reported here; unheard, it would end the process.
      pool.on('error', error => console.error('Comment rate limits: a database connection failed', error))
    }
    let { store, error } = await createStore(pool, insuranceLimiter)
    if (error && CREATED_BY_ANOTHER.has((error as { code?: string }).code ?? '')) ({ store, error } = await createStore(pool, insuranceLimiter))
    if (error) {
      // Without its table the store refuses every call, so the insurance counts; the next comment tries again.
      if (!failing) console.error(`Comment rate limits: no "${RATE_LIMIT_TABLE}" table (${error.message}); counting in memory for now`)
      ready = undefined
    }
    failing = Boolean(error)
    return store
  }

  return {
    async consume(key) {
      ready ??= open()
      return (await ready).consume(key)
    },
    async close() {
      const opened = pool
      pool = undefined
      ready = undefined
      await opened?.end()
    },
  }
}

// One limiter per process, kept on globalThis: the Remix build that takes comments and the server
// that shuts down are separate bundles of this module (as in shared-context.server.ts).
const LIMITER_KEY = Symbol.for('tweetchat.comment-rate-limiter')
const slot = globalThis as { [LIMITER_KEY]?: RateLimiter }

export function commentRateLimiter(): RateLimiter {
  return (slot[LIMITER_KEY] ??= createCommentRateLimiter(env.database))
}

export async function closeRateLimiters() {
  await slot[LIMITER_KEY]?.close()
}
