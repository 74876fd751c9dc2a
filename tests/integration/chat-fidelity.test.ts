import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'

import { archiveAsCsv, archiveAsJson } from '../../app/features/archive/export.server'
import { importChat } from '../../app/features/chat-import/import.server'
import { batchFromFiles, selectChatPosts } from '../../app/features/chat-import/sources.server'
import { createXClient, fetchChat } from '../../app/features/chat-import/x-api.server'
import type { Context } from '../../app/server/keystone.server'
import { renderMarkdownDocument } from '../../app/domain/markdown.server'
import { getArchiveBySlug, getArchivePage } from '../../app/features/archive/archive.server'
import { resolveChatEmbeds, type ChatEmbedView } from '../../app/features/archive/embed.server'
import { FIDELITY_END, FIDELITY_HASHTAG, FIDELITY_START, FIDELITY_USERS, fidelityChat } from '../support/chat-fidelity'
import { startFakeXApi, type FakeXApi } from '../support/fake-x-api'
import { migratedContext } from '../support/database'

// A chat keeps every post it had and counts as answers only what answers, whether it comes from
// saved pages or from the X API (through the real client, with a rate limit on the way).

const window = { hashtag: FIDELITY_HASHTAG, start: FIDELITY_START, end: FIDELITY_END }
const pagesFile = (pages: unknown) => ({ name: 'fidelity-pages.json', content: JSON.stringify(pages) })
// One chat for reading files, one each for the archives built below: X ids are unique.
const filesChat = fidelityChat(1_870_000_000_000_000_000n)

let context: Context
before(async () => {
  context = await migratedContext()
})

describe('which posts belong to the chat', () => {
  const { id, pages, retweet: retweeted, retweetedOriginal, earlierParent, posts } = filesChat

  test('from files, a retweet cut before the hashtag belongs when the original it retweets carries it', () => {
    const chat = selectChatPosts(batchFromFiles([pagesFile(pages)]), FIDELITY_HASHTAG, FIDELITY_START, FIDELITY_END)
    assert.equal(chat.posts.length, 12)
    const retweet = chat.posts.find(post => post.xId === retweeted.id)!
    assert.doesNotMatch(retweet.text, /#mondayhealthchat/)
    assert.equal(retweet.repostOf?.xId, retweetedOriginal.id)
    assert.equal(retweet.repostOf?.text, retweetedOriginal.text)
    // The original's author is kept as a participant, so the reader sees who wrote it.
    assert.ok(chat.participants.some(person => person.handle === 'ward_team'))
  })

  test('a post left out is counted with its reason', () => {
    const stray = { id: id(50), text: 'Unrelated lunch photo', author_id: '7004', created_at: '2026-12-07T12:30:00.000Z' }
    const late = { id: id(51), text: 'Sorry I missed it #mondayhealthchat', author_id: '7002', created_at: FIDELITY_END.toISOString() }
    const extra = { name: 'extra.json', content: JSON.stringify({ data: [stray, late], includes: { users: FIDELITY_USERS }, meta: { result_count: 2 } }) }
    const chat = selectChatPosts(batchFromFiles([pagesFile(pages), extra]), FIDELITY_HASHTAG, FIDELITY_START, FIDELITY_END)
    assert.deepEqual(chat.leftOut, [
      // The pre-chat post an answer replies to, and the post made as the window closed (end is exclusive).
      { reason: 'outside-window', postIds: [earlierParent.id, id(51)] },
      { reason: 'without-hashtag', postIds: [id(50)] },
    ])
  })

  test('from the API, every post the search returned belongs, even a retweet whose original X did not include', async () => {
    const bare = { ...pages[1], data: [...(pages[1].data ?? []), posts[7]], includes: { users: FIDELITY_USERS } }
    const single = await startFakeXApi({ pages: [{ ...bare, meta: { result_count: 7 } }], users: FIDELITY_USERS })
    try {
      const client = createXClient({ bearerToken: single.token, apiBase: single.baseUrl, httpAgent: single.agent })
      const batch = await fetchChat(client, { query: FIDELITY_HASHTAG, start: FIDELITY_START, end: FIDELITY_END, fullArchive: false })
      const chat = selectChatPosts(batch, FIDELITY_HASHTAG, FIDELITY_START, FIDELITY_END)
      assert.ok(chat.posts.some(post => post.xId === retweeted.id && post.repostOf === undefined))
      assert.deepEqual(chat.leftOut, [])
    } finally {
      await single.stop()
    }
  })
})

describe('a chat imported from the X API across a rate limit', () => {
  const { pages, earlierParent } = fidelityChat(1_871_000_000_000_000_000n)
  let api: FakeXApi
  const slept: number[] = []
  const importFromApi = () => {
    const client = createXClient({ bearerToken: api.token, apiBase: api.baseUrl, httpAgent: api.agent })
    return importChat(context, {
      ...window,
      slug: 'fidelity-api',
      fetchFromApi: request => fetchChat(client, { ...request, fullArchive: false }, { sleep: async ms => void slept.push(ms) }),
    })
  }
  before(async () => {
    api = await startFakeXApi({ pages, users: FIDELITY_USERS, rateLimitResetIn: 2 })
    api.script.push('429')
    assert.equal((await importFromApi()).created, 12)
  })
  after(() => api.stop())

  test('the search waited out the rate limit and read both pages', () => {
    assert.ok(slept.length >= 1 && slept.every(ms => ms === 1000), `slept ${slept.join(', ')}`)
    const searches = api.requests.filter(request => request.path === '/2/tweets/search/recent')
    assert.equal(searches.at(-1)?.query.next_token, 'fidelity-page-2')
  })

  test('the archive’s numbers count every post, the retweet included', async () => {
    const { stats } = (await getArchiveBySlug('fidelity-api'))!
    assert.deepEqual(
      { posts: stats.posts, retweets: stats.retweets, replies: stats.replies, contributors: stats.contributors },
      { posts: 12, retweets: 1, replies: 5, contributors: 5 }
    )
  })

  test('the import says what it left out and why, also beside the archive for editors', async () => {
    const summary = await importFromApi()
    assert.deepEqual(summary.leftOut, [{ reason: 'outside-window', postIds: [earlierParent.id] }])
    const archive = await context.prisma.chatArchive.findUniqueOrThrow({ where: { slug: 'fidelity-api' } })
    assert.deepEqual(archive.importProblems, [
      {
        source: 'chat selection',
        detail: "1 post outside the chat's window (replied to from the chat, or posted before or after it)",
        postIds: [earlierParent.id],
      },
    ])
  })
})

describe('the archive of that chat', () => {
  const { id, pages, retweet: retweeted, retweetedOriginal } = fidelityChat(1_872_000_000_000_000_000n)
  const RETWEET = retweeted.id
  before(async () => {
    await importChat(context, { ...window, slug: 'fidelity', files: [pagesFile(pages)] })
  })

  test('counts as answers only the posts that answer', async () => {
    const archive = (await getArchiveBySlug('fidelity'))!
    assert.deepEqual(
      archive.questions.map(question => [question.number, question.answers.map(answer => answer.post.id)]),
      [
        [1, [id(3), id(4), id(7)]],
        [2, [id(10), id(12)]],
      ]
    )
  })

  test('nests the host’s follow-up and the reply to it under the answer, with their depth', async () => {
    const page = (await getArchivePage('fidelity'))!
    const answer = page.questions[0].answers.find(candidate => candidate.post.id === id(4))!
    assert.deepEqual(
      answer.replies.map(reply => [reply.id, reply.author.handle, reply.depth]),
      [
        [id(5), 'mhc_host', 1],
        [id(6), 'nurse_lee', 2],
      ]
    )
    assert.deepEqual(page.questions[1].answers[0].replies.map(reply => reply.id), [id(11)])
  })

  test('shows a retweet as its original, whole, with who reposted it, under the retweet’s own id and time', async () => {
    const archive = (await getArchiveBySlug('fidelity'))!
    const retweet = archive.transcript.find(post => post.id === RETWEET)!
    assert.equal(retweet.postedAt, '2026-12-07T12:10:00.000Z')
    assert.equal(retweet.kind, 'retweet')
    assert.deepEqual(retweet.author, { name: 'Ward 9 Team', handle: 'ward_team', initials: 'WT', redacted: false })
    assert.equal(retweet.text, retweetedOriginal.text)
    assert.deepEqual(retweet.repostedBy, { name: 'Trust News', handle: 'trust_news' })
    assert.equal(retweet.url, `https://x.com/ward_team/status/${retweetedOriginal.id}`)
  })

  test('the question embed shows the answers with their conversations nested', async () => {
    const parts = await resolveChatEmbeds(renderMarkdownDocument('::chat[fidelity#Q1]', { siteOrigin: 'http://localhost:3000' }).blocks)
    const embed = parts.flatMap(part => ('embed' in part ? [part.embed] : []))[0] as ChatEmbedView
    assert.equal(embed.heading, 'Q1 and its 3 answers')
    assert.deepEqual(embed.posts.map(post => post.id), [id(2)])
    assert.deepEqual(
      embed.answers.map(answer => [answer.post.id, answer.replies.map(reply => reply.id)]),
      [
        [id(3), []],
        [id(4), [id(5), id(6)]],
        [id(7), []],
      ]
    )
  })

  test('the JSON lists each answer with its replies, and the retweet with its original', async () => {
    const json = archiveAsJson((await getArchiveBySlug('fidelity'))!)
    assert.deepEqual(json.questions[0].answers, [
      { id: id(3), replies: [] },
      { id: id(4), replies: [id(5), id(6)] },
      { id: id(7), replies: [] },
    ])
    const retweet = json.posts.find(post => post.id === RETWEET)!
    assert.equal(retweet.text, retweetedOriginal.text)
    assert.deepEqual(retweet.author, { name: 'Ward 9 Team', handle: 'ward_team' })
    assert.deepEqual(retweet.repostedBy, { name: 'Trust News', handle: 'trust_news' })
    assert.deepEqual(retweet.repostOf, { id: retweetedOriginal.id, postedAt: '2026-12-07T11:30:00.000Z' })
  })

  test('the CSV names who reposted and the original’s id', async () => {
    const csv = archiveAsCsv((await getArchiveBySlug('fidelity'))!)
    const [header, ...rows] = csv.trim().split('\n')
    assert.match(header, /,reposted_by_handle,repost_of_id,platform,edited_at$/)
    const retweetRow = rows.find(row => row.startsWith(`${RETWEET},`))!
    assert.match(retweetRow, new RegExp(`,ward_team,"?Reminder for everyone.*,trust_news,${retweetedOriginal.id},x,$`))
  })

  test('a redacted reposter is not named; a redacted original author hides the text', async () => {
    const reposter = await context.prisma.participant.findUniqueOrThrow({ where: { xUserId: '7003' } })
    await context.sudo().db.Participant.updateOne({ where: { id: reposter.id }, data: { redacted: true } })
    try {
      const shown = (await getArchiveBySlug('fidelity'))!.transcript.find(post => post.id === RETWEET)!
      assert.deepEqual(shown.repostedBy, { name: 'a participant', handle: null })
      assert.equal(shown.text, retweetedOriginal.text)
    } finally {
      await context.sudo().db.Participant.updateOne({ where: { id: reposter.id }, data: { redacted: false } })
    }
    const author = await context.prisma.participant.findUniqueOrThrow({ where: { xUserId: '7001' } })
    await context.sudo().db.Participant.updateOne({ where: { id: author.id }, data: { redacted: true } })
    try {
      const hidden = (await getArchiveBySlug('fidelity'))!.transcript.find(post => post.id === RETWEET)!
      assert.equal(hidden.author.redacted, true)
      assert.equal(hidden.text, 'This post is hidden at its author’s request.')
      assert.equal(hidden.url, null)
    } finally {
      await context.sudo().db.Participant.updateOne({ where: { id: author.id }, data: { redacted: false } })
    }
  })
})

test('importing again corrects an archive made before replies and retweets were told apart', async () => {
  const { id, pages, retweet } = fidelityChat(1_873_000_000_000_000_000n)
  // What the earlier import stored: the retweet dropped, and the follow-up and its reply counted
  // as answers, with answers as bare ids.
  const withoutRetweet = pages.map(page => ({ ...page, data: page.data?.filter(post => post.id !== retweet.id) }))
  await importChat(context, { ...window, slug: 'fidelity-old', files: [pagesFile(withoutRetweet)] })
  const stored = await context.prisma.chatArchive.findUniqueOrThrow({ where: { slug: 'fidelity-old' } })
  const oldAnalysis = stored.analysis as { questions: { number: number; postId: string; text: string; answers: unknown }[] }
  await context.prisma.chatArchive.update({
    where: { id: stored.id },
    data: {
      stats: { ...(stored.stats as object), posts: 11, retweets: 0 },
      analysis: { ...oldAnalysis, questions: oldAnalysis.questions.map(q => (q.number === 1 ? { ...q, answers: [id(3), id(4), id(5), id(6), id(7)] } : { ...q, answers: [id(10), id(11), id(12)] })) },
    },
  })
  const before = (await getArchiveBySlug('fidelity-old'))!
  assert.deepEqual([before.stats.posts, before.questions[0].answers.length], [11, 5])

  const summary = await importChat(context, { ...window, slug: 'fidelity-old', files: [pagesFile(pages)] })
  assert.equal(summary.created, 1)
  const after = (await getArchiveBySlug('fidelity-old'))!
  assert.deepEqual(
    { posts: after.stats.posts, retweets: after.stats.retweets, q1: after.questions[0].answers.length, q2: after.questions[1].answers.length },
    { posts: 12, retweets: 1, q1: 3, q2: 2 }
  )
})
