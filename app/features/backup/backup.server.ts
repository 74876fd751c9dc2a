import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import Database from 'better-sqlite3'

import { isImageId } from '../../domain/images'
import { env } from '../../server/env.server'

// Online backup and restore of the site: the SQLite database and, when images are kept in a local
// folder, that folder. A backup is a folder holding `site.db` and `images/`; the database is taken
// through SQLite's backup API while the site keeps running; a restore replaces both and needs the
// server stopped, because open connections would keep writing to the old inode.

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

/** Where the site keeps its images on disk; null when they are in S3-compatible storage. */
export function siteImagesFolder(): string | null {
  return env.imagesS3 ? null : env.IMAGES_FOLDER
}

/** What a backup says when the images are in a bucket, which `npm run backup` does not copy. */
export function imagesInBucketNote(): string | null {
  const s3 = env.imagesS3
  if (!s3) return null
  const where = `the S3 bucket "${s3.bucket}"${s3.endpoint ? ` at ${s3.endpoint}` : ''}`
  return (
    `Images are kept in ${where}, which this backup does not copy: protect them with the storage's own means ` +
    '(bucket versioning, replication to a second bucket or region, or its snapshots). This backup holds the database only.'
  )
}

/** A name in the same directory as `file`, so the final rename stays on one file system and is atomic. */
function temporaryBeside(file: string, kind = 'tmp') {
  return path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.${kind}`)
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
 * Makes a checked copy one self-contained file (a copy of a WAL database is marked WAL too) and
 * writes it to disk, so that a rename can then give it its real name: readers see the old file or
 * the whole new one.
 */
function seal(temporary: string, check: (copy: Database.Database) => void = () => {}) {
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

    const { pages, tables } = seal(temporary, copy => {
      const problems = integrityProblems(copy)
      if (problems) throw new Error(`The copy of ${source} fails the integrity check: ${problems}`)
    })
    fs.renameSync(temporary, destination)
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

/** A checked, sealed copy of the backup beside the target, ready to be renamed over it. */
function copyBesideAndCheck(backup: string, target: string) {
  const stat = fs.statSync(backup, { throwIfNoEntry: false })
  if (!stat?.isFile()) throw new Error(`Backup ${backup} does not exist`)
  fs.mkdirSync(path.dirname(target), { recursive: true })
  const temporary = temporaryBeside(target)
  try {
    fs.copyFileSync(backup, temporary)
    const problem = backupProblem(temporary, `Backup ${backup}`)
    if (problem) throw new Error(problem)
    return { temporary, ...seal(temporary) }
  } catch (error) {
    removeWithSidecars(temporary)
    throw error
  }
}

/** Renames the checked copy over the target and drops the old file's journal. */
function putDatabaseInPlace(temporary: string, target: string) {
  fs.renameSync(temporary, target)
  // A -wal or -journal left by the old file would be replayed into the restored one on next open.
  // Removed only after the rename: before it, they may still hold the old file's last writes.
  for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(target + suffix, { force: true })
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
  const { temporary, pages, tables } = copyBesideAndCheck(backup, target)
  try {
    putDatabaseInPlace(temporary, target)
    return { file: target, bytes: fs.statSync(target).size, pages, tables, milliseconds: performance.now() - started }
  } finally {
    removeWithSidecars(temporary)
  }
}

// ---------------------------------------------------------------------------------------------
// The whole site: a backup folder holds site.db and, when images are kept on disk, images/.

export const BACKUP_DATABASE = 'site.db'
export const BACKUP_IMAGES = 'images'

type ImagesSummary = {
  folder: string
  images: number
  files: number
  bytes: number
  /** Images the database names whose original is not in the copy, as `<id>.<extension>`. */
  missing: string[]
}

export type SiteBackupSummary = { folder: string; database: BackupSummary; images: ImagesSummary | null }

/** Copies a file and writes it to disk before the caller renames the folder that holds it. */
function copyDurably(source: string, destination: string) {
  fs.copyFileSync(source, destination)
  flushToDisk(destination)
}

/**
 * Copies every finished variant (`<id>/<variant>`) from `source` to `target`, leaving those already
 * there: a variant never changes under its name, so a second pass only adds what is new. A variant
 * deleted while the copy runs (its image replaced) is skipped.
 */
function copyImages(source: string, target: string) {
  fs.mkdirSync(target, { recursive: true })
  // A site that never stored an image has no folder yet.
  if (!fs.existsSync(source)) return
  for (const entry of fs.readdirSync(source, { withFileTypes: true })) {
    if (!entry.isDirectory() || !isImageId(entry.name)) continue
    let names: string[]
    try {
      names = fs.readdirSync(path.join(source, entry.name))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue
      throw error
    }
    for (const name of names) {
      // Written under a temporary name and renamed when whole (image-store.server.ts).
      if (name.endsWith('.partial')) continue
      const destination = path.join(target, entry.name, name)
      if (fs.existsSync(destination)) continue
      fs.mkdirSync(path.dirname(destination), { recursive: true })
      try {
        copyDurably(path.join(source, entry.name, name), destination)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue
        throw error
      }
    }
  }
}

function countImages(folder: string): Omit<ImagesSummary, 'missing'> {
  let images = 0
  let files = 0
  let bytes = 0
  for (const id of fs.readdirSync(folder)) {
    images++
    for (const name of fs.readdirSync(path.join(folder, id))) {
      files++
      bytes += fs.statSync(path.join(folder, id, name)).size
    }
  }
  return { folder, images, files, bytes }
}

/**
 * The images a database names: every Keystone image() field is stored as `<field>_id` and
 * `<field>_extension` columns, so they are found in any list, present or future.
 */
function imagesNamedIn(databaseFile: string) {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true })
  try {
    const named: { id: string; extension: string }[] = []
    const tables = db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").pluck().all() as string[]
    for (const table of tables) {
      const columns = new Set((db.pragma(`table_info("${table}")`) as { name: string }[]).map(column => column.name))
      for (const column of columns) {
        const field = column.match(/^(.+)_extension$/)?.[1]
        if (!field || !columns.has(`${field}_id`)) continue
        named.push(
          ...(db.prepare(`select "${field}_id" as id, "${field}_extension" as extension from "${table}" where "${field}_id" is not null`).all() as {
            id: string
            extension: string
          }[])
        )
      }
    }
    return named
  } finally {
    db.close()
  }
}

/**
 * Backs up the database and, unless `imagesFolder` is null (images in a bucket), the images into a
 * new folder `destination`, written under a temporary name and renamed when complete.
 *
 * The images are copied before and after the database snapshot. Variants never change under their
 * name and are stored only after the row naming them is saved, so the first pass takes every image
 * the snapshot can name that was deleted (replaced) meanwhile, and the second every image saved
 * just before the snapshot but written after the first pass. Images the copy still lacks are
 * reported by id rather than left for a restore to discover.
 */
export async function backupSite(databaseFile: string, imagesFolder: string | null, destination: string): Promise<SiteBackupSummary> {
  const folder = path.resolve(destination)
  if (fs.existsSync(folder)) throw new Error(`${folder} already exists: give a new folder for the backup`)
  fs.mkdirSync(path.dirname(folder), { recursive: true })
  const temporary = temporaryBeside(folder)
  fs.mkdirSync(temporary)
  try {
    const imagesCopy = path.join(temporary, BACKUP_IMAGES)
    if (imagesFolder) copyImages(imagesFolder, imagesCopy)
    const database = await backupDatabase(databaseFile, path.join(temporary, BACKUP_DATABASE))
    let images: ImagesSummary | null = null
    if (imagesFolder) {
      copyImages(imagesFolder, imagesCopy)
      const missing = imagesNamedIn(database.file)
        .filter(({ id, extension }) => !fs.existsSync(path.join(imagesCopy, id, `full.${extension}`)))
        .map(({ id, extension }) => `${id}.${extension}`)
      images = { ...countImages(imagesCopy), folder: path.join(folder, BACKUP_IMAGES), missing }
    }
    fs.renameSync(temporary, folder)
    return { folder, database: { ...database, file: path.join(folder, BACKUP_DATABASE) }, images }
  } catch (error) {
    fs.rmSync(temporary, { recursive: true, force: true })
    throw error
  }
}

export type SiteRestoreSummary = {
  database: BackupSummary
  /** The images put back, or why the images folder was left as it was. */
  images: ImagesSummary | { keptBecause: string }
}

/**
 * Restores a backup made by `backupSite` (a folder) or an older single `.db` file. Everything is
 * checked and copied beside its target first (the database checked as `restoreDatabase` does, the
 * images copied whole into a temporary folder); only then are the two renamed into place, the old
 * images folder kept aside until the database is in place too. A failure before that changes
 * nothing; a failed rename of the database puts the old images back.
 */
export async function restoreSite(backupPath: string, databaseFile: string, imagesFolder: string | null): Promise<SiteRestoreSummary> {
  const started = performance.now()
  const backup = path.resolve(backupPath)
  const stat = fs.statSync(backup, { throwIfNoEntry: false })
  if (!stat) throw new Error(`Backup ${backup} does not exist`)
  if (stat.isFile()) {
    return { database: await restoreDatabase(backup, databaseFile), images: { keptBecause: `${backup} is a database-only backup (made before backups held the images)` } }
  }

  const backupDatabaseFile = path.join(backup, BACKUP_DATABASE)
  if (!fs.existsSync(backupDatabaseFile)) throw new Error(`Backup ${backup} holds no ${BACKUP_DATABASE}: it is not a folder made by npm run backup`)
  const backupImages = path.join(backup, BACKUP_IMAGES)
  const hasImages = fs.statSync(backupImages, { throwIfNoEntry: false })?.isDirectory() ?? false
  if (!imagesFolder || !hasImages) {
    const keptBecause = !imagesFolder
      ? `images are kept in S3-compatible storage, which a restore does not change${hasImages ? ` (the backup's ${backupImages} was not uploaded)` : ''}`
      : `the backup ${backup} holds no images (it was made while images were kept in S3-compatible storage)`
    return { database: await restoreDatabase(backupDatabaseFile, databaseFile), images: { keptBecause } }
  }

  const target = path.resolve(databaseFile)
  const images = path.resolve(imagesFolder)
  const database = copyBesideAndCheck(backupDatabaseFile, target)
  fs.mkdirSync(path.dirname(images), { recursive: true })
  const newImages = temporaryBeside(images)
  const oldImages = temporaryBeside(images, 'old')
  try {
    copyImages(backupImages, newImages)
    const hadImages = fs.existsSync(images)
    if (hadImages) fs.renameSync(images, oldImages)
    fs.renameSync(newImages, images)
    try {
      putDatabaseInPlace(database.temporary, target)
    } catch (error) {
      fs.renameSync(images, newImages)
      if (hadImages) fs.renameSync(oldImages, images)
      throw error
    }
    fs.rmSync(oldImages, { recursive: true, force: true })
    return {
      database: { file: target, bytes: fs.statSync(target).size, pages: database.pages, tables: database.tables, milliseconds: performance.now() - started },
      images: { ...countImages(images), missing: [] },
    }
  } finally {
    removeWithSidecars(database.temporary)
    fs.rmSync(newImages, { recursive: true, force: true })
  }
}
