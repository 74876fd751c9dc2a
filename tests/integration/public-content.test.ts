import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'

import { XMLParser } from 'fast-xml-parser'

import { buildFeed } from '../../app/features/feeds/feeds.server'
import type { Context } from '../../app/server/keystone.server'
import { getAllPublishedItems, getLatestItems, listItemsOfKind } from '../../app/features/content/items.server'
import { getAuthorBySlug, getTagBySlug } from '../../app/features/content/people.server'
import { searchPublished } from '../../app/features/search/search.server'
import { getLastChat, getNextChat, getTopicBySlug, getUpcomingTopics } from '../../app/features/announce/topics.server'
import { loader as sitemapLoader } from '../../app/routes/sitemap[.]xml'
import { migratedContext } from '../support/database'

// Loaders and feeds against a real database with published and draft items of every kind.

const parser = new XMLParser({ ignoreAttributes: false })
const DRAFT = 'Unpublished thoughts on rota planning'
let sudo: Context

before(async () => {
  sudo = (await migratedContext()).sudo()
  const author = await sudo.db.User.createOne({
    data: { name: 'Morgan Lee', email: 'morgan@example.org', password: 'long enough pass', bio: 'Writes recaps.' },
  })
  const tag = await sudo.db.Tag.createOne({ data: { name: 'Digital inclusion' } })
  const byMorgan = { connect: { id: author.id } }
  for (let n = 1; n <= 12; n++) {
    await sudo.db.Post.createOne({
      data: {
        title: `Weekly note ${n}`,
        body: `Note number ${n} about patient portals.`,
        status: 'published',
        publishedAt: new Date(Date.UTC(2026, 0, n, 12)),
        author: byMorgan,
      },
    })
  }
  await sudo.db.Post.createOne({
    data: {
      title: 'Recap: digital inclusion',
      kind: 'recap',
      body: 'We discussed **digital inclusion** & access.',
      status: 'published',
      publishedAt: new Date(Date.UTC(2026, 1, 1, 15)),
      author: byMorgan,
      tags: { connect: [{ id: tag.id }] },
    },
  })
  await sudo.db.Post.createOne({ data: { title: DRAFT, body: 'Patient portals draft', status: 'draft', author: byMorgan, tags: { connect: [{ id: tag.id }] } } })
  await sudo.db.Interview.createOne({
    data: { title: 'Talking portals', intervieweeName: 'Ravi', status: 'published', publishedAt: new Date(Date.UTC(2026, 1, 2)) },
  })
  await sudo.db.TopicAnnouncement.createMany({
    data: [
      { title: 'Past topic', hashtag: '#c', chatStart: new Date(Date.UTC(2026, 0, 5, 12)), status: 'published' },
      { title: 'Upcoming topic', hashtag: '#c', chatStart: new Date(Date.now() + 3 * 86_400_000), status: 'published', questions: 'First?\n\nSecond?' },
      { title: 'Later topic', hashtag: '#c', chatStart: new Date(Date.now() + 10 * 86_400_000), status: 'published' },
      { title: 'Secret topic', hashtag: '#c', chatStart: new Date(Date.now() + 86_400_000), status: 'draft' },
    ],
  })
})

describe('listing', () => {
  test('the home stream pages through posts and interviews, newest first', async () => {
    const first = await getLatestItems({ page: 1, pageSize: 5 })
    assert.equal(first.total, 14)
    assert.equal(first.pageCount, 3)
    assert.deepEqual(first.items.map(item => item.title).slice(0, 3), ['Talking portals', 'Recap: digital inclusion', 'Weekly note 12'])
    const last = await getLatestItems({ page: 3, pageSize: 5 })
    assert.deepEqual(last.items.map(item => item.title), ['Weekly note 4', 'Weekly note 3', 'Weekly note 2', 'Weekly note 1'])
  })

  test('the recaps page lists recaps only', async () => {
    const recaps = await listItemsOfKind('recap')
    assert.deepEqual(recaps.items.map(item => item.title), ['Recap: digital inclusion'])
  })

  test('a tag lists its published items only', async () => {
    const tagged = await getLatestItems({ tagSlug: 'digital-inclusion' })
    assert.deepEqual(tagged.items.map(item => item.title), ['Recap: digital inclusion'])
  })

  test('an author page exists once they have published, and lists only their published work', async () => {
    assert.equal((await getAuthorBySlug('morgan-lee'))?.bio, 'Writes recaps.')
    const theirs = await getLatestItems({ authorSlug: 'morgan-lee', pageSize: 50 })
    assert.equal(theirs.total, 13)
    assert.ok(!theirs.items.some(item => item.title === DRAFT))
  })

  test('a tag has a page once something published uses it, and not while only a draft does', async () => {
    const embargoed = await sudo.db.Tag.createOne({ data: { name: 'Embargoed merger' } })
    const draft = await sudo.db.Post.createOne({ data: { title: 'The merger, before the announcement', body: 'Not yet.', tags: { connect: [{ id: embargoed.id }] } } })
    assert.equal(await getTagBySlug('embargoed-merger'), null)
    await sudo.db.Post.updateOne({ where: { id: draft.id }, data: { status: 'published' } })
    assert.deepEqual(await getTagBySlug('embargoed-merger'), { name: 'Embargoed merger', slug: 'embargoed-merger' })
  })
})

describe('topics', () => {
  test('the next chat is the nearest published one that has not finished', async () => {
    assert.equal((await getNextChat())?.title, 'Upcoming topic')
  })

  test('a chat in progress is still the next chat until it ends', async () => {
    const upcoming = await getTopicBySlug('upcoming-topic')
    const duringChat = new Date(new Date(upcoming!.chatStart).getTime() + 30 * 60 * 1000)
    assert.equal((await getNextChat(duringChat))?.title, 'Upcoming topic')
    const afterChat = new Date(new Date(upcoming!.chatStart).getTime() + 61 * 60 * 1000)
    assert.equal((await getNextChat(afterChat))?.title, 'Later topic')
  })

  test('once the last chat is over and none is coming, the home box shows that one', async () => {
    const later = await getTopicBySlug('later-topic')
    const afterEverything = new Date(new Date(later!.chatStart).getTime() + 2 * 3_600_000)
    assert.equal(await getNextChat(afterEverything), null)
    assert.equal((await getLastChat(afterEverything))?.title, 'Later topic')
  })

  test('the calendar lists upcoming published chats only, soonest first', async () => {
    assert.deepEqual((await getUpcomingTopics()).map(topic => topic.title), ['Upcoming topic', 'Later topic'])
  })

  test('planned questions are one per line, blank lines ignored', async () => {
    assert.deepEqual((await getTopicBySlug('upcoming-topic'))?.questions, ['First?', 'Second?'])
  })
})

describe('search', () => {
  test('matches titles and bodies, titles first, case-insensitively', async () => {
    const hits = await searchPublished('PORTALS')
    assert.equal(hits[0].title, 'Talking portals')
    assert.ok(hits.some(hit => hit.title === 'Weekly note 3'))
    assert.match(hits.find(hit => hit.title === 'Weekly note 3')!.snippet, /patient portals/)
  })

  test('never returns drafts', async () => {
    const hits = await searchPublished('rota planning')
    assert.deepEqual(hits, [])
    assert.ok(!(await searchPublished('portals draft')).length)
  })

  test('ignores one-letter queries', async () => {
    assert.deepEqual(await searchPublished('a'), [])
  })
})

describe('feeds and sitemap', () => {
  test('the RSS feed parses, lists published items and ends each with the disclaimer', async () => {
    const rss = parser.parse(await buildFeed('all', 'rss'))
    const items = rss.rss.channel.item as { title: string; 'content:encoded': string; link: string }[]
    assert.equal(rss.rss['@_version'], '2.0')
    assert.ok(items.some(item => item.title === 'Recap: digital inclusion'))
    assert.ok(!items.some(item => item.title === DRAFT || item.title === 'Secret topic'))
    for (const item of items) assert.match(item['content:encoded'], /not official NHS policy|None of it is official NHS policy/)
    assert.match(items[0].link, /^http:\/\/localhost:3000\//)
  })

  test('the Atom feed of recaps parses and holds recaps only', async () => {
    const atom = parser.parse(await buildFeed('recaps', 'atom'))
    const entries = [atom.feed.entry].flat() as { title: { '#text': string } | string }[]
    const titles = entries.map(entry => (typeof entry.title === 'string' ? entry.title : entry.title['#text']))
    assert.deepEqual(titles, ['Recap: digital inclusion'])
    assert.equal(atom.feed['@_xmlns'], 'http://www.w3.org/2005/Atom')
  })

  test('the sitemap lists every published page on the configured base URL and no draft', async () => {
    const response = await sitemapLoader()
    const sitemap = parser.parse(await response.text())
    const urls = (sitemap.urlset.url as { loc: string }[]).map(entry => entry.loc)
    assert.ok(urls.includes('http://localhost:3000/posts/recap-digital-inclusion'))
    assert.ok(urls.includes('http://localhost:3000/topics/upcoming-topic'))
    assert.ok(!urls.some(url => url.includes('unpublished') || url.includes('secret-topic')))
    assert.equal(urls.length, new Set(urls).size)
    assert.equal((await getAllPublishedItems()).length + 7, urls.length)
  })
})
