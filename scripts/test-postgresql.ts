import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import { startThrowawayPostgres } from '../tests/support/throwaway-postgres'

// The integration tests that use the database (models, imports, access rules, comments, migrations,
// query counts) against a real PostgreSQL server: a throwaway cluster, one database per test
// file (tests/support/setup.ts). The browser tests run the production build, which is built for SQLite;
// a PostgreSQL production build is `DATABASE_URL=postgres://… npm run build`.

// Only the files that use the database this run provides (through tests/support/database.ts,
// keystoneContext or env.database): the rest talk to fake networks, or run the SQLite production
// build and CLIs on files of their own, and already ran in the main pass.
const USES_THE_DATABASE = /support\/database'|support\/postgres-servers'|env\.database|keystoneContext/
const files = fs
  .readdirSync('tests/integration')
  .filter(file => file.endsWith('.test.ts'))
  .map(file => path.join('tests/integration', file))
  .filter(file => USES_THE_DATABASE.test(fs.readFileSync(file, 'utf8')))
const server = await startThrowawayPostgres()
console.log(`› PostgreSQL ${server.url}: ${files.length} integration test files`)
const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--import', './tests/support/setup.ts', '--test', '--test-concurrency=2', ...(process.argv.length > 2 ? process.argv.slice(2) : files)],
  { stdio: 'inherit', env: { ...process.env, TEST_POSTGRES_URL: server.url } }
)
const code = await new Promise<number>(resolve => child.once('exit', code => resolve(code ?? 1)))
await server.stop()
process.exit(code)
