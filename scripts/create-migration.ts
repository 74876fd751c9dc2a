import fs from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'

import { databaseFromUrl, migrationsDirectory, prismaSchemaPath, type Database } from '../app/server/database.server'
import { pendingSchemaChanges, SCHEMA_SNAPSHOT } from '../app/server/migrations.server'
import { startThrowawayPostgres } from '../tests/support/throwaway-postgres'

// npm run db:migration -- NAME: writes migrations/<provider>/<timestamp>_<name>/migration.sql for
// SQLite and for PostgreSQL, each from the difference between its committed migrations and the
// Prisma schema `npm run build` generated for it. PostgreSQL's diff is made on the server
// MIGRATION_POSTGRES_URL names, or else on a throwaway cluster started for it.

const name = z
  .string({ error: 'Give the migration a name: npm run db:migration -- add-comment-index' })
  .regex(/^[a-z0-9_-]+$/, 'Migration names use lowercase letters, digits, "-" and "_"')
  .parse(process.argv[2])

const throwaway = process.env.MIGRATION_POSTGRES_URL ? null : await startThrowawayPostgres()
const postgresUrl = process.env.MIGRATION_POSTGRES_URL ?? throwaway!.url

const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14)
const servers: Database[] = [{ provider: 'sqlite', file: '' }, databaseFromUrl(postgresUrl)]
for (const server of servers) {
  const sql = await pendingSchemaChanges(server)
  const directory = migrationsDirectory(server.provider)
  if (!sql) {
    console.log(`${server.provider}: the committed migrations match the schema; nothing to write.`)
    continue
  }
  const migration = path.join(directory, `${stamp}_${name.replaceAll('-', '_')}`)
  await fs.mkdir(migration, { recursive: true })
  await fs.writeFile(path.join(migration, 'migration.sql'), sql)
  // The next PostgreSQL migration is diffed from this one's schema (see pendingSchemaChanges).
  if (server.provider === 'postgresql') await fs.copyFile(prismaSchemaPath('postgresql'), path.join(migration, SCHEMA_SNAPSHOT))
  await fs.writeFile(path.join(directory, 'migration_lock.toml'), `# Written by scripts/create-migration.ts\nprovider = "${server.provider}"\n`)
  console.log(`Wrote ${path.relative(process.cwd(), migration)}/migration.sql`)
}
await throwaway?.stop()
