import path from 'node:path'
import { parseArgs } from 'node:util'

import { backupDatabase, siteDatabaseFile } from '../app/server/backup.server'

const HELP = `Copy the site's SQLite database to a backup file while the site keeps running.

Usage:
  npm run backup -- [DESTINATION]

The database is the file named by DATABASE_URL. The copy is taken with SQLite's online backup
API, so it is consistent even while the site writes, and it is checked with
PRAGMA integrity_check before it appears under DESTINATION.

DESTINATION defaults to backups/site-<timestamp>.db, e.g. backups/site-2026-12-02T21-09-24.123Z.db
(colons become hyphens so the name is valid on every file system).

Options:
  --help   show this text

Restore a backup with npm run restore -- FILE. For PostgreSQL use pg_dump and pg_restore.
`

function defaultDestination(now = new Date()) {
  return path.join('backups', `site-${now.toISOString().replace(/:/g, '-')}.db`)
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
  const source = siteDatabaseFile()
  const summary = await backupDatabase(source, positionals[0] ?? defaultDestination())
  console.log(
    [
      `Backed up ${source}`,
      `  to ${summary.file}`,
      `  ${formatBytes(summary.bytes)}, ${summary.pages} pages, ${summary.tables} tables, integrity ok, took ${(summary.milliseconds / 1000).toFixed(2)} s`,
    ].join('\n')
  )
}

main().catch(error => {
  console.error(`Backup failed: ${error instanceof Error ? error.message : error}`)
  process.exit(1)
})
