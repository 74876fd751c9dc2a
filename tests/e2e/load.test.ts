import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import Database from 'better-sqlite3'

import { graphql } from '../support/graphql'
import { startServer, type TestServer } from '../support/server'
import { adminSession } from '../support/session'

// A busy Monday, for a minute: 50 connections of readers on every kind of page, commenters
// posting, and an editor publishing a post halfway through, against the production build.
// Nothing may fail, every comment the server accepted must be in the database, and the new post
// must be everywhere a reader would look for it.

const SECONDS = Number(process.env.LOAD_SECONDS ?? 60)
const CONNECTIONS = 50

const READER_PATHS = [
  '/',
  '/posts',
  '/recaps',
  '/interviews',
  '/topics',
  '/archives',
  '/about',
  '/posts/a-home-for-the-monday-health-chat',
  '/posts/recap-answering-patients-in-public',
  '/interviews/why-a-weekly-chat-a-conversation-with-one-of-our-hosts',
  '/topics/measuring-what-matters',
  '/topics/measuring-what-matters.ics',
  '/archives/answering-patients-in-public',
  '/archives/answering-patients-in-public/transcript',
  '/archives/answering-patients-in-public.json',
  '/archives/answering-patients-in-public.csv',
  '/tags/good-practice',
  '/authors/priya-natarajan',
  '/rss.xml',
  '/atom.xml',
  '/sitemap.xml',
  '/calendar.ics',
  '/no-such-page',
]
const SEARCH_WORDS = ['patients', 'chat', 'recap', 'nhs', 'measuring', 'public', 'host', 'weekly']
const COMMENT_PAGE = '/posts/recap-answering-patients-in-public'
const NEW_POST = { title: 'Published during the busy hour', slug: 'published-during-the-busy-hour' }

let server: TestServer
before(async () => {
  // Commenters arrive from many addresses through a proxy on loopback, as behind nginx.
  server = await startServer({ env: { COMMENT_MIN_SECONDS: '0', TRUST_PROXY: 'loopback' } })
})
after(() => server.stop())

type Tally = { requests: number; byStatus: Map<number, number>; networkErrors: string[]; acceptedComments: string[] }

async function publishPost(cookie: string) {
  const { data, errors } = await graphql<{ createPost: { slug: string } } | null>(
    server,
    `mutation($title: String!) { createPost(data: { title: $title, kind: "article", status: "published", excerpt: "Written while readers were busy.", body: "A post published *under load*.", tags: { connect: [{ slug: "good-practice" }] } }) { slug } }`,
    { cookie, variables: { title: NEW_POST.title }, allowErrors: true }
  )
  assert.equal(data?.createPost?.slug, NEW_POST.slug, JSON.stringify(errors))
}

async function commentOnce(worker: number, sequence: number, tally: Tally) {
  const page = await fetch(new URL(COMMENT_PAGE, server.baseUrl))
  const html = await page.text()
  count(tally, page.status)
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? ''
  const body = `Load comment ${worker}-${sequence}`
  const response = await fetch(new URL(COMMENT_PAGE, server.baseUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.baseUrl, 'X-Forwarded-For': `198.51.100.${(worker * 7 + sequence) % 250}` },
    body: new URLSearchParams({ name: `Reader ${worker}`, email: '', body, parentId: '', website: '', startedAt: field('startedAt'), startedSignature: field('startedSignature') }),
  })
  await response.arrayBuffer()
  count(tally, response.status)
  if (response.status === 303) tally.acceptedComments.push(body)
}

function count(tally: Tally, status: number) {
  tally.requests++
  tally.byStatus.set(status, (tally.byStatus.get(status) ?? 0) + 1)
}

test(`${CONNECTIONS} connections for ${SECONDS} s of readers, commenters and an editor: no failures, nothing lost`, { timeout: (SECONDS + 120) * 1000 }, async () => {
  const tally: Tally = { requests: 0, byStatus: new Map(), networkErrors: [], acceptedComments: [] }
  const deadline = Date.now() + SECONDS * 1000
  const { cookie } = await adminSession(server)
  const halfway = new Promise<void>(resolve => setTimeout(resolve, (SECONDS * 1000) / 2)).then(() => publishPost(cookie))

  const worker = async (index: number) => {
    let sequence = 0
    while (Date.now() < deadline) {
      sequence++
      try {
        if (index % 10 === 0) {
          await commentOnce(index, sequence, tally)
        } else {
          const path = sequence % 5 === 0 ? `/search?q=${SEARCH_WORDS[sequence % SEARCH_WORDS.length]}` : READER_PATHS[(index + sequence) % READER_PATHS.length]
          const response = await fetch(new URL(path, server.baseUrl), { redirect: 'manual' })
          await response.arrayBuffer()
          count(tally, response.status)
        }
      } catch (error) {
        tally.networkErrors.push(String(error))
      }
    }
  }
  await Promise.all([halfway, ...Array.from({ length: CONNECTIONS }, (_, index) => worker(index))])

  const statuses = Object.fromEntries([...tally.byStatus].sort(([a], [b]) => a - b))
  console.log(`${tally.requests} requests in ${SECONDS} s (${Math.round(tally.requests / SECONDS)}/s); statuses ${JSON.stringify(statuses)}; ${tally.acceptedComments.length} comments accepted`)
  assert.deepEqual(tally.networkErrors.slice(0, 3), [])
  assert.deepEqual([...tally.byStatus.keys()].filter(status => status >= 500), [])
  assert.ok(tally.acceptedComments.length > 0, 'some comments were accepted')

  const database = new Database(server.databaseFile, { readonly: true })
  try {
    const stored = new Set(database.prepare('SELECT body FROM Comment').pluck().all() as string[])
    assert.deepEqual(tally.acceptedComments.filter(body => !stored.has(body)), [])
    assert.equal(stored.size, new Set(tally.acceptedComments).size, 'no comment stored twice or unaccounted for')
  } finally {
    database.close()
  }

  for (const path of ['/', '/posts', '/tags/good-practice', '/rss.xml', '/atom.xml', '/sitemap.xml', '/search?q=busy+hour', `/posts/${NEW_POST.slug}`]) {
    const text = await (await fetch(new URL(path, server.baseUrl))).text()
    assert.ok(text.includes(NEW_POST.title) || text.includes(`/posts/${NEW_POST.slug}`), `the new post is on ${path}`)
  }
})
