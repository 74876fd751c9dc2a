import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { after, before, beforeEach, describe, test } from 'node:test'

import { batchFromXPages } from '../../app/features/chat-import/sources.server'
import { createXClient, fetchChat, fetchChatPages, fetchPostsByIds } from '../../app/features/chat-import/x-api.server'
import { XPageSchema, type XPost } from '../../app/features/chat-import/x-v2-schema'
import { startFakeXApi, type FakeXApi } from '../support/fake-x-api'
import { syntheticChat } from '../support/synthetic-chat'

// The real twitter-api-v2 client against a local HTTPS server that answers like the X API.
// Waits go through an injected sleep that records what it was asked to wait, so a rate-limit
// test takes milliseconds while still proving the client waited until the reset.

const chat = syntheticChat({ posts: 250, pageSize: 100 })
const search = { query: '#mondayhealthchat', start: chat.start, end: chat.end, fullArchive: false }
const partial = XPageSchema.parse(JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'x-api', 'page-with-partial-errors.json'), 'utf8')))

let api: FakeXApi
let slept: number[]
const hooks = () => ({ sleep: async (ms: number) => void slept.push(ms) })
const client = (token = api.token) => createXClient({ bearerToken: token, apiBase: api.baseUrl, httpAgent: api.agent })

before(async () => {
  const known = new Map<string, XPost>(chat.posts.slice(0, 3).map(post => [post.id, post]))
  api = await startFakeXApi({ pages: chat.pages, posts: known, users: chat.users, rateLimitResetIn: 3 })
})
after(() => api.stop())
beforeEach(() => {
  api.requests.length = 0
  api.script.length = 0
  slept = []
})

describe('searching a chat', () => {
  test('follows next_token to the last page and asks for every field an archive needs', async () => {
    const pages = await fetchChatPages(client(), search, hooks())
    assert.equal(pages.length, 3)
    assert.equal(pages.flatMap(page => page.data ?? []).length, 250)
    assert.deepEqual(api.requests.map(request => request.path), Array(3).fill('/2/tweets/search/recent'))
    const [first, second] = api.requests
    assert.equal(first.query.query, '#mondayhealthchat')
    assert.equal(first.query.start_time, '2026-11-23T12:00:00.000Z')
    assert.equal(first.query.end_time, '2026-11-23T13:00:00.000Z')
    assert.equal(first.query.max_results, '100')
    assert.match(first.query.expansions, /author_id.*referenced_tweets\.id.*attachments\.media_keys/)
    assert.match(first.query['tweet.fields'], /created_at.*conversation_id.*entities.*public_metrics.*note_tweet/)
    assert.equal(first.query.next_token, undefined)
    assert.equal(second.query.next_token, chat.pages[0].meta?.next_token)
  })

  test('uses full-archive search when asked', async () => {
    await fetchChatPages(client(), { ...search, fullArchive: true }, hooks())
    assert.equal(api.requests[0].path, '/2/tweets/search/all')
  })

  test('waits until the rate limit resets, counting down, then carries on', async () => {
    const countdown: number[] = []
    api.script.push('429')
    const pages = await fetchChatPages(client(), search, { ...hooks(), onRateLimitWait: ({ secondsLeft }) => countdown.push(secondsLeft) })
    assert.equal(pages.length, 3)
    assert.ok(countdown.length >= 2 && countdown.length <= 4, `counted down ${countdown.join(', ')}`)
    assert.deepEqual(countdown, [...countdown].sort((a, b) => b - a))
    assert.equal(countdown.at(-1), 1)
    assert.deepEqual(slept, Array(countdown.length).fill(1000))
    assert.equal(api.requests.length, 4)
  })

  test('understands the older rate-limit body too', async () => {
    api.script.push('429-v1-body')
    assert.equal((await fetchChatPages(client(), search, hooks())).length, 3)
  })

  test('retries a 503 with backoff', async () => {
    api.script.push('503', '503')
    const pages = await fetchChatPages(client(), search, hooks())
    assert.equal(pages.length, 3)
    assert.deepEqual(slept, [1000, 2000])
  })

  test('retries a connection dropped before any answer', async () => {
    api.script.push('drop-connection')
    assert.equal((await fetchChatPages(client(), search, hooks())).length, 3)
    assert.deepEqual(slept, [1000])
  })

  test('gives up after the retries, naming the endpoint and status', async () => {
    api.script.push('503', '503', '503')
    await assert.rejects(fetchChatPages(client(), search, { ...hooks(), maxRetries: 2 }), /X answered 503 on tweets\/search\/recent/)
  })

  test('explains a refused full-archive search and what to do', async () => {
    api.script.push('403')
    await assert.rejects(fetchChatPages(client(), { ...search, fullArchive: true }, hooks()), /no full-archive access\. Set X_SEARCH_ALL=false or pass --search-recent/)
  })

  test('says the bearer token was refused on a 401', async () => {
    await assert.rejects(fetchChatPages(client('wrong-token'), search, hooks()), /X refused the bearer token \(401\): check X_BEARER_TOKEN/)
  })
})

describe('partial errors and lookups', () => {
  test('a page’s partial errors are kept as problems, not thrown', () => {
    const batch = batchFromXPages([partial], 'saved.json')
    assert.deepEqual(
      batch.problems.map(problem => problem.resourceId),
      ['1863000000000000005', '7400']
    )
    assert.match(batch.problems[0].detail, /^Not Found Error: Could not find tweet/)
  })

  test('long posts keep their whole text, links their real address, media their alt text', () => {
    const batch = batchFromXPages([partial], 'saved.json')
    const question = batch.posts.find(post => post.xId === '1863000000000000011')!
    assert.match(question.text, /not the target in the policy/)
    assert.deepEqual(question.media, [{ type: 'photo', url: 'https://pbs.twimg.com/media/abc.jpg', altText: 'A bar chart of reply times by weekday' }])
    const answer = batch.posts.find(post => post.xId === '1863000000000000012')!
    assert.equal(answer.kind, 'reply')
    assert.equal(answer.entities.urls[0].expandedUrl, 'https://www.england.nhs.uk/digital-inclusion/')
    assert.equal(batch.posts.find(post => post.xId === '1863000000000000013')!.kind, 'retweet')
    // The parent the reply needs came in includes.tweets and is kept for the thread.
    assert.ok(batch.posts.some(post => post.xId === '1863000000000000010'))
  })

  test('looking posts up by id returns those found and reports the rest', async () => {
    const [page] = await fetchPostsByIds(client(), [chat.posts[0].id, '1999999999999999999'], hooks())
    assert.deepEqual(page.data?.map(post => post.id), [chat.posts[0].id])
    assert.equal(page.errors?.[0].resource_id, '1999999999999999999')
    assert.equal(api.requests[0].path, '/2/tweets')
  })

  test('a chat fetch looks up reply parents the search did not return', async () => {
    const orphanPage = { data: [{ ...chat.posts[10], referenced_tweets: [{ type: 'replied_to' as const, id: chat.posts[1].id }] }], includes: { users: chat.users }, meta: { result_count: 1 } }
    const single = await startFakeXApi({ pages: [orphanPage], posts: new Map([[chat.posts[1].id, chat.posts[1]]]), users: chat.users })
    try {
      const batch = await fetchChat(createXClient({ bearerToken: single.token, apiBase: single.baseUrl, httpAgent: single.agent }), search, hooks())
      assert.deepEqual(single.requests.map(request => request.path), ['/2/tweets/search/recent', '/2/tweets'])
      assert.equal(single.requests[1].query.ids, chat.posts[1].id)
      assert.deepEqual(batch.posts.map(post => post.xId).sort(), [chat.posts[1].id, chat.posts[10].id].sort())
    } finally {
      await single.stop()
    }
  })
})
