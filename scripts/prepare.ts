import { describeDatabase } from '../app/server/database.server'
import { ensureLocalSessionSecret, env } from '../app/server/env.server'
import { applyMigrations } from '../app/server/migrations.server'
import { buildIfStale } from './build'

// The first half of `npm start`: build what is stale and bring the database up to date. The
// second half is `keystone start`, in its own plain Node process: Keystone must load its built
// config with Node's own module loader, not tsx's, or it ends up with two copies of itself.
// Seeding and the first administrator happen in keystone.ts's onConnect.

await buildIfStale()

if (!env.SESSION_SECRET && env.NODE_ENV !== 'production') ensureLocalSessionSecret(env.database)

const applied = await applyMigrations(env.database)
console.log(
  `› Database ${describeDatabase(env.database)}: ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'}`
)
