import assert from 'node:assert/strict'
import http from 'node:http'
import { after, before, describe, test } from 'node:test'

import { graphql } from '../support/graphql'
import { startServer, type TestServer } from '../support/server'

// What the production server says to requests no browser or Admin UI would send: too big, not
// JSON, not GraphQL, absurdly deep, odd methods and paths. Each is refused with a 4xx that names
// the problem and shows nothing of the server's insides, and the server carries on.

let server: TestServer
before(async () => {
  server = await startServer()
})
after(() => server?.stop())

const MB = 1024 * 1024
const POST_PATH = '/posts/a-home-for-the-monday-health-chat'
const json = { 'Content-Type': 'application/json' }

/** A query `depth` fields deep, following a post to its author to their posts and so on. */
function nestedQuery(depth: number) {
  let selection = 'id'
  for (let level = depth - 1; level > 0; level--) selection = `${level % 2 ? 'author' : 'posts'} { ${selection} }`
  return `{ posts { ${selection} } }`
}

/** Signs of a stack trace or the server's files in what a client is sent. */
const INSIDES = [/\n\s+at /, /\bat [\w.<>]+ \(/, /node_modules/, /\/work\//, /\/tmp\//, /\.[cm]?[jt]sx?:\d+/, /"stacktrace"/i]

type Case = {
  what: string
  path: string
  method?: string
  headers?: Record<string, string>
  body?: () => string | Uint8Array
  status: number | 'any 4xx'
  /** Something the answer must say. */
  says?: RegExp
}

const CASES: Case[] = [
  {
    what: 'a 5 MB JSON body to the GraphQL API',
    path: '/api/graphql',
    method: 'POST',
    headers: json,
    body: () => JSON.stringify({ query: '{ postsCount }', variables: { padding: 'x'.repeat(5 * MB) } }),
    status: 413,
  },
  { what: 'a body that is not JSON', path: '/api/graphql', method: 'POST', headers: json, body: () => '{"query": "{ postsCount }",', status: 400 },
  { what: 'a JSON body that is not an object', path: '/api/graphql', method: 'POST', headers: json, body: () => '"{ postsCount }"', status: 400 },
  {
    what: 'a query that is not GraphQL',
    path: '/api/graphql',
    method: 'POST',
    headers: json,
    body: () => JSON.stringify({ query: '{ posts { id ' }),
    status: 400,
    says: /Syntax Error/,
  },
  {
    what: 'a query for a field that does not exist',
    path: '/api/graphql',
    method: 'POST',
    headers: json,
    body: () => JSON.stringify({ query: '{ secrets { id } }' }),
    status: 400,
    says: /Cannot query field \\"secrets\\"/,
  },
  {
    what: 'a query 50 relationships deep',
    path: '/api/graphql',
    method: 'POST',
    headers: json,
    body: () => JSON.stringify({ query: nestedQuery(50) }),
    status: 400,
    says: /depth/i,
  },
  {
    what: 'a deep query hidden in fragments',
    path: '/api/graphql',
    method: 'POST',
    headers: json,
    body: () =>
      JSON.stringify({
        query: `{ posts { ...A } }
          fragment A on Post { author { ...B } }
          fragment B on User { posts { author { posts { author { posts { author { posts { author { posts { author { posts { author { posts { author { posts { id } } } } } } } } } } } } } } } }`,
      }),
    status: 400,
    says: /depth/i,
  },
  {
    what: 'a query sent as plain text, as a cross-site form could',
    path: '/api/graphql',
    method: 'POST',
    headers: { 'Content-Type': 'text/plain' },
    body: () => JSON.stringify({ query: '{ postsCount }' }),
    status: 400,
  },
  {
    what: 'a 5 MB file upload to the GraphQL API',
    path: '/api/graphql',
    method: 'POST',
    headers: { 'Content-Type': 'multipart/form-data; boundary=XYZ', 'Apollo-Require-Preflight': 'true' },
    body: () =>
      [
        '--XYZ\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{"query":"mutation($f: Upload) { __typename }","variables":{"f":null}}',
        '--XYZ\r\nContent-Disposition: form-data; name="map"\r\n\r\n{"0":["variables.f"]}',
        `--XYZ\r\nContent-Disposition: form-data; name="0"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n${'x'.repeat(5 * MB)}`,
        '--XYZ--\r\n',
      ].join('\r\n'),
    status: 'any 4xx',
  },
  {
    what: 'a 5 MB comment',
    path: POST_PATH,
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost' },
    body: () => new URLSearchParams({ name: 'Flood', email: 'flood@example.org', body: 'x'.repeat(5 * MB) }).toString(),
    status: 413,
  },
  {
    what: 'a 5 MB multipart comment',
    path: POST_PATH,
    method: 'POST',
    headers: { 'Content-Type': 'multipart/form-data; boundary=XYZ' },
    body: () => `--XYZ\r\nContent-Disposition: form-data; name="body"\r\n\r\n${'x'.repeat(5 * MB)}\r\n--XYZ--\r\n`,
    status: 413,
  },
  {
    what: 'a comment form that is not a form',
    path: POST_PATH,
    method: 'POST',
    // From this site's page as far as the browser says: a post from elsewhere is refused first (403, tests/e2e/cross-site-posts.test.ts).
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Sec-Fetch-Site': 'same-origin' },
    body: () => '%%%&&&=%E0%A4%A',
    status: 400,
  },
  { what: 'an unknown method on a page', path: '/', method: 'PROPFIND', status: 405 },
  { what: 'TRACE, which fetch() itself forbids', path: '/', method: 'TRACE', status: 405 },
  { what: 'DELETE on a page', path: POST_PATH, method: 'DELETE', status: 405 },
  { what: 'PUT on the GraphQL API', path: '/api/graphql', method: 'PUT', headers: json, body: () => '{}', status: 'any 4xx' },
  { what: 'a GraphQL GET without the CSRF header', path: '/api/graphql?query=%7BpostsCount%7D', status: 400 },
  { what: 'a path with broken percent-encoding', path: '/posts/%E0%A4%A', status: 'any 4xx' },
  { what: 'a path climbing out of the site', path: '/assets/..%2f..%2f..%2fpackage.json', status: 404 },
  { what: 'a path of garbage', path: `/${'%ff'.repeat(20)}/${'a'.repeat(2000)}`, status: 404 },
  { what: 'a path climbing out with encoded dots', path: '/%2e%2e/%2e%2e/etc/passwd', status: 404 },
]

/** Sent with node:http, as written: fetch() would tidy the odd paths away before sending them. */
function send({ path, method = 'GET', headers = {}, body }: Case): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(server.baseUrl)
  return new Promise((resolve, reject) => {
    const request = http.request({ hostname, port, path, method, headers }, response => {
      const chunks: Buffer[] = []
      response.on('data', chunk => chunks.push(chunk))
      response.on('end', () => resolve({ status: response.statusCode!, text: Buffer.concat(chunks).toString('utf8') }))
    })
    // A server may answer 413 and close before reading the whole body.
    request.on('error', error => ((error as NodeJS.ErrnoException).code === 'EPIPE' || (error as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(error)))
    request.end(body?.())
  })
}

describe('malformed requests', () => {
  for (const request of CASES) {
    const expected = request.status === 'any 4xx' ? 'a 4xx' : request.status
    test(`${request.what} gets ${expected}, without a stack trace`, async () => {
      const { status, text } = await send(request)
      if (request.status === 'any 4xx') assert.ok(status >= 400 && status < 500, `${status}: ${text.slice(0, 300)}`)
      else assert.equal(status, request.status, text.slice(0, 300))
      if (request.says) assert.match(text, request.says)
      for (const sign of INSIDES) assert.doesNotMatch(text, sign, `${text.slice(0, 500)}`)
      const health = await fetch(new URL('/healthz', server.baseUrl))
      assert.equal(health.status, 200, 'the server is still healthy')
    })
  }

  test('an ordinary query still works, and so does one as deep as the Admin UI goes', async () => {
    const { status, data, errors } = await graphql<{ posts: unknown[] }>(server, nestedQuery(8), { allowErrors: true })
    assert.equal(status, 200)
    assert.equal(errors, undefined)
    assert.ok(data.posts.length > 0)
  })

  test('a query that fails inside a resolver says why, without a stack trace', async () => {
    const { text } = await graphql(server, 'mutation { createPost(data: { title: "Spam" }) { id } }', { allowErrors: true })
    assert.match(text, /Access denied/)
    for (const sign of INSIDES) assert.doesNotMatch(text, sign, text)
  })
})
