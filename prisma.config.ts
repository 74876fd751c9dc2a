import { defineConfig } from 'prisma/config'

// Read by Prisma's CLI during `keystone build` (prisma generate). Migrations are applied by our own
// code through the WebAssembly schema engine (see docs/decisions/002-schema-engine-offline.md).
export default defineConfig({
  schema: 'schema.prisma',
  migrations: { path: 'migrations/sqlite' },
  datasource: { url: process.env.DATABASE_URL || 'file:./data/tweetchat.db' },
})
