import assert from 'node:assert/strict'
import { once } from 'node:events'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, test } from 'node:test'

import { graphql } from '../support/graphql'
import { startServer, type TestServer } from '../support/server'
import { adminSession } from '../support/session'

// A CDN in front of the site: every cacheable page names what it shows in Surrogate-Key and
// Cache-Tag, and an editor's save purges those keys at the CDN's purge endpoint, here a local
// server that records what it is sent (Fastly's style of request).

type Purge = { path: string; surrogateKey: string; keys: string[] }
const purges: Purge[] = []
let purgeArrived: (() => void) | undefined
const cdn = http.createServer((request, response) => {
  let body = ''
  request.setEncoding('utf8').on('data', chunk => (body += chunk))
  request.on('end', () => {
    purges.push({ path: request.url ?? '', surrogateKey: String(request.headers['surrogate-key'] ?? ''), keys: (JSON.parse(body) as { surrogate_keys: string[] }).surrogate_keys })
    response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":"ok"}')
    purgeArrived?.()
  })
})

let server: TestServer
before(async () => {
  cdn.listen(0, '127.0.0.1')
  await once(cdn, 'listening')
  const { port } = cdn.address() as AddressInfo
  server = await startServer({ env: { CDN_PURGE_URL: `http://127.0.0.1:${port}/service/test/purge`, CDN_PURGE_STYLE: 'fastly', CDN_PURGE_TOKEN: 'test-token' } })
})
after(async () => {
  await server.stop()
  cdn.close()
})

const get = (path: string) => fetch(new URL(path, server.baseUrl))
const keysOf = (response: Response) => (response.headers.get('surrogate-key') ?? '').split(' ')

/** The next purge the CDN receives whose keys include `key`. */
async function purgeOf(key: string, since: number) {
  for (;;) {
    const found = purges.slice(since).find(purge => purge.keys.includes(key))
    if (found) return found
    await new Promise<void>(resolve => (purgeArrived = resolve))
  }
}

async function postId(slug: string) {
  const { data } = await graphql<{ post: { id: string } }>(server, 'query($slug: String!) { post(where: { slug: $slug }) { id } }', { variables: { slug }, cookie: (await adminSession(server)).cookie })
  return data.post.id
}

test('a post’s page names the site, the post, and the archive it embeds; a list names its kinds', async () => {
  const id = await postId('recap-answering-patients-in-public')
  const recap = await get('/posts/recap-answering-patients-in-public')
  const keys = keysOf(recap)
  for (const key of ['site', `post:${id}`, 'participants']) assert.ok(keys.includes(key), `${key} in ${keys.join(' ')}`)
  assert.ok(keys.some(key => key.startsWith('archive:')), 'the embedded archive')
  assert.equal(recap.headers.get('cache-tag'), [...keys].join(','))

  const home = keysOf(await get('/'))
  for (const key of ['site', 'posts', 'interviews', 'archives', 'topics']) assert.ok(home.includes(key), `${key} in ${home.join(' ')}`)
  assert.ok(!home.some(key => key.startsWith('post:')), 'a list does not name each item')
})

test('a page for a signed-in editor names no keys: it is never kept by a CDN', async () => {
  const { cookie } = await adminSession(server)
  const response = await fetch(new URL('/', server.baseUrl), { headers: { Cookie: cookie } })
  assert.equal(response.headers.get('cache-control'), 'private, no-cache')
  assert.equal(response.headers.get('surrogate-key'), null)
  assert.equal(response.headers.get('cache-tag'), null)
})

test('saving a post purges its own key and its list’s at the CDN, without waiting for the purge', async () => {
  const slug = 'a-home-for-the-monday-health-chat'
  const id = await postId(slug)
  const since = purges.length
  const { cookie } = await adminSession(server)
  await graphql(server, 'mutation($slug: String!) { updatePost(where: { slug: $slug }, data: { excerpt: "Where the community keeps its weekly chats." }) { id } }', { cookie, variables: { slug } })
  const purge = await purgeOf(`post:${id}`, since)
  assert.ok(purge.keys.includes('posts'), purge.keys.join(' '))
  assert.equal(purge.path, '/service/test/purge')
  assert.equal(purge.surrogateKey, purge.keys.join(' '))
})

test('approving a comment purges the page it is on; a comment waiting for moderation purges nothing', async () => {
  const slug = 'a-home-for-the-monday-health-chat'
  const id = await postId(slug)
  const { cookie } = await adminSession(server)
  const since = purges.length
  const { data } = await graphql<{ createComment: { id: string } }>(
    server,
    'mutation($id: ID!) { createComment(data: { post: { connect: { id: $id } }, authorName: "Sam", email: "sam@example.org", body: "Thank you for the recap.", status: "pending" }) { id } }',
    { cookie, variables: { id } }
  )
  await graphql(server, 'mutation($id: ID!) { updateComment(where: { id: $id }, data: { status: "approved" }) { id } }', { cookie, variables: { id: data.createComment.id } })
  const purge = await purgeOf(`post:${id}`, since)
  // The pending comment's own save came first and purged nothing: the approval is the first purge.
  assert.equal(purges.indexOf(purge), since)
})

test('a scheduled post’s minute purges the whole site at the CDN, with no request to notice it', { timeout: 30_000 }, async () => {
  const { cookie } = await adminSession(server)
  const publishAt = new Date(Date.now() + 2000)
  const beforeSave = purges.length
  const { data } = await graphql<{ createPost: { id: string } }>(server, 'mutation($data: PostCreateInput!) { createPost(data: $data) { id } }', {
    cookie,
    variables: { data: { title: 'Out at the minute', body: 'Scheduled.', status: 'published', publishedAt: publishAt.toISOString() } },
  })
  // After the save's own purge, the next purge of `site` is the scheduled minute's.
  const saved = await purgeOf(`post:${data.createPost.id}`, beforeSave)
  await purgeOf('site', purges.indexOf(saved) + 1)
  assert.ok(Date.now() >= publishAt.getTime(), 'purged before the minute')
})
