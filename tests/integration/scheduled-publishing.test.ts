import assert from 'node:assert/strict'
import { setTimeout as delay } from 'node:timers/promises'
import { after, before, test } from 'node:test'

import { graphql } from '../support/graphql'
import { startServer, type TestServer } from '../support/server'
import { adminSession, newUserSession } from '../support/session'

// A post and a topic published with a publish time a few seconds ahead, through the production
// server with its response cache on: hidden from every public page, feed, the sitemap, search and
// the calendar until that moment, everywhere at once after it, and no cached page outlives it.

let server: TestServer
let cookie: string
let contributorCookie: string

before(async () => {
  server = await startServer()
  cookie = (await adminSession(server)).cookie
  // Made now: creating a user is a change, and would empty the cache the test wants to see kept.
  contributorCookie = (await newUserSession(server, 'contributor')).cookie
})
after(() => server.stop())

const get = async (path: string) => {
  const response = await fetch(new URL(path, server.baseUrl))
  return { status: response.status, text: await response.text() }
}

/** Resolves once the clock has reached `at`, however long the checks before it took. */
async function reach(at: Date) {
  const wait = at.getTime() - Date.now()
  if (wait > 0) await delay(wait + 50)
}

const POST_TITLE = 'Scheduled: the winter rota explained'
const TOPIC_TITLE = 'Scheduled: winter pressures chat'
const WORD = 'zephyrine'

test('a scheduled post and topic appear on every public page at their minute, not before', async () => {
  const publishAt = new Date(Date.now() + 4000)
  const { data } = await graphql<{ createPost: { slug: string }; createTopicAnnouncement: { slug: string } }>(
    server,
    `mutation($post: PostCreateInput!, $topic: TopicAnnouncementCreateInput!) {
      createPost(data: $post) { slug }
      createTopicAnnouncement(data: $topic) { slug }
    }`,
    {
      cookie,
      variables: {
        post: { title: POST_TITLE, excerpt: 'Coming soon.', body: `A ${WORD} of a rota.`, status: 'published', publishedAt: publishAt.toISOString() },
        topic: {
          title: TOPIC_TITLE,
          status: 'published',
          publishedAt: publishAt.toISOString(),
          chatStart: new Date(Date.now() + 7 * 24 * 60 * 60 * 1000).toISOString(),
          description: `The ${WORD} topic.`,
        },
      },
    }
  )
  const post = `/posts/${data.createPost.slug}`
  const topic = `/topics/${data.createTopicAnnouncement.slug}`
  // What each page shows of the two once they are out: titles, or addresses in the sitemap.
  const pages: Record<string, string[]> = {
    '/': [POST_TITLE],
    '/posts': [POST_TITLE],
    '/topics': [TOPIC_TITLE],
    '/rss.xml': [POST_TITLE, TOPIC_TITLE],
    '/atom.xml': [POST_TITLE, TOPIC_TITLE],
    '/sitemap.xml': [post, topic],
    [`/search?q=${WORD}`]: [POST_TITLE, TOPIC_TITLE],
    '/calendar.ics': [TOPIC_TITLE],
    [post]: [POST_TITLE],
    [topic]: [TOPIC_TITLE],
  }

  // Asked twice: the second answer comes from the response cache.
  for (let round = 0; round < 2; round++) {
    for (const [path, shown] of Object.entries(pages)) {
      const page = await get(path)
      for (const text of shown) assert.ok(!page.text.includes(text), `${path} shows "${text}" before its time`)
      assert.equal(page.status, path === post || path === topic ? 404 : 200, `${path} before its time`)
    }
  }
  assert.ok(Date.now() < publishAt.getTime(), 'the checks before the publish time ran past it; give them more time')

  // The public API hides it too, and editors find what is scheduled with a plain query.
  const scheduled = `query($now: DateTime!) { posts(where: { status: { equals: "published" }, publishedAt: { gt: $now } }) { title } }`
  const variables = { now: new Date().toISOString() }
  const anonymous = await graphql<{ posts: { title: string }[] }>(server, scheduled, { variables })
  assert.deepEqual(anonymous.data.posts, [])
  assert.deepEqual((await graphql<{ posts: { title: string }[] }>(server, scheduled, { variables, cookie: contributorCookie })).data.posts, [])
  const editor = await graphql<{ posts: { title: string }[] }>(server, scheduled, { variables, cookie })
  assert.deepEqual(editor.data.posts, [{ title: POST_TITLE }])

  await reach(publishAt)

  for (const [path, shown] of Object.entries(pages)) {
    const page = await get(path)
    assert.equal(page.status, 200, `${path} after its time`)
    for (const text of shown) assert.ok(page.text.includes(text), `${path} lacks "${text}" after its time`)
  }
})

test('an editor sees "Scheduled for" in the list, and a cleared publish time on a published item is filled again', async () => {
  const publishAt = new Date(Date.now() + 60 * 60 * 1000)
  const { data } = await graphql<{ createPost: { id: string; onTheSite: { state: string; publishedAt: string } } }>(
    server,
    'mutation($data: PostCreateInput!) { createPost(data: $data) { id onTheSite } }',
    { cookie, variables: { data: { title: 'Scheduled for an hour ahead', body: 'Later.', status: 'published', publishedAt: publishAt.toISOString() } } }
  )
  assert.equal(data.createPost.onTheSite.state, 'scheduled')
  assert.equal(data.createPost.onTheSite.publishedAt, publishAt.toISOString())

  const { data: cleared } = await graphql<{ updatePost: { publishedAt: string; onTheSite: { state: string } } }>(
    server,
    'mutation($id: ID!) { updatePost(where: { id: $id }, data: { publishedAt: null }) { publishedAt onTheSite } }',
    { cookie, variables: { id: data.createPost.id } }
  )
  assert.equal(cleared.updatePost.onTheSite.state, 'published')
  assert.ok(Date.now() - new Date(cleared.updatePost.publishedAt).getTime() < 60_000)
})
