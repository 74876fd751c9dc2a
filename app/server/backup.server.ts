import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import Database from 'better-sqlite3'

import { env } from './env.server'

// Online backup and restore of the SQLite database. A backup is taken through SQLite's backup API
// while the site keeps running; a restore replaces the file and needs the server stopped, because
// open connections would keep writing to the old inode.

export type BackupSummary = {
  file: string
  bytes: number
  pages: number
  tables: number
  milliseconds: number
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1')
const BUSY_TIMEOUT_MS = 5000
// Copying every page in one step holds one read transaction for the whole copy, so the snapshot is
// consistent. In small steps, each write by another process would restart the copy from page one,
// and a busy site could keep a backup restarting forever.
const ALL_PAGES = 0x7fffffff

const POSTGRES_MESSAGE =
  'DATABASE_URL points at PostgreSQL: back it up with pg_dump and restore it with pg_restore; ' +
  'npm run backup and npm run restore handle the SQLite file only.'

/** The SQLite file named by DATABASE_URL; a PostgreSQL URL is answered with what to use instead. */
export function siteDatabaseFile(): string {
  if (env.database.provider !== 'sqlite') throw new Error(POSTGRES_MESSAGE)
  return env.database.file
}

/** A name in the same directory as `file`, so the final rename stays on one file system and is atomic. */
function temporaryBeside(file: string) {
  return path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`)
}

function removeWithSidecars(file: string) {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true })
}

function integrityProblems(db: Database.Database): string | undefined {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[]
  const messages = rows.map(row => row.integrity_check)
  return messages.length === 1 && messages[0] === 'ok' ? undefined : messages.slice(0, 5).join('; ')
}

function countTables(db: Database.Database) {
  return (db.prepare("select count(*) as n from sqlite_master where type = 'table'").get() as { n: number }).n
}

/** Writes every byte to disk before the rename makes the file visible under its real name. */
function flushToDisk(file: string) {
  const descriptor = fs.openSync(file, 'r+')
  try {
    fs.fsyncSync(descriptor)
  } finally {
    fs.closeSync(descriptor)
  }
}

/**
 * Makes a checked copy one self-contained file (a copy of a WAL database is marked WAL too), writes
 * it to disk, and only then gives it its real name: readers see the old file or the whole new one.
 */
function moveIntoPlace(temporary: string, destination: string, check: (copy: Database.Database) => void = () => {}) {
  const copy = new Database(temporary, { fileMustExist: true })
  let pages: number
  let tables: number
  try {
    copy.pragma('journal_mode = DELETE')
    check(copy)
    pages = copy.pragma('page_count', { simple: true }) as number
    tables = countTables(copy)
  } finally {
    copy.close()
  }
  flushToDisk(temporary)
  fs.renameSync(temporary, destination)
  return { pages, tables }
}

export async function backupDatabase(sourceFile: string, destinationFile: string): Promise<BackupSummary> {
  const started = performance.now()
  const source = path.resolve(sourceFile)
  const destination = path.resolve(destinationFile)
  if (source === destination) throw new Error(`Cannot back up ${source} onto itself`)
  if (!fs.existsSync(source)) throw new Error(`Database ${source} does not exist`)
  fs.mkdirSync(path.dirname(destination), { recursive: true })

  const temporary = temporaryBeside(destination)
  try {
    const db = new Database(source, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS })
    try {
      await db.backup(temporary, { progress: () => ALL_PAGES })
    } finally {
      db.close()
    }

    const { pages, tables } = moveIntoPlace(temporary, destination, copy => {
      const problems = integrityProblems(copy)
      if (problems) throw new Error(`The copy of ${source} fails the integrity check: ${problems}`)
    })
    return { file: destination, bytes: fs.statSync(destination).size, pages, tables, milliseconds: performance.now() - started }
  } finally {
    removeWithSidecars(temporary)
  }
}

/** Why `file` cannot be restored, or undefined when it is a sound backup of this site. */
function backupProblem(file: string, label: string): string | undefined {
  const header = Buffer.alloc(SQLITE_HEADER.length)
  const descriptor = fs.openSync(file, 'r')
  try {
    fs.readSync(descriptor, header, 0, header.length, 0)
  } finally {
    fs.closeSync(descriptor)
  }
  if (!header.equals(SQLITE_HEADER)) return `${label} is not an SQLite database`

  let db: Database.Database | undefined
  try {
    db = new Database(file, { fileMustExist: true })
    const problems = integrityProblems(db)
    if (problems) return `${label} fails the integrity check: ${problems}`
    const migrations = db.prepare("select 1 from sqlite_master where type = 'table' and name = '_prisma_migrations'").get()
    if (!migrations) return `${label} has no _prisma_migrations table, so it is not a backup of this site`
    return undefined
  } catch (error) {
    // A damaged header or page makes SQLite throw (SQLITE_CORRUPT, SQLITE_NOTADB) before any check runs.
    return `${label} fails the integrity check: ${error instanceof Error ? error.message : error}`
  } finally {
    db?.close()
  }
}

/**
 * Replaces `targetFile` with `backupFile` after checking the backup. The checks run on a copy beside
 * the target, the very bytes that are then renamed into place, so the backup itself is never
 * opened for writing and a failure leaves the target untouched.
 */
export async function restoreDatabase(backupFile: string, targetFile: string): Promise<BackupSummary> {
  const started = performance.now()
  const backup = path.resolve(backupFile)
  const target = path.resolve(targetFile)
  if (backup === target) throw new Error(`Cannot restore ${backup} onto itself`)
  const stat = fs.statSync(backup, { throwIfNoEntry: false })
  if (!stat?.isFile()) throw new Error(`Backup ${backup} does not exist`)
  fs.mkdirSync(path.dirname(target), { recursive: true })

  const temporary = temporaryBeside(target)
  try {
    fs.copyFileSync(backup, temporary)
    const problem = backupProblem(temporary, `Backup ${backup}`)
    if (problem) throw new Error(problem)

    const { pages, tables } = moveIntoPlace(temporary, target)
    // A -wal or -journal left by the old file would be replayed into the restored one on next open.
    // Removed only after the rename: before it, they may still hold the old file's last writes.
    for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(target + suffix, { force: true })
    return { file: target, bytes: fs.statSync(target).size, pages, tables, milliseconds: performance.now() - started }
  } finally {
    removeWithSidecars(temporary)
  }
}
