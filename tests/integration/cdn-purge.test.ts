import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { once } from 'node:events'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { afterEach, test } from 'node:test'
import { promisify } from 'node:util'
import v8 from 'node:v8'
import vm from 'node:vm'

import { CdnPurgeQueue, cdnPurgeConfigFrom, type CdnPurgeConfig, type CdnPurgeOptions } from '../../app/server/cdn-purge.server'

// The queue's real fetch against a real local HTTP server standing in for the CDN's purge API.
// Tests wait on events (a request arriving, the queue draining), never on the clock; every
// drain() is bounded, so a broken queue fails a test instead of hanging it.

type Recorded = { method: string; path: string; headers: http.IncomingHttpHeaders; body: any }
/** How the recorder answers one request: a status (and headers), never, or once a promise settles. */
type Answer = { status: number; headers?: Record<string, string> } | 'hang' | Promise<{ status: number; headers?: Record<string, string> }>

type Recorder = {
  url: string
  requests: Recorded[]
  /** Answers for the next requests, in order; after them, 200. */
  answers: Answer[]
  /** Resolves with the nth request (from 0) once it has arrived. */
  request(index: number): Promise<Recorded>
  stop(): Promise<void>
}

async function startRecorder(): Promise<Recorder> {
  const requests: Recorded[] = []
  const answers: Answer[] = []
  const waiting = new Map<number, (request: Recorded) => void>()
  const answer = async (request: http.IncomingMessage, response: http.ServerResponse) => {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const text = Buffer.concat(chunks).toString('utf8')
    const recorded = { method: request.method ?? '', path: request.url ?? '', headers: request.headers, body: text ? JSON.parse(text) : undefined }
    const index = requests.push(recorded) - 1
    waiting.get(index)?.(recorded)
    const next = answers.shift() ?? { status: 200 }
    if (next === 'hang') return
    const { status, headers } = await next
    response.writeHead(status, { 'content-type': 'application/json', ...headers })
    response.end(JSON.stringify({ success: status < 300 }))
  }
  const server = http.createServer((request, response) => void answer(request, response))
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/service/test-service/purge`,
    requests,
    answers,
    request: index => (requests[index] ? Promise.resolve(requests[index]) : new Promise(resolve => waiting.set(index, resolve))),
    async stop() {
      server.closeAllConnections()
      server.close()
      await once(server, 'close')
    },
  }
}

function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>(done => (resolve = done))
  return { promise, resolve }
}

let cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup()
  cleanups = []
})

async function setUp(config: Partial<CdnPurgeConfig> = {}, options: CdnPurgeOptions = {}) {
  const cdn = await startRecorder()
  const logged: string[] = []
  const queue = new CdnPurgeQueue({ style: 'fastly', url: cdn.url, ...config }, { retryDelaysMs: [10, 20], log: message => logged.push(message), ...options })
  cleanups.push(() => cdn.stop(), () => queue.close())
  return { cdn, queue, logged }
}

const keysOf = (request: Recorded) => request.body.surrogate_keys ?? request.body.tags

test('Fastly style: one POST naming the keys in Surrogate-Key and in the JSON body, with Fastly-Key', async () => {
  const { cdn, queue, logged } = await setUp({ style: 'fastly', token: 'fastly-token' })
  queue.purge(['site', 'posts', 'post:12'])
  assert.equal(await queue.drain(5000), true)
  assert.equal(cdn.requests.length, 1)
  const [request] = cdn.requests
  assert.equal(request.method, 'POST')
  assert.equal(request.path, '/service/test-service/purge')
  assert.equal(request.headers['surrogate-key'], 'site posts post:12')
  assert.equal(request.headers['fastly-key'], 'fastly-token')
  assert.equal(request.headers.authorization, undefined)
  assert.match(request.headers['content-type'] ?? '', /^application\/json/)
  assert.deepEqual(request.body, { surrogate_keys: ['site', 'posts', 'post:12'] })
  assert.deepEqual(queue.stats(), { sent: 3, failed: 0, pending: 0 })
  assert.deepEqual(logged, [])
})

test('Fastly style without a token sends no Fastly-Key', async () => {
  const { cdn, queue } = await setUp({ style: 'fastly' })
  queue.purge(['site'])
  assert.equal(await queue.drain(5000), true)
  assert.equal(cdn.requests[0].headers['fastly-key'], undefined)
  assert.equal(cdn.requests[0].headers['surrogate-key'], 'site')
})

test('Cloudflare style: tags in the JSON body, a bearer token, at most 30 tags a request', async () => {
  const { cdn, queue } = await setUp({ style: 'cloudflare', token: 'cf-token' })
  const keys = Array.from({ length: 65 }, (_, index) => `post:${index + 1}`)
  queue.purge(keys)
  assert.equal(await queue.drain(5000), true)
  assert.deepEqual(
    cdn.requests.map(request => request.body.tags.length),
    [30, 30, 5]
  )
  for (const request of cdn.requests) {
    assert.equal(request.method, 'POST')
    assert.equal(request.headers.authorization, 'Bearer cf-token')
    assert.equal(request.headers['surrogate-key'], undefined)
    assert.deepEqual(Object.keys(request.body), ['tags'])
  }
  assert.deepEqual(cdn.requests.flatMap(request => request.body.tags), keys)
  assert.deepEqual(queue.stats(), { sent: 65, failed: 0, pending: 0 })
})

test('a burst of purge() calls in one tick goes out as one request, each key once', async () => {
  const { cdn, queue } = await setUp()
  queue.purge(['site', 'posts', 'post:12'])
  queue.purge(new Set(['posts', 'archive:3']))
  queue.purge(['site', 'post:12'])
  assert.equal(await queue.drain(5000), true)
  assert.equal(cdn.requests.length, 1)
  assert.deepEqual(keysOf(cdn.requests[0]), ['site', 'posts', 'post:12', 'archive:3'])
})

test('a 500 is retried, and the keys are purged once it succeeds', async () => {
  const { cdn, queue, logged } = await setUp({}, { retryDelaysMs: [10, 20] })
  cdn.answers.push({ status: 500 })
  queue.purge(['post:12'])
  assert.equal(await queue.drain(5000), true)
  assert.equal(cdn.requests.length, 2)
  assert.deepEqual(cdn.requests.map(keysOf), [['post:12'], ['post:12']])
  assert.deepEqual(queue.stats(), { sent: 1, failed: 0, pending: 0 })
  assert.deepEqual(logged, [])
})

test('keys purged while a request fails go out with its retry, each once', async () => {
  const { cdn, queue } = await setUp({}, { retryDelaysMs: [10] })
  const firstAnswer = deferred<{ status: number }>()
  cdn.answers.push(firstAnswer.promise)
  queue.purge(['post:12'])
  await cdn.request(0)
  queue.purge(['post:12', 'posts'])
  firstAnswer.resolve({ status: 503 })
  assert.equal(await queue.drain(5000), true)
  assert.deepEqual(cdn.requests.map(keysOf), [['post:12'], ['post:12', 'posts']])
})

test('a 429 with Retry-After: 0 is retried at once, not after the scheduled delay', async () => {
  // A minute-long scheduled delay would outlast drain(5000): only Retry-After lets this pass.
  const { cdn, queue } = await setUp({}, { retryDelaysMs: [60_000] })
  cdn.answers.push({ status: 429, headers: { 'retry-after': '0' } })
  queue.purge(['site'])
  assert.equal(await queue.drain(5000), true)
  assert.equal(cdn.requests.length, 2)
  assert.deepEqual(queue.stats(), { sent: 1, failed: 0, pending: 0 })
})

test('after the last retry it gives up with one log line naming the keys and the last error', async () => {
  const { cdn, queue, logged } = await setUp({}, { retryDelaysMs: [1, 1] })
  cdn.answers.push({ status: 503 }, { status: 502 }, { status: 500 })
  queue.purge(['posts', 'post:12'])
  assert.equal(await queue.drain(5000), true)
  assert.equal(cdn.requests.length, 3)
  assert.equal(logged.length, 1)
  assert.match(logged[0], /gave up on 2 key\(s\) \[posts post:12\]/)
  assert.match(logged[0], /after 3 attempt\(s\): HTTP 500/)
  assert.deepEqual(queue.stats(), { sent: 0, failed: 2, pending: 0 })
})

test('a refused request (403) is not retried', async () => {
  const { cdn, queue, logged } = await setUp({}, { retryDelaysMs: [1, 1] })
  cdn.answers.push({ status: 403 })
  queue.purge(['site'])
  assert.equal(await queue.drain(5000), true)
  assert.equal(cdn.requests.length, 1)
  assert.match(logged[0], /\[site\].*HTTP 403/)
})

test('a CDN that never answers: purge() returns at once, the request times out and is retried, drain() resolves', async () => {
  const { cdn, queue, logged } = await setUp({}, { retryDelaysMs: [1], timeoutMs: 50 })
  cdn.answers.push('hang', 'hang')
  assert.equal(queue.purge(['site']), undefined)
  // Nothing has been sent yet: purge() only queued the key.
  assert.equal(cdn.requests.length, 0)
  assert.deepEqual(queue.stats(), { sent: 0, failed: 0, pending: 1 })
  assert.equal(await queue.drain(5000), true)
  assert.equal(cdn.requests.length, 2)
  assert.equal(logged.length, 1)
  assert.match(logged[0], /\[site\].*timeout/i)
})

test('a hanging request still times out when garbage is collected while it waits', async () => {
  // A timeout signal only AbortSignal.any() referred to was collected in Node 20 and never fired.
  v8.setFlagsFromString('--expose-gc')
  const collectGarbage = vm.runInNewContext('gc') as () => void
  const { cdn, queue, logged } = await setUp({}, { retryDelaysMs: [], timeoutMs: 100 })
  cdn.answers.push('hang')
  const collecting = setInterval(collectGarbage, 5)
  try {
    queue.purge(['site'])
    assert.equal(await queue.drain(5000), true, 'the request was abandoned at its 100 ms timeout')
  } finally {
    clearInterval(collecting)
  }
  assert.match(logged[0], /\[site\].*timeout/i)
})

test('drain() gives up at its own timeout while a request hangs, and close() abandons it', async () => {
  const { cdn, queue, logged } = await setUp()
  cdn.answers.push('hang')
  queue.purge(['site'])
  await cdn.request(0)
  assert.equal(await queue.drain(20), false)
  assert.deepEqual(queue.stats(), { sent: 0, failed: 0, pending: 1 })
  queue.close()
  assert.equal(await queue.drain(5000), true)
  assert.match(logged[0], /\[site\].*closed/)
  queue.purge(['posts'])
  assert.deepEqual(queue.stats(), { sent: 0, failed: 1, pending: 0 })
})

test('a retry waiting on its timer does not keep a process alive', async () => {
  // A child purges against a port nobody listens on (connection refused), so the queue is left
  // waiting a minute to retry; the child must still exit as soon as its own drain() times out.
  const closed = http.createServer().listen(0, '127.0.0.1')
  await once(closed, 'listening')
  const { port } = closed.address() as AddressInfo
  closed.close()
  await once(closed, 'close')
  const script = `
    import { CdnPurgeQueue } from ${JSON.stringify(path.resolve('app/server/cdn-purge.server.ts'))}
    const queue = new CdnPurgeQueue({ style: 'cloudflare', url: 'http://127.0.0.1:${port}/purge' }, { retryDelaysMs: [60000], log: () => {} })
    queue.purge(['site'])
    console.log(await queue.drain(300), JSON.stringify(queue.stats()))
  `
  // Were the retry timer holding the child, execFile would kill it at 20 s and reject.
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', script], { timeout: 20_000 })
  assert.equal(stdout.trim(), 'false {"sent":0,"failed":0,"pending":1}')
})

test('cdnPurgeConfigFrom: no CDN_PURGE_URL means no CDN', () => {
  assert.equal(cdnPurgeConfigFrom({}), undefined)
  assert.equal(cdnPurgeConfigFrom({ CDN_PURGE_URL: '', CDN_PURGE_STYLE: 'fastly' }), undefined)
})

test('cdnPurgeConfigFrom: reads the style, URL and token', () => {
  assert.deepEqual(
    cdnPurgeConfigFrom({ CDN_PURGE_URL: 'https://api.fastly.com/service/abc/purge', CDN_PURGE_STYLE: 'fastly', CDN_PURGE_TOKEN: 'secret' }),
    { style: 'fastly', url: 'https://api.fastly.com/service/abc/purge', token: 'secret' }
  )
  assert.deepEqual(cdnPurgeConfigFrom({ CDN_PURGE_URL: 'https://api.cloudflare.com/client/v4/zones/z/purge_cache', CDN_PURGE_STYLE: 'cloudflare' }), {
    style: 'cloudflare',
    url: 'https://api.cloudflare.com/client/v4/zones/z/purge_cache',
  })
})

test('cdnPurgeConfigFrom: a wrong or missing value is reported by its variable name', () => {
  assert.throws(() => cdnPurgeConfigFrom({ CDN_PURGE_URL: 'https://cdn.example/purge', CDN_PURGE_STYLE: 'akamai' }), /CDN_PURGE_STYLE.*"akamai"/)
  assert.throws(() => cdnPurgeConfigFrom({ CDN_PURGE_URL: 'https://cdn.example/purge' }), /CDN_PURGE_STYLE/)
  assert.throws(() => cdnPurgeConfigFrom({ CDN_PURGE_URL: 'not a url', CDN_PURGE_STYLE: 'fastly' }), /CDN_PURGE_URL/)
})
