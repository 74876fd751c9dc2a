import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'

import { BUILD_ARTIFACTS, databaseFromUrl } from '../app/server/database.server'

// Builds what `npm start` serves: Keystone (Prisma client, types, Admin UI) and the Remix site.
// A stamp of the inputs lets a second `npm start` skip a build that would change nothing.
//   --frozen             fail if the generated schemas are stale (CI, tests)
//   --force              build even when the stamp matches
//   --postgresql-client  also generate the PostgreSQL Prisma client (its integration tests)
// The build is for the database DATABASE_URL names. A SQLite build also writes the PostgreSQL
// Prisma schema, so that a change to schema.ts shows up in both and both get their migration.

const root = process.cwd()
const require = createRequire(path.join(root, 'package.json'))
const STAMP_FILE = path.join(root, 'build', '.inputs-hash')
const INPUTS = ['keystone.ts', 'schema.ts', 'vite.config.ts', 'package-lock.json', 'app', 'admin', 'public']

async function* walk(entry: string): AsyncGenerator<string> {
  const stat = await fs.stat(entry).catch(() => null)
  if (!stat) return
  if (stat.isFile()) {
    yield entry
    return
  }
  for (const child of (await fs.readdir(entry)).sort()) yield* walk(path.join(entry, child))
}

async function hashInputs() {
  const hash = createHash('sha256')
  for (const input of INPUTS) {
    for await (const file of walk(path.join(root, input))) {
      hash.update(path.relative(root, file)).update('\0').update(await fs.readFile(file))
    }
  }
  return hash.update(provider).digest('hex')
}

const provider = databaseFromUrl(process.env.DATABASE_URL ?? 'file:./data/tweetchat.db').provider

const TOOL_ENV = {
  // Prisma's CLI wants a native schema engine it never runs during generate; see the stub.
  PRISMA_SCHEMA_ENGINE_BINARY: path.join(root, 'bin', 'prisma-schema-engine-offline'),
  KEYSTONE_TELEMETRY_DISABLED: '1',
  NEXT_TELEMETRY_DISABLED: '1',
  CHECKPOINT_DISABLE: '1',
}

function run(label: string, script: string, args: string[]) {
  console.log(`› ${label}`)
  return new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...TOOL_ENV },
    })
    child.once('error', reject)
    child.once('exit', code =>
      code === 0 ? resolve() : reject(new Error(`${label} failed with exit code ${code}`))
    )
  })
}

/**
 * The PostgreSQL Prisma schema, printed by Keystone from the same config with the provider
 * switched: Keystone keeps its artifact printer internal (its name says so), which is why
 * @keystone-6/core is pinned to an exact version.
 */
async function writePostgresPrismaSchema({ frozen = false, generateClient = false }) {
  const { createSystem, buildArtifacts, generatePrismaClient } = await import(
    '@keystone-6/core/___internal-do-not-use-will-break-in-patch/artifacts'
  )
  Object.assign(process.env, TOOL_ENV) // Keystone runs Prisma's CLI to format and generate
  // The config's source, not Keystone's CommonJS bundle of it: required from here, the bundle
  // would load a second copy of Keystone beside the one imported above.
  const { default: config } = await import('../keystone')
  const target = BUILD_ARTIFACTS.postgresql
  const system = createSystem({
    ...config,
    db: { ...config.db, provider: 'postgresql', prismaSchemaPath: target.prismaSchema, prismaClientPath: target.prismaClient },
  } as unknown as Parameters<typeof createSystem>[0])
  const { prisma } = await buildArtifacts(root, system, system.getPaths(root).prismaGeneratorOutput)
  const schemaFile = path.join(root, target.prismaSchema)
  if ((await fs.readFile(schemaFile, 'utf8').catch(() => '')) !== prisma) {
    if (frozen) throw new Error(`${target.prismaSchema} is not up to date: run npm run build and commit it`)
    await fs.writeFile(schemaFile, prisma)
    console.log(`› Wrote ${target.prismaSchema}`)
  }
  if (generateClient) await generatePrismaClient(root, system)
}

export async function buildIfStale({ frozen = false, force = false } = {}) {
  const inputsHash = await hashInputs()
  const previous = await fs.readFile(STAMP_FILE, 'utf8').catch(() => '')
  const built = await Promise.all(
    ['.keystone/config.js', '.keystone/admin/.next/BUILD_ID', 'build/server/index.js'].map(file =>
      fs.stat(path.join(root, file)).then(() => true, () => false)
    )
  )
  if (!force && previous === inputsHash && built.every(Boolean)) {
    console.log('› Build is up to date')
    return
  }
  const keystoneCli = require.resolve('@keystone-6/core/bin/cli.js')
  // Keystone writes its GraphQL schema without creating the folder (generated/postgresql/).
  await fs.mkdir(path.dirname(path.join(root, BUILD_ARTIFACTS[provider].graphqlSchema)), { recursive: true })
  await run('Building Keystone (Prisma client, types, Admin UI)', keystoneCli, frozen ? ['build', '--frozen'] : ['build'])
  if (provider === 'sqlite') await writePostgresPrismaSchema({ frozen })
  await run('Building the public site', require.resolve('@remix-run/dev/dist/cli.js'), ['vite:build'])
  await fs.writeFile(STAMP_FILE, inputsHash)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildIfStale({ frozen: process.argv.includes('--frozen'), force: process.argv.includes('--force') })
  if (process.argv.includes('--postgresql-client') && provider === 'sqlite') {
    console.log('› Generating the PostgreSQL Prisma client')
    await writePostgresPrismaSchema({ frozen: process.argv.includes('--frozen'), generateClient: true })
  }
}
