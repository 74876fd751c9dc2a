import assert from 'node:assert/strict'
import { execFile, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { promisify } from 'node:util'

import Database from 'better-sqlite3'
import sharp from 'sharp'

import { localFolderStore } from '../../app/features/images/image-store.server'
import { prepareImage, type PreparedImage } from '../../app/features/images/images.server'
import { BACKUP_DATABASE, BACKUP_IMAGES, backupDatabase, backupSite, restoreDatabase, restoreSite } from '../../app/features/backup/backup.server'
import { applyMigrations } from '../../app/server/migrations.server'

// Backups are taken from a real migrated database while another process writes to it, and
// restored over a database whose last changes sit in the WAL of a process that died. A site's
// backup also holds its images folder, with real images made and stored as uploads are.

const run = promisify(execFile)
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetchat-backup-'))
const template = path.join(scratch, 'template.db')
const FILLER_TAGS = 30_000
const BATCH_SIZE = 50
let fileCounter = 0

before(async () => {
  await applyMigrations(template)
  // Some megabytes of rows, so copying takes long enough for the writer to want the lock meanwhile.
  const db = new Database(template)
  const insert = db.prepare('insert into "Tag" (id, name, slug) values (?, ?, ?)')
  db.transaction(() => {
    for (let i = 0; i < FILLER_TAGS; i++) insert.run(`filler-${i}`, `Filler tag number ${i} `.repeat(4), `filler-${i}`)
  })()
  db.close()
})
after(() => fs.rmSync(scratch, { recursive: true, force: true }))

/** A fresh copy of the migrated, filled database, so no two tests share state. */
function liveDatabase() {
  const file = path.join(scratch, `live-${++fileCounter}`, 'site.db')
  fs.mkdirSync(path.dirname(file))
  fs.copyFileSync(template, file)
  return file
}

function query<T>(file: string, sql: string): T[] {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    return db.prepare(sql).all() as T[]
  } finally {
    db.close()
  }
}

/** Every row of every table, in storage order: two databases with equal content give equal values. */
function contentOf(file: string) {
  const tables = query<{ name: string }>(file, "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
  return Object.fromEntries(tables.map(({ name }) => [name, query(file, `select * from "${name}" order by rowid`)]))
}

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex')
const integrity = (file: string) => query<{ integrity_check: string }>(file, 'pragma integrity_check').map(row => row.integrity_check)
/** The writer's tags (ids w<batch>-<row>) counted per batch. */
const writerBatches = (file: string) =>
  query<{ batch: number; n: number }>(
    file,
    `select cast(substr(id, 2, instr(id, '-') - 2) as integer) as batch, count(*) as n from "Tag" where id glob 'w*' group by batch`
  )

// A second process inserting BATCH_SIZE tags per transaction until its stdin closes. It prints
// "started" after its first commit and "done N" with the number of batches it committed.
const WRITER = `
const Database = require('better-sqlite3')
const [file, size] = process.argv.slice(1)
const db = new Database(file, { timeout: 5000 })
const insert = db.prepare('insert into "Tag" (id, name, slug) values (?, ?, ?)')
const batch = db.transaction(n => { for (let i = 0; i < Number(size); i++) insert.run('w' + n + '-' + i, 'batch ' + n + ' #' + i, 'w-' + n + '-' + i) })
let committed = 0
let stopping = false
process.stdin.on('end', () => { stopping = true }).resume()
;(function next() {
  if (stopping) { db.close(); process.stdout.write('done ' + committed + '\\n'); return }
  batch(committed++)
  if (committed === 1) process.stdout.write('started\\n')
  setImmediate(next)
})()
`

function startWriter(file: string) {
  const child = spawn(process.execPath, ['-e', WRITER, file, String(BATCH_SIZE)], { cwd: process.cwd(), stdio: ['pipe', 'pipe', 'inherit'] })
  let output = ''
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = output.match(pattern)
        if (match) resolve(match)
      }
      child.stdout.setEncoding('utf8').on('data', chunk => {
        output += chunk
        check()
      })
      child.once('exit', code => reject(new Error(`writer exited with ${code} before printing ${pattern}: ${output}`)))
      check()
    })
  const started = waitFor(/^started$/m)
  const done = waitFor(/^done (\d+)$/m)
  // Awaited only in stop(); a writer that dies early is reported through `started`.
  done.catch(() => {})
  return {
    started,
    async stop() {
      child.stdin.end()
      return Number((await done)[1])
    },
  }
}

test('a backup taken while another process writes is sound and holds whole transactions only', async t => {
  const live = liveDatabase()
  const writer = startWriter(live)
  await writer.started
  const batchesBefore = writerBatches(live).length
  const summary = await backupDatabase(live, path.join(scratch, 'during-writes.db'))
  const batchesAfter = await writer.stop()

  assert.deepEqual(integrity(summary.file), ['ok'])
  const copied = writerBatches(summary.file)
  assert.ok(copied.every(({ n }) => n === BATCH_SIZE), 'every batch in the backup is complete')
  assert.ok(copied.length >= batchesBefore && copied.length <= batchesAfter, `${copied.length} batches between ${batchesBefore} and ${batchesAfter}`)
  const numbers = new Set(copied.map(({ batch }) => batch))
  assert.ok([...Array(copied.length).keys()].every(n => numbers.has(n)), 'the backup holds batches 0…k-1, a prefix of the commits')
  assert.equal(summary.bytes, fs.statSync(summary.file).size)
  t.diagnostic(`backup of ${summary.pages} pages, ${summary.bytes} bytes, ${summary.tables} tables in ${summary.milliseconds.toFixed(1)} ms; writer batches: ${batchesBefore} before, ${copied.length} copied, ${batchesAfter} at the end`)
})

test('a backup is written under a temporary name and leaves nothing else beside it', async () => {
  const live = liveDatabase()
  const directory = path.join(scratch, 'only-the-backup')
  await backupDatabase(live, path.join(directory, 'site.db'))
  assert.deepEqual(fs.readdirSync(directory), ['site.db'])
})

test('restore brings back exactly the backed-up content after the live database changed', async () => {
  const live = liveDatabase()
  const backup = path.join(scratch, 'before-changes.db')
  await backupDatabase(live, backup)
  const expected = contentOf(live)

  const db = new Database(live)
  db.prepare(`delete from "Tag" where id like 'filler-1%'`).run()
  db.prepare(`insert into "Tag" (id, name, slug) values ('new', 'Added after the backup', 'new')`).run()
  db.close()
  assert.notDeepEqual(contentOf(live), expected)

  await restoreDatabase(backup, live)
  assert.deepEqual(contentOf(live), expected)
})

test('restore discards the WAL a crashed process left beside the live database', async () => {
  const live = liveDatabase()
  const backup = path.join(scratch, 'before-crash.db')
  await backupDatabase(live, backup)
  const expected = contentOf(live)

  // The process dies by SIGKILL, so SQLite never checkpoints: its last writes exist only in -wal.
  const crash = `
    const db = new (require('better-sqlite3'))(process.argv[1])
    db.pragma('journal_mode = WAL')
    db.pragma('wal_autocheckpoint = 0')
    db.prepare("delete from \\"Tag\\" where id like 'filler-2%'").run()
    process.kill(process.pid, 'SIGKILL')
  `
  await run(process.execPath, ['-e', crash, live]).catch(error => assert.equal(error.signal, 'SIGKILL'))
  assert.ok(fs.statSync(`${live}-wal`).size > 0, 'the crashed writer left a WAL')

  await restoreDatabase(backup, live)
  assert.equal(fs.existsSync(`${live}-wal`), false)
  assert.equal(fs.existsSync(`${live}-shm`), false)
  assert.deepEqual(contentOf(live), expected)
  assert.deepEqual(integrity(live), ['ok'])
})

/** A real backup with the root page of the Tag table overwritten, as a failing disk would leave it. */
async function corruptBackup(file: string) {
  await backupDatabase(liveDatabase(), file)
  const [{ rootpage }] = query<{ rootpage: number }>(file, `select rootpage from sqlite_master where name = 'Tag'`)
  const [{ page_size: pageSize }] = query<{ page_size: number }>(file, 'pragma page_size')
  const descriptor = fs.openSync(file, 'r+')
  fs.writeSync(descriptor, Buffer.alloc(pageSize, 0x55), 0, pageSize, (rootpage - 1) * pageSize)
  fs.closeSync(descriptor)
}

const refusals: { name: string; reason: RegExp; make(file: string): void | Promise<void> }[] = [
  { name: 'a missing file', reason: /does not exist/, make: () => {} },
  { name: 'a file that is not a database', reason: /is not an SQLite database/, make: file => fs.copyFileSync('package.json', file) },
  { name: 'a corrupt database', reason: /fails the integrity check/, make: corruptBackup },
  {
    name: 'a database of some other application',
    reason: /has no _prisma_migrations table/,
    make: file => {
      const db = new Database(file)
      db.exec('create table notes (id integer primary key, body text); insert into notes (body) values (\'hello\')')
      db.close()
    },
  },
]

for (const { name, reason, make } of refusals) {
  test(`restore refuses ${name}, naming it, and changes nothing`, async () => {
    const live = liveDatabase()
    const before = sha256(live)
    const backup = path.join(scratch, `refused-${++fileCounter}.db`)
    await make(backup)

    await assert.rejects(restoreDatabase(backup, live), (error: Error) => {
      assert.match(error.message, reason)
      assert.ok(error.message.includes(backup), `"${error.message}" names ${backup}`)
      return true
    })
    assert.equal(sha256(live), before)
    assert.deepEqual(fs.readdirSync(path.dirname(live)), ['site.db'])
  })
}

// ---------------------------------------------------------------------------------------------
// The whole site: database and images folder.

/** A live site: a fresh database and an images folder beside it, as the server keeps them. */
function liveSite() {
  const databaseFile = liveDatabase()
  return { databaseFile, imagesFolder: path.join(path.dirname(databaseFile), 'images') }
}

const photo = (red: number) =>
  sharp({ create: { width: 640, height: 480, channels: 3, background: { r: red, g: 100, b: 150 } } })
    .jpeg()
    .toBuffer()

/** A real image, prepared and stored as an upload is, and named by an Image row, as the desk saves it. */
async function addImage(site: { databaseFile: string; imagesFolder: string }, red: number): Promise<PreparedImage> {
  const image = await prepareImage(await photo(red), `photo-${red}.jpg`)
  const store = localFolderStore(site.imagesFolder)
  for (const variant of image.variants) await store.put(`${image.id}/${variant.name}`, variant.body, variant.contentType)
  const db = new Database(site.databaseFile)
  db.prepare('insert into "Image" (id, file_id, file_extension, file_filesize, file_width, file_height, alt) values (?, ?, ?, ?, ?, ?, ?)').run(
    `row-${image.id}`,
    image.id,
    image.extension,
    image.filesize,
    image.width,
    image.height,
    `Photo ${red}`
  )
  db.close()
  return image
}

/** Every file under `folder` with its SHA-256, by relative path: equal values, equal folders. */
function filesOf(folder: string): Record<string, string> {
  if (!fs.existsSync(folder)) return {}
  const found: Record<string, string> = {}
  for (const entry of fs.readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const file = path.join(entry.parentPath, entry.name)
    found[path.relative(folder, file)] = sha256(file)
  }
  return found
}

test('a site backup is one folder holding the database and every image variant, byte for byte', async t => {
  const site = liveSite()
  const images = [await addImage(site, 10), await addImage(site, 200)]
  const destination = path.join(scratch, 'site-backups', 'whole')
  const started = performance.now()
  const summary = await backupSite(site.databaseFile, site.imagesFolder, destination)
  const took = performance.now() - started

  assert.equal(summary.folder, destination)
  assert.deepEqual(fs.readdirSync(destination).sort(), [BACKUP_IMAGES, BACKUP_DATABASE].sort())
  assert.deepEqual(fs.readdirSync(path.dirname(destination)), ['whole'], 'nothing is left under a temporary name')
  assert.deepEqual(contentOf(path.join(destination, BACKUP_DATABASE)), contentOf(site.databaseFile))
  assert.deepEqual(filesOf(path.join(destination, BACKUP_IMAGES)), filesOf(site.imagesFolder))
  const variants = images.reduce((sum, image) => sum + image.variants.length, 0)
  assert.equal(Object.keys(filesOf(site.imagesFolder)).length, variants)
  assert.deepEqual(
    { images: summary.images?.images, files: summary.images?.files, missing: summary.images?.missing },
    { images: 2, files: variants, missing: [] }
  )
  t.diagnostic(`backup of ${summary.database.bytes} bytes of database and ${summary.images?.files} image files (${summary.images?.bytes} bytes) in ${took.toFixed(0)} ms`)
})

test('a site backup skips unfinished uploads and names the images the database expects but the folder lacks', async () => {
  const site = liveSite()
  const kept = await addImage(site, 30)
  const lost = await addImage(site, 60)
  fs.rmSync(path.join(site.imagesFolder, lost.id), { recursive: true })
  fs.writeFileSync(path.join(site.imagesFolder, kept.id, 'full.jpg.a1b2c3.partial'), 'half a file')

  const summary = await backupSite(site.databaseFile, site.imagesFolder, path.join(scratch, 'site-backups', 'with-missing'))
  assert.deepEqual(summary.images?.missing, [`${lost.id}.jpg`])
  assert.deepEqual(
    Object.keys(filesOf(path.join(summary.folder, BACKUP_IMAGES))).sort(),
    kept.variants.map(variant => path.join(kept.id, variant.name)).sort()
  )
})

test('a site backup refuses a folder that already exists and leaves it alone', async () => {
  const site = liveSite()
  const existing = fs.mkdtempSync(path.join(scratch, 'existing-'))
  fs.writeFileSync(path.join(existing, 'notes.txt'), 'mine')
  await assert.rejects(backupSite(site.databaseFile, site.imagesFolder, existing), new RegExp(`${existing} already exists`))
  assert.deepEqual(fs.readdirSync(existing), ['notes.txt'])
})

test('restoring a site brings back the database and exactly the images of the backup', async () => {
  const site = liveSite()
  const before = await addImage(site, 90)
  const backup = await backupSite(site.databaseFile, site.imagesFolder, path.join(scratch, 'site-backups', 'before-changes'))
  const expectedContent = contentOf(site.databaseFile)
  const expectedImages = filesOf(site.imagesFolder)

  // After the backup: the image replaced by a new one, and a tag removed.
  fs.rmSync(path.join(site.imagesFolder, before.id), { recursive: true })
  await addImage(site, 120)
  const db = new Database(site.databaseFile)
  db.prepare(`delete from "Tag" where id = 'filler-7'`).run()
  db.close()
  assert.notDeepEqual(filesOf(site.imagesFolder), expectedImages)

  const summary = await restoreSite(backup.folder, site.databaseFile, site.imagesFolder)
  assert.deepEqual(contentOf(site.databaseFile), expectedContent)
  assert.deepEqual(filesOf(site.imagesFolder), expectedImages)
  assert.ok(!('keptBecause' in summary.images) && summary.images.images === 1)
  assert.deepEqual(fs.readdirSync(path.dirname(site.databaseFile)).sort(), ['images', 'site.db'], 'no temporary or old folder is left beside them')
})

test('restoring a site onto a machine with no images folder yet creates it', async () => {
  const site = liveSite()
  await addImage(site, 150)
  const backup = await backupSite(site.databaseFile, site.imagesFolder, path.join(scratch, 'site-backups', 'to-new-machine'))
  const fresh = liveSite()
  await restoreSite(backup.folder, fresh.databaseFile, fresh.imagesFolder)
  assert.deepEqual(filesOf(fresh.imagesFolder), filesOf(site.imagesFolder))
  assert.deepEqual(contentOf(fresh.databaseFile), contentOf(site.databaseFile))
})

test('a refused site backup changes neither the database nor the images, and leaves no copy behind', async () => {
  const site = liveSite()
  await addImage(site, 180)
  const backup = await backupSite(site.databaseFile, site.imagesFolder, path.join(scratch, 'site-backups', 'to-corrupt'))
  const backupDatabaseFile = path.join(backup.folder, BACKUP_DATABASE)
  fs.rmSync(backupDatabaseFile)
  await corruptBackup(backupDatabaseFile)
  await addImage(site, 181)
  const databaseBefore = sha256(site.databaseFile)
  const imagesBefore = filesOf(site.imagesFolder)

  await assert.rejects(restoreSite(backup.folder, site.databaseFile, site.imagesFolder), (error: Error) => {
    assert.match(error.message, /fails the integrity check/)
    assert.ok(error.message.includes(backupDatabaseFile), error.message)
    return true
  })
  assert.equal(sha256(site.databaseFile), databaseBefore)
  assert.deepEqual(filesOf(site.imagesFolder), imagesBefore)
  assert.deepEqual(fs.readdirSync(path.dirname(site.databaseFile)).sort(), ['images', 'site.db'])

  const notABackup = fs.mkdtempSync(path.join(scratch, 'not-a-backup-'))
  await assert.rejects(restoreSite(notABackup, site.databaseFile, site.imagesFolder), new RegExp(`${notABackup} holds no site.db`))
})

const tsx = import.meta.resolve('tsx')

function cli(script: 'backup' | 'restore', args: string[], databaseUrl: string, { cwd = process.cwd(), env = {} }: { cwd?: string; env?: Record<string, string> } = {}) {
  return run(process.execPath, ['--import', tsx, path.resolve(`scripts/${script}.ts`), ...args], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      SESSION_SECRET: 'cli-test-secret-that-is-long-enough-0123456789',
      ...env,
    },
  })
}

test('npm run backup copies the database named by DATABASE_URL and its images folder, and reports paths and sizes', async () => {
  const site = liveSite()
  const image = await addImage(site, 210)
  const destination = path.join(scratch, 'cli', 'copy')
  const { stdout } = await cli('backup', [destination], `file:${site.databaseFile}`)
  const bytes = fs.statSync(path.join(destination, BACKUP_DATABASE)).size
  assert.ok(stdout.includes(destination), stdout)
  assert.ok(stdout.includes(`${bytes} bytes`), stdout)
  assert.ok(stdout.includes(`1 images, ${image.variants.length} files`), stdout)
  assert.deepEqual(contentOf(path.join(destination, BACKUP_DATABASE)), contentOf(site.databaseFile))
  assert.deepEqual(filesOf(path.join(destination, BACKUP_IMAGES)), filesOf(site.imagesFolder))

  await assert.rejects(cli('backup', [path.join(scratch, 'cli', 'old-habit.db')], `file:${site.databaseFile}`), (error: { code: number; stderr: string }) => {
    assert.equal(error.code, 1)
    assert.match(error.stderr, /old-habit\.db: a backup is now a folder holding site\.db and images\//)
    return true
  })
})

test('npm run backup without a destination writes backups/site-<timestamp>/', async () => {
  const site = liveSite()
  await addImage(site, 220)
  const directory = fs.mkdtempSync(path.join(scratch, 'cwd-'))
  await cli('backup', [], `file:${site.databaseFile}`, { cwd: directory })
  const [name, ...others] = fs.readdirSync(path.join(directory, 'backups'))
  assert.deepEqual(others, [])
  assert.match(name, /^site-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z$/)
  assert.deepEqual(fs.readdirSync(path.join(directory, 'backups', name)).sort(), [BACKUP_IMAGES, BACKUP_DATABASE].sort())
})

test('with images in S3-compatible storage, npm run backup copies the database only and says how the bucket is protected', async () => {
  const site = liveSite()
  const destination = path.join(scratch, 'cli', 'images-in-s3')
  const { stdout } = await cli('backup', [destination], `file:${site.databaseFile}`, {
    env: { IMAGES_S3_BUCKET: 'site-images', IMAGES_S3_ENDPOINT: 'http://127.0.0.1:9000', IMAGES_S3_ACCESS_KEY_ID: 'key', IMAGES_S3_SECRET_ACCESS_KEY: 'secret' },
  })
  assert.deepEqual(fs.readdirSync(destination), [BACKUP_DATABASE])
  assert.match(stdout, /Images are kept in the S3 bucket "site-images" at http:\/\/127\.0\.0\.1:9000, which this backup does not copy/)
  assert.match(stdout, /versioning, replication/)
  assert.match(stdout, /This backup holds the database only/)
})

test('npm run restore puts a backup folder back, database and images, and fails with exit code 1 on a bad one', async () => {
  const site = liveSite()
  await addImage(site, 230)
  const backup = path.join(scratch, 'cli-restore')
  await backupSite(site.databaseFile, site.imagesFolder, backup)
  const expectedContent = contentOf(site.databaseFile)
  const expectedImages = filesOf(site.imagesFolder)
  const db = new Database(site.databaseFile)
  db.prepare(`delete from "Tag"`).run()
  db.close()
  fs.rmSync(site.imagesFolder, { recursive: true })

  const { stdout } = await cli('restore', [backup], `file:${site.databaseFile}`)
  assert.match(stdout, new RegExp(`Restored ${site.imagesFolder} \\(1 images`))
  assert.deepEqual(contentOf(site.databaseFile), expectedContent)
  assert.deepEqual(filesOf(site.imagesFolder), expectedImages)
  await assert.rejects(cli('restore', ['package.json'], `file:${site.databaseFile}`), (error: { code: number; stderr: string }) => {
    assert.equal(error.code, 1)
    assert.match(error.stderr, /package\.json is not an SQLite database/)
    return true
  })
})

test('npm run restore still takes a single .db backup of earlier versions, and leaves the images as they are', async () => {
  const site = liveSite()
  await addImage(site, 240)
  const backup = path.join(scratch, 'earlier-version.db')
  await backupDatabase(site.databaseFile, backup)
  const expectedContent = contentOf(site.databaseFile)
  await addImage(site, 250)
  const imagesNow = filesOf(site.imagesFolder)

  const { stdout } = await cli('restore', [backup], `file:${site.databaseFile}`)
  assert.match(stdout, /The images were left as they are: .*database-only backup/)
  assert.deepEqual(contentOf(site.databaseFile), expectedContent)
  assert.deepEqual(filesOf(site.imagesFolder), imagesNow)
})

test('both commands point PostgreSQL users to pg_dump and pg_restore', async () => {
  for (const script of ['backup', 'restore'] as const) {
    await assert.rejects(cli(script, ['backup-folder'], 'postgres://user@localhost/site'), (error: { code: number; stderr: string }) => {
      assert.equal(error.code, 1)
      assert.match(error.stderr, /pg_dump/)
      assert.match(error.stderr, /pg_restore/)
      return true
    })
  }
})
