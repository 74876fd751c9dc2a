import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

// `npm run import` and `npm run announce` as an editor runs them: a process of their own, with
// only the environment a test gives.

/** What every script is run with in tests: PATH, the database and the site's settings. A test's own come after. */
export const scriptEnv = (databaseUrl: string) => ({
  PATH: process.env.PATH ?? '',
  NODE_ENV: 'test' as const,
  DATABASE_URL: databaseUrl,
  PUBLIC_URL: 'https://chat.example.org',
  SESSION_SECRET: 'script-test-secret-that-is-long-enough-0123456789',
})

/** Runs scripts/<script>.ts to its end; rejects with its stdout and stderr when it exits non-zero. */
export const runScript = (script: 'import' | 'announce', args: string[], env: NodeJS.ProcessEnv) =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], { env, encoding: 'utf8' })
