import { env } from '../app/lib/env.server'
import { applyMigrations } from '../app/lib/migrations.server'

// npm run db:migrate: apply committed migrations to DATABASE_URL (npm start does this too).
const applied = await applyMigrations(env.databaseFile)
console.log(applied.length ? `Applied ${applied.join(', ')}` : `${env.databaseFile} is up to date`)
