import { execFileSync } from 'node:child_process'
import { once } from 'node:events'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import pg from 'pg'

import { BUILD_ARTIFACTS } from '../../app/server/database.server'
import { applyMigrations } from '../../app/server/migrations.server'
import { freePort, startKeystone, type TestServer } from './server'
import { mintSessionCookie } from './session'
import { createDatabase, startThrowawayPostgres } from './throwaway-postgres'

// Several production server processes on one PostgreSQL database, as behind nginx or a load
// balancer. The production build in .keystone/ is for SQLite, and `keystone start` loads its
// Prisma client from .keystone/prisma.js whatever DATABASE_URL says; the built config.js itself
// picks the provider at run time. So the servers run in a working directory of their own that
// links to everything in the project, except that its .keystone/prisma.js is a bundle of the
// PostgreSQL Prisma client (generated/prisma-postgresql, from `tsx scripts/build.ts
// --postgresql-client`). Nothing in the project's own build is touched.

export type PostgresTestServer = Omit<TestServer, 'databaseFile'> & {
  /** Stops the process as a deployment would (SIGTERM, requests in flight finished) and starts it again on its port. */
  restart(): Promise<void>
}

export type ServersOnPostgres = {
  servers: PostgresTestServer[]
  /** The database they share; the user is a superuser, so it can watch and end their connections. */
  databaseUrl: string
  /** The administrator the first server created, and a session cookie for them. */
  adminSession(): Promise<{ id: string; email: string; cookie: string }>
  /** Stops the servers, then the throwaway cluster (or drops the database on a given server). */
  stop(): Promise<void>
}

const root = process.cwd()
const ADMIN_EMAIL = 'cluster.admin@example.org'
const ADMIN_PASSWORD = 'cluster admin passphrase 2026'
const SESSION_SECRET = 'cluster-session-secret-that-is-long-enough-0123456789'

/**
 * Why PostgreSQL servers cannot run here, or false. They need a server (TEST_POSTGRES_URL) or
 * Debian's server programs, looked for where tests/support/throwaway-postgres.ts looks.
 */
export function postgresUnavailable(): string | false {
  if (process.env.TEST_POSTGRES_URL) return false
  const debian = '/usr/lib/postgresql'
  const versions = fs.existsSync(debian) ? fs.readdirSync(debian).filter(version => fs.existsSync(path.join(debian, version, 'bin', 'initdb'))) : []
  if (versions.length > 0) return false
  try {
    execFileSync('sh', ['-c', 'command -v initdb'], { stdio: 'ignore' })
    return false
  } catch {
    return "needs PostgreSQL's server programs (initdb, pg_ctl: Debian's postgresql package) or TEST_POSTGRES_URL"
  }
}

/** The part of esbuild used here; it is Keystone's own (the one `keystone build` runs). */
type Esbuild = { build(options: Record<string, unknown>): Promise<unknown> }

let workingDirectory: Promise<string> | undefined

/**
 * The servers' working directory, made once per test process: links to the project's entries and
 * a .keystone/ whose prisma.js is bundled as `keystone build` bundles it (format cjs, platform
 * node, node_modules left to Node, import.meta.url fixed to the output), from the PostgreSQL client.
 */
function postgresWorkingDirectory() {
  workingDirectory ??= (async () => {
    const entry = path.join(root, BUILD_ARTIFACTS.postgresql.prismaClient, 'client.ts')
    if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run "tsx scripts/build.ts --postgresql-client" first`)
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetchat-postgres-app-'))
    // Removes the links, never what they point to.
    process.once('exit', () => fs.rmSync(directory, { recursive: true, force: true }))
    // data/ holds the SQLite site of `npm start`: nothing here has any business there.
    for (const name of fs.readdirSync(root)) {
      if (!['.keystone', '.git', 'data'].includes(name)) fs.symlinkSync(path.join(root, name), path.join(directory, name))
    }
    const keystone = path.join(directory, '.keystone')
    fs.mkdirSync(keystone)
    for (const name of fs.readdirSync(path.join(root, '.keystone'))) {
      if (!name.startsWith('prisma.js')) fs.symlinkSync(path.join(root, '.keystone', name), path.join(keystone, name))
    }
    const outfile = path.join(keystone, 'prisma.js')
    const requireFromKeystone = createRequire(createRequire(import.meta.url).resolve('@keystone-6/core/package.json'))
    const esbuild = requireFromKeystone('esbuild') as Esbuild
    await esbuild.build({
      entryPoints: [entry],
      absWorkingDir: root,
      outfile,
      bundle: true,
      sourcemap: true,
      format: 'cjs',
      platform: 'node',
      packages: 'external',
      define: { 'import.meta.url': JSON.stringify(pathToFileURL(outfile).href) },
      logLevel: 'silent',
    })
    return directory
  })()
  return workingDirectory
}

async function query<Row>(url: string, sql: string, values: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(sql, values)).rows as Row[]
  } finally {
    await client.end()
  }
}

/**
 * `count` production servers on one new, migrated database: on the server at `postgresUrl` (by
 * default TEST_POSTGRES_URL), else on a throwaway cluster. The first starts alone and prepares
 * the database (demo content, administrator); the others start once it listens, as in a
 * deployment, so that first-run preparation never races.
 */
export async function startServersOnPostgres(
  count: number,
  { env = {}, postgresUrl = process.env.TEST_POSTGRES_URL }: { env?: Record<string, string>; postgresUrl?: string } = {}
): Promise<ServersOnPostgres> {
  const [cwd, cluster] = await Promise.all([postgresWorkingDirectory(), postgresUrl ? undefined : startThrowawayPostgres()])
  const serverUrl = postgresUrl ?? cluster!.url
  const servers: PostgresTestServer[] = []
  let databaseUrl: string | undefined
  const stop = async () => {
    await Promise.all(servers.filter(Boolean).map(server => server.stop()))
    if (cluster) return cluster.stop()
    const name = databaseUrl && new URL(databaseUrl).pathname.slice(1)
    if (name) await query(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  }
  try {
    databaseUrl = await createDatabase(serverUrl, `servers_${process.pid}_${Date.now()}`)
    await applyMigrations({ provider: 'postgresql', url: databaseUrl })
    const start = async (index: number) => {
      const port = await freePort()
      const baseUrl = `http://localhost:${port}`
      const serverEnv = {
        PORT: String(port),
        DATABASE_URL: databaseUrl!,
        PUBLIC_URL: baseUrl,
        SESSION_SECRET,
        ADMIN_EMAIL,
        ADMIN_PASSWORD,
        SEED_DEMO_CONTENT: 'true',
        ...env,
      }
      const { child, output } = await startKeystone(cwd, serverEnv)
      const server: PostgresTestServer = {
        baseUrl,
        adminEmail: ADMIN_EMAIL,
        adminPassword: ADMIN_PASSWORD,
        sessionSecret: SESSION_SECRET,
        child,
        output,
        async stop() {
          if (server.child.exitCode !== null || server.child.signalCode !== null) return
          const exited = once(server.child, 'exit')
          server.child.kill('SIGTERM')
          await exited
        },
        async restart() {
          await server.stop()
          Object.assign(server, await startKeystone(cwd, serverEnv))
        },
      }
      servers[index] = server
    }
    await start(0)
    await Promise.all(Array.from({ length: count - 1 }, (_, n) => start(n + 1)))
  } catch (error) {
    await stop().catch(() => {})
    throw error
  }
  return {
    servers,
    databaseUrl: databaseUrl!,
    async adminSession() {
      const [admin] = await query<{ id: string }>(databaseUrl!, 'SELECT id FROM "User" WHERE email = $1', [ADMIN_EMAIL])
      if (!admin) throw new Error(`${ADMIN_EMAIL} is not in ${databaseUrl}`)
      return { id: admin.id, email: ADMIN_EMAIL, cookie: await mintSessionCookie({ sessionSecret: SESSION_SECRET }, admin.id) }
    },
    stop,
  }
}
