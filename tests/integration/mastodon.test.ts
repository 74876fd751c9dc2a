import assert from 'node:assert/strict'
import { once } from 'node:events'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import { after, before, describe, test } from 'node:test'

import type { ChatPost } from '../../app/domain/chat-analysis'
import { fetchChatFromMastodon, type MastodonConnection } from '../../app/features/chat-import/mastodon.server'
import type { FetchHooks } from '../../app/features/chat-import/fetch-hooks.server'
import {
  fakeAccount,
  fakeStatus,
  hashtagHtml,
  mentionHtml,
  sampleMastodonChat,
  startFakeMastodon,
  type FakeMastodon,
  type FakeMastodonOptions,
  type FakeStatus,
} from '../support/fake-mastodon'

// The real masto client against local HTTPS servers that answer like Mastodon. Waits go through
// an injected sleep that records what it was asked to wait, so rate limits and backoff take no time.

const chat = sampleMastodonChat()
const window = { hashtag: chat.hashtag, start: chat.start, end: chat.end }
const fakes: FakeMastodon[] = []
let slept: number[] = []
const hooks = (more: FetchHooks = {}): FetchHooks => ({ sleep: async ms => void slept.push(ms), ...more })

async function fake(options: FakeMastodonOptions) {
  const server = await startFakeMastodon(options)
  fakes.push(server)
  return server
}
after(() => Promise.all(fakes.map(server => server.stop())))

async function read(servers: FakeMastodon[], connection: MastodonConnection = {}, more: FetchHooks = {}, request = window) {
  slept = []
  return fetchChatFromMastodon({ ...request, servers: servers.map(server => server.origin) }, { dispatcher: servers[0].dispatcher, ...connection }, hooks(more))
}

/** The chat as one server with these statuses gives it. */
async function readOne(statuses: FakeStatus[], options: Partial<FakeMastodonOptions> = {}) {
  const server = await fake({ domain: 'nhs.social', statuses, ...options })
  return { server, batch: await read([server]) }
}

const postOf = (posts: ChatPost[], status: FakeStatus) => {
  const post = posts.find(candidate => candidate.xId === status.uri)
  assert.ok(post, `no post for ${status.uri}`)
  return post
}

const sam = fakeAccount('sampatel@nhs.social', 'Sam Patel')
const ann = fakeAccount('ann@mastodon.social', 'Ann Lee')
const minute = (n: number) => new Date(chat.start.getTime() + n * 60_000)

describe('content: HTML to plain text', () => {
  test('paragraphs become a blank line, <br> a line break, and a shortened link reads as the whole address', async () => {
    const url = 'https://www.nhs.uk/live-well/sleep-and-tiredness/how-to-get-to-sleep/'
    const status = fakeStatus({ by: sam, at: minute(3), text: `A1 Three things #MondayHealthChat\n\nBlinds\nEarplugs\n\nMore: ${url}` })
    assert.match(status.content, /<span class="invisible">https:\/\/www\.<\/span><span class="ellipsis">nhs\.uk\/live-well\/sleep-and-tir<\/span>/)
    const { batch } = await readOne([status])
    const post = postOf(batch.posts, status)
    assert.equal(post.text, `A1 Three things #MondayHealthChat\n\nBlinds\nEarplugs\n\nMore: ${url}`)
    assert.deepEqual(post.entities.urls, [{ url, expandedUrl: url, displayUrl: 'nhs.uk/live-well/sleep-and-tir…' }])
    assert.ok(post.text.includes(post.entities.urls[0].url))
  })

  test('a short link shows without its scheme and without an ellipsis', async () => {
    const status = fakeStatus({ by: sam, at: minute(3), text: 'See https://nhs.uk/sleep #MondayHealthChat' })
    const { batch } = await readOne([status])
    assert.deepEqual(postOf(batch.posts, status).entities.urls, [{ url: 'https://nhs.uk/sleep', expandedUrl: 'https://nhs.uk/sleep', displayUrl: 'nhs.uk/sleep' }])
  })

  test("mentions read as @user on the author's server and @user@server elsewhere; hashtags as #tag", async () => {
    const status = fakeStatus({ by: sam, at: minute(4), text: '@nhschat @ann@mastodon.social A1 agreed #MondayHealthChat #Sleep' })
    assert.ok(status.content.includes(mentionHtml(ann)) && status.content.includes(hashtagHtml('nhs.social', 'Sleep')))
    const { batch } = await readOne([status])
    const post = postOf(batch.posts, status)
    assert.equal(post.text, '@nhschat @ann@mastodon.social A1 agreed #MondayHealthChat #Sleep')
    assert.deepEqual(post.entities.mentions, ['nhschat@nhs.social', 'ann@mastodon.social'])
    assert.deepEqual(post.entities.hashtags, ['mondayhealthchat', 'sleep'])
  })

  test('scripts, images and any other markup never survive; what the author typed stays as text', async () => {
    const status = fakeStatus({
      by: sam,
      at: minute(5),
      html: `<p>Hello <script>alert("stolen")</script><img src="x" onerror="alert(1)"><b>bold</b> <style>p{color:red}</style>&lt;i&gt;typed&lt;/i&gt; ${hashtagHtml('nhs.social', 'MondayHealthChat')}</p>`,
      tags: ['mondayhealthchat'],
    })
    const { batch } = await readOne([status])
    const { text } = postOf(batch.posts, status)
    assert.equal(text, 'Hello bold <i>typed</i> #MondayHealthChat')
    assert.doesNotMatch(text, /alert|script|<b>|<img|color:red/)
  })

  test('a content warning comes first, on its own line', async () => {
    const status = fakeStatus({ by: sam, at: minute(6), spoilerText: 'night shift stress', text: 'A1 Some nights I barely sleep #MondayHealthChat' })
    const { batch } = await readOne([status])
    assert.equal(postOf(batch.posts, status).text, 'CW: night shift stress\nA1 Some nights I barely sleep #MondayHealthChat')
  })

  test('a post as participants see it: handle with its server, names, avatar, profile, counts', async () => {
    const status = fakeStatus({ by: sam, at: minute(7), text: 'A1 #MondayHealthChat', counts: { favourites: 4, reblogs: 2, replies: 1, quotes: 1 } })
    const { batch } = await readOne([status])
    const post = postOf(batch.posts, status)
    assert.equal(post.platform, 'mastodon')
    assert.equal(post.authorXId, 'sampatel@nhs.social')
    assert.equal(post.url, status.url)
    assert.equal(post.postedAt, minute(7).toISOString())
    assert.equal(post.editedAt, null)
    assert.equal(post.kind, 'original')
    assert.deepEqual(post.metrics, { like_count: 4, retweet_count: 2, reply_count: 1, quote_count: 1 })
    assert.deepEqual(batch.participants, [
      {
        platform: 'mastodon',
        xUserId: 'sampatel@nhs.social',
        handle: 'sampatel@nhs.social',
        displayName: 'Sam Patel',
        avatarUrl: sam.avatar,
        profileUrl: 'https://nhs.social/@sampatel',
      },
    ])
  })
})

describe('the chat across servers', () => {
  let nhs: FakeMastodon
  let social: FakeMastodon
  let posts: ChatPost[]
  let batch: Awaited<ReturnType<typeof read>>
  const progress: { pages: number; posts: number }[] = []
  before(async () => {
    nhs = await fake({ domain: 'nhs.social', statuses: chat.servers['nhs.social'], boostsInTagTimeline: true })
    social = await fake({ domain: 'mastodon.social', statuses: chat.servers['mastodon.social'] })
    batch = await read([nhs, social], {}, { onPage: page => progress.push(page) })
    posts = batch.posts
  })

  test("each server gives its own ids; the posts are merged on their global uri, inside the chat's window", () => {
    const { q1, a1Sam, a1Ann } = chat.statuses
    assert.notEqual(nhs.localId(q1), social.localId(q1))
    assert.equal(new Set(posts.map(post => post.xId)).size, posts.length)
    for (const status of [q1, a1Sam, a1Ann]) assert.equal(posts.filter(post => post.xId === status.uri).length, 1)
    assert.ok(!posts.some(post => post.xId === chat.statuses.before.uri || post.xId === chat.statuses.after.uri))
    assert.deepEqual(
      [...batch.matchedIds!].sort(),
      [q1, a1Sam, a1Ann, chat.statuses.boost, chat.statuses.q2, chat.statuses.a2Edited, chat.statuses.quote, chat.statuses.orphan].map(s => s.uri).sort()
    )
    assert.ok(progress.length >= 2 && progress.at(-1)!.pages === progress.length)
  })

  test('a reply across servers joins its parent by uri, whichever server told of it', () => {
    const { q1, a1Ann, a1Sam } = chat.statuses
    const reply = postOf(posts, a1Ann)
    assert.equal(reply.kind, 'reply')
    assert.equal(reply.inReplyToId, q1.uri)
    assert.equal(reply.conversationId, q1.uri)
    assert.equal(reply.text, '@nhschat@nhs.social A1 Earplugs, and no screens for an hour. #MondayHealthChat')
    assert.equal(postOf(posts, a1Sam).inReplyToId, q1.uri)
  })

  test("the author's home server's counts are kept", () => {
    assert.equal(postOf(posts, chat.statuses.q1).metrics.like_count, 5)
  })

  test('a boost is a repost of its original, at the time of the boost', () => {
    const { boost, q1 } = chat.statuses
    const post = postOf(posts, boost)
    assert.equal(post.kind, 'retweet')
    assert.equal(post.authorXId, 'ann@mastodon.social')
    assert.equal(post.postedAt, boost.createdAt)
    assert.equal(post.referencedId, q1.uri)
    assert.equal(post.repostOf?.xId, q1.uri)
    assert.equal(post.repostOf?.authorXId, 'nhschat@nhs.social')
    assert.equal(post.repostOf?.text, 'Q1 What helps you sleep after a night shift? #MondayHealthChat')
    assert.equal(post.repostOf?.url, q1.url)
    assert.ok(batch.participants.some(person => person.xUserId === 'nhschat@nhs.social'))
  })

  test('a quote names the post it quotes, without the "RE:" link Mastodon adds for older apps', () => {
    assert.match(chat.statuses.quote.content, /^<p class="quote-inline">RE: <a href=/)
    const post = postOf(posts, chat.statuses.quote)
    assert.equal(post.kind, 'quote')
    assert.equal(post.referencedId, chat.statuses.a1Sam.uri)
    assert.equal(post.text, 'So true for anyone on rotas #MondayHealthChat')
  })

  test('a post edited after the chat keeps its current text and its edit time', () => {
    const post = postOf(posts, chat.statuses.a2Edited)
    assert.equal(post.text, '@nhschat A2 A paper diary (edited: and a smart watch) #MondayHealthChat')
    assert.equal(post.postedAt, chat.statuses.a2Edited.createdAt)
    assert.equal(post.editedAt, minute(75).toISOString())
  })

  test('an image keeps its description as alt text', () => {
    assert.deepEqual(postOf(posts, chat.statuses.q2).media, [
      { type: 'photo', url: 'https://files.nhs.social/media_attachments/files/original/q2-card.png', altText: 'A card reading "Q2: which tools help you track your sleep?"' },
    ])
  })

  test('a reply whose parent was deleted is kept, and the missing parent is reported as a problem', () => {
    const { orphan } = chat.statuses
    assert.equal(postOf(posts, orphan).kind, 'reply')
    assert.equal(postOf(posts, orphan).inReplyToId, '')
    assert.equal(batch.problems.length, 1)
    const [problem] = batch.problems
    assert.equal(problem.source, `Mastodon ${new URL(social.origin).host}`)
    assert.match(problem.detail, /deleted or is not visible/)
    assert.deepEqual(problem.postIds, [orphan.uri])
    assert.ok(social.requests.some(request => request.path === `/api/v1/statuses/${social.localId(orphan)}/context`))
  })
})

describe('threads', () => {
  test("a parent the tag timeline did not show is fetched through the reply's context, with the thread above it", async () => {
    const question = fakeStatus({ by: sam, at: minute(-30), text: 'Anyone else on nights this week?' })
    const middle = fakeStatus({ by: ann, at: minute(-20), text: '@sampatel@nhs.social me, three in a row', inReplyTo: question })
    const reply = fakeStatus({ by: sam, at: minute(10), text: '@ann@mastodon.social A1 then sleep is key #MondayHealthChat', inReplyTo: middle })
    const server = await fake({ domain: 'nhs.social', statuses: [reply] })
    const batch = await read([server])
    assert.deepEqual(
      server.requests.map(request => request.path),
      // The second timeline page is the empty one that ends the Link chain.
      ['/api/v1/timelines/tag/MondayHealthChat', '/api/v1/timelines/tag/MondayHealthChat', `/api/v1/statuses/${server.localId(reply)}/context`]
    )
    assert.equal(postOf(batch.posts, reply).inReplyToId, middle.uri)
    assert.equal(postOf(batch.posts, middle).inReplyToId, question.uri)
    assert.equal(postOf(batch.posts, reply).conversationId, question.uri)
    assert.deepEqual([...batch.matchedIds!], [reply.uri])
    assert.deepEqual(batch.problems, [])
  })
})

test('a deleted parent is one problem, however many servers showed the reply', async () => {
  const { orphan, deletedParent } = chat.statuses
  const first = await fake({ domain: 'mastodon.social', statuses: [orphan, deletedParent] })
  const second = await fake({ domain: 'nhs.social', statuses: [orphan, deletedParent] })
  const batch = await read([first, second])
  assert.deepEqual(batch.problems.map(problem => problem.postIds), [[orphan.uri]])
})

test("a server with Fedibird's older quotes gives them too", async () => {
  const { quote, a1Sam } = chat.statuses
  const server = await fake({ domain: 'mastodon.social', statuses: [a1Sam, quote], quoteShape: 'fedibird' })
  const batch = await read([server])
  assert.equal(postOf(batch.posts, quote).kind, 'quote')
  assert.equal(postOf(batch.posts, quote).referencedId, a1Sam.uri)
})

describe('paging', () => {
  test("follows the Link header's max_id, newest first, and stops at the page that reaches before the window", async () => {
    const inside = Array.from({ length: 90 }, (_, index) =>
      fakeStatus({ by: index % 2 ? sam : ann, at: new Date(chat.start.getTime() + index * 30_000), text: `Post ${index} #MondayHealthChat` })
    )
    const earlier = Array.from({ length: 50 }, (_, index) => fakeStatus({ by: sam, at: new Date(chat.start.getTime() - (index + 1) * 3_600_000), text: `Old ${index} #MondayHealthChat` }))
    const server = await fake({ domain: 'nhs.social', statuses: [...inside, ...earlier] })
    const pages: { pages: number; posts: number }[] = []
    const batch = await read([server], {}, { onPage: page => pages.push(page) })
    assert.equal(batch.posts.length, 90)
    const newestFirst = [...inside].reverse()
    assert.deepEqual(
      server.requests.map(request => request.query),
      [{ limit: '40' }, { limit: '40', max_id: server.localId(newestFirst[39]) }, { limit: '40', max_id: server.localId(newestFirst[79]) }]
    )
    assert.deepEqual(pages, [
      { pages: 1, posts: 40 },
      { pages: 2, posts: 80 },
      { pages: 3, posts: 90 },
    ])
  })

  test('a hashtag no one used on a server gives no posts, not an error', async () => {
    const server = await fake({ domain: 'nhs.social', statuses: [fakeStatus({ by: sam, at: minute(1), text: 'Other chat #NursesUnite' })] })
    const batch = await read([server])
    assert.deepEqual(batch.posts, [])
  })
})

describe('limits and failures', () => {
  const statuses = Array.from({ length: 60 }, (_, index) => fakeStatus({ by: sam, at: new Date(chat.start.getTime() + index * 45_000), text: `A${index} #MondayHealthChat` }))

  test('waits out a 429 until X-RateLimit-Reset, counting down each second, then carries on', async () => {
    const server = await fake({ domain: 'nhs.social', statuses, rateLimitResetIn: 3 })
    server.script.push('ok', '429')
    const countdown: number[] = []
    const batch = await read([server], {}, { onRateLimitWait: ({ secondsLeft, resetAt }) => countdown.push(secondsLeft) && assert.ok(resetAt > new Date()) })
    assert.equal(batch.posts.length, 60)
    assert.ok(countdown.length >= 2 && countdown.length <= 3, `counted down ${countdown.join(', ')}`)
    assert.deepEqual(countdown, [...countdown].sort((a, b) => b - a))
    assert.equal(countdown.at(-1), 1)
    assert.deepEqual(slept, Array(countdown.length).fill(1000))
    assert.equal(server.requests.length, 4)
    assert.equal(server.requests[1].query.max_id, server.requests[2].query.max_id)
  })

  test('retries a 500, a dropped connection and a proxy error page with backoff', async () => {
    const server = await fake({ domain: 'nhs.social', statuses })
    server.script.push('ok', '500', 'drop-connection', '502-html')
    const batch = await read([server])
    assert.equal(batch.posts.length, 60)
    assert.deepEqual(slept, [1000, 2000, 4000])
  })

  test('a server failing halfway stops the import with its name, the request and the pages read', async () => {
    const server = await fake({ domain: 'nhs.social', statuses })
    server.script.push('ok', ...Array<'500'>(4).fill('500'))
    const host = new URL(server.origin).host
    await assert.rejects(read([server], {}, { maxRetries: 3 }), (error: Error) => {
      assert.equal(
        error.message,
        `${host} failed on GET /api/v1/timelines/tag/MondayHealthChat: it answered 500 (We\u2019re sorry, but something went wrong on our end.), 4 times, after 1 page of the hashtag's timeline had been read. Nothing was imported; try again later.`
      )
      return true
    })
    assert.deepEqual(slept, [1000, 2000, 4000])
  })

  test('a server name that does not exist could not be reached', async () => {
    const server = await fake({ domain: 'nhs.social', statuses })
    await assert.rejects(
      fetchChatFromMastodon({ ...window, servers: ['nhs.invalid'] }, { dispatcher: server.dispatcher }, hooks()),
      { message: "nhs.invalid could not be reached: no server by that name was found. Check the server's name." }
    )
  })

  test('a server that refuses connections could not be reached, after retrying', async () => {
    const closed = https.createServer()
    closed.listen(0, '127.0.0.1')
    await once(closed, 'listening')
    const { port } = closed.address() as AddressInfo
    closed.close()
    await once(closed, 'close')
    slept = []
    await assert.rejects(
      fetchChatFromMastodon({ ...window, servers: [`https://127.0.0.1:${port}`] }, {}, hooks({ maxRetries: 2 })),
      { message: `127.0.0.1:${port} could not be reached: it refused the connection, 3 times.` }
    )
    assert.deepEqual(slept, [1000, 2000])
  })

  test('a website that is not Mastodon is named as such', async () => {
    const server = await fake({ domain: 'nhs.social', statuses })
    server.script.push('not-mastodon')
    await assert.rejects(read([server]), (error: Error) => {
      assert.match(error.message, new RegExp(`^${new URL(server.origin).host.replace(/\./g, '\\.')} does not answer like a Mastodon server`))
      return true
    })
  })

  test('a server that shows its timelines only to signed-in accounts says which token is needed', async () => {
    const server = await fake({ domain: 'nhs.social', statuses, timelinesNeedSignIn: true })
    await assert.rejects(read([server]), (error: Error) => {
      assert.match(error.message, /shows GET \/api\/v1\/timelines\/tag\/MondayHealthChat only to signed-in accounts \("This method requires an authenticated user"\)/)
      assert.match(error.message, /MASTODON_ACCESS_TOKEN to an access token of an account on /)
      return true
    })
  })

  test("the access token goes to its own server only, and opens a signed-in server's timeline", async () => {
    const home = await fake({ domain: 'nhs.social', statuses, timelinesNeedSignIn: true })
    const other = await fake({ domain: 'mastodon.social', statuses: [chat.statuses.q1] })
    const batch = await read([home, other], { accessToken: home.token, accessTokenServer: home.origin })
    assert.equal(batch.posts.length, 61)
    assert.ok(home.requests.every(request => request.authorization === `Bearer ${home.token}`))
    assert.ok(other.requests.every(request => request.authorization === null))
  })

  test('a bad server or hashtag is refused by name before anything is asked', async () => {
    await assert.rejects(fetchChatFromMastodon({ ...window, servers: ['nhs social'] }), /"nhs social" is not a Mastodon server/)
    await assert.rejects(fetchChatFromMastodon({ ...window, servers: ['ftp://nhs.social'] }), /"ftp:\/\/nhs\.social" is not a Mastodon server/)
    await assert.rejects(fetchChatFromMastodon({ ...window, hashtag: '#Monday-Health', servers: ['nhs.social'] }), /"#Monday-Health" is not a hashtag/)
    await assert.rejects(fetchChatFromMastodon({ ...window, servers: [] }), /No Mastodon server was named/)
  })
})
