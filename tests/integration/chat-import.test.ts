import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { before, describe, test } from 'node:test'

import { getArchiveBySlug } from '../../app/features/archive/archive.server'
import { archiveAsCsv } from '../../app/features/archive/export.server'
import { importChat, importFilesIntoArchive } from '../../app/features/chat-import/import.server'
import { batchFromFiles, ImportFileError, type ImportFile } from '../../app/features/chat-import/sources.server'
import { storeChatImport } from '../../app/features/chat-import/store.server'
import type { Context } from '../../app/server/keystone.server'
import { migratedContext, signedInAs } from '../support/database'
import { syntheticChat } from '../support/synthetic-chat'

// Imports against a real SQLite database: files detected by content, idempotent upserts, one
// transaction per import, redaction and deletions that stick.

const EXPORT = path.join(import.meta.dirname, '..', 'fixtures', 'archive-export', 'data')
const exportFile = (name: string): ImportFile => ({ name: `data/${name}`, content: fs.readFileSync(path.join(EXPORT, name), 'utf8') })
const pagesFile = (name: string, pages: unknown): ImportFile => ({ name, content: JSON.stringify(pages) })

let context: Context
const counts = async () => ({
  archives: await context.prisma.chatArchive.count(),
  messages: await context.prisma.chatMessage.count(),
  participants: await context.prisma.participant.count(),
})

before(async () => {
  context = await migratedContext()
})

describe('reading files', () => {
  test('an account archive export yields the chat’s posts with the text unescaped', () => {
    const batch = batchFromFiles([exportFile('tweets.js'), exportFile('account.js')])
    assert.equal(batch.source, 'archive-export')
    assert.equal(batch.posts.length, 4)
    const q2 = batch.posts.find(post => post.xId === '1861000000000000004')!
    assert.equal(q2.text, 'Q2 Who answers at night & weekends? #mondayhealthchat')
    assert.equal(q2.postedAt, '2026-11-23T12:20:00.000Z')
    const reply = batch.posts.find(post => post.xId === '1861000000000000003')!
    assert.equal(reply.kind, 'reply')
    assert.equal(reply.inReplyToId, '1861000000000000002')
    assert.deepEqual(reply.entities.urls, [{ url: 'https://t.co/Qx1', expandedUrl: 'https://www.nhs.uk/using-the-nhs/', displayUrl: 'nhs.uk/using-the-nhs/' }])
    assert.deepEqual(batch.participants, [{ platform: 'x', xUserId: '5000', handle: 'mhc_host', displayName: 'Monday Health Chat', avatarUrl: '' }])
  })

  test('tweets.js without account.js is refused, naming the file and what to add', () => {
    assert.throws(() => batchFromFiles([exportFile('tweets.js')]), /data\/tweets\.js: names no author: pass data\/account\.js/)
  })

  test('a file that is not JSON is refused with its name', () => {
    assert.throws(() => batchFromFiles([{ name: 'chat.json', content: '{"data": [' }]), (error: Error) => error instanceof ImportFileError && /^chat\.json: is not valid JSON/.test(error.message))
  })

  test('an API page with a malformed post names the field', () => {
    const page = { data: [{ id: '12', text: 'hi', author_id: '5', created_at: 'yesterday' }] }
    assert.throws(() => batchFromFiles([pagesFile('page.json', page)]), /page\.json: is not an X API v2 response page \(at data\.0\.created_at: /)
  })

  test('saved API pages may be one page, an array of pages, or JSON Lines', () => {
    const { pages } = syntheticChat({ posts: 30, pageSize: 10 })
    const lines = { name: 'pages.jsonl', content: pages.map(page => JSON.stringify(page)).join('\n') }
    for (const files of [[pagesFile('all.json', pages)], [lines], pages.map((page, n) => pagesFile(`p${n}.json`, page))]) {
      assert.equal(batchFromFiles(files).posts.length, 30)
    }
  })
})

describe('storing an import', () => {
  // X ids are unique across archives: each test's chat takes ids of its own, under a slug of its own.
  let chats = 0
  const newChat = (slug: string, hashtag = 'mondayhealthchat') => {
    const chat = syntheticChat({ posts: 600, seed: 11, hashtag, idBase: 1_900_000_000_000_000_000n + BigInt(chats++) * 10_000n })
    return { chat, request: { hashtag: `#${hashtag}`, start: chat.start, end: chat.end, slug, files: [pagesFile('chat.json', chat.pages)] } }
  }
  /** A chat already in the archive, as a re-import finds it. */
  const importedChat = async (slug: string, hashtag?: string) => {
    const made = newChat(slug, hashtag)
    await importChat(context, made.request)
    return made
  }

  test('stores every post once and derives questions and statistics', async () => {
    const { chat, request } = newChat('synthetic-chat')
    const summary = await importChat(context, request)
    assert.equal(summary.created, 600)
    assert.equal(summary.questions, 6)
    assert.equal(summary.stats.posts, 600)
    assert.equal(summary.stats.contributors, new Set(chat.posts.map(post => post.author_id)).size)
    const archive = await context.prisma.chatArchive.findUniqueOrThrow({ where: { slug: 'synthetic-chat' } })
    assert.equal(archive.source, 'x-api')
    assert.equal(archive.title, '#mondayhealthchat chat, 23 November 2026')
    assert.equal(await context.prisma.chatMessage.count({ where: { archiveId: archive.id } }), 600)
  })

  test('importing the same chat again creates nothing and leaves unchanged posts untouched', async () => {
    const { request } = await importedChat('imported-twice')
    const before = await counts()
    const summary = await importChat(context, request)
    assert.deepEqual({ created: summary.created, updated: summary.updated, unchanged: summary.unchanged }, { created: 0, updated: 0, unchanged: 600 })
    assert.deepEqual(await counts(), before)
  })

  test('a re-import refreshes changed metrics', async () => {
    const { chat, request } = await importedChat('metrics-refreshed')
    const changed = structuredClone(chat.pages)
    changed[0].data![0].public_metrics = { like_count: 99, retweet_count: 0, reply_count: 0, quote_count: 0 }
    const summary = await importChat(context, { ...request, files: [pagesFile('chat.json', changed)] })
    assert.equal(summary.updated, 1)
    const row = await context.prisma.chatMessage.findUniqueOrThrow({ where: { xId: changed[0].data![0].id } })
    assert.equal((row.metrics as { like_count: number }).like_count, 99)
  })

  test('overlapping windows add only the posts not already stored', async () => {
    const { chat, request } = await importedChat('overlapping')
    const later = syntheticChat({ posts: 100, seed: 11, start: new Date(chat.start.getTime() + 30 * 60_000), idBase: BigInt(chat.posts[300].id) })
    const before = await counts()
    const summary = await importChat(context, { ...request, files: [pagesFile('later.json', later.pages)], end: later.end })
    // Ids 300–399 of the overlap are already archived; nothing is duplicated.
    assert.equal(summary.created + summary.updated + summary.unchanged, 100)
    assert.equal((await counts()).messages, before.messages + summary.created)
    assert.equal(await context.prisma.chatMessage.count(), new Set((await context.prisma.chatMessage.findMany({ select: { xId: true } })).map(row => row.xId)).size)
  })

  test('a bad file among good ones writes nothing', async () => {
    const { request } = newChat('never-stored')
    const before = await counts()
    const fresh = syntheticChat({ posts: 50, seed: 3, idBase: 1_950_000_000_000_000_000n })
    await assert.rejects(
      importChat(context, { ...request, files: [pagesFile('good.json', fresh.pages), { name: 'broken.json', content: 'not json' }] }),
      /broken\.json: is not valid JSON/
    )
    assert.deepEqual(await counts(), before)
  })

  test('a failure in the middle of storing rolls the whole import back', async () => {
    const { request } = newChat('interrupted')
    const before = await counts()
    const fresh = syntheticChat({ posts: 1200, seed: 5, idBase: 1_960_000_000_000_000_000n })
    await assert.rejects(
      importChat(context, {
        ...request,
        files: [pagesFile('big.json', fresh.pages)],
        onProgress: stored => {
          if (stored >= 500) throw new Error('simulated crash after the first batch')
        },
      }),
      /simulated crash/
    )
    assert.deepEqual(await counts(), before)
  })

  test('a redacted participant stays redacted after a re-import', async () => {
    const { request } = await importedChat('redacted-participant')
    const person = await context.prisma.participant.findFirstOrThrow({ where: { handle: 'person_1' } })
    await context.sudo().db.Participant.updateOne({ where: { id: person.id }, data: { redacted: true } })
    await importChat(context, request)
    assert.equal((await context.prisma.participant.findUniqueOrThrow({ where: { id: person.id } })).redacted, true)
  })

  test('posts on the deleted list leave the archive', async () => {
    const { chat, request } = await importedChat('posts-deleted')
    const victim = chat.posts.find(post => post.author_id === '5003')!.id
    const summary = await importChat(context, { ...request, deletedIds: [victim] })
    assert.equal(summary.removed, 1)
    assert.equal(await context.prisma.chatMessage.count({ where: { xId: victim } }), 0)
  })

  test('contributors seen in an earlier chat of the hashtag count as returning', async () => {
    // A hashtag of its own, so that the earlier chat is this one and no other test's.
    const { chat } = await importedChat('last-week', 'returningchat')
    const nextWeek = syntheticChat({
      posts: 60,
      seed: 11,
      hashtag: 'returningchat',
      start: new Date(chat.start.getTime() + 7 * 86_400_000),
      idBase: 1_970_000_000_000_000_000n,
      participants: 60,
    })
    const summary = await importChat(context, {
      hashtag: '#returningchat',
      start: nextWeek.start,
      end: nextWeek.end,
      slug: 'next-week',
      files: [pagesFile('next.json', nextWeek.pages)],
    })
    const earlierPeople = new Set(chat.posts.map(post => post.author_id))
    const returning = new Set(nextWeek.posts.map(post => post.author_id).filter(id => earlierPeople.has(id))).size
    assert.ok(returning > 0)
    assert.equal(summary.stats.returningContributors, returning)
    assert.equal(summary.stats.newContributors, summary.stats.contributors - returning)
  })

  test('an account export imports only the posts inside the chat window with the hashtag', async () => {
    const summary = await importChat(context, {
      hashtag: 'mondayhealthchat',
      start: new Date('2026-11-23T12:00:00Z'),
      end: new Date('2026-11-23T13:00:00Z'),
      slug: 'from-export',
      files: [exportFile('tweets.js'), exportFile('account.js')],
    })
    assert.equal(summary.created, 3)
    assert.equal(summary.questions, 2)
    const archive = await context.prisma.chatArchive.findUniqueOrThrow({ where: { slug: 'from-export' } })
    assert.equal(archive.source, 'archive-export')
  })

  test('an empty window is refused before anything is read', async () => {
    const { chat, request } = newChat('empty-window')
    await assert.rejects(importChat(context, { ...request, start: chat.end, end: chat.start }), /The chat window is empty/)
  })
})

describe('a post another archive holds', () => {
  // The demo's situation: a file whose posts are already in an archive, imported elsewhere.
  const chat = syntheticChat({ posts: 40, seed: 17, idBase: 1_990_000_000_000_000_000n })
  const file = pagesFile('chat.json', chat.pages)
  const takenIds = chat.posts.map(post => post.id).sort()
  const refusal = (into: string) =>
    `Nothing was imported into /archives/${into}: the archive “Holder chat” (/archives/holder) already holds 40 posts ${takenIds.slice(0, 20).join(', ')} and 20 more. ` +
    "A post belongs to one archive: import into that archive, or leave its posts out of the file or the chat's window."
  const holderState = async () => {
    const archive = await context.prisma.chatArchive.findUniqueOrThrow({ where: { slug: 'holder' }, include: { messages: { select: { xId: true, text: true, authorId: true }, orderBy: { xId: 'asc' } } } })
    return { stats: archive.stats, importedAt: archive.importedAt, messages: archive.messages }
  }

  before(async () => {
    await importChat(context, { hashtag: '#mondayhealthchat', start: chat.start, end: chat.end, slug: 'holder', title: 'Holder chat', files: [file] })
  })

  test('a file imported into a new archive is refused, naming the archive and the posts, and nothing is written', async () => {
    const before = { counts: await counts(), holder: await holderState() }
    const edited = structuredClone(chat.pages)
    edited[0].data![0].text = 'Rewritten by the second file #mondayhealthchat'
    await assert.rejects(
      importChat(context, { hashtag: '#mondayhealthchat', start: chat.start, end: chat.end, slug: 'taker', files: [pagesFile('chat.json', edited)] }),
      { name: 'ChatImportRefused', message: refusal('taker') }
    )
    assert.deepEqual({ counts: await counts(), holder: await holderState() }, before)
  })

  test('files added to another existing archive are refused too', async () => {
    const other = await context.sudo().db.ChatArchive.createOne({
      data: { title: 'Another chat', slug: 'other-existing', hashtag: '#mondayhealthchat', windowStart: chat.start, windowEnd: chat.end },
    })
    const before = { counts: await counts(), holder: await holderState() }
    await assert.rejects(importFilesIntoArchive(context, String(other.id), [file]), { message: refusal('other-existing') })
    assert.deepEqual({ counts: await counts(), holder: await holderState() }, before)
  })

  test('a chat read from a network into another archive is refused', async () => {
    const before = await counts()
    await assert.rejects(
      importChat(context, { hashtag: '#mondayhealthchat', start: chat.start, end: chat.end, slug: 'from-network', fetchFromApi: async () => batchFromFiles([file]) }),
      { message: refusal('from-network') }
    )
    assert.deepEqual(await counts(), before)
  })

  test('the store refuses them too, for a caller that skips the importer’s own check', async () => {
    const before = await counts()
    const target = { slug: 'stored-directly', title: 'Stored directly', hashtag: '#mondayhealthchat', windowStart: chat.start, windowEnd: chat.end, source: 'manual' as const, networks: ['x' as const] }
    await assert.rejects(storeChatImport(context, batchFromFiles([file]), target), { message: refusal('stored-directly') })
    assert.deepEqual(await counts(), before)
  })

  test('the holding archive’s numbers stay those of its pages and exports', async () => {
    await assert.rejects(importChat(context, { hashtag: '#mondayhealthchat', start: chat.start, end: chat.end, slug: 'taker', files: [file] }), { name: 'ChatImportRefused' })
    const archive = (await getArchiveBySlug('holder'))!
    const rows = archiveAsCsv(archive).split('\n').filter(line => /^\d{19},/.test(line)).length
    assert.deepEqual([archive.stats.posts, await context.prisma.chatMessage.count({ where: { archive: { slug: 'holder' } } }), rows], [40, 40, 40])
  })

  test('importing into the archive that holds the posts still refreshes them without duplicates', async () => {
    const edited = structuredClone(chat.pages)
    edited[0].data![0].public_metrics = { like_count: 7, retweet_count: 0, reply_count: 0, quote_count: 0 }
    const summary = await importChat(context, { hashtag: '#mondayhealthchat', start: chat.start, end: chat.end, slug: 'holder', files: [pagesFile('chat.json', edited)] })
    assert.deepEqual([summary.created, summary.updated, summary.unchanged], [0, 1, 39])
    assert.equal(await context.prisma.chatMessage.count({ where: { archive: { slug: 'holder' } } }), 40)
  })
})

describe('the Admin UI’s "Import from X" action', () => {
  const mutation = `mutation($slug: String!) { importFromXChatArchive(where: { slug: $slug }) { slug } }`
  const slug = 'imported-from-x'
  before(async () => {
    await context.sudo().db.ChatArchive.createOne({
      data: { title: 'Imported from X', slug, hashtag: '#mondayhealthchat', windowStart: new Date('2026-11-23T12:00:00Z'), windowEnd: new Date('2026-11-23T13:00:00Z') },
    })
  })

  test('is refused to visitors who are not editors', async () => {
    const result = await context.graphql.raw({ query: mutation, variables: { slug } })
    assert.match(String(result.errors?.[0]?.message), /Access denied/)
  })

  test('runs the importer for an editor, and reports a missing token plainly', async () => {
    const { context: editor } = await signedInAs(context, 'editor')
    const result = await editor.graphql.raw({ query: mutation, variables: { slug } })
    assert.match(String(result.errors?.[0]?.message), /X_BEARER_TOKEN is not set/)
  })
})

test('imported posts that seem to hold a patient’s details are flagged for editors', async () => {
  const chat = syntheticChat({ posts: 12, seed: 9, idBase: 1_980_000_000_000_000_000n })
  chat.pages[0].data![0].text = 'A1 my dad, NHS number 943 476 5919, waited hours #mondayhealthchat'
  await importChat(context, { hashtag: '#mondayhealthchat', start: chat.start, end: chat.end, slug: 'flagged', files: [pagesFile('flagged.json', chat.pages)] })
  const flagged = await context.prisma.chatMessage.findMany({ where: { archive: { slug: 'flagged' }, NOT: { confidentialityFlag: '' } } })
  assert.deepEqual(flagged.map(row => row.xId), [chat.pages[0].data![0].id])
  assert.match(flagged[0].confidentialityFlag, /valid NHS number/)
})
