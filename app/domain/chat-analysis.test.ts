import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import { analyseChat, answerNumber, normaliseUrl, questionNumber, type ChatPost } from './chat-analysis'

// A small chat worked out by hand: host H asks Q1 and Q2; B, C and D answer in the usual ways.
const start = new Date('2026-11-23T12:00:00Z')
const at = (minute: number, second = 0) => new Date(start.getTime() + minute * 60_000 + second * 1000).toISOString()
function post(xId: string, authorXId: string, minute: number, text: string, extra: Partial<ChatPost> = {}): ChatPost {
  return {
    platform: 'x',
    xId,
    authorXId,
    text,
    postedAt: at(minute),
    kind: extra.inReplyToId ? 'reply' : 'original',
    inReplyToId: '',
    conversationId: xId,
    referencedId: '',
    entities: { hashtags: ['chat'], mentions: [], urls: [] },
    media: [],
    metrics: {},
    ...extra,
  }
}
const link = (url: string) => ({ url: 'https://t.co/x', expandedUrl: url, displayUrl: url })

const POSTS: ChatPost[] = [
  post('100', 'H', 0, 'Welcome everyone! #chat'),
  post('101', 'H', 1, 'Q1 What is your first move? #chat'),
  post('102', 'B', 2, 'A1 Say thank you in public #chat', { entities: { hashtags: ['chat'], mentions: [], urls: [link('https://www.nhs.uk/guide/?utm_source=x')] } }),
  post('103', 'C', 3, 'a1 - move it to DMs #chat'),
  post('104', 'D', 3, 'Reply without a number', { inReplyToId: '101', conversationId: '101' }),
  post('105', 'B', 4, '@D good point', { inReplyToId: '104', conversationId: '101' }),
  post('106', 'C', 5, 'RT @B: A1 Say thank you in public #chat', { kind: 'retweet', referencedId: '102' }),
  post('107', 'H', 10, 'Q2: Who answers at night? #chat'),
  post('108', 'D', 11, '@H A2: nobody, officially #chat', { entities: { hashtags: ['chat'], mentions: ['H'], urls: [link('https://nhs.uk/guide')] } }),
  post('109', 'B', 12, 'Look at this: #chat', { kind: 'quote', referencedId: '999', entities: { hashtags: ['chat'], mentions: [], urls: [link('https://x.com/someone/status/999')] } }),
  post('110', 'C', 12, 'A2 our on-call team #chat', { entities: { hashtags: ['chat'], mentions: [], urls: [link('https://example.org/rota')] } }),
  post('111', 'B', 70, 'Late answer outside the window #chat'),
]

const analysis = analyseChat(POSTS, {
  windowStart: start,
  windowEnd: new Date(start.getTime() + 60 * 60_000),
  earlierContributors: new Set(['B']),
})

describe('question and answer markers', () => {
  test('recognise the usual spellings', () => {
    assert.equal(questionNumber('Q1 What?'), 1)
    assert.equal(questionNumber('q 12: What?'), 12)
    assert.equal(questionNumber('@a @b Q3) What?'), 3)
    assert.equal(questionNumber('Quick question'), null)
    assert.equal(answerNumber('A1 yes'), 1)
    assert.equal(answerNumber('A1: yes'), 1)
    assert.equal(answerNumber('a1 - yes'), 1)
    assert.equal(answerNumber('@host A2 yes'), 2)
    assert.equal(answerNumber('Absolutely'), null)
    assert.equal(answerNumber('A1yes'), null)
  })
})

describe('analyseChat', () => {
  test('takes whoever posted the first Q1 as the host when none is named', () => {
    assert.deepEqual(analysis.hosts, ['H'])
  })

  test('finds the host’s numbered questions in order', () => {
    assert.deepEqual(analysis.questions.map(q => [q.number, q.postId]), [[1, '101'], [2, '107']])
  })

  test('collects answers by number and by direct replies to the question, never retweets', () => {
    assert.deepEqual(analysis.questions[0].answers.map(answer => answer.postId), ['102', '103', '104'])
    assert.deepEqual(analysis.questions[1].answers.map(answer => answer.postId), ['108', '110'])
  })

  test('a reply to an answer is that answer’s conversation, not another answer', () => {
    assert.deepEqual(analysis.questions[0].answers.find(answer => answer.postId === '104'), { postId: '104', replies: ['105'] })
  })

  test('the host’s follow-up to an answer and the answerer’s reply nest under it, depth-first', () => {
    const followUp = analyseChat(
      [
        ...POSTS,
        post('130', 'H', 6, '@D how long does that take?', { inReplyToId: '104', conversationId: '101' }),
        post('131', 'D', 7, '@H about a day', { inReplyToId: '130', conversationId: '101' }),
        post('132', 'C', 8, '@D A1 same here, a day at most', { inReplyToId: '104', conversationId: '101' }),
      ],
      { windowStart: start, windowEnd: new Date(start.getTime() + 3_600_000), hosts: ['H'] }
    )
    const q1 = followUp.questions[0]
    // "A1" makes 132 an answer of its own even inside another answer's conversation.
    assert.deepEqual(q1.answers.map(answer => answer.postId), ['102', '103', '104', '132'])
    assert.deepEqual(q1.answers.find(answer => answer.postId === '104')!.replies, ['105', '130', '131'])
  })

  test('only the host’s Q posts are questions', () => {
    const withImpostor = analyseChat([...POSTS, post('120', 'B', 20, 'Q3 Can I ask one too?')], {
      windowStart: start,
      windowEnd: new Date(start.getTime() + 3_600_000),
      hosts: ['H'],
    })
    assert.deepEqual(withImpostor.questions.map(q => q.number), [1, 2])
  })

  test('rebuilds reply threads depth-first in time order', () => {
    assert.deepEqual(analysis.threads, [
      { rootId: '101', posts: [{ id: '101', depth: 0 }, { id: '104', depth: 1 }, { id: '105', depth: 2 }] },
    ])
  })

  test('counts posts by kind and contributors, new against returning', () => {
    const { stats } = analysis
    assert.deepEqual(
      { posts: stats.posts, originals: stats.originals, replies: stats.replies, retweets: stats.retweets, quotes: stats.quotes },
      { posts: 12, originals: 8, replies: 2, retweets: 1, quotes: 1 }
    )
    assert.equal(stats.contributors, 4)
    assert.equal(stats.newContributors, 3)
    assert.equal(stats.returningContributors, 1)
    assert.deepEqual(stats.topContributors[0], { xUserId: 'B', posts: 4 })
  })

  test('counts posts per minute within the window only', () => {
    const { postsPerMinute, peakPostsPerMinute } = analysis.stats
    assert.equal(postsPerMinute.length, 60)
    assert.deepEqual(postsPerMinute.slice(0, 6), [1, 1, 1, 2, 1, 1])
    assert.equal(postsPerMinute[12], 2)
    assert.equal(postsPerMinute.reduce((a, b) => a + b, 0), 11)
    assert.equal(peakPostsPerMinute, 2)
  })

  test('lists shared links once, with who shared them, leaving out links to posts', () => {
    assert.deepEqual(analysis.links, [
      { url: 'https://nhs.uk/guide', sharedBy: ['B', 'D'], posts: 2 },
      { url: 'https://example.org/rota', sharedBy: ['C'], posts: 1 },
    ])
  })
})

test('link spellings are normalised: www, tracking parameters, trailing slashes, fragments', () => {
  assert.equal(normaliseUrl('https://WWW.NHS.uk/guide/?utm_source=x&page=2#top'), 'https://nhs.uk/guide?page=2')
  assert.equal(normaliseUrl('https://nhs.uk/'), 'https://nhs.uk/')
  assert.equal(normaliseUrl('not a url'), 'not a url')
})

describe('a chat met on several networks', () => {
  // The host H asks Q1 on X and Q2 from Bluesky (account HB, linked to H); Ade answers on X (A)
  // and on Bluesky (AB, linked to A); M answers from Mastodon.
  const on = (platform: ChatPost['platform'], p: ChatPost): ChatPost => ({ ...p, platform })
  const posts: ChatPost[] = [
    on('x', post('200', 'H', 1, 'Q1 What do you pin? #chat')),
    on('x', post('201', 'A', 2, 'A1 The out-of-hours number #chat')),
    on('mastodon', post('https://nhs.social/users/m/statuses/1', 'm@nhs.social', 3, '@mhc@nhs.social A1 Our rota #chat')),
    on('bluesky', post('at://did:plc:hb/app.bsky.feed.post/1', 'did:plc:hb', 10, 'Q2 And at night? #chat')),
    on('bluesky', post('at://did:plc:ab/app.bsky.feed.post/2', 'did:plc:ab', 11, '@mhc.bsky.social A2 a duty officer #chat')),
    on('mastodon', post('https://nhs.social/users/m/statuses/2', 'm@nhs.social', 12, 'RT', { kind: 'retweet', referencedId: '201' })),
  ]
  const personOf = new Map([
    ['did:plc:hb', 'H'],
    ['did:plc:ab', 'A'],
  ])
  const analysis = analyseChat(posts, { hosts: ['H'], windowStart: start, windowEnd: new Date(start.getTime() + 3600_000), personOf })

  test('the host’s questions are recognised whichever of their linked accounts asked them', () => {
    assert.deepEqual(
      analysis.questions.map(question => [question.number, question.postId]),
      [
        [1, '200'],
        [2, 'at://did:plc:hb/app.bsky.feed.post/1'],
      ]
    )
    assert.deepEqual(
      analysis.questions.map(question => question.answers.map(answer => answer.postId)),
      [['201', 'https://nhs.social/users/m/statuses/1'], ['at://did:plc:ab/app.bsky.feed.post/2']]
    )
  })

  test('a person with linked handles is one contributor in the totals, and counted on each network they used', () => {
    assert.equal(analysis.stats.contributors, 3)
    assert.deepEqual(analysis.stats.byNetwork, {
      x: { posts: 2, originals: 2, replies: 0, retweets: 0, quotes: 0, contributors: 2 },
      mastodon: { posts: 2, originals: 1, replies: 0, retweets: 1, quotes: 0, contributors: 1 },
      bluesky: { posts: 2, originals: 2, replies: 0, retweets: 0, quotes: 0, contributors: 2 },
    })
  })

  test('without links, each account is a contributor of its own', () => {
    const unlinked = analyseChat(posts, { hosts: ['H'], windowStart: start, windowEnd: new Date(start.getTime() + 3600_000) })
    assert.equal(unlinked.stats.contributors, 5)
    assert.deepEqual(unlinked.questions.map(question => question.number), [1])
  })
})
