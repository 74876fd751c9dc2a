import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { startServer, type TestServer } from '../tests/support/server'
import { bareServer, CONNECTIONS, load, SECONDS } from './load'

// npm run bench:cold — what a page costs when the response cache cannot answer it, beside what it
// costs when it can and beside this machine's limit (the same bytes from a bare Node server), all
// measured in this run: each page with the cache turned off, unique search queries, unique
// unknown query parameters, a flood of unique URLs beside ordinary readers, and the CPU time of
// one uncached render. 50 connections, BENCH_SECONDS (10) each. Writes bench/results/cold-path.json.

/** The limit of this machine for these bytes. */
async function bareLimit(body: Buffer) {
  const file = path.join(os.tmpdir(), `bench-bare-${process.pid}.html`)
  fs.writeFileSync(file, body)
  const bare = await bareServer(file)
  const figures = await load(bare.url)
  await bare.close()
  fs.rmSync(file)
  return figures
}

/** CPU time (user + system) the server process has used so far, in milliseconds, from /proc. */
function cpuMs(pid: number) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100 // utime, stime in clock ticks (USER_HZ = 100)
}

async function cpuPerRender(server: TestServer, pagePath: string, renders = 200) {
  for (let i = 0; i < 20; i++) await (await fetch(`${server.baseUrl}${pagePath}`)).arrayBuffer()
  const before = cpuMs(server.child.pid!)
  const started = performance.now()
  for (let i = 0; i < renders; i++) await (await fetch(`${server.baseUrl}${pagePath}`)).arrayBuffer()
  return { cpuMs: (cpuMs(server.child.pid!) - before) / renders, wallMs: (performance.now() - started) / renders }
}

const PAGES = [
  { page: 'home', path: '/' },
  { page: 'post', path: '/posts/a-home-for-the-monday-health-chat' },
  { page: 'recap with 3 embedded chats', path: '/posts/recap-answering-patients-in-public' },
  { page: 'archive', path: '/archives/answering-patients-in-public' },
  { page: 'search', path: '/search?q=patients' },
]
const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)}%`

const cached = await startServer()
const uncached = await startServer({ env: { RESPONSE_CACHE: 'off' } })
const rows = []
const renders: Record<string, { cpuMs: number; wallMs: number }> = {}
try {
  for (const { page, path: pagePath } of PAGES) {
    const body = Buffer.from(await (await fetch(`${cached.baseUrl}${pagePath}`)).arrayBuffer())
    await load(`${cached.baseUrl}${pagePath}`, { duration: 2 })
    const hit = await load(`${cached.baseUrl}${pagePath}`)
    await load(`${uncached.baseUrl}${pagePath}`, { duration: 2 })
    const miss = await load(`${uncached.baseUrl}${pagePath}`)
    const limit = await bareLimit(body)
    renders[page] = await cpuPerRender(uncached, pagePath)
    rows.push({ page, 'cached rps': hit.rps, 'miss rps': miss.rps, 'miss p50': miss.p50, 'miss p99': miss.p99, 'bare rps': limit.rps, 'miss/cached': pct(miss.rps, hit.rps), 'miss/bare': pct(miss.rps, limit.rps), 'cpu ms/render': renders[page].cpuMs.toFixed(1), errors: miss.errors })
    console.log(`${page}: miss ${miss.rps} req/s p99 ${miss.p99} ms (${pct(miss.rps, limit.rps)} of bare Node); cached ${hit.rps}; ${renders[page].cpuMs.toFixed(1)} ms CPU per render`)
  }

  const searchBody = Buffer.from(await (await fetch(`${cached.baseUrl}/search?q=patients`)).arrayBuffer())
  const searchLimit = await bareLimit(searchBody)
  const uniqueSearch = await load(`${cached.baseUrl}/search`, { unique: n => `/search?q=${['patients', 'chat', 'nurse', 'health', 'question'][n % 5]}+${n}` })
  const sameSearch = await load(`${cached.baseUrl}/search?q=patients`)
  const uniqueParameters = await load(`${cached.baseUrl}/`, { unique: n => `/?utm_source=flood-${n}` })
  const home = await load(`${cached.baseUrl}/`)

  // Forty connections asking for pages nobody asked for before, ten readers on ordinary pages.
  const [flood, readers] = await Promise.all([
    load(`${cached.baseUrl}/search`, { connections: 40, unique: n => `/search?q=flood+${n}` }),
    load(`${cached.baseUrl}/posts/a-home-for-the-monday-health-chat`, { connections: 10 }),
  ])
  const report = {
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`,
    node: process.version,
    at: new Date().toISOString(),
    connections: CONNECTIONS,
    seconds: SECONDS,
    pages: rows,
    search: { uniqueQueries: uniqueSearch, sameQuery: sameSearch, bareLimit: searchLimit.rps, uniqueOfBare: pct(uniqueSearch.rps, searchLimit.rps) },
    unknownParameters: { unique: uniqueParameters, sameUrl: home, ratio: pct(uniqueParameters.rps, home.rps) },
    floodBesideReaders: { flood, readers },
    cpuPerRender: renders,
  }
  console.log(`\nCache misses at ${CONNECTIONS} connections, ${SECONDS} s each, production build on loopback`)
  console.table(rows)
  console.log(`search with new words: ${uniqueSearch.rps} req/s, p99 ${uniqueSearch.p99} ms (${report.search.uniqueOfBare} of bare Node ${searchLimit.rps}); the same words: ${sameSearch.rps} req/s`)
  console.log(`unknown query parameters, each URL new: ${uniqueParameters.rps} req/s, p99 ${uniqueParameters.p99} ms (${report.unknownParameters.ratio} of the same URL's ${home.rps})`)
  console.log(`a flood of unique searches (40 connections): ${flood.rps} req/s; beside it, readers (10 connections): ${readers.rps} req/s, p50 ${readers.p50} ms, p99 ${readers.p99} ms`)
  fs.mkdirSync(path.join('bench', 'results'), { recursive: true })
  fs.writeFileSync(path.join('bench', 'results', 'cold-path.json'), `${JSON.stringify(report, null, 2)}\n`)
} finally {
  await Promise.all([cached.stop(), uncached.stop()])
}
