import fs from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'

import { databaseFromUrl, migrationsDirectory, prismaSchemaPath, type Database } from '../app/lib/database.server'
import { pendingSchemaChanges, SCHEMA_SNAPSHOT } from '../app/lib/migrations.server'

// npm run db:migration -- NAME: writes migrations/<provider>/<timestamp>_<name>/migration.sql for
// SQLite and for PostgreSQL, each from the difference between its committed migrations and the
// Prisma schema `npm run build` generated for it. PostgreSQL's diff needs a server for the
// engine to connect to, though it reads nothing there: MIGRATION_POSTGRES_URL, which
// `tsx scripts/throwaway-postgres.ts -- npm run db:migration -- NAME` sets to a throwaway cluster.

const name = z
  .string({ error: 'Give the migration a name: npm run db:migration -- add-comment-index' })
  .regex(/^[a-z0-9_-]+$/, 'Migration names use lowercase letters, digits, "-" and "_"')
  .parse(process.argv[2])

const postgresUrl = process.env.MIGRATION_POSTGRES_URL
if (!postgresUrl) {
  console.error('Set MIGRATION_POSTGRES_URL to a PostgreSQL server (postgres://user:password@localhost:5432/postgres) to write both migrations.')
  process.exit(1)
}

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
