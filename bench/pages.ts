import { execFile } from 'node:child_process'
import { once } from 'node:events'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib'

import { startServer } from '../tests/support/server'
import { syntheticChat } from '../tests/support/synthetic-chat'
import { bareServer, CONNECTIONS, load, SECONDS } from './load'

// npm run bench:pages — the production server under load, page by page, beside the limit of this
// machine: the same bytes from memory by a bare Node http server, and by the production server
// as a static file. 50 connections, 10 s each after a 2 s warm-up. Writes bench/results/pages.json.

const run = promisify(execFile)

type Row = { page: string; path: string; rps: number; p50: number; p99: number; bytes: number; brotliBytes: number; limitRps: number; staticRps: number; ofLimit: string; errors: number }

/** The bytes as they cross the wire (fetch would decompress them), and their encoding. */
async function bytesOnTheWire(url: string, headers: Record<string, string>) {
  const request = http.get(url, { headers })
  const [response] = (await once(request, 'response')) as [http.IncomingMessage]
  const chunks: Buffer[] = []
  for await (const chunk of response) chunks.push(chunk as Buffer)
  return { body: Buffer.concat(chunks), encoding: response.headers['content-encoding'] ?? 'identity' }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

/** Every script the page loads (module scripts and their preloads), as the server sends them compressed. */
async function javaScriptShipped(pageUrl: string) {
  const html = await (await fetch(pageUrl)).text()
  const sources = new Set([...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+)"/g)].map(match => new URL(match[1], pageUrl).href))
  let bytes = 0
  let compressedBytes = 0
  for (const source of sources) {
    const compressed = await new Promise<number>((resolve, reject) => {
      http.get(source, { headers: { 'Accept-Encoding': 'br, gzip' } }, response => {
        let length = 0
        response.on('data', (chunk: Buffer) => (length += chunk.length)).on('end', () => resolve(length)).on('error', reject)
      })
    })
    compressedBytes += compressed
    bytes += (await (await fetch(source)).arrayBuffer()).byteLength
  }
  const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(match => match[1]).join('')
  return { files: sources.size, bytes, compressedBytes, inlineBytes: Buffer.byteLength(inline), inlineCompressedBytes: brotliCompressSync(inline).length }
}

async function importLargeChat(databaseFile: string) {
  const chat = syntheticChat({ posts: 1000, seed: 42, start: new Date('2026-11-16T12:00:00Z'), idBase: 1_910_000_000_000_000_000n })
  const file = path.join(path.dirname(databaseFile), 'large-chat.json')
  fs.writeFileSync(file, JSON.stringify(chat.pages))
  await run(process.execPath, ['--import', 'tsx', 'scripts/import.ts', '--hashtag', '#mondayhealthchat', '--start', chat.start.toISOString(), '--end', chat.end.toISOString(), '--slug', 'large-chat', '--title', 'A large chat', file], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', DATABASE_URL: `file:${databaseFile}`, SESSION_SECRET: 'bench-secret-that-is-long-enough-0123456789' },
  })
}

const server = await startServer({ prepare: importLargeChat })
// Under /assets, which the server serves from disk as it finds it (other static files are listed at start).
const staticDirectory = path.join('build', 'client', 'assets', 'bench-static')
fs.mkdirSync(staticDirectory, { recursive: true })
try {
  // Without Accept-Encoding every server sends the same uncompressed bytes. The 1,000-post pages
  // are also measured as browsers ask for them (brotli), the bare server sending those bytes too.
  const BROTLI = { 'Accept-Encoding': 'br' }
  const PAGES: { page: string; path: string; headers?: Record<string, string> }[] = [
    { page: 'home', path: '/' },
    { page: 'post', path: '/posts/a-home-for-the-monday-health-chat' },
    { page: 'recap with 3 embedded chats', path: '/posts/recap-answering-patients-in-public' },
    { page: 'interview', path: '/interviews/why-a-weekly-chat-a-conversation-with-one-of-our-hosts' },
    { page: 'archive of 1,000 posts', path: '/archives/large-chat' },
    { page: 'archive of 1,000 posts, brotli', path: '/archives/large-chat', headers: BROTLI },
    { page: 'transcript of 1,000 posts', path: '/archives/large-chat/transcript' },
    { page: 'transcript of 1,000 posts, brotli', path: '/archives/large-chat/transcript', headers: BROTLI },
    { page: 'RSS feed', path: '/rss.xml' },
    { page: 'search', path: '/search?q=patients' },
  ]
  const rows: Row[] = []
  for (const { page, path: pagePath, headers = {} } of PAGES) {
    const url = `${server.baseUrl}${pagePath}`
    const { body, encoding } = await bytesOnTheWire(url, headers)
    const plain = encoding === 'br' ? brotliDecompressSync(body) : body
    const fileName = `${page.replace(/\W+/g, '-')}.html`
    fs.writeFileSync(path.join(staticDirectory, fileName), plain)
    fs.writeFileSync(path.join(staticDirectory, `${fileName}.wire`), body)
    const bare = await bareServer(path.resolve(staticDirectory, `${fileName}.wire`), encoding === 'identity' ? {} : { 'Content-Encoding': encoding })
    await load(url, { duration: 2, headers })
    const app = await load(url, { headers })
    const limit = await load(bare.url, { headers })
    const staticFile = await load(`${server.baseUrl}/assets/bench-static/${fileName}`, { headers })
    await bare.close()
    rows.push({
      page,
      path: pagePath,
      ...app,
      bytes: body.length,
      brotliBytes: brotliCompressSync(plain).length,
      limitRps: limit.rps,
      staticRps: staticFile.rps,
      ofLimit: `${Math.round((100 * app.rps) / limit.rps)}%`,
    })
    console.log(`${page}: ${app.rps} req/s (${Math.round((100 * app.rps) / limit.rps)}% of bare Node), p99 ${app.p99} ms`)
  }
  console.log(`\nPages at ${CONNECTIONS} connections, ${SECONDS} s each, production build on loopback`)
  console.table(rows.map(({ path: _path, ...row }) => row))
  const javaScript = {
    archive: await javaScriptShipped(`${server.baseUrl}/archives/large-chat`),
    transcript: await javaScriptShipped(`${server.baseUrl}/archives/large-chat/transcript`),
    post: await javaScriptShipped(`${server.baseUrl}/posts/a-home-for-the-monday-health-chat`),
  }
  console.log('\nJavaScript a reader downloads (script files as served compressed, plus inline scripts)')
  for (const [page, figures] of Object.entries(javaScript)) {
    console.log(`  ${page}: ${figures.files} files, ${kb(figures.compressedBytes)} compressed (${kb(figures.bytes)} uncompressed); inline ${kb(figures.inlineCompressedBytes)} compressed`)
  }
  const report = { machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`, node: process.version, at: new Date().toISOString(), connections: CONNECTIONS, seconds: SECONDS, rows, javaScript }
  fs.mkdirSync(path.join('bench', 'results'), { recursive: true })
  fs.writeFileSync(path.join('bench', 'results', 'pages.json'), `${JSON.stringify(report, null, 2)}\n`)
} finally {
  fs.rmSync(staticDirectory, { recursive: true, force: true })
  await server.stop()
}
