import assert from 'node:assert/strict'
import { once } from 'node:events'
import net, { type AddressInfo } from 'node:net'
import { after, before, beforeEach, describe, test } from 'node:test'

import { chatPostFromBluesky, fetchChatFromBluesky, fetchChatFromConfiguredBluesky } from '../../app/features/chat-import/bluesky.server'
import { blueskyChat, MULTIBYTE_ANSWER } from '../support/bluesky-chat'
import { blueskyAccount, blueskyPost, byteRange, type PostRecord } from '../support/bluesky-posts'
import { startFakeBluesky, type FakeBluesky } from '../support/fake-bluesky'

// The real @atproto/api client against a local HTTPS server that answers like Bluesky, holding
// one evening's chat. Waits go through an injected sleep that records what it was asked to wait,
// so a rate-limit test takes milliseconds while still proving the import waited for the reset.

const chat = blueskyChat({ extraAnswers: 230 })
const { named, people } = chat
const request = { hashtag: chat.hashtag, start: chat.start, end: chat.end }

let bluesky: FakeBluesky
let slept: number[]
const hooks = () => ({ sleep: async (ms: number) => void slept.push(ms) })
const fetchChat = (extra: Parameters<typeof fetchChatFromBluesky>[2] = {}) => fetchChatFromBluesky(request, bluesky.connection, { ...hooks(), ...extra })
const searches = () => bluesky.requests.filter(sent => sent.nsid === 'app.bsky.feed.searchPosts')

before(async () => {
  bluesky = await startFakeBluesky({ posts: chat.posts })
})
after(() => bluesky.stop())
beforeEach(() => {
  bluesky.requests.length = 0
  bluesky.script.length = 0
  slept = []
})

describe('searching a chat', () => {
  test('asks for the tag in the window, newest first, 100 at a time, and follows the cursor to the last page', async () => {
    const progress: { pages: number; posts: number }[] = []
    const batch = await fetchChat({ onPage: page => progress.push(page) })
    assert.deepEqual(progress, [
      { pages: 1, posts: 100 },
      { pages: 2, posts: 200 },
      { pages: 3, posts: chat.searchable.length },
    ])
    const [first, second, third] = searches()
    assert.equal(searches().length, 3)
    assert.deepEqual(first.query, {
      q: '#mondayhealthchat',
      tag: ['mondayhealthchat'],
      since: '2026-11-23T20:00:00.000Z',
      until: '2026-11-23T21:00:00.000Z',
      sort: 'latest',
      limit: '100',
    })
    assert.equal(second.query.cursor, '100')
    assert.equal(third.query.cursor, '200')
    assert.match(first.authorization ?? '', /^Bearer access\./, 'search is made signed in')
    assert.deepEqual(new Set(batch.matchedIds), new Set(chat.searchable.map(post => post.uri)))
    assert.ok(!batch.posts.some(post => post.xId === named.afterWindow.uri), 'a post after the window is not searched up')
  })

  test('signs in with the handle and app password before searching', async () => {
    await fetchChat()
    const [signIn] = bluesky.requests
    assert.equal(signIn.nsid, 'com.atproto.server.createSession')
    assert.deepEqual(signIn.body, { identifier: bluesky.account.handle, password: bluesky.account.password })
  })

  test('a hashtag nobody used gives an empty batch after one page', async () => {
    const batch = await fetchChatFromBluesky({ ...request, hashtag: '#nobodyusesthis' }, bluesky.connection, hooks())
    assert.deepEqual(batch.posts, [])
    assert.deepEqual(batch.problems, [])
    assert.equal(searches().length, 1)
  })
})

describe('threads', () => {
  test('a parent the search did not return is fetched with getPostThread, its own parent with it', async () => {
    const batch = await fetchChat()
    const ids = new Set(batch.posts.map(post => post.xId))
    assert.ok(ids.has(named.earlierParent.uri))
    assert.ok(ids.has(named.earlierGrandparent.uri))
    assert.ok(!batch.matchedIds?.has(named.earlierParent.uri), 'a fetched parent was not matched by the search')
    const lookups = bluesky.requests.filter(sent => sent.nsid === 'app.bsky.feed.getPostThread')
    const forEarlier = lookups.filter(sent => sent.query.uri === named.earlierParent.uri)
    assert.equal(forEarlier.length, 1)
    assert.equal(forEarlier[0].query.depth, '0')
    assert.ok(Number(forEarlier[0].query.parentHeight) >= 80)
    assert.ok(!lookups.some(sent => sent.query.uri === named.earlierGrandparent.uri), 'the grandparent came with its child')
    const parent = batch.posts.find(post => post.xId === named.earlierParent.uri)!
    assert.equal(parent.inReplyToId, named.earlierGrandparent.uri)
    assert.equal(parent.conversationId, named.earlierGrandparent.uri)
  })

  test('a deleted parent is recorded as a problem, and the reply keeps pointing at it', async () => {
    const batch = await fetchChat()
    const problem = batch.problems.find(found => found.resourceId === named.deletedParent.uri)
    assert.ok(problem, JSON.stringify(batch.problems))
    assert.equal(problem.source, 'Bluesky')
    assert.match(problem.detail, /deleted or is not visible/)
    assert.deepEqual(problem.postIds, [named.replyToDeleted.uri])
    const reply = batch.posts.find(post => post.xId === named.replyToDeleted.uri)!
    assert.equal(reply.kind, 'reply')
    assert.equal(reply.inReplyToId, named.deletedParent.uri)
  })

  test('a deleted grandparent and a blocked parent found on the way up are problems too', async () => {
    const ana = blueskyAccount('ana.bsky.social', 'Ana')
    const gone = blueskyPost({ author: ana, createdAt: '2026-11-23T19:00:00Z', text: 'Deleted since' })
    const middle = blueskyPost({ author: ana, createdAt: '2026-11-23T19:10:00Z', replyTo: gone, text: 'A middle post without the tag' })
    const hidden = blueskyPost({ author: ana, createdAt: '2026-11-23T19:20:00Z', text: 'By someone who blocks the community account' })
    const replies = [
      blueskyPost({ author: people.sam, createdAt: '2026-11-23T20:30:00Z', replyTo: middle, text: 'A2 Late to this #blockedchat' }),
      blueskyPost({ author: people.sam, createdAt: '2026-11-23T20:31:00Z', replyTo: hidden, text: 'A2 Agreed #blockedchat' }),
    ]
    const other = await startFakeBluesky({ posts: [middle, hidden, ...replies], blocked: [hidden.uri] })
    try {
      const batch = await fetchChatFromBluesky({ ...request, hashtag: 'blockedchat' }, other.connection, hooks())
      assert.deepEqual(batch.posts.map(post => post.xId).sort(), [middle.uri, ...replies.map(reply => reply.uri)].sort())
      const byId = new Map(batch.problems.map(problem => [problem.resourceId, problem]))
      assert.match(byId.get(gone.uri)?.detail ?? '', /deleted or is not visible/)
      assert.deepEqual(byId.get(gone.uri)?.postIds, [middle.uri])
      assert.match(byId.get(hidden.uri)?.detail ?? '', new RegExp(`not visible: its author \\(${ana.did}\\) blocks`))
      assert.equal(batch.problems.length, 2)
    } finally {
      await other.stop()
    }
  })
})

describe('posts as the archive keeps them', () => {
  const byUri = async () => new Map((await fetchChat()).posts.map(post => [post.xId, post]))

  test('a link after multi-byte text is sliced by UTF-8 bytes: the exact words of the text, linked to the full address', async () => {
    const facet = (named.a1Multibyte.record as PostRecord).facets!.find(found => found.features[0].$type === 'app.bsky.richtext.facet#link')!
    const jsIndex = MULTIBYTE_ANSWER.indexOf('nhs.uk')
    assert.deepEqual(facet.index, byteRange(MULTIBYTE_ANSWER, 'nhs.uk/live-well/sleep-and-tiredness/'))
    assert.notEqual(facet.index.byteStart, jsIndex, 'the text before the link is multi-byte, so bytes and string indexes differ')
    const post = (await byUri()).get(named.a1Multibyte.uri)!
    assert.deepEqual(post.entities.urls, [
      { url: 'nhs.uk/live-well/sleep-and-tiredness/', expandedUrl: 'https://nhs.uk/live-well/sleep-and-tiredness/', displayUrl: 'nhs.uk/live-well/sleep-and-tiredness/' },
    ])
    assert.ok(post.text.includes(post.entities.urls[0].url))
    assert.deepEqual(post.entities.hashtags, ['mondayhealthchat'])
  })

  test('mentions are handles as written, hashtags are tag names', async () => {
    const post = (await byUri()).get(named.a1Mention.uri)!
    assert.deepEqual(post.entities.mentions, ['priya.bsky.social'])
    assert.deepEqual(post.entities.hashtags, ['mondayhealthchat', 'sleep'])
    assert.deepEqual(post.entities.urls, [])
  })

  test('ids are at:// URIs and DIDs; the address is the post on bsky.app', async () => {
    const post = (await byUri()).get(named.a1Multibyte.uri)!
    const rkey = named.a1Multibyte.uri.split('/').at(-1)
    assert.equal(post.platform, 'bluesky')
    assert.equal(post.authorXId, people.priya.did)
    assert.equal(post.url, `https://bsky.app/profile/priya.bsky.social/post/${rkey}`)
    assert.equal(post.postedAt, '2026-11-23T20:07:00.000Z')
    assert.equal(post.kind, 'reply')
    assert.equal(post.inReplyToId, named.q1.uri)
    assert.equal(post.conversationId, named.q1.uri)
    assert.deepEqual(post.metrics, { like_count: 5, retweet_count: 0, reply_count: 0, quote_count: 0 })
    const q1 = (await byUri()).get(named.q1.uri)!
    assert.equal(q1.kind, 'original')
    assert.equal(q1.conversationId, named.q1.uri)
    assert.deepEqual(q1.metrics, { like_count: 9, retweet_count: 3, reply_count: 4, quote_count: 0 })
  })

  test('a quote and a quote with photos are quotes of the post they embed', async () => {
    const posts = await byUri()
    const quote = posts.get(named.quote.uri)!
    assert.equal(quote.kind, 'quote')
    assert.equal(quote.referencedId, named.q2.uri)
    assert.deepEqual(quote.media, [], "the quoted post's photo is not the quote's own")
    const withPhotos = posts.get(named.quoteWithPhoto.uri)!
    assert.equal(withPhotos.kind, 'quote')
    assert.equal(withPhotos.referencedId, named.q2.uri)
    assert.deepEqual(
      withPhotos.media.map(media => [media.type, media.altText]),
      [
        ['photo', 'Lavender pillow spray and foam earplugs on a folded towel'],
        ['photo', 'A kettle and a mug of chamomile tea'],
      ]
    )
  })

  test('photos keep their full-size address and alt text; a video its still and alt text', async () => {
    const posts = await byUri()
    const q2View = named.q2.embed as { images: { fullsize: string }[] }
    assert.deepEqual(posts.get(named.q2.uri)!.media, [{ type: 'photo', url: q2View.images[0].fullsize, altText: 'A bedside table with a book, a lamp and a glass of water' }])
    const videoView = named.video.embed as { thumbnail: string }
    assert.deepEqual(posts.get(named.video.uri)!.media, [{ type: 'video', url: videoView.thumbnail, altText: 'Sam breathing slowly by a window at dawn' }])
  })

  test('participants are the authors, with the handle standing in for a missing name', async () => {
    const batch = await fetchChat()
    const sam = batch.participants.find(person => person.xUserId === people.sam.did)
    assert.deepEqual(sam, {
      platform: 'bluesky',
      xUserId: people.sam.did,
      handle: 'samwell.bsky.social',
      displayName: 'samwell.bsky.social',
      avatarUrl: '',
      profileUrl: 'https://bsky.app/profile/samwell.bsky.social',
    })
    const jo = batch.participants.find(person => person.xUserId === people.jo.did)
    assert.equal(jo?.displayName, 'Dr Jo Okafor')
    assert.equal(jo?.avatarUrl, people.jo.avatar)
    assert.equal(new Set(batch.participants.map(person => person.xUserId)).size, batch.participants.length)
  })
})

describe('converting one post', () => {
  const author = blueskyAccount('lee.bsky.social', 'Lee')
  const card = { uri: 'https://www.nhs.uk/every-mind-matters/', title: 'Every Mind Matters', description: 'Expert advice and practical tips' }

  test('a link card whose address the text shows, but no facet marks, becomes a link', () => {
    const post = chatPostFromBluesky(blueskyPost({ author, createdAt: '2026-11-23T20:40:00Z', text: `A3 This helped me ${card.uri} #mondayhealthchat`, facets: [], external: card }))
    assert.deepEqual(post.entities.urls, [{ url: card.uri, expandedUrl: card.uri, displayUrl: card.uri }])
  })

  test('a link card the text does not show stays out of the links, and one already linked is not repeated', () => {
    const hidden = chatPostFromBluesky(blueskyPost({ author, createdAt: '2026-11-23T20:40:00Z', text: 'A3 This helped me #mondayhealthchat', external: card }))
    assert.deepEqual(hidden.entities.urls, [])
    const linked = chatPostFromBluesky(blueskyPost({ author, createdAt: '2026-11-23T20:40:00Z', text: `A3 See ${card.uri}`, external: card }))
    assert.deepEqual(linked.entities.urls, [{ url: card.uri, expandedUrl: card.uri, displayUrl: card.uri }])
  })

  test('facets are sliced by bytes after accents, emoji and a skin-tone sequence', () => {
    const text = 'Ça va? 🙂 Résumé 👩🏽‍⚕️ #santé @lee.bsky.social'
    const post = chatPostFromBluesky(blueskyPost({ author, createdAt: '2026-11-23T20:41:00Z', text }))
    assert.deepEqual(post.entities.hashtags, ['santé'])
    assert.deepEqual(post.entities.mentions, ['lee.bsky.social'])
  })

  test('a createdAt that does not parse falls back to when Bluesky indexed the post', () => {
    const post = chatPostFromBluesky(
      blueskyPost({ author, createdAt: '2026-11-23T20:42:00Z', rawCreatedAt: 'yesterday evening', indexedAt: '2026-11-23T20:42:03.123Z', text: 'A3 Hello' })
    )
    assert.equal(post.postedAt, '2026-11-23T20:42:03.123Z')
    const offset = chatPostFromBluesky(blueskyPost({ author, createdAt: '2026-11-23T20:42:00Z', rawCreatedAt: '2026-11-23T21:42:00+01:00', text: 'A3 Hello' }))
    assert.equal(offset.postedAt, '2026-11-23T20:42:00.000Z')
  })

  test('a GIF posted as a video is an animated GIF', () => {
    const post = chatPostFromBluesky(blueskyPost({ author, createdAt: '2026-11-23T20:43:00Z', text: 'A3 me after nights', video: { presentation: 'gif', alt: 'A cat yawning' } }))
    assert.deepEqual(post.media.map(media => [media.type, media.altText]), [['animated_gif', 'A cat yawning']])
  })
})

describe('limits and failures', () => {
  test('waits until the rate limit resets, counting down each second, then asks again', async () => {
    const countdown: number[] = []
    bluesky.script.push('ok', '429')
    const batch = await fetchChat({ onRateLimitWait: ({ secondsLeft }) => countdown.push(secondsLeft) })
    assert.equal(batch.matchedIds?.size, chat.searchable.length)
    assert.ok(countdown.length >= 2 && countdown.length <= 4, `counted down ${countdown.join(', ')}`)
    assert.deepEqual(countdown, [...countdown].sort((a, b) => b - a))
    assert.equal(countdown.at(-1), 1)
    assert.deepEqual(slept, Array(countdown.length).fill(1000))
    assert.equal(searches().length, 4, 'the refused page was asked for again')
    assert.equal(searches()[0].query.cursor, undefined)
    assert.equal(searches()[1].query.cursor, undefined)
  })

  test('a rate limit that resets only in an hour is reported with its time instead of holding the import open', async () => {
    const limited = await startFakeBluesky({ posts: chat.posts, rateLimitResetIn: 3600 })
    try {
      limited.script.push('429')
      await assert.rejects(
        fetchChatFromBluesky(request, limited.connection, hooks()),
        /^Error: Signing in to Bluesky at .* as chatcommunity\.bsky\.social failed: Bluesky's rate limit \(3000;w=300\) resets only at \d{4}-\d\d-\d\dT[\d:.]+Z, in 60 minutes\. Try again then\.$/
      )
      assert.deepEqual(slept, [])
    } finally {
      await limited.stop()
    }
  })

  test('a dropped connection is retried', async () => {
    bluesky.script.push('ok', 'ok', 'drop-connection')
    const batch = await fetchChat()
    assert.equal(batch.matchedIds?.size, chat.searchable.length)
    assert.deepEqual(slept, [1000])
  })

  test('a service that keeps failing halfway gives up after the retries, naming the request and the pages read', async () => {
    bluesky.script.push('ok', 'ok', '500', '500', '500')
    await assert.rejects(
      fetchChat({ maxRetries: 2 }),
      (error: Error) => {
        assert.match(error.message, /^Searching Bluesky for #mondayhealthchat failed after 1 page \(100 posts\) at page 2: Bluesky gave 500 InternalServerError: Internal Server Error \(tried 3 times\)\.$/)
        return true
      }
    )
    assert.deepEqual(slept, [1000, 2000])
    assert.deepEqual(searches().map(sent => sent.query.cursor), [undefined, '100', '100', '100'])
  })

  test('a wrong app password is refused with the handle, the service and what to check', async () => {
    const connection = { ...bluesky.connection, password: 'wrong-pass-word-here' }
    await assert.rejects(fetchChatFromBluesky(request, connection, hooks()), (error: Error) => {
      assert.match(error.message, new RegExp(`Bluesky refused the sign-in for chatcommunity\\.bsky\\.social at ${bluesky.origin.replace(/\./g, '\\.')}`))
      assert.match(error.message, /BLUESKY_HANDLE and BLUESKY_APP_PASSWORD/)
      assert.match(error.message, /app password .*not the account password/)
      return true
    })
    assert.equal(searches().length, 0)
    assert.deepEqual(slept, [], 'a refused password is not retried')
  })

  test('a service that cannot be reached is named', async () => {
    // A port that was just free: nothing listens there.
    const closed = net.createServer().listen(0, '127.0.0.1')
    await once(closed, 'listening')
    const { port } = closed.address() as AddressInfo
    closed.close()
    await once(closed, 'close')
    const service = `https://127.0.0.1:${port}`
    await assert.rejects(
      fetchChatFromBluesky(request, { ...bluesky.connection, service }, { ...hooks(), maxRetries: 1 }),
      new RegExp(`The Bluesky service ${service.replace(/\./g, '\\.')} could not be reached \\(ECONNREFUSED\\): check BLUESKY_SERVICE`)
    )
    assert.deepEqual(slept, [1000], 'a refused connection may be a restart: it is tried once more')
  })

  test('a service address that is not a URL is named', async () => {
    await assert.rejects(fetchChatFromBluesky(request, { ...bluesky.connection, service: 'bsky social' }, hooks()), /BLUESKY_SERVICE "bsky social" is not a URL/)
  })

  test('a hashtag that is not one word is refused before signing in', async () => {
    await assert.rejects(fetchChatFromBluesky({ ...request, hashtag: '#monday health' }, bluesky.connection, hooks()), /"#monday health" is not a hashtag/)
    assert.equal(bluesky.requests.length, 0)
  })

  test('the configured import names the settings that are missing', async () => {
    await assert.rejects(fetchChatFromConfiguredBluesky({ ...request, ...hooks() }), /^Error: BLUESKY_HANDLE and BLUESKY_APP_PASSWORD are not set/)
  })
})
