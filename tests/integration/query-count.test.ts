import assert from 'node:assert/strict'
import { before, test } from 'node:test'

import type { Context } from '../../app/server/keystone.server'
import { getApprovedComments } from '../../app/features/comments/comments.server'
import { getAllPublishedItems, getLatestItems, listItemsOfKind } from '../../app/features/content/items.server'
import { getPostBySlug } from '../../app/features/content/post.server'
import { searchPublished } from '../../app/features/search/search.server'
import { migratedContext } from '../support/database'

// No N+1 queries: what a page asks the database must not grow with what the page lists. Each
// loader is measured with a little content, then again after adding much more of it.

let context: Context
let recapId = ''
const queries: string[] = []

before(async () => {
  context = await migratedContext()
  ;(context.prisma as unknown as { $on(event: 'query', listener: (event: { query: string }) => void): void }).$on('query', event => queries.push(event.query))
  await addContent(2)
})

let added = 0
async function addContent(count: number) {
  const db = context.sudo().db
  for (let n = 0; n < count; n++) {
    const index = ++added
    const author = await db.User.createOne({ data: { name: `Author ${index}`, email: `author${index}@example.org`, password: 'correct horse battery', role: 'editor' } })
    const tag = await db.Tag.createOne({ data: { name: `Tag ${index}` } })
    const post = await db.Post.createOne({
      data: { title: `Recap number ${index}`, kind: 'recap', status: 'published', body: `Patients and staff, week ${index}.`, author: { connect: { id: author.id } }, tags: { connect: [{ id: tag.id }] } },
    })
    await db.Interview.createOne({ data: { title: `Interview ${index}`, status: 'published', intervieweeName: `Guest ${index}`, introduction: 'Patients first.', author: { connect: { id: author.id } }, tags: { connect: [{ id: tag.id }] } } })
    recapId ||= post.id
    const parent = await db.Comment.createOne({ data: { post: { connect: { id: recapId } }, authorName: `Reader ${index}`, body: 'Useful.', status: 'approved' } })
    await db.Comment.createOne({ data: { post: { connect: { id: recapId } }, parent: { connect: { id: parent.id } }, authorName: `Replier ${index}`, body: 'Agreed.', status: 'approved' } })
  }
}

async function queriesMadeBy(load: () => Promise<unknown>) {
  queries.length = 0
  await load()
  return queries.length
}

const LOADERS: [string, () => Promise<unknown>][] = [
  ['the home stream', () => getLatestItems()],
  ['the recaps list', () => listItemsOfKind('recap')],
  ['the interviews list', () => listItemsOfKind('interview')],
  ['a tag page', () => getLatestItems({ tagSlug: 'tag-1' })],
  ['the feeds and sitemap', () => getAllPublishedItems()],
  ['a post page', () => getPostBySlug('recap-number-1')],
  ['a post’s comments with replies', () => getApprovedComments({ list: 'post', id: recapId })],
  ['search', () => searchPublished('patients')],
]

test('each page’s query count stays the same as its content grows tenfold', async () => {
  // One loader at a time, so each count is that loader's alone.
  const countAll = async () => {
    const counts: Record<string, number> = {}
    for (const [name, load] of LOADERS) counts[name] = await queriesMadeBy(load)
    return counts
  }
  const small = await countAll()
  await addContent(18)
  const large = await countAll()
  console.log(JSON.stringify(large))
  assert.deepEqual(large, small)
  for (const [name, count] of Object.entries(large)) assert.ok(count > 0 && count <= 12, `${name}: ${count} queries`)
})
