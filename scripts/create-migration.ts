import fs from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'

import { MIGRATIONS_DIRECTORY, pendingSchemaChanges } from '../app/lib/migrations.server'

// npm run db:migration -- NAME: writes migrations/<timestamp>_<name>/migration.sql from the
// difference between the committed migrations and the schema.prisma that `keystone build` made.

const name = z
  .string({ error: 'Give the migration a name: npm run db:migration -- add-comment-index' })
  .regex(/^[a-z0-9_-]+$/, 'Migration names use lowercase letters, digits, "-" and "_"')
  .parse(process.argv[2])

const sql = await pendingSchemaChanges()
if (!sql) {
  console.log('schema.prisma matches the committed migrations: nothing to write.')
} else {
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14)
  const directory = path.join(MIGRATIONS_DIRECTORY, `${stamp}_${name.replaceAll('-', '_')}`)
  await fs.mkdir(directory, { recursive: true })
  await fs.writeFile(path.join(directory, 'migration.sql'), sql)
  await fs.writeFile(
    path.join(MIGRATIONS_DIRECTORY, 'migration_lock.toml'),
    '# Written by scripts/create-migration.ts\nprovider = "sqlite"\n'
  )
  console.log(`Wrote ${path.relative(process.cwd(), directory)}/migration.sql`)
}
