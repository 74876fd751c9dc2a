import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'

// Builds what `npm start` serves: Keystone (Prisma client, types, Admin UI) and the Remix site.
// A stamp of the inputs lets a second `npm start` skip a build that would change nothing.
//   --frozen  fail if schema.prisma or schema.graphql are stale (CI, tests)
//   --force   build even when the stamp matches

const root = process.cwd()
const require = createRequire(path.join(root, 'package.json'))
const STAMP_FILE = path.join(root, 'build', '.inputs-hash')
const INPUTS = ['keystone.ts', 'schema.ts', 'access.ts', 'vite.config.ts', 'package-lock.json', 'app', 'public']

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
  return hash.digest('hex')
}

function run(label: string, script: string, args: string[]) {
  console.log(`› ${label}`)
  return new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        // Prisma's CLI wants a native schema engine it never runs during generate; see the stub.
        PRISMA_SCHEMA_ENGINE_BINARY: path.join(root, 'bin', 'prisma-schema-engine-offline'),
        KEYSTONE_TELEMETRY_DISABLED: '1',
        NEXT_TELEMETRY_DISABLED: '1',
        CHECKPOINT_DISABLE: '1',
      },
    })
    child.once('error', reject)
    child.once('exit', code =>
      code === 0 ? resolve() : reject(new Error(`${label} failed with exit code ${code}`))
    )
  })
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
  await run('Building Keystone (Prisma client, types, Admin UI)', keystoneCli, frozen ? ['build', '--frozen'] : ['build'])
  await run('Building the public site', require.resolve('@remix-run/dev/dist/cli.js'), ['vite:build'])
  await fs.writeFile(STAMP_FILE, inputsHash)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildIfStale({ frozen: process.argv.includes('--frozen'), force: process.argv.includes('--force') })
}
