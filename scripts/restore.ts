import { parseArgs } from 'node:util'

import { restoreDatabase, siteDatabaseFile } from '../app/server/backup.server'

const HELP = `Replace the site's SQLite database with a backup made by npm run backup.

Usage:
  npm run restore -- BACKUP_FILE

Stop the server first: a running server keeps writing to the file it opened, and its changes
would be lost or land in the replaced file.

The database replaced is the file named by DATABASE_URL. BACKUP_FILE is refused, and nothing is
changed, when it is missing, is not an SQLite database, fails PRAGMA integrity_check or has no
_prisma_migrations table (not a backup of this site). Otherwise it is copied beside the database
and renamed over it in one step, and the old database's -wal and -shm files are removed.

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
  if (positionals.length !== 1) throw new Error('Give exactly one BACKUP_FILE.\n\nSee npm run restore -- --help')
  const target = siteDatabaseFile()
  const summary = await restoreDatabase(positionals[0], target)
  console.log(`Restored ${target} from ${positionals[0]} (${summary.bytes} bytes, ${summary.pages} pages, ${summary.tables} tables)`)
}

main().catch(error => {
  console.error(`Restore failed, nothing was changed: ${error instanceof Error ? error.message : error}`)
  process.exit(1)
})
