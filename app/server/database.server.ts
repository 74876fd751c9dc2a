import path from 'node:path'

import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import type BetterSqlite3 from 'better-sqlite3'
import { LRUCache } from 'lru-cache'

// Which database the site runs on, decided once from DATABASE_URL: an SQLite file (the embedded
// default) or a PostgreSQL server (several app processes behind a load balancer). Prisma's
// generated client and the migrations are specific to each, so both live side by side and this
// module says which pair belongs to which database.

export type Database = { provider: 'sqlite'; file: string } | { provider: 'postgresql'; url: string }
export type Provider = Database['provider']

const projectRoot = () => process.env.APP_ROOT ?? process.cwd()

export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//.test(url)

/** `file:./data/site.db` or `postgres://user:password@host:5432/name`; anything else is refused by env.server.ts. */
export function databaseFromUrl(url: string): Database {
  if (isPostgresUrl(url)) return { provider: 'postgresql', url }
  return { provider: 'sqlite', file: path.resolve(projectRoot(), url.replace(/^file:/, '')) }
}

/** For messages and logs: the file, or the server and database without the password. */
export function describeDatabase(database: Database): string {
  if (database.provider === 'sqlite') return database.file
  const url = new URL(database.url)
  return `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`
}

/**
 * What `keystone build` generates, per provider (scripts/build.ts). The SQLite set is committed
 * and typechecked; of the PostgreSQL set only its Prisma schema is committed, because its
 * migrations are written from it.
 */
export const BUILD_ARTIFACTS = {
  sqlite: {
    prismaSchema: 'schema.prisma',
    prismaClient: 'generated/prisma',
    graphqlSchema: 'schema.graphql',
    types: 'generated/keystone/types.ts',
  },
  postgresql: {
    prismaSchema: 'schema.postgresql.prisma',
    prismaClient: 'generated/prisma-postgresql',
    graphqlSchema: 'generated/postgresql/schema.graphql',
    types: 'generated/postgresql/types.ts',
  },
} as const satisfies Record<Provider, Record<string, string>>

export const migrationsDirectory = (provider: Provider) => path.resolve(projectRoot(), 'migrations', provider)
export const prismaSchemaPath = (provider: Provider) => path.resolve(projectRoot(), BUILD_ARTIFACTS[provider].prismaSchema)

/** The Prisma driver adapter for the site's client and for the schema engine. */
export function driverAdapter(database: Database) {
  return database.provider === 'sqlite'
    ? // Several processes (the server, an import, a backup) may share the file: wait for the lock.
      new SqliteReusingStatements({ url: `file:${database.file}`, timeout: 5000 })
    : new PrismaPg({ connectionString: database.url })
}

type Statement = BetterSqlite3.Statement<unknown[]>
type Connection = { client: BetterSqlite3.Database }

/** Every SQLite connection the site's Prisma clients opened in this process (one, in the server). */
export const sqliteConnections = new Set<BetterSqlite3.Database>()

/**
 * Prisma's SQLite adapter prepares every query's statement anew, which was a tenth of an uncached
 * page's time. A page runs the same few dozen queries each time, so their statements are kept and
 * reused. The adapter binds parameters with `prepare(sql).bind(args)`, which better-sqlite3 allows
 * once per statement, so a kept statement is handed out behind an object that passes the
 * parameters on each call instead.
 */
class SqliteReusingStatements extends PrismaBetterSqlite3 {
  override async connect() {
    const adapter = await super.connect()
    const connection = (adapter as unknown as Connection).client
    reuseStatements(connection)
    sqliteConnections.add(connection)
    const dispose = adapter.dispose.bind(adapter)
    adapter.dispose = () => {
      sqliteConnections.delete(connection)
      return dispose()
    }
    return adapter
  }
}

function reuseStatements(connection: BetterSqlite3.Database) {
  const prepare = connection.prepare.bind(connection) as (sql: string) => Statement
  const statements = new LRUCache<string, Statement>({ max: 500 })
  const columnsOf = new WeakMap<Statement, BetterSqlite3.ColumnDefinition[]>()
  const kept = (sql: string) => {
    let statement = statements.get(sql)
    if (!statement) statements.set(sql, (statement = prepare(sql)))
    return statement
  }
  const reusable = (sql: string) => {
    const statement = kept(sql)
    const columns = () => (statement.reader ? (columnsOf.get(statement) ?? columnsOf.set(statement, statement.columns()).get(statement)!) : [])
    return {
      reader: statement.reader,
      columns,
      // Transactions begin with a bare prepare("BEGIN").run().
      run: () => statement.run(),
      bind: (args: unknown[]) => ({
        reader: statement.reader,
        columns,
        run: () => statement.run(args),
        raw: () => ({ all: () => statement.raw(true).all(args) }),
      }),
    }
  }
  connection.prepare = reusable as unknown as typeof connection.prepare
}
