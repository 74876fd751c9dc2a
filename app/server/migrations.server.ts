import fs from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'

import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils'

import {
  describeDatabase,
  driverAdapter,
  migrationsDirectory,
  prismaSchemaPath,
  type Database,
} from './database.server'

// Prisma's own schema engine, compiled to WebAssembly, drives migrations here: the native binary
// cannot be downloaded offline (docs/decisions/002-schema-engine-offline.md). `npm start`, the
// tests and production all apply the committed migrations through `applyMigrations` below.
// Each provider has its own migrations (migrations/sqlite, migrations/postgresql), written from
// its own generated Prisma schema.

type WasmModule = typeof import('@prisma/schema-engine-wasm')
type SchemaEngine = Awaited<ReturnType<WasmModule['SchemaEngine']['new']>>
type MigrationList = Parameters<SchemaEngine['applyMigrations']>[0]['migrationsList']

const NO_FILTER = { externalTables: [], externalEnums: [] }

let wasmModule: Promise<WasmModule> | undefined

/** Node 20 cannot import .wasm as a module without a flag, so instantiate it as the entry would. */
function loadSchemaEngineModule(): Promise<WasmModule> {
  wasmModule ??= (async () => {
    const require = createRequire(import.meta.url)
    const bindingsPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')
    const bindings = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as WasmModule & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void
    }
    const bytes = await fs.readFile(path.join(path.dirname(bindingsPath), 'schema_engine_bg.wasm'))
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bindings })
    bindings.__wbg_set_wasm(instance.exports)
    ;(instance.exports.__wbindgen_start as () => void)()
    return bindings
  })()
  return wasmModule
}

async function withSchemaEngine<T>(
  database: Database,
  run: (engine: SchemaEngine, schema: { path: string; content: string }) => Promise<T>
): Promise<T> {
  const { SchemaEngine } = await loadSchemaEngineModule()
  const schemaPath = prismaSchemaPath(database.provider)
  const content = await fs.readFile(schemaPath, 'utf8')
  // The engine never closes the connections it opens; an open one keeps SQLite's write lock and
  // the next migration on the same file times out. Track them and close them ourselves.
  const factory = driverAdapter(database)
  const opened: { dispose(): Promise<void> }[] = []
  const track = async <A extends { dispose(): Promise<void> }>(connection: Promise<A>) => {
    const adapter = await connection
    opened.push(adapter)
    return adapter
  }
  const adapter = bindMigrationAwareSqlAdapterFactory({
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => track(factory.connect()),
    connectToShadowDb: () => track(factory.connectToShadowDb()),
  })
  const logs: string[] = []
  const engine = await SchemaEngine.new(
    { datamodels: [[schemaPath, content]] },
    (message: string) => logs.push(message),
    adapter
  )
  try {
    return await run(engine, { path: schemaPath, content })
  } catch (error) {
    const detail = error instanceof Error ? error.message : JSON.stringify(error)
    throw new Error(`The schema engine failed on ${describeDatabase(database)}: ${detail}`, { cause: error })
  } finally {
    engine.free()
    // PostgreSQL's scratch (shadow) database may already be gone when its connection is closed.
    await Promise.allSettled(opened.map(connection => connection.dispose()))
  }
}

async function readMigrations(directory: string): Promise<MigrationList> {
  const entries = await fs.readdir(directory, { withFileTypes: true }).catch(() => [])
  const names = entries.filter(entry => entry.isDirectory()).map(entry => entry.name).sort()
  const lockPath = path.join(directory, 'migration_lock.toml')
  return {
    baseDir: directory,
    lockfile: { path: 'migration_lock.toml', content: await fs.readFile(lockPath, 'utf8').catch(() => null) },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      names.map(async name => {
        const content = await fs.readFile(path.join(directory, name, 'migration.sql'), 'utf8').catch(
          (error: Error) => error
        )
        return {
          path: name,
          migrationFile: {
            path: 'migration.sql',
            content:
              typeof content === 'string'
                ? { tag: 'ok' as const, value: content }
                : { tag: 'error' as const, value: content.message },
          },
        }
      })
    ),
  }
}

/** Names of the migrations already applied, or none when the database has no history yet. */
async function appliedMigrationNames(database: Database): Promise<Set<string>> {
  const connection = await driverAdapter(database).connect()
  try {
    const result = await connection.queryRaw({
      sql: 'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
      args: [],
      argTypes: [],
    })
    return new Set(result.rows.map(([name]) => String(name)))
  } catch {
    return new Set()
  } finally {
    await connection.dispose()
  }
}

/**
 * Applies every committed migration not yet applied (creating an SQLite file if needed) and
 * returns their names. A string is an SQLite file. When nothing is pending the schema engine is
 * not started at all: it takes a lock that a running server's open connections can hold for
 * seconds, and the CLIs (import, announce, backup) run beside the server.
 */
export async function applyMigrations(target: Database | string): Promise<string[]> {
  const database: Database = typeof target === 'string' ? { provider: 'sqlite', file: target } : target
  if (database.provider === 'sqlite') await fs.mkdir(path.dirname(database.file), { recursive: true })
  const directory = migrationsDirectory(database.provider)
  const migrationsList = await readMigrations(directory)
  if (migrationsList.migrationDirectories.length === 0) {
    throw new Error(`No migrations found in ${directory}: run "npm run db:migration -- NAME" first.`)
  }
  const applied = await appliedMigrationNames(database)
  const pending = migrationsList.migrationDirectories.filter(migration => !applied.has(migration.path))
  const names =
    pending.length === 0
      ? []
      : await withSchemaEngine(database, async engine => {
          const result = await engine.applyMigrations({ migrationsList, filters: NO_FILTER })
          return result.appliedMigrationNames
        })
  if (database.provider === 'sqlite') await useWriteAheadLog(database)
  return names
}

/**
 * Readers never wait for the writer, and a commit is one append instead of a rewrite of the
 * journal: the mode is stored in the file, so setting it once is enough.
 */
async function useWriteAheadLog(database: Database) {
  const connection = await driverAdapter(database).connect()
  try {
    await connection.executeScript('PRAGMA journal_mode = WAL')
  } finally {
    await connection.dispose()
  }
}

/** Each PostgreSQL migration keeps the Prisma schema it was written from (see below). */
export const SCHEMA_SNAPSHOT = 'schema.prisma'

/**
 * The SQL that would bring the committed migrations of a provider up to its generated Prisma
 * schema, or '' when they match. Used to write a new migration and, in tests, to prove none is
 * missing. SQLite: the migrations are applied to a scratch file, which the engine compares with
 * the schema. PostgreSQL: the engine cannot read a live PostgreSQL schema through the driver
 * adapter (it fails on the catalogue's "char" columns), so each migration keeps the schema it was
 * written from, and the next is the difference between two schemas. The engine still wants a
 * server to connect to, though it reads nothing from it.
 */
export async function pendingSchemaChanges(server: Database = { provider: 'sqlite', file: '' }): Promise<string> {
  const { provider } = server
  const directory = migrationsDirectory(provider)
  const migrationsList = await readMigrations(directory)
  const scratch = await fs.mkdtemp(path.join((await import('node:os')).tmpdir(), 'tweetchat-diff-'))
  const database: Database = server.provider === 'sqlite' ? { provider: 'sqlite', file: path.join(scratch, 'migrated.db') } : server
  const latest = migrationsList.migrationDirectories.at(-1)
  const snapshot = latest && (await fs.readFile(path.join(directory, latest.path, SCHEMA_SNAPSHOT), 'utf8').catch(() => null))
  if (provider === 'postgresql' && latest && snapshot === null) {
    throw new Error(`${path.join(directory, latest.path)} has no ${SCHEMA_SNAPSHOT}: PostgreSQL migrations are written by npm run db:migration`)
  }
  try {
    return await withSchemaEngine(database, async (engine, schema) => {
      if (provider === 'sqlite' && latest) await engine.applyMigrations({ migrationsList, filters: NO_FILTER })
      const result = await engine.diff({
        from:
          provider === 'sqlite'
            ? { tag: 'schemaDatasource', files: [schema], configDir: path.dirname(schema.path) }
            : snapshot
              ? { tag: 'schemaDatamodel', files: [{ path: schema.path, content: snapshot }] }
              : { tag: 'empty' },
        to: { tag: 'schemaDatamodel', files: [schema] },
        script: true,
        exitCode: null,
        filters: NO_FILTER,
      })
      const sql = result.stdout ?? ''
      return /^\s*(--[^\n]*\n?\s*)*$/.test(sql) || sql.includes('This is an empty migration') ? '' : sql
    })
  } finally {
    await fs.rm(scratch, { recursive: true, force: true })
  }
}
