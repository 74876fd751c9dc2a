import assert from 'node:assert/strict'
import { once } from 'node:events'
import http from 'node:http'
import { after, before, describe, test } from 'node:test'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'

import Database from 'better-sqlite3'

import { graphql } from '../support/graphql'
import { startServer, type TestServer } from '../support/server'
import { adminSession } from '../support/session'

// What proxies, browsers and load balancers see of the production server: the security headers,
// the response cache with its ETags and compressed forms, the health endpoint, and a shutdown
// that lets a request in flight finish.

let server: TestServer
before(async () => {
  server = await startServer()
})
after(() => server.stop())

const get = (path: string, headers: Record<string, string> = {}) => fetch(new URL(path, server.baseUrl), { headers, redirect: 'manual' })

describe('security headers', () => {
  const PATHS = ['/', '/posts/a-home-for-the-monday-health-chat', '/archives/answering-patients-in-public', '/rss.xml', '/no-such-page', '/admin/signin', '/favicon.svg', '/healthz']

  for (const path of PATHS) {
    test(`${path} forbids framing, sniffing, cross-site referrers and inline scripts it did not write`, async () => {
      const response = await get(path)
      const policy = response.headers.get('content-security-policy') ?? ''
      const scriptSources = /script-src ([^;]*)/.exec(policy)?.[1] ?? ''
      assert.match(policy, /default-src 'self'/)
      assert.match(policy, /frame-ancestors 'none'/)
      assert.match(policy, /object-src 'none'/)
      assert.ok(scriptSources.startsWith("'self'"), policy)
      assert.doesNotMatch(scriptSources, /unsafe-inline|unsafe-eval|\*/)
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff')
      assert.equal(response.headers.get('x-frame-options'), 'DENY')
      assert.equal(response.headers.get('referrer-policy'), 'same-origin')
      // Served over plain HTTP here: HSTS only goes out when PUBLIC_URL is https.
      assert.equal(response.headers.get('strict-transport-security'), null)
    })
  }

  test('a page names each of its inline scripts by hash, and only those', async () => {
    const response = await get('/posts/a-home-for-the-monday-health-chat')
    const html = await response.text()
    const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)([^>]*)>([\s\S]*?)<\/script>/g)].filter(([, attributes, body]) => body.trim() && !/application\/(ld\+)?json/.test(attributes))
    const hashes = (response.headers.get('content-security-policy') ?? '').match(/'sha256-[^']+'/g) ?? []
    assert.ok(inline.length >= 2, 'Remix writes inline scripts for hydration')
    assert.equal(new Set(hashes).size, new Set(inline.map(([, , body]) => body)).size)
  })

  test('the Admin UI may not fetch fonts from Google', async () => {
    const policy = (await get('/admin/signin')).headers.get('content-security-policy') ?? ''
    assert.match(policy, /font-src 'self'/)
    assert.doesNotMatch(policy, /googleapis/)
  })
})

describe('the response cache', () => {
  const PAGE = '/posts/a-home-for-the-monday-health-chat'

  test('an unchanged page keeps its ETag, and a browser that has it gets 304 with no body', async () => {
    const first = await get(PAGE)
    const etag = first.headers.get('etag')
    assert.ok(etag)
    assert.equal(first.headers.get('cache-control'), 'public, max-age=0, must-revalidate, s-maxage=60, stale-while-revalidate=300')
    assert.equal(first.headers.get('vary'), 'Accept-Encoding, Accept-Language')
    assert.equal(first.headers.get('set-cookie'), null)
    assert.equal((await get(PAGE)).headers.get('etag'), etag)
    const revalidated = await get(PAGE, { 'If-None-Match': etag })
    assert.equal(revalidated.status, 304)
    assert.equal(await revalidated.text(), '')
  })

  // Hits are answered ahead of Express (answerCacheHitsFirst): they must not lose a header the
  // middleware set on the first answer.
  for (const [what, path] of [['a page', PAGE], ['a missing page', '/no-such-page']]) {
    test(`${what} answered from the cache carries the headers of its first answer`, async () => {
      // A parameter some page reads makes an entry of its own; an unknown one would not.
      const url = `${path}?page=${Date.now()}`
      const headersOf = (response: Response) => Object.fromEntries([...response.headers].filter(([name]) => name !== 'date'))
      const first = await get(url)
      const firstBody = await first.text()
      const again = await get(url)
      assert.equal(again.status, first.status)
      assert.deepEqual(headersOf(again), headersOf(first))
      assert.equal(await again.text(), firstBody)
    })
  }

  test('a URL that differs only by parameters no page reads is answered from the page’s entry, with no render', async () => {
    const INTERVIEW = '/interviews/why-a-weekly-chat-a-conversation-with-one-of-our-hosts'
    const first = await get(INTERVIEW)
    const firstBody = await first.text()
    // Each render signs the time its comment form was drawn, so a second render differs.
    assert.match(firstBody, /name="startedAt" value="\d+"/)
    for (const query of ['?utm_source=newsletter', '?v=2&fbclid=abc', '?utm_campaign=x&v=3']) {
      const again = await get(`${INTERVIEW}${query}`)
      assert.equal(again.headers.get('etag'), first.headers.get('etag'), query)
      assert.equal(await again.text(), firstBody, query)
    }
    const secondPage = await get(`${INTERVIEW}?page=2`)
    assert.notEqual(secondPage.headers.get('etag'), first.headers.get('etag'), 'a parameter some page reads is its own entry')
  })

  test('a write by another process (a CLI on the same SQLite file) shows on the next request', async () => {
    const INTERVIEW = '/interviews/why-a-weekly-chat-a-conversation-with-one-of-our-hosts'
    const slug = INTERVIEW.split('/').pop()
    assert.doesNotMatch(await (await get(INTERVIEW)).text(), /Renamed by another process/)
    // Another connection, as `npm run import` would open, behind Keystone's back: no hook runs.
    const database = new Database(server.databaseFile)
    const { title } = database.prepare('SELECT title FROM Interview WHERE slug = ?').get(slug) as { title: string }
    database.prepare('UPDATE Interview SET title = ? WHERE slug = ?').run('Renamed by another process', slug)
    try {
      assert.match(await (await get(INTERVIEW)).text(), /Renamed by another process/)
    } finally {
      database.prepare('UPDATE Interview SET title = ? WHERE slug = ?').run(title, slug)
      database.close()
    }
  })

  test('a flood of new URLs waits its turn to render, past a queue it is asked to come back, and cached pages are answered meanwhile', async () => {
    const cachedPage = '/posts/a-home-for-the-monday-health-chat'
    await (await get(cachedPage)).text()
    let rendered = 0
    // A connection each, as many readers (or one script) would open.
    const flood = Array.from({ length: 400 }, async (_, n) => {
      const request = http.get(new URL(`/search?q=flood+${n}`, server.baseUrl), { agent: false })
      const [response] = (await once(request, 'response')) as [http.IncomingMessage]
      if (response.statusCode === 200) rendered++
      let body = ''
      for await (const chunk of response.setEncoding('utf8')) body += chunk
      return { status: response.statusCode, retryAfter: response.headers['retry-after'], cacheControl: response.headers['cache-control'], body }
    })
    const cached = await get(cachedPage)
    const renderedBeforeCached = rendered
    assert.equal(cached.status, 200)
    const answers = await Promise.all(flood)
    const refused = answers.filter(answer => answer.status === 503)
    assert.ok(refused.length > 0, 'more than the queue holds are refused')
    assert.deepEqual(new Set(answers.map(answer => answer.status)), new Set([200, 503]))
    for (const answer of refused) {
      assert.equal(answer.retryAfter, '2')
      assert.equal(answer.cacheControl, 'no-store')
      assert.match(answer.body, /try again/)
    }
    assert.ok(renderedBeforeCached < answers.length - refused.length, `the cached page came before the flood was rendered (after ${renderedBeforeCached} renders)`)
  })

  test('pages are compressed with brotli or gzip, as the client prefers, to the same bytes', async () => {
    const plain = Buffer.from(await (await get(PAGE)).arrayBuffer())
    // Node's fetch decompresses on its own; a raw request shows the bytes on the wire.
    const raw = async (acceptEncoding: string) => {
      const request = http.get(new URL(PAGE, server.baseUrl), { headers: { 'Accept-Encoding': acceptEncoding } })
      const [response] = (await once(request, 'response')) as [http.IncomingMessage]
      const chunks: Buffer[] = []
      for await (const chunk of response) chunks.push(chunk as Buffer)
      return { encoding: response.headers['content-encoding'], body: Buffer.concat(chunks) }
    }
    const brotli = await raw('gzip, deflate, br')
    assert.equal(brotli.encoding, 'br')
    assert.ok(brotli.body.length < plain.length / 2, `${brotli.body.length} bytes against ${plain.length}`)
    assert.deepEqual(brotliDecompressSync(brotli.body), plain)
    const gzip = await raw('gzip')
    assert.equal(gzip.encoding, 'gzip')
    assert.deepEqual(gunzipSync(gzip.body), plain)
  })

  test('an editor’s change shows at once, and signed-in requests are never shared', async () => {
    const before = await (await get(PAGE)).text()
    assert.match(before, /A home for the Monday Health Chat/)
    const { cookie } = await adminSession(server)
    const signedIn = await get(PAGE, { Cookie: cookie })
    assert.equal(signedIn.headers.get('cache-control'), 'private, no-cache')
    const { errors } = await graphql(server, 'mutation($slug: String!) { updatePost(where: { slug: $slug }, data: { title: "A new home for the Monday Health Chat" }) { id } }', {
      cookie,
      variables: { slug: 'a-home-for-the-monday-health-chat' },
      allowErrors: true,
    })
    assert.equal(errors, undefined)
    const after = await (await get(PAGE)).text()
    assert.match(after, /<h1[^>]*>A new home for the Monday Health Chat<\/h1>/)
    assert.match(await (await get('/')).text(), /A new home for the Monday Health Chat/)
    assert.match(await (await get('/rss.xml')).text(), /A new home for the Monday Health Chat/)
  })
})

describe('operations', () => {
  test('/healthz reports the database and is never cached', async () => {
    const response = await get('/healthz')
    assert.equal(response.status, 200)
    assert.equal(response.headers.get('cache-control'), 'no-store')
    const body = (await response.json()) as { status: string; database: string }
    assert.deepEqual([body.status, body.database], ['ok', 'ok'])
  })

  test('SIGTERM lets a request in flight finish, then the process exits cleanly', async () => {
    // A server of its own: the signal ends it, and the other tests need theirs.
    const own = await startServer()
    try {
      // A comment post whose body is still arriving when the signal comes.
      const request = http.request(new URL('/posts/a-home-for-the-monday-health-chat', own.baseUrl), {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': '40', Origin: own.baseUrl },
      })
      request.write('name=Late+reader&body=')
      const [socket] = (await once(request, 'socket')) as [import('node:net').Socket]
      if (socket.connecting) await once(socket, 'connect')
      // The server answers in arrival order: once a later request is answered, ours is being handled.
      assert.equal((await fetch(new URL('/healthz', own.baseUrl))).status, 200)
      const exited = once(own.child, 'exit')
      const signalled = new Promise<void>(resolve => {
        const check = () => (own.output().includes('SIGTERM: finishing') ? resolve() : own.child.stdout?.once('data', check))
        check()
      })
      own.child.kill('SIGTERM')
      await signalled
      request.end('Still+here%21'.padEnd(18, '+'))
      const [response] = (await once(request, 'response')) as [http.IncomingMessage]
      response.resume()
      assert.ok(response.statusCode && response.statusCode < 500, `answered ${response.statusCode}`)
      const [code] = await exited
      assert.equal(code, 0)
      assert.match(own.output(), /SIGTERM: finishing requests in flight/)
      assert.match(own.output(), /Stopped\./)
    } finally {
      await own.stop()
    }
  })
})
