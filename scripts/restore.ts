import { parseArgs } from 'node:util'

import { restoreSite, siteDatabaseFile, siteImagesFolder } from '../app/features/backup/backup.server'

const HELP = `Put back a backup made by npm run backup: the database and the images folder.

Usage:
  npm run restore -- BACKUP

Stop the server first: a running server keeps writing to the file it opened, and its changes
would be lost or land in the replaced file.

BACKUP is a folder made by npm run backup (site.db and images/), or a single .db file made by
earlier versions (then only the database is replaced and the images are left as they are).

The database replaced is the file named by DATABASE_URL; the images folder is IMAGES_FOLDER (by
default the images folder beside the database). The backup is refused, and nothing is changed,
when its database is missing, is not an SQLite database, fails PRAGMA integrity_check or has no
_prisma_migrations table (not a backup of this site). Otherwise the database and the images are
copied beside their targets first and only then renamed into place; the old database's -wal and
-shm files are removed, and so is the old images folder once the new one is in place.

When images are kept in S3-compatible storage (IMAGES_S3_BUCKET), only the database is restored:
restore the bucket with the storage's own versioning or replication.

Options:
  --help   show this text

For PostgreSQL use pg_restore.
`

async function main() {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { help: { type: 'boolean' } } })
  if (values.help) {
    process.stdout.write(HELP)
    return
  }
  if (positionals.length !== 1) throw new Error('Give exactly one BACKUP (a folder made by npm run backup).\n\nSee npm run restore -- --help')
  const target = siteDatabaseFile()
  const summary = await restoreSite(positionals[0], target, siteImagesFolder())
  const { database, images } = summary
  console.log(`Restored ${target} from ${positionals[0]} (${database.bytes} bytes, ${database.pages} pages, ${database.tables} tables)`)
  if ('keptBecause' in images) console.log(`The images were left as they are: ${images.keptBecause}.`)
  else console.log(`Restored ${images.folder} (${images.images} images, ${images.files} files, ${images.bytes} bytes)`)
}

main().catch(error => {
  console.error(`Restore failed, nothing was changed: ${error instanceof Error ? error.message : error}`)
  process.exit(1)
})
