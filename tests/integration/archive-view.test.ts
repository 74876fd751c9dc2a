import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { before, describe, test } from 'node:test'

import { archiveAsCsv, archiveAsJson } from '../../app/features/archive/export.server'
import { importChat } from '../../app/features/chat-import/import.server'
import { redactPostText, segmentPostText } from '../../app/domain/chat-text'
import type { Context } from '../../app/server/keystone.server'
import { getArchiveBySlug } from '../../app/features/archive/archive.server'
import { migratedContext } from '../support/database'

// How archived posts reach readers: links expanded, redaction applied everywhere. That HTML in
// posts and names shows as text is checked in the browser (tests/e2e/archive.test.ts).

const fixture = fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'x-api', 'page-with-partial-errors.json'), 'utf8')
let context: Context

before(async () => {
  context = await migratedContext()
  await importChat(context, {
    hashtag: '#mondayhealthchat',
    start: new Date('2026-11-30T12:00:00Z'),
    end: new Date('2026-11-30T13:00:00Z'),
    slug: 'hostile',
    files: [{ name: 'page.json', content: fixture }],
  })
})

describe('post text', () => {
  test('is split into text and links, with t.co replaced by the real address', () => {
    const segments = segmentPostText('See https://t.co/aB12 #nhs @sam', {
      urls: [{ url: 'https://t.co/aB12', expandedUrl: 'https://www.england.nhs.uk/x/', displayUrl: 'england.nhs.uk/x/' }],
    })
    assert.deepEqual(segments, [
      { type: 'text', text: 'See ' },
      { type: 'link', text: 'england.nhs.uk/x/', href: 'https://www.england.nhs.uk/x/' },
      { type: 'text', text: ' ' },
      { type: 'hashtag', text: '#nhs', href: 'https://x.com/hashtag/nhs' },
      { type: 'text', text: ' ' },
      { type: 'mention', text: '@sam', href: 'https://x.com/sam' },
    ])
  })

  test('mentions of a redacted participant do not name them', () => {
    assert.deepEqual(segmentPostText('thanks @Sam_Comms', null, { redactedHandles: new Set(['sam_comms']) }).at(-1), {
      type: 'mention',
      text: '@a participant',
      href: null,
    })
  })

  test('a link to a redacted participant’s post or profile does not name them', () => {
    const quoted = { urls: [{ url: 'https://t.co/q1', expandedUrl: 'https://twitter.com/Sam_Comms/status/1863000000000000099', displayUrl: 'twitter.com/Sam_Comms/st…' }] }
    assert.deepEqual(segmentPostText('So true https://t.co/q1', quoted, { redactedHandles: new Set(['sam_comms']) }), [
      { type: 'text', text: 'So true ' },
      { type: 'text', text: '[a participant’s post]' },
    ])
    assert.deepEqual(segmentPostText('see https://x.com/sam_comms', null, { redactedHandles: new Set(['sam_comms']) }).at(-1), { type: 'text', text: '[a participant’s post]' })
  })

  test('for the exports, is kept as written except for a redacted participant’s handle and links', () => {
    const entities = { urls: [{ url: 'https://t.co/q1', expandedUrl: 'https://x.com/sam_comms/status/1', displayUrl: 'x.com/sam_comms/st…' }] }
    const text = 'A2 thanks @Sam_Comms and @nhs_jo https://t.co/q1 https://t.co/other #mondayhealthchat'
    assert.equal(
      redactPostText(text, entities, { redactedHandles: new Set(['sam_comms']) }),
      'A2 thanks @a participant and @nhs_jo [a participant’s post] https://t.co/other #mondayhealthchat'
    )
    assert.equal(redactPostText(text, entities), text)
  })
})

describe('redaction', () => {
  test('hides a participant’s name, handle, text and original link on pages, JSON and CSV', async () => {
    const team = await context.prisma.participant.findFirstOrThrow({ where: { handle: 'trust_digital' } })
    await context.sudo().db.Participant.updateOne({ where: { id: team.id }, data: { redacted: true } })
    const archive = (await getArchiveBySlug('hostile'))!
    const post = archive.transcript.find(view => view.id === '1863000000000000012')!
    assert.deepEqual(post.author, { name: 'a participant', handle: null, initials: '?', redacted: true })
    assert.equal(post.text, 'This post is hidden at its author’s request.')
    assert.equal(post.url, null)
    assert.deepEqual(post.media, [])

    const json = JSON.stringify(archiveAsJson(archive))
    const csv = archiveAsCsv(archive)
    for (const output of [json, csv]) {
      assert.doesNotMatch(output, /trust_digital|Trust Digital Team|shared inbox/)
    }
    assert.deepEqual(archiveAsJson(archive).links, [{ url: 'https://england.nhs.uk/digital-inclusion', sharedBy: ['a participant'], posts: 1 }])
  })
})

describe('the archive’s topic', () => {
  // The archive is read past access control (chat posts are closed to the public API), so the
  // model itself must keep an unpublished announcement off the page.
  test('is linked only once its announcement is published', async () => {
    const archive = await context.prisma.chatArchive.findFirstOrThrow({ where: { slug: 'hostile' } })
    const topic = await context.sudo().db.TopicAnnouncement.createOne({
      data: { title: 'Digital inclusion for all', status: 'draft', chatStart: new Date('2026-11-30T12:00:00Z'), chatArchive: { connect: { id: archive.id } } },
    })
    assert.equal((await getArchiveBySlug('hostile'))!.topic, null)

    await context.sudo().db.TopicAnnouncement.updateOne({ where: { id: topic.id }, data: { status: 'published' } })
    assert.deepEqual((await getArchiveBySlug('hostile'))!.topic, { title: 'Digital inclusion for all', slug: topic.slug })
  })
})
