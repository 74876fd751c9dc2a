import assert from 'node:assert/strict'
import { once } from 'node:events'
import fs from 'node:fs'
import type http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'

import express from 'express'

import { archiveTopicChat } from '../../app/features/chat-import/import.server'
import { chatImportRoute } from '../../app/features/chat-import/upload.server'
import { createXClient, fetchChat } from '../../app/features/chat-import/x-api.server'
import { onContentChange } from '../../app/server/content-changes.server'
import type { Context } from '../../app/server/keystone.server'
import { migratedContext, signedInAs } from '../support/database'
import { startFakeXApi, type FakeXApi } from '../support/fake-x-api'
import { mintSessionCookie } from '../support/session'
import { syntheticChat } from '../support/synthetic-chat'

// Chats archived from the desk: the topic's "Archive this chat" action and the upload route, both
// through the importer the CLI uses, editors only, with nothing written when they refuse.

const EXPORT = path.join(import.meta.dirname, '..', 'fixtures', 'archive-export', 'data')
const exportFile = (name: string) => ({ name, content: fs.readFileSync(path.join(EXPORT, name), 'utf8') })
const ARCHIVE_CHAT = `mutation($id: ID!) { archiveChatTopicAnnouncement(where: { id: $id }) { id } }`

let context: Context
let api: FakeXApi
const chat = syntheticChat({ posts: 40, seed: 3, start: new Date('2026-11-09T12:00:00Z'), idBase: 1_970_000_000_000_000_000n })
const fromFakeApi = (request: { query: string; start: Date; end: Date }) =>
  fetchChat(createXClient({ bearerToken: api.token, apiBase: api.baseUrl, httpAgent: api.agent }), { ...request, fullArchive: false })

const counts = async () => ({
  archives: await context.prisma.chatArchive.count(),
  messages: await context.prisma.chatMessage.count(),
  participants: await context.prisma.participant.count(),
})

/** Every content-change key announced while `run` runs. */
async function changedKeys(run: () => Promise<unknown>) {
  const keys: string[] = []
  const stop = onContentChange(changed => void keys.push(...changed))
  try {
    await run()
  } finally {
    stop()
  }
  return keys
}

const newTopic = (title: string, chatStart: Date, host = '') =>
  context.sudo().db.TopicAnnouncement.createOne({ data: { title, chatStart, durationMinutes: 60, hashtag: '#mondayhealthchat', host, status: 'published' } })

before(async () => {
  context = await migratedContext()
  api = await startFakeXApi({ pages: chat.pages, users: chat.users })
})
after(() => api.stop())

describe('"Archive this chat" on a topic', () => {
  test('is refused to contributors and to visitors', async () => {
    const topic = await newTopic('Refused to contributors', new Date('2026-10-05T12:00:00Z'))
    const { context: contributor } = await signedInAs(context, 'contributor')
    for (const someone of [context, contributor]) {
      const result = await someone.graphql.raw({ query: ARCHIVE_CHAT, variables: { id: topic.id } })
      assert.match(String(result.errors?.[0]?.message), /Access denied/)
    }
    assert.equal(await context.prisma.chatArchive.count({ where: { topicId: topic.id } }), 0)
  })

  test('is refused, with the reason, while the chat has not ended', async () => {
    const topic = await newTopic('Not over yet', new Date(Date.now() - 30 * 60_000))
    const { context: editor } = await signedInAs(context, 'editor')
    const before = await counts()
    const result = await editor.graphql.raw({ query: ARCHIVE_CHAT, variables: { id: topic.id } })
    assert.match(String(result.errors?.[0]?.message), /The chat “Not over yet” ends at .*: archive it once it has ended/)
    assert.deepEqual(await counts(), before)
  })

  test('reports a missing X token plainly to an editor, and writes nothing', async () => {
    const topic = await newTopic('No token here', new Date('2026-10-12T12:00:00Z'))
    const { context: editor } = await signedInAs(context, 'editor')
    const before = await counts()
    const result = await editor.graphql.raw({ query: ARCHIVE_CHAT, variables: { id: topic.id } })
    assert.match(String(result.errors?.[0]?.message), /X_BEARER_TOKEN is not set/)
    assert.deepEqual(await counts(), before)
  })

  test('makes the archive from the topic, links it, and announces the archive and the topic as changed', async () => {
    const topic = await newTopic('Waiting lists in public', chat.start, 'Priya (@mhc_host)')
    let summary!: Awaited<ReturnType<typeof archiveTopicChat>>
    const keys = await changedKeys(async () => {
      summary = await archiveTopicChat(context.sudo(), topic.id, { fetchFromApi: fromFakeApi })
    })
    assert.equal(summary.stats.posts, 40)
    assert.equal(summary.questions, 6)
    const archive = await context.prisma.chatArchive.findUniqueOrThrow({ where: { id: summary.archiveId } })
    assert.deepEqual(
      { title: archive.title, slug: archive.slug, hashtag: archive.hashtag, topicId: archive.topicId, source: archive.source, hosts: archive.hostHandles },
      { title: 'Waiting lists in public', slug: topic.slug, hashtag: '#mondayhealthchat', topicId: topic.id, source: 'x-api', hosts: '@mhc_host' }
    )
    assert.deepEqual([archive.windowStart, archive.windowEnd], [chat.start, chat.end])
    const search = api.requests.find(request => request.path === '/2/tweets/search/recent')!
    assert.deepEqual([search.query.start_time, search.query.end_time], [chat.start.toISOString(), chat.end.toISOString()])
    for (const key of [`archive:${archive.id}`, 'archives', `topic:${topic.id}`, 'topics']) assert.ok(keys.includes(key), `${key} in ${keys.join(' ')}`)
  })

  test('is refused once the topic has its archive', async () => {
    const topic = await context.prisma.topicAnnouncement.findFirstOrThrow({ where: { title: 'Waiting lists in public' } })
    const { context: editor } = await signedInAs(context, 'editor')
    const result = await editor.graphql.raw({ query: ARCHIVE_CHAT, variables: { id: topic.id } })
    assert.match(String(result.errors?.[0]?.message), /already has a chat archive, “Waiting lists in public”: use its Import again/)
  })

  test('writes nothing when X refuses', async () => {
    const topic = await newTopic('X said no', new Date('2026-10-19T12:00:00Z'))
    const before = await counts()
    api.script.push('403')
    await assert.rejects(archiveTopicChat(context.sudo(), topic.id, { fetchFromApi: fromFakeApi }), /X answered 403/)
    assert.deepEqual(await counts(), before)
  })
})

describe('the upload route', () => {
  let server: http.Server
  let url: string
  const post = (body: unknown, cookie?: string, contentType = 'application/json') =>
    fetch(url, { method: 'POST', headers: { 'Content-Type': contentType, ...(cookie ? { Cookie: cookie } : {}) }, body: JSON.stringify(body) })
  const cookieFor = async (role: 'editor' | 'contributor') => {
    const { user } = await signedInAs(context, role)
    return mintSessionCookie({ sessionSecret: process.env.SESSION_SECRET! }, user.id)
  }
  const newArchive = { kind: 'new', hashtag: '#mondayhealthchat', start: '2026-11-23T12:00:00Z', end: '2026-11-23T13:00:00Z', title: 'Uploaded export' }

  before(async () => {
    const app = express()
    app.post('/admin-api/chat-import', ...chatImportRoute(context))
    server = app.listen(0, '127.0.0.1')
    await once(server, 'listening')
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/admin-api/chat-import`
  })
  after(() => new Promise(resolve => server.close(resolve)))

  test('is refused without a session and to contributors, before the body is read', async () => {
    const body = { archive: newArchive, files: [exportFile('tweets.js'), exportFile('account.js')] }
    const anonymous = await post(body)
    assert.equal(anonymous.status, 401)
    const contributor = await post(body, await cookieFor('contributor'))
    assert.equal(contributor.status, 403)
    assert.deepEqual(await contributor.json(), { error: 'Only editors and administrators may import chats.' })
    assert.equal(await context.prisma.chatArchive.count({ where: { title: 'Uploaded export' } }), 0)
  })

  test('refuses a form post: only JSON, which another site cannot send without asking', async () => {
    const response = await post({}, await cookieFor('editor'), 'application/x-www-form-urlencoded')
    assert.equal(response.status, 415)
  })

  test('names the field that is wrong in the form', async () => {
    const response = await post({ archive: { ...newArchive, hashtag: 'two tags', end: '2026-11-23T11:00:00Z' }, files: [] }, await cookieFor('editor'))
    assert.equal(response.status, 400)
    const { error } = await response.json()
    assert.match(error, /Hashtag must be one hashtag/)
    assert.match(error, /Chat window end must be after its start/)
    assert.match(error, /Files: choose at least one file/)
  })

  test('names the file, the record and the field of a broken export, and writes nothing', async () => {
    const cookie = await cookieFor('editor')
    const before = await counts()
    const broken = exportFile('tweets.js')
    broken.content = broken.content.replace('"id_str" : "1861000000000000004"', '"id_str" : "not-a-number"')
    const response = await post({ archive: newArchive, files: [broken, exportFile('account.js')] }, cookie)
    assert.equal(response.status, 400)
    assert.match((await response.json()).error, /^tweets\.js: is not a tweets\.js export \(at \d+\.tweet\.id_str: /)
    const withoutAccount = await post({ archive: newArchive, files: [exportFile('tweets.js')] }, cookie)
    assert.match((await withoutAccount.json()).error, /^tweets\.js: names no author: pass data\/account\.js/)
    assert.deepEqual(await counts(), before)
  })

  test('imports an export into a new archive, announces it, and adds to it again without duplicates', async () => {
    const cookie = await cookieFor('editor')
    const files = [exportFile('tweets.js'), exportFile('account.js')]
    let response!: Response
    const keys = await changedKeys(async () => {
      response = await post({ archive: newArchive, files }, cookie)
    })
    assert.equal(response.status, 200)
    const { summary } = await response.json()
    assert.equal(summary.slug, 'uploaded-export')
    assert.deepEqual([summary.posts, summary.created, summary.contributors, summary.questions], [3, 3, 1, 2])
    assert.deepEqual(summary.leftOut, ["1 post outside the chat's window (replied to from the chat, or posted before or after it)"])
    assert.ok(keys.includes(`archive:${summary.archiveId}`) && keys.includes('archives'), keys.join(' '))

    const again = await (await post({ archive: { kind: 'existing', id: summary.archiveId }, files }, cookie)).json()
    assert.deepEqual([again.summary.archiveId, again.summary.created, again.summary.unchanged], [summary.archiveId, 0, 3])
  })

  test('refuses an export whose posts another archive holds, naming it, and writes nothing', async () => {
    const cookie = await cookieFor('editor')
    // Ids of their own, so that no other test's upload holds them.
    const tweets = exportFile('tweets.js')
    tweets.content = tweets.content.replaceAll('"1861000', '"1863000')
    const files = [tweets, exportFile('account.js')]
    assert.equal((await post({ archive: { ...newArchive, title: 'First upload' }, files }, cookie)).status, 200)
    const before = await counts()
    const response = await post({ archive: { ...newArchive, title: 'Second upload' }, files }, cookie)
    assert.equal(response.status, 400)
    assert.match((await response.json()).error, /^Nothing was imported into \/archives\/second-upload: the archive “First upload” \(\/archives\/first-upload\) already holds 3 posts 1863000000000000001, 1863000000000000003, 1863000000000000004\. /)
    assert.deepEqual(await counts(), before)
  })

  test('names an archive that does not exist', async () => {
    const response = await post({ archive: { kind: 'existing', id: 'no-such-archive' }, files: [exportFile('tweets.js')] }, await cookieFor('editor'))
    assert.equal(response.status, 400)
    assert.deepEqual(await response.json(), { error: 'Archive: there is no chat archive with id "no-such-archive".' })
  })
})
