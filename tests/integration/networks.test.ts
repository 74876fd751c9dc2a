import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'

import { archiveAsCsv, archiveAsJson } from '../../app/features/archive/export.server'
import { getArchiveBySlug } from '../../app/features/archive/archive.server'
import { resolveChatEmbeds } from '../../app/features/archive/embed.server'
import { postAnchor, postReference } from '../../app/domain/networks'
import { fetchChatFromBluesky } from '../../app/features/chat-import/bluesky.server'
import { importChat, type ChatImportRequest } from '../../app/features/chat-import/import.server'
import { fetchChatFromMastodon } from '../../app/features/chat-import/mastodon.server'
import { createXClient, fetchChat } from '../../app/features/chat-import/x-api.server'
import type { Context } from '../../app/server/keystone.server'
import { blueskyChat } from '../support/bluesky-chat'
import { migratedContext } from '../support/database'
import { startFakeBluesky, type FakeBluesky } from '../support/fake-bluesky'
import { sampleMastodonChat, startFakeMastodon, type FakeMastodon } from '../support/fake-mastodon'
import { startFakeXApi, type FakeXApi } from '../support/fake-x-api'
import { syntheticChat } from '../support/synthetic-chat'

// One chat met on X, Bluesky and two Mastodon servers at once, gathered into one archive through
// the real clients (twitter-api-v2, @atproto/api, masto) talking HTTPS to local servers that
// answer like each network.

const bluesky = blueskyChat()
const mastodon = sampleMastodonChat(bluesky.start)
// X's part of the evening: its own host's "Q…" posts are not this chat's questions (see HOSTS).
const x = syntheticChat({ posts: 12, seed: 11, start: bluesky.start, hashtag: 'mondayhealthchat', idBase: 1_980_000_000_000_000_000n })
// The chat's hosts asked from Bluesky and Mastodon.
const HOSTS = ['@mondayhealthchat.bsky.social', '@nhschat@nhs.social']

let context: Context
let xApi: FakeXApi
let blueskyServer: FakeBluesky
let nhsSocial: FakeMastodon
let mastodonSocial: FakeMastodon

before(async () => {
  context = await migratedContext()
  xApi = await startFakeXApi({ pages: x.pages, users: x.users })
  blueskyServer = await startFakeBluesky({ posts: bluesky.posts })
  nhsSocial = await startFakeMastodon({ domain: 'nhs.social', statuses: mastodon.servers['nhs.social'] })
  mastodonSocial = await startFakeMastodon({ domain: 'mastodon.social', statuses: mastodon.servers['mastodon.social'] })
})
after(async () => {
  await Promise.all([xApi?.stop(), blueskyServer?.stop(), nhsSocial?.stop(), mastodonSocial?.stop()])
})

/** The whole evening, from every network, as the CLI and the desk ask for it. */
const evening = (slug: string, overrides: Partial<ChatImportRequest> = {}): ChatImportRequest => ({
  hashtag: '#mondayhealthchat',
  start: bluesky.start,
  end: bluesky.end,
  slug,
  title: 'Sleep and shift work',
  hosts: HOSTS,
  networks: ['x', 'bluesky', 'mastodon'],
  fetchFromApi: request => fetchChat(createXClient({ bearerToken: xApi.token, apiBase: xApi.baseUrl, httpAgent: xApi.agent }), { ...request, fullArchive: false }),
  fetchers: {
    bluesky: (request, hooks) => fetchChatFromBluesky(request, blueskyServer.connection, { ...hooks, sleep: async () => {} }),
    mastodon: (request, hooks) =>
      fetchChatFromMastodon({ ...request, servers: [nhsSocial.origin, mastodonSocial.origin] }, { dispatcher: nhsSocial.dispatcher }, { ...hooks, sleep: async () => {} }),
  },
  ...overrides,
})

const counts = async () => ({
  archives: await context.prisma.chatArchive.count(),
  messages: await context.prisma.chatMessage.count(),
  participants: await context.prisma.participant.count(),
})

describe('a chat gathered from X, Bluesky and Mastodon', () => {
  let summary: Awaited<ReturnType<typeof importChat>>
  before(async () => {
    summary = await importChat(context, evening('sleep-and-shift-work'))
  })

  test('is one transcript in time order, each post marked with its network', async () => {
    const archive = (await getArchiveBySlug('sleep-and-shift-work'))!
    const times = archive.transcript.filter(post => post.depth === 0).map(post => post.postedAt)
    assert.deepEqual(times, [...times].sort())
    const networks = new Set(archive.transcript.map(post => post.network))
    assert.deepEqual([...networks].sort(), ['Bluesky', 'Mastodon', 'X'])
    const multibyte = archive.transcript.find(post => post.text.startsWith('A1 Blackout blinds, no phone. Café'))!
    assert.equal(multibyte.platform, 'bluesky')
    assert.match(multibyte.url ?? '', /^https:\/\/bsky\.app\/profile\/priya\.bsky\.social\/post\//)
    assert.deepEqual(
      multibyte.segments.filter(segment => segment.type === 'link'),
      [{ type: 'link', text: 'nhs.uk/live-well/sleep-and-tiredness/', href: 'https://nhs.uk/live-well/sleep-and-tiredness/' }]
    )
  })

  test('the same Mastodon post seen on two servers is kept once', async () => {
    const q1 = await context.prisma.chatMessage.count({ where: { xId: mastodon.statuses.q1.uri } })
    assert.equal(q1, 1)
    const archive = (await getArchiveBySlug('sleep-and-shift-work'))!
    const annsAnswer = archive.transcript.find(post => post.text.includes('Earplugs, and no screens'))!
    // Ann on mastodon.social replied to the host on nhs.social: threaded under it by its global uri.
    const question = archive.transcript.find(post => post.id === postReference(mastodon.statuses.q1.uri))!
    assert.equal(annsAnswer.inReplyToId, question.id)
    assert.equal(annsAnswer.depth, question.depth + 1)
  })

  test('finds the questions on whichever network the hosts asked them', async () => {
    const archive = (await getArchiveBySlug('sleep-and-shift-work'))!
    assert.deepEqual(
      archive.questions.map(question => [question.number, question.post?.network]),
      [
        [1, 'Mastodon'],
        [2, 'Bluesky'],
      ]
    )
    // A1 answers came from every network: by number, or by replying to the question.
    const answeredFrom = new Set(archive.questions[0].answers.map(answer => answer.post.network))
    assert.deepEqual([...answeredFrom].sort(), ['Bluesky', 'Mastodon', 'X'])
  })

  test('counts each network and all together', async () => {
    const { stats } = summary
    const byNetwork = stats.byNetwork!
    assert.deepEqual(Object.keys(byNetwork).sort(), ['bluesky', 'mastodon', 'x'])
    assert.equal(byNetwork.x!.posts + byNetwork.bluesky!.posts + byNetwork.mastodon!.posts, stats.posts)
    assert.equal(byNetwork.bluesky!.quotes, 2)
    assert.equal(byNetwork.mastodon!.quotes, 1)
    const archive = await context.prisma.chatArchive.findUniqueOrThrow({ where: { slug: 'sleep-and-shift-work' } })
    assert.equal(archive.source, 'networks')
    assert.deepEqual(archive.networks, ['x', 'bluesky', 'mastodon'])
  })

  test('an edited Mastodon post keeps its edited text and when it was edited', async () => {
    const archive = (await getArchiveBySlug('sleep-and-shift-work'))!
    const edited = archive.transcript.find(post => post.id === postReference(mastodon.statuses.a2Edited.uri))!
    assert.match(edited.text, /edited: and a smart watch/)
    assert.equal(edited.editedAt, new Date(bluesky.start.getTime() + 75 * 60_000).toISOString())
  })

  test('gives each post’s network in the JSON and the CSV', async () => {
    const archive = (await getArchiveBySlug('sleep-and-shift-work'))!
    const json = archiveAsJson(archive)
    assert.equal(json.posts.filter(post => post.platform === 'bluesky').length, summary.stats.byNetwork!.bluesky!.posts)
    assert.deepEqual(json.stats.byNetwork, summary.stats.byNetwork)
    const [header, ...rows] = archiveAsCsv(archive).trim().split('\n')
    assert.match(header, /,platform,edited_at$/)
    assert.ok(rows.some(row => row.startsWith(`${postReference(mastodon.statuses.a2Edited.uri)},`) && /,mastodon,2026-11-23T21:15:00\.000Z$/.test(row)))
  })

  test('a Bluesky thread embeds in a post like an X one, named by its reference', async () => {
    const [part] = await resolveChatEmbeds([{ chat: { archiveSlug: 'sleep-and-shift-work', postId: postReference(bluesky.named.a1Mention.uri) } }])
    assert.ok('embed' in part)
    assert.equal(part.embed.heading, 'A thread from the chat')
    // The answer replies to Q1: the thread runs from the question through its replies.
    const ids = part.embed.posts.map(post => post.id)
    assert.equal(ids[0], postReference(bluesky.named.q1.uri))
    assert.ok(ids.includes(postReference(bluesky.named.a1Mention.uri)))
    assert.deepEqual([...new Set(part.embed.posts.map(post => post.platform))], ['bluesky'])
    assert.equal(part.embed.href, `/archives/sleep-and-shift-work#${postAnchor(bluesky.named.a1Mention.uri)}`)
  })

  test('importing again duplicates nothing', async () => {
    const before = await counts()
    const again = await importChat(context, evening('sleep-and-shift-work'))
    assert.equal(again.created, 0)
    assert.equal(again.unchanged, summary.created)
    assert.deepEqual(await counts(), before)
  })

  test('redacting one of a person’s linked accounts hides them on every network', async () => {
    const onX = await context.prisma.participant.findFirstOrThrow({ where: { platform: 'x', handle: { not: 'mhc_host' } } })
    const onBluesky = await context.prisma.participant.findFirstOrThrow({ where: { handle: 'priya.bsky.social' } })
    await context.sudo().db.Participant.updateOne({ where: { id: onBluesky.id }, data: { samePersonAs: { connect: { id: onX.id } } } })
    await context.sudo().db.Participant.updateOne({ where: { id: onX.id }, data: { redacted: true } })
    const archive = (await getArchiveBySlug('sleep-and-shift-work'))!
    assert.ok(!JSON.stringify(archiveAsJson(archive)).includes('priya.bsky.social'))
    const multibyte = archive.transcript.find(post => post.id === postReference(bluesky.named.a1Multibyte.uri))!
    assert.deepEqual([multibyte.author.name, multibyte.author.handle, multibyte.url], ['a participant', null, null])
  })

  test('linking one person’s handles on two networks makes them one contributor', async () => {
    const [onBluesky, onMastodon] = await Promise.all(
      ['mondayhealthchat.bsky.social', 'nhschat@nhs.social'].map(handle => context.prisma.participant.findFirstOrThrow({ where: { handle } }))
    )
    const contributors = async () =>
      ((await context.prisma.chatArchive.findUniqueOrThrow({ where: { slug: 'sleep-and-shift-work' } })).stats as { contributors: number }).contributors
    const before = await contributors()
    await context.sudo().db.Participant.updateOne({ where: { id: onMastodon.id }, data: { samePersonAs: { connect: { id: onBluesky.id } } } })
    assert.equal(await contributors(), before - 1)
  })

  test('redacting a Mastodon participant hides their posts and their handle in others’', async () => {
    const ann = await context.prisma.participant.findFirstOrThrow({ where: { handle: 'ann@mastodon.social' } })
    await context.sudo().db.Participant.updateOne({ where: { id: ann.id }, data: { redacted: true } })
    const archive = (await getArchiveBySlug('sleep-and-shift-work'))!
    const hers = archive.transcript.filter(post => post.id === postReference(mastodon.statuses.a1Ann.uri))
    assert.deepEqual(hers.map(post => [post.author.handle, post.url]), [[null, null]])
    // Not by her handle, nor by the address of her posts or profile, anywhere in the open data.
    const everything = JSON.stringify(archiveAsJson(archive)) + archiveAsCsv(archive)
    assert.ok(!everything.includes('ann@mastodon.social'))
    assert.ok(!/mastodon\.social\/(users\/ann|@ann)\b/.test(everything))
  })
})

describe('a network that cannot be read', () => {
  test('failing halfway writes nothing, and names the network', async () => {
    const before = await counts()
    // Bluesky signs in, answers the first page, then fails every retry.
    blueskyServer.script.push('ok', 'ok', '500', '500', '500', '500', '500', '500')
    const halfway = evening('halfway', {
      fetchers: {
        ...evening('halfway').fetchers,
        bluesky: (request, hooks) => fetchChatFromBluesky(request, blueskyServer.connection, { ...hooks, sleep: async () => {}, maxRetries: 2 }),
      },
    })
    const many = blueskyChat({ extraAnswers: 150 })
    blueskyServer.add(...many.posts.filter(post => !bluesky.posts.some(known => known.uri === post.uri)))
    await assert.rejects(importChat(context, halfway), (error: Error) => {
      assert.match(error.message, /^Bluesky: .*failed after 1 page.*Nothing was archived from any network\.$/s)
      return true
    })
    blueskyServer.script.length = 0
    assert.deepEqual(await counts(), before)
  })

  test('a wrong Bluesky app password is named, and nothing is written', async () => {
    const before = await counts()
    const wrong = evening('wrong-password', {
      fetchers: { bluesky: (request, hooks) => fetchChatFromBluesky(request, { ...blueskyServer.connection, password: 'not-the-app-password' }, hooks) },
    })
    await assert.rejects(importChat(context, wrong), /^Error: Bluesky: Bluesky refused the sign-in for .* check BLUESKY_HANDLE and BLUESKY_APP_PASSWORD/)
    assert.deepEqual(await counts(), before)
  })

  test('an unknown Mastodon server is named, and nothing is written', async () => {
    const before = await counts()
    const unknown = evening('unknown-server', {
      networks: ['x', 'mastodon'],
      fetchers: { mastodon: (request, hooks) => fetchChatFromMastodon({ ...request, servers: ['nhs.socail'] }, {}, hooks) },
    })
    await assert.rejects(importChat(context, unknown), /^Error: Mastodon: .*nhs\.socail could not be reached/)
    assert.deepEqual(await counts(), before)
  })

  test('a hashtag nobody used on any network is refused with what was searched', async () => {
    const before = await counts()
    const nobody = evening('nobody', { hashtag: '#nobodyusesthistag', networks: ['bluesky', 'mastodon'] })
    await assert.rejects(
      importChat(context, nobody),
      /No posts with #nobodyusesthistag were found on Bluesky, Mastodon between 2026-11-23T20:00:00\.000Z and 2026-11-23T21:00:00\.000Z: nothing was archived/
    )
    assert.deepEqual(await counts(), before)
  })
})
