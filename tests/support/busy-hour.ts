import assert from 'node:assert/strict'

import Database from 'better-sqlite3'

import { graphql } from './graphql'
import type { TestServer } from './server'
import { adminSession } from './session'

// A busy Monday: 50 connections of readers on every kind of page, commenters posting, and an
// editor publishing a post halfway through, against the production build. Nothing may fail, every
// comment the server accepted must be in the database, and the new post must be everywhere a
// reader would look for it. The suite runs it for a few seconds (tests/e2e/load.test.ts); the full
// minute is a benchmark (npm run bench:busy-hour).

export const CONNECTIONS = 50
/** The server a busy hour needs: commenters arrive from many addresses through a proxy on loopback, as behind nginx. */
export const BUSY_HOUR_SERVER_ENV = { COMMENT_MIN_SECONDS: '0', TRUST_PROXY: 'loopback' }

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

type Tally = { requests: number; byStatus: Map<number, number>; networkErrors: string[]; acceptedComments: string[] }

async function publishPost(server: TestServer, cookie: string) {
  const { data, errors } = await graphql<{ createPost: { slug: string } } | null>(
    server,
    `mutation($title: String!) { createPost(data: { title: $title, kind: "article", status: "published", excerpt: "Written while readers were busy.", body: "A post published *under load*.", tags: { connect: [{ slug: "good-practice" }] } }) { slug } }`,
    { cookie, variables: { title: NEW_POST.title }, allowErrors: true }
  )
  assert.equal(data?.createPost?.slug, NEW_POST.slug, JSON.stringify(errors))
}

async function commentOnce(server: TestServer, worker: number, sequence: number, tally: Tally) {
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

export type BusyHour = { requests: number; seconds: number; statuses: Record<string, number>; acceptedComments: number }

/** Runs the busy hour for `seconds` and checks what must hold after it; resolves with its figures. */
export async function runBusyHour(server: TestServer, seconds: number): Promise<BusyHour> {
  const tally: Tally = { requests: 0, byStatus: new Map(), networkErrors: [], acceptedComments: [] }
  const deadline = Date.now() + seconds * 1000
  const { cookie } = await adminSession(server)
  const halfway = new Promise<void>(resolve => setTimeout(resolve, (seconds * 1000) / 2)).then(() => publishPost(server, cookie))

  const worker = async (index: number) => {
    let sequence = 0
    while (Date.now() < deadline) {
      sequence++
      try {
        if (index % 10 === 0) {
          await commentOnce(server, index, sequence, tally)
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
  return { requests: tally.requests, seconds, statuses, acceptedComments: tally.acceptedComments.length }
}
