import fs from 'node:fs'

import { env } from '../../app/server/env.server'
import { keystoneContext, type Context } from '../../app/server/keystone.server'
import { applyMigrations } from '../../app/server/migrations.server'
import type { Role } from '../../app/server/session'
import { copyMigratedSqlite } from './migrated-template'

/**
 * This test file's database, built from the committed migrations as `npm start` builds it: a copy
 * of the migrated template, then `applyMigrations` as `npm start` runs it (which finds nothing to do).
 */
export async function migratedContext(): Promise<Context> {
  if (env.database.provider === 'sqlite' && !fs.existsSync(env.database.file)) await copyMigratedSqlite(env.database.file)
  await applyMigrations(env.database)
  return keystoneContext()
}

let counter = 0

/** A user of the given role and a context signed in as them. */
export async function signedInAs(context: Context, role: Role, name = `${role} ${++counter}`) {
  const user = await context.sudo().db.User.createOne({
    data: { name, email: `${role}.${counter}.${Date.now()}@example.org`, password: 'correct horse battery', role },
  })
  const session = { listKey: 'User' as const, itemId: user.id, data: { name, role } }
  return { user, context: context.withSession(session) }
}
