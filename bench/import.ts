import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

// npm run bench:import — imports of synthetic chats, each case in a fresh process and database:
// the bulk importer at 1,000 and 10,000 posts, and the naive path (one Keystone createOne per
// post) at 1,000 for comparison in the same run. Prints a table; writes bench/results/import.json.

const run = promisify(execFile)
type Result = { mode: string; size: number; stored: number; seconds: number; peakRssMb: number }

async function runCase(mode: 'bulk' | 'naive', size: number): Promise<Result> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetchat-bench-'))
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join('bench', 'import-case.ts'), mode, String(size)], {
      env: { ...process.env, NODE_ENV: 'production', SESSION_SECRET: 'bench-secret-that-is-long-enough-0123456789', DATABASE_URL: `file:${path.join(directory, 'bench.db')}` },
      maxBuffer: 1 << 20,
    })
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as Result
    if (result.stored !== size) throw new Error(`${mode} ${size}: stored ${result.stored} posts, expected ${size}`)
    return result
  } finally {
    fs.rmSync(directory, { recursive: true, force: true })
  }
}

export async function benchImport() {
  const cases = [await runCase('bulk', 1000), await runCase('bulk', 10_000), await runCase('naive', 1000)]
  const rows = cases.map(result => ({
    case: `${result.mode} ${result.size.toLocaleString('en-GB')} posts`,
    seconds: Number(result.seconds.toFixed(2)),
    postsPerSecond: Math.round(result.size / result.seconds),
    peakRssMb: Math.round(result.peakRssMb),
  }))
  const bulk1000 = cases[0]
  const naive1000 = cases[2]
  const speedup = Number((naive1000.seconds / bulk1000.seconds).toFixed(1))
  console.log('\nImport (synthetic chats, fresh SQLite database each)')
  console.table(rows)
  console.log(`Bulk is ${speedup}× faster than one Keystone createOne per post at 1,000 posts.`)
  const report = { machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`, node: process.version, at: new Date().toISOString(), rows, bulkVsNaiveAt1000: speedup }
  fs.mkdirSync(path.join('bench', 'results'), { recursive: true })
  fs.writeFileSync(path.join('bench', 'results', 'import.json'), `${JSON.stringify(report, null, 2)}\n`)
  return report
}

if (import.meta.url === `file://${process.argv[1]}`) await benchImport()
