import { spawn } from 'node:child_process'

// npm test: the checks, then each layer of tests, one after another, stopping at the first that
// fails; at the end the time each took and the tests counted, so a slower layer is seen.
// Unit and integration files each have a database of their own and run two at a time (4.4 → 3.0
// min for the integration layer on this 2-core machine); browser files run one at a time, since
// each also runs a server and Chromium. E2E_CONCURRENCY changes that.

const nodeTest = (concurrency: string | number, ...files: string[]) =>
  `node --import tsx --import ./tests/support/setup.ts --test --test-concurrency=${concurrency} ${files.join(' ')}`

const LAYERS: { name: string; command: string }[] = [
  { name: 'generated schemas current', command: 'tsx scripts/build.ts --frozen --postgresql-client' },
  { name: 'typecheck', command: 'tsc' },
  { name: 'lint', command: 'eslint . && knip' },
  { name: 'unit', command: nodeTest(2, 'app/*/*.test.ts', 'app/*/*/*.test.ts') },
  { name: 'integration, SQLite', command: nodeTest(2, 'tests/integration/*.test.ts') },
  { name: 'server and browser', command: nodeTest(process.env.E2E_CONCURRENCY ?? 1, 'tests/e2e/*.test.ts') },
  { name: 'integration, PostgreSQL', command: 'tsx scripts/test-postgresql.ts' },
]

type Result = { name: string; seconds: number; passed?: number; failed?: number; code: number }

/** Runs one layer with its output passed through, reading node's closing counts (`# pass N`) as they go by. */
function run(layer: (typeof LAYERS)[number]): Promise<Result> {
  const started = performance.now()
  return new Promise(resolve => {
    const child = spawn(layer.command, { shell: true, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, PATH: `${process.cwd()}/node_modules/.bin:${process.env.PATH}` } })
    let passed: number | undefined
    let failed: number | undefined
    let pending = ''
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk)
      pending += chunk.toString('utf8')
      const lines = pending.split('\n')
      pending = lines.pop() ?? ''
      for (const line of lines) {
        const match = /^# (pass|fail) (\d+)$/.exec(line)
        if (match?.[1] === 'pass') passed = (passed ?? 0) + Number(match[2])
        if (match?.[1] === 'fail') failed = (failed ?? 0) + Number(match[2])
      }
    })
    child.once('exit', code => resolve({ name: layer.name, seconds: (performance.now() - started) / 1000, passed, failed, code: code ?? 1 }))
  })
}

const results: Result[] = []
for (const layer of LAYERS) {
  const result = await run(layer)
  results.push(result)
  if (result.code !== 0) break
}

const minutes = (seconds: number) => `${Math.floor(seconds / 60)} min ${(seconds % 60).toFixed(0).padStart(2, '0')} s`
const width = Math.max(...results.map(result => result.name.length))
console.log('\nTime by layer')
for (const result of results) {
  const counts = result.passed === undefined ? '' : `  ${result.passed} passed, ${result.failed ?? 0} failed`
  console.log(`  ${result.name.padEnd(width)}  ${minutes(result.seconds).padStart(12)}${counts}${result.code === 0 ? '' : '  FAILED'}`)
}
console.log(`  ${'total'.padEnd(width)}  ${minutes(results.reduce((sum, result) => sum + result.seconds, 0)).padStart(12)}`)
const passed = results.reduce((sum, result) => sum + (result.passed ?? 0), 0)
const failed = results.reduce((sum, result) => sum + (result.failed ?? 0), 0)
const stopped = results.find(result => result.code !== 0)
// The closing line CI reads: every test counted, and a failed check counts as a failure.
console.log(`Tests: ${passed} passed, ${failed + (stopped && !stopped.failed ? 1 : 0)} failed`)
process.exit(stopped ? 1 : 0)
