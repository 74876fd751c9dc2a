import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import BetterSqlite3 from 'better-sqlite3'
import pg from 'pg'

import { migrationsDirectory } from '../../app/server/database.server'
import { applyMigrations } from '../../app/server/migrations.server'

// Every test file gets a fresh database built from the committed migrations, but the schema engine
// takes seconds to apply them: they are applied once per set of migrations, into a template that
// each file then copies (SQLite: the file; PostgreSQL: CREATE DATABASE … TEMPLATE). The template is
// named by a hash of the migrations, so a changed migration builds a new one.

async function migrationsHash(provider: 'sqlite' | 'postgresql') {
  const directory = migrationsDirectory(provider)
  const hash = createHash('sha256')
  const walk = async (folder: string): Promise<void> => {
    for (const entry of (await fs.readdir(folder, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(folder, entry.name)
      if (entry.isDirectory()) await walk(full)
      else hash.update(path.relative(directory, full)).update('\0').update(await fs.readFile(full))
    }
  }
  await walk(directory)
  return hash.digest('hex').slice(0, 16)
}

const exists = (file: string) => fs.access(file).then(() => true, () => false)

/** The migrated SQLite template for the committed migrations, built by whichever test process asks first. */
async function sqliteTemplate(): Promise<string> {
  const template = path.join(os.tmpdir(), `tweetchat-migrated-${await migrationsHash('sqlite')}.db`)
  if (await exists(template)) return template
  // Built aside and renamed into place, so a process copying it never sees half a file; two
  // processes building at once each rename a whole one.
  const building = `${template}.${process.pid}.building`
  await applyMigrations(building)
  const database = new BetterSqlite3(building)
  try {
    // Everything into the main file, so that one file is the whole database.
    database.pragma('wal_checkpoint(TRUNCATE)')
  } finally {
    database.close()
  }
  await fs.rename(building, template)
  await Promise.all(['-wal', '-shm'].map(suffix => fs.rm(building + suffix, { force: true })))
  return template
}

/** Puts a migrated database at `file` (which must not exist yet), as applying the migrations would. */
export async function copyMigratedSqlite(file: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true })
  await fs.copyFile(await sqliteTemplate(), file, fs.constants.COPYFILE_EXCL)
}

/** The name of a migrated template database on the PostgreSQL server at `serverUrl`, made if missing. */
export async function postgresTemplate(serverUrl: string): Promise<string> {
  const name = `template_migrated_${await migrationsHash('postgresql')}`
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (found.rowCount) return name
    const building = `${name}_${process.pid}`
    await client.query(`CREATE DATABASE "${building}"`)
    const url = new URL(serverUrl)
    url.pathname = `/${building}`
    await applyMigrations({ provider: 'postgresql', url: url.toString() })
    // Another process may have finished first: theirs is as good as ours.
    await client.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`).catch(() => client.query(`DROP DATABASE "${building}" WITH (FORCE)`))
    return name
  } finally {
    await client.end()
  }
}
