import assert from 'node:assert/strict'
import { once } from 'node:events'
import http from 'node:http'
import { after, before, describe, test } from 'node:test'

import Database from 'better-sqlite3'
import sharp from 'sharp'

import { graphql } from '../support/graphql'
import { startServer, type TestServer } from '../support/server'
import { adminSession } from '../support/session'

// Social cards as link previews see them: the og:image a page names, the PNG at that address,
// cached and purged like the page, a new address when what the card shows changes, and none for
// a draft.

let server: TestServer
let cookie: string
before(async () => {
  server = await startServer()
  cookie = (await adminSession(server)).cookie
})
after(() => server.stop())

// The demo's recap has no featured image (the welcome post has one).
const POST = '/posts/recap-answering-patients-in-public'
const ARCHIVE = '/archives/answering-patients-in-public'
const PUBLIC_CACHE_CONTROL = 'public, max-age=0, must-revalidate, s-maxage=60, stale-while-revalidate=300'

const get = (path: string, headers: Record<string, string> = {}) => fetch(new URL(path, server.baseUrl), { headers, redirect: 'manual' })

const unescape = (text: string) => text.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')

/** The social tags of a page, by property or name. */
async function socialTags(path: string, headers: Record<string, string> = {}) {
  const response = await get(path, headers)
  assert.equal(response.status, 200, path)
  const html = await response.text()
  const tags = new Map<string, string>()
  for (const [, key, content] of html.matchAll(/<meta (?:property|name)="((?:og|twitter):[^"]+)" content="([^"]*)"/g)) tags.set(key, unescape(content))
  return tags
}

const idOf = (table: 'Post' | 'ChatArchive', slug: string) => {
  const database = new Database(server.databaseFile, { readonly: true })
  try {
    return (database.prepare(`SELECT id FROM ${table} WHERE slug = ?`).get(slug) as { id: string }).id
  } finally {
    database.close()
  }
}

async function png(response: Response) {
  assert.equal(response.status, 200, response.url)
  assert.equal(response.headers.get('content-type'), 'image/png')
  const bytes = Buffer.from(await response.arrayBuffer())
  const metadata = await sharp(bytes).metadata()
  assert.deepEqual([metadata.format, metadata.width, metadata.height], ['png', 1200, 630])
  return bytes
}

async function createPost(data: Record<string, unknown>) {
  const { data: created } = await graphql<{ createPost: { id: string; slug: string } }>(server, 'mutation($data: PostCreateInput!) { createPost(data: $data) { id slug } }', {
    cookie,
    variables: { data: { body: 'What we talked about.', ...data } },
  })
  return created.createPost
}

const updatePost = (id: string, data: Record<string, unknown>) =>
  graphql(server, 'mutation($id: ID!, $data: PostUpdateInput!) { updatePost(where: { id: $id }, data: $data) { id } }', { cookie, variables: { id, data } })

describe('the card a page names', () => {
  test('a post without a featured image names its own card, which is a 1200×630 PNG cached like the page and purged with the post', async t => {
    const tags = await socialTags(POST)
    const card = tags.get('og:image') ?? ''
    assert.match(card, new RegExp(`^${server.baseUrl}/cards/posts/recap-answering-patients-in-public\\.[0-9a-z]{11}\\.png$`))
    assert.equal(tags.get('twitter:image'), card)
    assert.equal(tags.get('twitter:card'), 'summary_large_image')
    assert.deepEqual([tags.get('og:image:width'), tags.get('og:image:height')], ['1200', '630'])
    assert.match(tags.get('og:image:alt') ?? '', /^The Monday Health Chat\. Chat recap: Recap: answering patients in public\. \d+ \w+ \d{4}$/)
    assert.equal(tags.get('twitter:image:alt'), tags.get('og:image:alt'))

    const started = performance.now()
    const first = await get(card)
    const bytes = await png(first)
    t.diagnostic(`first answer (read, draw, encode): ${Math.round(performance.now() - started)} ms, ${bytes.length} bytes`)
    assert.equal(first.headers.get('cache-control'), PUBLIC_CACHE_CONTROL)
    assert.ok(first.headers.get('surrogate-key')?.split(' ').includes(`post:${idOf('Post', 'recap-answering-patients-in-public')}`), first.headers.get('surrogate-key') ?? '')
    assert.equal(first.headers.get('cross-origin-resource-policy'), 'cross-origin')
    assert.equal(first.headers.get('content-length'), String(bytes.length))

    // Answered from the response cache: the same headers as the first answer, and the same bytes.
    const headersOf = (response: Response) => Object.fromEntries([...response.headers].filter(([name]) => name !== 'date'))
    const againStarted = performance.now()
    const again = await get(card)
    const againBytes = Buffer.from(await again.arrayBuffer())
    t.diagnostic(`second answer (from the cache): ${Math.round(performance.now() - againStarted)} ms`)
    assert.deepEqual(headersOf(again), headersOf(first))
    assert.ok(againBytes.equals(bytes))
    const revalidated = await get(card, { 'If-None-Match': first.headers.get('etag') ?? '' })
    assert.equal(revalidated.status, 304)

    // PNG is compressed already: it goes out as it is, whatever the client accepts.
    const request = http.get(new URL(card), { headers: { 'Accept-Encoding': 'br, gzip' } })
    const [raw] = (await once(request, 'response')) as [http.IncomingMessage]
    const chunks: Buffer[] = []
    for await (const chunk of raw) chunks.push(chunk as Buffer)
    assert.equal(raw.headers['content-encoding'], undefined)
    assert.ok(Buffer.concat(chunks).equals(bytes))
  })

  test('an archive’s card counts its posts, contributors and questions; the home page and the about page name the site’s card', async () => {
    const archive = await socialTags(ARCHIVE)
    const card = archive.get('og:image') ?? ''
    assert.match(card, /\/cards\/archives\/answering-patients-in-public\.[0-9a-z]{11}\.png$/)
    assert.match(archive.get('og:image:alt') ?? '', /^The Monday Health Chat\. Chat archive: .+\. \d+ posts, \d+ contributors, \d+ questions?$/)
    const response = await get(card)
    await png(response)
    assert.ok(response.headers.get('surrogate-key')?.split(' ').includes(`archive:${idOf('ChatArchive', 'answering-patients-in-public')}`))

    const home = await socialTags('/')
    assert.match(home.get('og:image') ?? '', new RegExp(`^${server.baseUrl}/cards/site\\.[0-9a-z]{11}\\.png$`))
    assert.equal(home.get('twitter:card'), 'summary_large_image')
    assert.equal((await socialTags('/about')).get('og:image'), home.get('og:image'))
    await png(await get(home.get('og:image') ?? ''))
    const unversioned = await get('/cards/site.png')
    assert.equal(unversioned.status, 302)
    assert.equal(unversioned.headers.get('location'), new URL(home.get('og:image') ?? '').pathname)
  })

  test('an interview and a topic name their own cards', async () => {
    for (const [page, label] of [
      ['/interviews/why-a-weekly-chat-a-conversation-with-one-of-our-hosts', 'Interview'],
      ['/topics/measuring-what-matters', 'Topic'],
    ]) {
      const tags = await socialTags(page)
      const [, section, slug] = page.split('/')
      assert.match(tags.get('og:image') ?? '', new RegExp(`/cards/${section}/${slug}\\.[0-9a-z]{11}\\.png$`))
      assert.match(tags.get('og:image:alt') ?? '', new RegExp(`^The Monday Health Chat\\. ${label}: `))
      await png(await get(tags.get('og:image') ?? ''))
    }
  })

  test('a post with a featured image names the image itself, 1600 wide in its own format, with its alt text', async () => {
    const photo = await sharp({ create: { width: 2400, height: 1200, channels: 3, background: '#3a7bd5' } }).jpeg().toBuffer()
    const post = await createPost({
      title: 'A post with a photo',
      status: 'published',
      featuredImage: { upload: new File([photo], 'nurses.jpg', { type: 'image/jpeg' }) },
      featuredImageAlt: 'Two nurses reading the chat on a laptop',
    })
    const tags = await socialTags(`/posts/${post.slug}`)
    assert.match(tags.get('og:image') ?? '', new RegExp(`^${server.baseUrl}/images/[A-Za-z0-9_-]+/1600\\.jpg$`))
    assert.deepEqual([tags.get('og:image:width'), tags.get('og:image:height')], ['1600', '800'])
    assert.equal(tags.get('og:image:alt'), 'Two nurses reading the chat on a laptop')
    assert.equal(tags.get('twitter:image'), tags.get('og:image'))
    assert.equal(tags.get('twitter:card'), 'summary_large_image')
    const image = await get(tags.get('og:image') ?? '')
    assert.equal(image.status, 200)
    assert.equal(image.headers.get('content-type'), 'image/jpeg')
    assert.deepEqual(await sharp(Buffer.from(await image.arrayBuffer())).metadata().then(({ width, height }) => [width, height]), [1600, 800])
  })
})

describe('a card’s address follows what it shows', () => {
  test('a renamed post’s card has a new address, and the old one (or one without a version) leads to it', async () => {
    const post = await createPost({ title: 'Night shifts and plain words', status: 'published' })
    const before = (await socialTags(`/posts/${post.slug}`)).get('og:image') ?? ''
    const beforeBytes = await png(await get(before))
    await updatePost(post.id, { title: 'Night shifts, day shifts and plain words' })
    const renamed = (await socialTags(`/posts/${post.slug}`)).get('og:image') ?? ''
    assert.notEqual(renamed, before)
    assert.match(renamed, new RegExp(`/cards/posts/${post.slug}\\.[0-9a-z]{11}\\.png$`))
    assert.ok(!(await png(await get(renamed))).equals(beforeBytes), 'the new title is drawn')
    for (const old of [before, `/cards/posts/${post.slug}.png`]) {
      const moved = await get(old)
      assert.equal(moved.status, 302, old)
      assert.equal(moved.headers.get('location'), new URL(renamed).pathname)
    }
  })

  test('a draft has no card: its address answers 404 like its page, and its preview names the site’s card', async () => {
    const draft = await createPost({ title: 'Not ready yet', status: 'draft' })
    assert.equal((await get(`/posts/${draft.slug}`)).status, 404)
    for (const path of [`/cards/posts/${draft.slug}.png`, `/cards/posts/${draft.slug}.0123456789a.png`]) {
      const response = await get(path)
      assert.equal(response.status, 404, path)
      assert.equal(response.headers.get('content-type'), 'text/plain; charset=utf-8')
    }
    const preview = await socialTags(`/posts/${draft.slug}?preview`, { Cookie: cookie })
    assert.match(preview.get('og:image') ?? '', /\/cards\/site\.[0-9a-z]{11}\.png$/)

    // Published, it has one; back to draft, the cached card goes with the page.
    await updatePost(draft.id, { status: 'published' })
    const card = (await socialTags(`/posts/${draft.slug}`)).get('og:image') ?? ''
    await png(await get(card))
    await updatePost(draft.id, { status: 'draft' })
    assert.equal((await get(card)).status, 404)
  })

  test('nothing else is a card', async () => {
    for (const path of ['/cards/tags/health.png', '/cards/posts/no-such-post.png', '/cards/site.png.png', '/cards/posts/a-home-for-the-monday-health-chat.jpg', '/cards/']) {
      assert.equal((await get(path)).status, 404, path)
    }
  })
})
