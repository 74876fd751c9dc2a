import { describeDatabase } from '../app/server/database.server'
import { env } from '../app/server/env.server'
import { applyMigrations } from '../app/server/migrations.server'

// npm run db:migrate: apply committed migrations to DATABASE_URL (npm start does this too).
const applied = await applyMigrations(env.database)
console.log(applied.length ? `Applied ${applied.join(', ')}` : `${describeDatabase(env.database)} is up to date`)
