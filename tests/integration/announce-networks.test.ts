import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'

import { announceTopic, composeAnnouncement } from '../../app/features/announce/announce.server'
import { getTopicBySlug } from '../../app/features/announce/topics.server'
import type { Context } from '../../app/server/keystone.server'
import { migratedContext, signedInAs } from '../support/database'
import { startFakeBluesky, type FakeBluesky } from '../support/fake-bluesky'
import { startFakeMastodon, type FakeMastodon } from '../support/fake-mastodon'
import { runScript, scriptEnv } from '../support/cli'

// The topic announcement on Bluesky and Mastodon as well as X: composed from the same template,
// measured as each network measures it, posted once to each through the real clients, and the
// post shown on the topic's page.

const TEMPLATE = 'Next {hashtag}: {title}, {date} at {time} {zone}. Hosted by {host}. {url}'
let context: Context
let bluesky: FakeBluesky
let mastodon: FakeMastodon

before(async () => {
  context = await migratedContext()
  await context.sudo().db.SiteSettings.createOne({ data: { announcementTemplate: TEMPLATE } })
  bluesky = await startFakeBluesky()
  mastodon = await startFakeMastodon({ domain: 'nhs.social' })
})
after(() => Promise.all([bluesky.stop(), mastodon.stop()]))

const accounts = () => ({
  bluesky: bluesky.connection,
  mastodon: { server: mastodon.origin, accessToken: mastodon.token, dispatcher: mastodon.dispatcher },
})
const publishTopic = (title: string) =>
  context.sudo().db.TopicAnnouncement.createOne({
    data: { title, status: 'published', chatStart: new Date('2026-11-30T12:00:00Z'), host: 'Priya (@mhc_host)', networks: ['x', 'bluesky', 'mastodon'] },
  })
const utf8Slice = (text: string, start: number, end: number) => Buffer.from(text).subarray(start, end).toString()

describe('announcing on Bluesky', () => {
  test('posts the text with its link and hashtag as rich-text facets, and keeps the post’s URI', async () => {
    const topic = await publishTopic('Sleep and shift work ☕')
    const result = await announceTopic(context, topic.slug, { network: 'bluesky', ...accounts() })
    assert.equal(result.posted, true)
    const [posted] = bluesky.posted
    assert.equal(posted.record.text, result.text)
    const features = (posted.record.facets ?? []).map(facet => ({
      text: utf8Slice(posted.record.text, facet.index.byteStart, facet.index.byteEnd),
      feature: facet.features[0] as { $type: string; uri?: string; tag?: string },
    }))
    assert.deepEqual(
      features.map(({ text, feature }) => [text, feature.$type, feature.uri ?? feature.tag]),
      [
        ['#mondayhealthchat', 'app.bsky.richtext.facet#tag', 'mondayhealthchat'],
        ['http://localhost:3000/topics/sleep-and-shift-work', 'app.bsky.richtext.facet#link', 'http://localhost:3000/topics/sleep-and-shift-work'],
      ]
    )
    const stored = await context.prisma.topicAnnouncement.findUniqueOrThrow({ where: { id: topic.id } })
    assert.equal(stored.blueskyPostUri, posted.uri)
    assert.ok(stored.blueskyPostedAt)
  })

  test('posts once: a second time is refused, naming the post', async () => {
    const topic = await publishTopic('Only once on Bluesky')
    await announceTopic(context, topic.slug, { network: 'bluesky', ...accounts() })
    await assert.rejects(announceTopic(context, topic.slug, { network: 'bluesky', ...accounts() }), /was already posted to Bluesky \(at:\/\/.*\); it is not posted twice/)
    assert.equal(bluesky.posted.filter(post => post.record.text.includes('Only once on Bluesky')).length, 1)
  })

  test('a dry run measures the text in graphemes and posts nothing', async () => {
    const topic = await publishTopic('Dry run 👩🏽‍⚕️')
    const before = bluesky.posted.length
    const result = await announceTopic(context, topic.slug, { network: 'bluesky', dryRun: true, ...accounts() })
    assert.equal(result.posted, false)
    assert.equal(result.limit, 300)
    // The emoji with its skin tone and profession is one grapheme; the link counts in full.
    assert.equal(result.weightedLength, [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(result.text)].length)
    assert.equal(bluesky.posted.length, before)
  })

  test('a text over 300 graphemes is refused before anything is sent', () => {
    const composed = composeAnnouncement('{title} '.repeat(20), { title: 'Sleep and shift work', slug: 's', hashtag: '#c', host: '', chatStart: new Date() }, { publicUrl: 'https://chat.example.org', timeZone: 'Europe/London' }, 'bluesky')
    assert.equal(composed.valid, false)
    assert.ok(composed.weightedLength > 300)
  })
})

describe('announcing on Mastodon', () => {
  test('posts publicly from the community account with an idempotency key, and keeps the post’s address', async () => {
    const topic = await publishTopic('Rotas and rest')
    const result = await announceTopic(context, topic.slug, { network: 'mastodon', ...accounts() })
    assert.equal(result.posted, true)
    const [posted] = mastodon.posted
    assert.equal(posted.text, result.text)
    assert.equal(posted.visibility, 'public')
    assert.match(posted.idempotencyKey ?? '', /^[0-9a-f]{64}$/)
    const stored = await context.prisma.topicAnnouncement.findUniqueOrThrow({ where: { id: topic.id } })
    assert.equal(stored.mastodonPostUrl, posted.url)
    await assert.rejects(announceTopic(context, topic.slug, { network: 'mastodon', ...accounts() }), /was already posted to Mastodon \(https:\/\/.*\); it is not posted twice/)
  })

  test('a wrong access token is named and nothing is stored', async () => {
    const topic = await publishTopic('Wrong token')
    await assert.rejects(
      announceTopic(context, topic.slug, { network: 'mastodon', mastodon: { ...accounts().mastodon, accessToken: 'not-the-token' } }),
      /Mastodon refused the access token for 127\.0\.0\.1:\d+/
    )
    const stored = await context.prisma.topicAnnouncement.findUniqueOrThrow({ where: { id: topic.id } })
    assert.equal(stored.mastodonPostUrl, '')
  })
})

test('the topic’s page says where the chat meets and links each network’s announcement', async () => {
  const topic = await publishTopic('Everywhere at once')
  await announceTopic(context, topic.slug, { network: 'bluesky', ...accounts() })
  await announceTopic(context, topic.slug, { network: 'mastodon', ...accounts() })
  const page = (await getTopicBySlug(topic.slug))!
  assert.deepEqual(
    page.networks.map(network => network.name),
    ['X', 'Bluesky', 'Mastodon']
  )
  assert.deepEqual(
    page.announcedOn.map(post => [post.name, post.url]),
    [
      ['Bluesky', `https://bsky.app/profile/${bluesky.account.did}/post/${bluesky.posted.at(-1)!.uri.split('/').pop()}`],
      ['Mastodon', mastodon.posted.at(-1)!.url],
    ]
  )
})

test('editors cannot set a network’s posted id by hand', async () => {
  const topic = await publishTopic('Tamper everywhere')
  const { context: editor } = await signedInAs(context, 'editor')
  await assert.rejects(editor.db.TopicAnnouncement.updateOne({ where: { id: topic.id }, data: { blueskyPostUri: 'at://x' } }), /Access denied/)
  await assert.rejects(editor.db.TopicAnnouncement.updateOne({ where: { id: topic.id }, data: { mastodonPostUrl: 'https://x' } }), /Access denied/)
})

test('npm run announce posts to each network named, and a dry run to none', async () => {
  const topic = await publishTopic('From the terminal')
  // One test certificate serves every fake, so one NODE_EXTRA_CA_CERTS trusts both.
  const run = (...args: string[]) => runScript('announce', ['--topic', topic.slug, ...args], { ...scriptEnv(process.env.DATABASE_URL!), ...bluesky.env, ...mastodon.env })
  const dry = await run('--network', 'bluesky', '--network', 'mastodon', '--dry-run')
  assert.match(dry.stdout, /Dry run: not posted to Bluesky \(\d+\/300 as Bluesky counts\)/)
  assert.match(dry.stdout, /Dry run: not posted to Mastodon \(\d+\/500 as Mastodon counts\)/)
  const posted = await run('--network', 'bluesky', '--network', 'mastodon')
  assert.match(posted.stdout, /Posted to Bluesky as at:\/\//)
  assert.match(posted.stdout, /Posted to Mastodon as https:\/\//)
  const stored = await context.prisma.topicAnnouncement.findUniqueOrThrow({ where: { id: topic.id } })
  assert.ok(stored.blueskyPostUri && stored.mastodonPostUrl)
})
