import fs from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'

import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils'

// Prisma's own schema engine, compiled to WebAssembly, drives migrations here: the native binary
// cannot be downloaded offline (docs/decisions/002-schema-engine-offline.md). `npm start`, the
// tests and production all apply the committed migrations through `applyMigrations` below.

export const MIGRATIONS_DIRECTORY = path.resolve(process.env.APP_ROOT ?? process.cwd(), 'migrations')
export const PRISMA_SCHEMA_PATH = path.resolve(process.env.APP_ROOT ?? process.cwd(), 'schema.prisma')

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
  databaseFile: string,
  run: (engine: SchemaEngine, schema: { path: string; content: string }) => Promise<T>
): Promise<T> {
  const { SchemaEngine } = await loadSchemaEngineModule()
  const content = await fs.readFile(PRISMA_SCHEMA_PATH, 'utf8')
  // The engine never closes the connections it opens; an open one keeps SQLite's write lock and
  // the next migration on the same file times out. Track them and close them ourselves.
  const factory = new PrismaBetterSqlite3({ url: `file:${databaseFile}` })
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
    { datamodels: [[PRISMA_SCHEMA_PATH, content]] },
    (message: string) => logs.push(message),
    adapter
  )
  try {
    return await run(engine, { path: PRISMA_SCHEMA_PATH, content })
  } catch (error) {
    const detail = error instanceof Error ? error.message : JSON.stringify(error)
    throw new Error(`The schema engine failed on ${databaseFile}: ${detail}`, { cause: error })
  } finally {
    engine.free()
    await Promise.all(opened.map(connection => connection.dispose()))
  }
}

export async function readMigrations(directory = MIGRATIONS_DIRECTORY): Promise<MigrationList> {
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

/** Creates the database file if needed and applies every committed migration not yet applied. */
export async function applyMigrations(databaseFile: string, directory = MIGRATIONS_DIRECTORY) {
  await fs.mkdir(path.dirname(databaseFile), { recursive: true })
  const migrationsList = await readMigrations(directory)
  if (migrationsList.migrationDirectories.length === 0) {
    throw new Error(`No migrations found in ${directory}: run "npm run db:migration -- NAME" first.`)
  }
  return withSchemaEngine(databaseFile, async engine => {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_FILTER })
    return appliedMigrationNames
  })
}

/**
 * The SQL that would bring the committed migrations up to schema.prisma, or '' when they match.
 * Used to write a new migration and, in tests, to prove none is missing.
 */
export async function pendingSchemaChanges(directory = MIGRATIONS_DIRECTORY): Promise<string> {
  const scratch = await fs.mkdtemp(path.join((await import('node:os')).tmpdir(), 'tweetchat-diff-'))
  try {
    const databaseFile = path.join(scratch, 'migrated.db')
    const migrationsList = await readMigrations(directory)
    return await withSchemaEngine(databaseFile, async (engine, schema) => {
      if (migrationsList.migrationDirectories.length > 0) {
        await engine.applyMigrations({ migrationsList, filters: NO_FILTER })
      }
      const result = await engine.diff({
        from: { tag: 'schemaDatasource', files: [schema], configDir: path.dirname(schema.path) },
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
