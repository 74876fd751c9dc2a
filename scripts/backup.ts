import path from 'node:path'
import { parseArgs } from 'node:util'

import { backupSite, imagesInBucketNote, siteDatabaseFile, siteImagesFolder } from '../app/features/backup/backup.server'

const HELP = `Back up the site while it keeps running: its SQLite database and its images folder.

Usage:
  npm run backup -- [DESTINATION]

DESTINATION is a new folder; it defaults to backups/site-<timestamp>, e.g.
backups/site-2026-12-02T21-09-24.123Z (colons become hyphens so the name is valid on every file
system). It receives:
  site.db   the database named by DATABASE_URL, copied with SQLite's online backup API, so it is
            consistent even while the site writes, and checked with PRAGMA integrity_check
  images/   every image variant from IMAGES_FOLDER (by default the images folder beside the
            database), copied before and after the database so that it holds every image the
            database names
The folder is written under a temporary name and renamed when complete.

When images are kept in S3-compatible storage (IMAGES_S3_BUCKET), the backup holds the database
only: protect the bucket with the storage's own versioning or replication.

Options:
  --help   show this text

Restore a backup with npm run restore -- FOLDER. For PostgreSQL use pg_dump and pg_restore.
`

function defaultDestination(now = new Date()) {
  return path.join('backups', `site-${now.toISOString().replace(/:/g, '-')}`)
}

function formatBytes(bytes: number) {
  if (bytes < 1024) return `${bytes} bytes`
  const units = ['KiB', 'MiB', 'GiB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toFixed(1)} ${units[unit]} (${bytes} bytes)`
}

async function main() {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { help: { type: 'boolean' } } })
  if (values.help) {
    process.stdout.write(HELP)
    return
  }
  if (positionals.length > 1) throw new Error('Give at most one DESTINATION.\n\nSee npm run backup -- --help')
  const destination = positionals[0] ?? defaultDestination()
  if (destination.endsWith('.db')) {
    throw new Error(`${destination}: a backup is now a folder holding site.db and images/, so give a folder name (for example backups/before-upgrade).`)
  }
  const source = siteDatabaseFile()
  const imagesFolder = siteImagesFolder()
  const summary = await backupSite(source, imagesFolder, destination)
  const lines = [
    `Backed up the site to ${summary.folder}`,
    `  database ${source}`,
    `    ${formatBytes(summary.database.bytes)}, ${summary.database.pages} pages, ${summary.database.tables} tables, integrity ok`,
  ]
  if (summary.images) {
    lines.push(`  images ${imagesFolder}`, `    ${summary.images.images} images, ${summary.images.files} files, ${formatBytes(summary.images.bytes)}`)
  }
  lines.push(`  took ${(summary.database.milliseconds / 1000).toFixed(2)} s for the database`)
  console.log(lines.join('\n'))
  const note = imagesInBucketNote()
  if (note) console.log(note)
  if (summary.images?.missing.length) {
    const { missing } = summary.images
    console.warn(
      `Warning: the database names ${missing.length} image${missing.length === 1 ? '' : 's'} whose files are not in ${imagesFolder}, so not in the backup either: ` +
        `${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}`
    )
  }
}

main().catch(error => {
  console.error(`Backup failed: ${error instanceof Error ? error.message : error}`)
  process.exit(1)
})
