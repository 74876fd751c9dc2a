import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { graphql } from '../tests/support/graphql'
import { startServersOnPostgres, type PostgresTestServer } from '../tests/support/postgres-servers'
import { CONNECTIONS, load, SECONDS } from './load'

// npm run bench:processes — one, two and four server processes on one PostgreSQL database (as on
// consecutive ports behind nginx; the load generator spreads its 50 connections over them):
// throughput on a cached page and on cache misses (unique searches), and the time from an
// editor's save through one process to the change on every other, p50 and p99. On 2 cores more
// processes add little; what matters is that they stay correct under load.
// Writes bench/results/processes.json.

const SAVES = 40
const POST = '/posts/a-home-for-the-monday-health-chat'

/** The same load spread over every process, as a balancer would; requests per second summed. */
async function loadAcross(servers: PostgresTestServer[], pagePath: string, unique?: (n: number) => string) {
  const results = await Promise.all(
    servers.map((server, index) =>
      load(`${server.baseUrl}${pagePath}`, { connections: Math.ceil(CONNECTIONS / servers.length), unique: unique && (n => unique(n * servers.length + index)) })
    )
  )
  return {
    rps: results.reduce((sum, result) => sum + result.rps, 0),
    p99: Math.max(...results.map(result => result.p99)),
    errors: results.reduce((sum, result) => sum + result.errors, 0),
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]

/** Saves through the first process; for each save, how long until every other process shows it. */
async function saveToVisible(servers: PostgresTestServer[], cookie: string) {
  const delays: number[] = []
  for (let save = 0; save < SAVES; save++) {
    for (const server of servers) await (await fetch(`${server.baseUrl}${POST}`)).arrayBuffer()
    const title = `Renamed for the benchmark ${save} ${Date.now()}`
    await graphql(servers[0], 'mutation($title: String!) { updatePost(where: { slug: "a-home-for-the-monday-health-chat" }, data: { title: $title }) { id } }', { cookie, variables: { title } })
    const saved = performance.now()
    await Promise.all(
      servers.slice(servers.length > 1 ? 1 : 0).map(async server => {
        while (!(await (await fetch(`${server.baseUrl}${POST}`)).text()).includes(title)) await new Promise(resolve => setTimeout(resolve, 2))
      })
    )
    delays.push(performance.now() - saved)
  }
  delays.sort((a, b) => a - b)
  return { p50: Math.round(percentile(delays, 50)), p99: Math.round(percentile(delays, 99)), saves: SAVES }
}

const rows = []
for (const count of [1, 2, 4]) {
  const cluster = await startServersOnPostgres(count)
  try {
    const { cookie } = await cluster.adminSession()
    await loadAcross(cluster.servers, POST)
    const cached = await loadAcross(cluster.servers, POST)
    const misses = await loadAcross(cluster.servers, '/search', n => `/search?q=${['patients', 'chat', 'nurse'][n % 3]}+${n}`)
    const visible = await saveToVisible(cluster.servers, cookie)
    rows.push({ processes: count, 'cached rps': cached.rps, 'cached p99': cached.p99, 'miss rps': misses.rps, 'miss p99': misses.p99, errors: cached.errors + misses.errors, 'save→visible p50 ms': visible.p50, 'save→visible p99 ms': visible.p99 })
    console.log(`${count} process(es): cached ${cached.rps} req/s, misses ${misses.rps} req/s, save to visible everywhere p50 ${visible.p50} ms, p99 ${visible.p99} ms`)
  } finally {
    await cluster.stop()
  }
}
const base = rows[0]
console.log(`\nProcesses on one PostgreSQL database, ${CONNECTIONS} connections, ${SECONDS} s each`)
console.table(rows.map(row => ({ ...row, 'cached vs 1': `${(row['cached rps'] / base['cached rps']).toFixed(2)}×`, 'miss vs 1': `${(row['miss rps'] / base['miss rps']).toFixed(2)}×` })))
const report = { machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`, node: process.version, at: new Date().toISOString(), connections: CONNECTIONS, seconds: SECONDS, rows }
fs.mkdirSync(path.join('bench', 'results'), { recursive: true })
fs.writeFileSync(path.join('bench', 'results', 'processes.json'), `${JSON.stringify(report, null, 2)}\n`)
