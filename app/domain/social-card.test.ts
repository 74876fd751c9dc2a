import assert from 'node:assert/strict'
import { test } from 'node:test'

import { archiveCard, cardAlt, cardPath, cardVersion, parseCardPath, siteCard, topicCard } from './social-card'

const site = { siteName: 'The Monday Health Chat', tagline: 'A weekly tweet chat', chatTimeZone: 'Europe/London' }

test('a card’s address is read back as what it names', () => {
  const content = siteCard(site)
  const version = cardVersion(content)
  assert.equal(cardPath(content), `/cards/site.${version}.png`)
  assert.deepEqual(parseCardPath(`site.${version}.png`), { section: 'site', version })
  assert.deepEqual(parseCardPath('posts/writing-for-patients.png'), { section: 'posts', slug: 'writing-for-patients', version: null })
  assert.deepEqual(parseCardPath(`archives/chat-2.${version}.png`), { section: 'archives', slug: 'chat-2', version })
  for (const nonsense of ['', 'site.png.png', 'posts', 'posts/', 'tags/health.png', 'posts/a/b.png', 'posts/Upper.png', 'posts/a.b.png', 'posts/x.jpg', '../posts/x.png']) {
    assert.equal(parseCardPath(nonsense), null, nonsense)
  }
})

test('the version follows everything the card shows, and nothing else', () => {
  const topic = { title: 'Plain words', chatStart: '2026-12-07T12:00:00.000Z' }
  const version = cardVersion(topicCard(site, topic))
  assert.equal(cardVersion(topicCard(site, { ...topic })), version)
  assert.notEqual(cardVersion(topicCard(site, { ...topic, title: 'Plain words.' })), version)
  assert.notEqual(cardVersion(topicCard(site, { ...topic, chatStart: '2026-12-14T12:00:00.000Z' })), version)
  assert.notEqual(cardVersion(topicCard({ ...site, chatTimeZone: 'Europe/Dublin' }, topic)), version)
  assert.notEqual(cardVersion(topicCard({ ...site, siteName: 'Another chat' }, topic)), version)
  assert.match(version, /^[0-9a-z]{11}$/)
})

test('an archive’s card counts its posts, contributors and questions, and says so in its alt text', () => {
  const content = archiveCard(site, { title: 'Answering patients in public', windowStart: '2026-11-23T12:00:00.000Z', stats: { posts: 1234, contributors: 1 }, questionCount: 6 })
  assert.equal(cardAlt(content), 'The Monday Health Chat. Chat archive: Answering patients in public. 23 November 2026. 1,234 posts, 1 contributor, 6 questions')
  const more = archiveCard(site, { title: 'Answering patients in public', windowStart: '2026-11-23T12:00:00.000Z', stats: { posts: 1235, contributors: 1 }, questionCount: 6 })
  assert.notEqual(cardVersion(more), cardVersion(content), 'a new post gives a new card')
})

test('a topic’s card gives the chat’s time in the site’s zone; a title ending in a question mark is not followed by a stop', () => {
  assert.equal(
    cardAlt(topicCard(site, { title: 'Who answers at night?', chatStart: '2026-07-06T11:00:00.000Z' })),
    'The Monday Health Chat. Topic: Who answers at night? Monday, 6 July 2026 at 12:00 BST'
  )
})
