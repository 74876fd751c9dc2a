import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, test } from 'node:test'

import { announceTopic, composeAnnouncement } from '../../app/features/announce/announce.server'
import { createXClient } from '../../app/features/chat-import/x-api.server'
import type { Context } from '../../app/server/keystone.server'
import { nextChatStart } from '../../app/domain/schedule'
import { migratedContext, signedInAs } from '../support/database'
import { startFakeXApi, type FakeXApi } from '../support/fake-x-api'
import { runScript, scriptEnv } from '../support/cli'

// Announcing next week's topic: defaults from the weekly schedule, the post measured as X
// measures it, posted once through the real client to a local fake of the API.

const TEMPLATE = 'Next {hashtag}: {title}, {date} at {time} {zone}. Hosted by {host}. {url}'
let context: Context
let api: FakeXApi
const client = () => createXClient({ credentials: api.credentials, apiBase: api.baseUrl, httpAgent: api.agent })

before(async () => {
  context = await migratedContext()
  await context.sudo().db.SiteSettings.createOne({ data: { announcementTemplate: TEMPLATE } })
  api = await startFakeXApi({ pages: [] })
})
after(() => api.stop())

describe('a new topic announcement', () => {
  test('starts at the next weekly chat and uses the default hashtag when left empty', async () => {
    const { context: editor } = await signedInAs(context, 'editor')
    const before = new Date()
    const topic = await editor.db.TopicAnnouncement.createOne({ data: { title: 'Evaluating campaigns' } })
    assert.equal(topic.hashtag, '#mondayhealthchat')
    assert.deepEqual(topic.chatStart, nextChatStart({ weekday: 'monday', localTime: '12:00', timeZone: 'Europe/London' }, before))
    const london = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'long', hour: '2-digit', minute: '2-digit' }).format(topic.chatStart!)
    assert.equal(london, 'Monday 12:00')
  })

  test('keeps a start time the editor chose', async () => {
    const chosen = new Date('2027-01-04T18:30:00Z')
    const topic = await context.sudo().db.TopicAnnouncement.createOne({ data: { title: 'Evening special', chatStart: chosen } })
    assert.deepEqual(topic.chatStart, chosen)
  })
})

describe('composing the post', () => {
  const topic = { title: 'Measuring what matters', slug: 'measuring-what-matters', hashtag: '#mondayhealthchat', host: 'Priya (@mhc_host)' }
  const options = { publicUrl: 'https://chat.example.org', timeZone: 'Europe/London' }

  test('fills the template with the time in the chat’s zone, named', () => {
    const winter = composeAnnouncement(TEMPLATE, { ...topic, chatStart: new Date('2026-11-30T12:00:00Z') }, options)
    assert.equal(winter.text, 'Next #mondayhealthchat: Measuring what matters, Monday 30 November at 12:00 GMT. Hosted by Priya (@mhc_host). https://chat.example.org/topics/measuring-what-matters')
    const summer = composeAnnouncement(TEMPLATE, { ...topic, chatStart: new Date('2026-07-06T11:00:00Z') }, options)
    assert.match(summer.text, /Monday 6 July at 12:00 BST/)
  })

  test('counts a link as 23 characters, however long, as X does', () => {
    const short = composeAnnouncement('{url}', { ...topic, chatStart: new Date() }, options)
    const long = composeAnnouncement('{url}', { ...topic, slug: 'a'.repeat(200), chatStart: new Date() }, options)
    assert.equal(short.weightedLength, 23)
    assert.equal(long.weightedLength, 23)
    assert.equal(long.valid, true)
  })

  test('is invalid past 280 characters', () => {
    const composed = composeAnnouncement('{title} '.repeat(15), { ...topic, chatStart: new Date() }, options)
    assert.equal(composed.valid, false)
    assert.ok(composed.weightedLength > 280)
  })
})

describe('posting to X', () => {
  // What a test counts is what it sent itself.
  beforeEach(() => {
    api.requests.length = 0
  })
  const publishTopic = (title: string, status = 'published') =>
    context.sudo().db.TopicAnnouncement.createOne({ data: { title, status, chatStart: new Date('2026-11-30T12:00:00Z'), host: 'Priya (@mhc_host)' } })

  test('a dry run composes the post and sends nothing', async () => {
    const topic = await publishTopic('Dry run topic')
    const result = await announceTopic(context, topic.slug, { dryRun: true, client })
    assert.equal(result.posted, false)
    assert.match(result.text, /^Next #mondayhealthchat: Dry run topic, Monday 30 November at 12:00 GMT/)
    assert.equal(api.requests.filter(request => request.method === 'POST').length, 0)
  })

  test('posts the text with user-context credentials and stores the post id', async () => {
    const topic = await publishTopic('Posted topic')
    const result = await announceTopic(context, topic.slug, { client })
    assert.equal(result.posted, true)
    const sent = api.requests.filter(request => request.method === 'POST')
    assert.equal(sent.length, 1)
    assert.deepEqual(sent[0].body, { text: result.text })
    const stored = await context.prisma.topicAnnouncement.findUniqueOrThrow({ where: { id: topic.id } })
    assert.equal(stored.xPostId, result.posted ? result.postId : null)
    assert.ok(stored.xPostedAt)
  })

  test('refuses a second post of the same topic', async () => {
    const topic = await publishTopic('Only once')
    await announceTopic(context, topic.slug, { client })
    await assert.rejects(announceTopic(context, topic.slug, { client }), /was already posted to X \(post \d+\); it is not posted twice/)
    assert.equal(api.requests.filter(request => request.method === 'POST' && (request.body as { text: string }).text.includes('Only once')).length, 1)
  })

  test('refuses a draft', async () => {
    const topic = await publishTopic('Not ready', 'draft')
    await assert.rejects(announceTopic(context, topic.slug, { client }), /is a draft: publish it before announcing it on X/)
  })

  test('refuses a topic scheduled for later: its page is not out yet', async () => {
    const topic = await context.sudo().db.TopicAnnouncement.createOne({
      data: { title: 'Later on', status: 'published', publishedAt: new Date(Date.now() + 60 * 60 * 1000), chatStart: new Date('2026-11-30T12:00:00Z') },
    })
    await assert.rejects(announceTopic(context, topic.slug, { client }), /is scheduled for .*: announce it on X once it is on the site/)
  })

  test('editors cannot set the posted id by hand', async () => {
    const topic = await publishTopic('Tamper')
    const { context: editor } = await signedInAs(context, 'editor')
    await assert.rejects(editor.db.TopicAnnouncement.updateOne({ where: { id: topic.id }, data: { xPostId: '123' } }), /Access denied/)
  })

  test('npm run announce -- --dry-run prints the post without sending it', async () => {
    const topic = await publishTopic('From the command line')
    const { stdout } = await runScript('announce', ['--topic', topic.slug, '--dry-run'], scriptEnv(process.env.DATABASE_URL!))
    assert.match(stdout, /^Next #mondayhealthchat: From the command line, Monday 30 November at 12:00 GMT\. Hosted by Priya \(@mhc_host\)\. https:\/\/chat\.example\.org\/topics\/from-the-command-line$/m)
    assert.match(stdout, /Dry run: not posted \(\d+\/280 as X counts\)/)
  })
})
