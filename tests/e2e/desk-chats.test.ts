import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, test } from 'node:test'

import { openPage, seriousAccessibilityViolations } from '../support/browser'
import { startFakeXApi, type FakeXApi } from '../support/fake-x-api'
import { graphql } from '../support/graphql'
import { useServerAndBrowser } from '../support/server'
import { adminSession, newUserSession } from '../support/session'
import { syntheticChat } from '../support/synthetic-chat'

// An editor archives chats from the desk: a finished topic's "Archive this chat" against a local
// server answering like the X API, and an uploaded account export, good and broken.

const EXPORT = path.join(import.meta.dirname, '..', 'fixtures', 'archive-export', 'data')
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-chats-'))
const chat = syntheticChat({ posts: 30, seed: 5, start: new Date('2026-11-16T12:00:00Z'), idBase: 1_960_000_000_000_000_000n })
let api: FakeXApi

const e2e = useServerAndBrowser(async () => {
  api = await startFakeXApi({ pages: chat.pages, users: chat.users })
  return { env: api.env }
})
after(async () => {
  await api?.stop()
  fs.rmSync(scratch, { recursive: true, force: true })
})

const archiveCount = async (cookie: string) =>
  (await graphql<{ chatArchivesCount: number }>(e2e.server, '{ chatArchivesCount }', { cookie })).data.chatArchivesCount

test('an editor archives a finished topic’s chat from X, and readers see the posts at once', async () => {
  const { cookie: adminCookie } = await adminSession(e2e.server)
  const { data } = await graphql<{ createTopicAnnouncement: { id: string; slug: string } }>(
    e2e.server,
    `mutation($data: TopicAnnouncementCreateInput!) { createTopicAnnouncement(data: $data) { id slug } }`,
    {
      cookie: adminCookie,
      variables: { data: { title: 'Talking about waiting lists', status: 'published', hashtag: '#mondayhealthchat', chatStart: chat.start.toISOString(), durationMinutes: 60, host: 'Monday Health Chat (@mhc_host)' } },
    }
  )
  const topic = data.createTopicAnnouncement
  const editor = await newUserSession(e2e.server, 'editor')
  const { page, consoleErrors } = await openPage(e2e.browser, e2e.server.baseUrl, { sessionCookie: editor.cookie })
  // A reader sees the topic before the chat is archived: its page, now in the response cache, has no archive link.
  const reader = await openPage(e2e.browser, e2e.server.baseUrl)
  await reader.page.goto(`/topics/${topic.slug}`)
  assert.equal(await reader.page.locator(`a[href="/archives/${topic.slug}"]`).count(), 0)
  assert.equal((await reader.page.goto(`/archives/${topic.slug}`))?.status(), 404)

  await page.goto(`/admin/topic-announcements/${topic.id}`, { waitUntil: 'networkidle' })
  const action = page.getByRole('button', { name: 'Archive this chat' })
  assert.equal(await action.isEnabled(), true)
  await action.click()
  const dialog = page.getByRole('alertdialog')
  await dialog.getByText('Fetch the posts of “Talking about waiting lists” from each network it meets on').waitFor()
  const archived = page.waitForResponse(response => response.url().endsWith('/api/graphql') && response.request().postData()?.includes('archiveChatTopicAnnouncement') === true)
  await dialog.getByRole('button', { name: 'Archive', exact: true }).focus()
  await page.keyboard.press('Enter')
  assert.equal((await (await archived).json()).errors, undefined)
  await page.getByText('Archived the chat “Talking about waiting lists”').waitFor()

  // Only once: the topic now names its archive, and the action is disabled.
  await page.locator('input[role="combobox"][value="Talking about waiting lists"]').waitFor()
  assert.equal(await page.getByRole('button', { name: 'Archive this chat' }).isDisabled(), true)
  assert.equal(api.requests.filter(request => request.path === '/2/tweets/search/recent').length, 1)

  // The archive's page in the desk shows what the import found.
  const { data: found } = await graphql<{ topicAnnouncement: { chatArchive: { id: string } } }>(
    e2e.server,
    `query($id: ID!) { topicAnnouncement(where: { id: $id }) { chatArchive { id } } }`,
    { cookie: editor.cookie, variables: { id: topic.id } }
  )
  await page.goto(`/admin/chat-archives/${found.topicAnnouncement.chatArchive.id}`, { waitUntil: 'networkidle' })
  const stats = JSON.parse(await page.getByRole('textbox', { name: 'Statistics' }).inputValue())
  assert.deepEqual([stats.posts, stats.contributors > 0], [30, true])

  // On the very next request, without waiting for any cache to expire.
  await reader.page.goto(`/archives/${topic.slug}`)
  const stat = (name: string) => reader.page.locator('.stats div').filter({ has: reader.page.locator('dt', { hasText: new RegExp(`^${name}$`) }) }).locator('dd').textContent()
  assert.equal(await stat('Posts'), '30')
  await reader.page.goto(`/topics/${topic.slug}`)
  assert.ok(await reader.page.locator(`a[href="/archives/${topic.slug}"]`).first().isVisible(), 'the topic page links to its archive')
  assert.deepEqual(consoleErrors.filter(error => !error.includes('https://fonts.googleapis.com/') && !error.startsWith('Failed to load resource')), [])
  await reader.page.context().close()
  await page.context().close()
})

test('an editor uploads an account export through the desk and sees the summary', async () => {
  const editor = await newUserSession(e2e.server, 'editor')
  const { page } = await openPage(e2e.browser, e2e.server.baseUrl, { sessionCookie: editor.cookie })
  await page.goto('/admin/import-chat-file', { waitUntil: 'networkidle' })
  await page.getByRole('heading', { name: 'Import a chat from files' }).waitFor()
  await page.getByRole('radio', { name: 'A new archive' }).check()
  await page.getByRole('textbox', { name: 'Hashtag' }).fill('#mondayhealthchat')
  await page.getByRole('textbox', { name: 'Chat window start' }).fill('2026-11-23T12:00:00Z')
  await page.getByRole('textbox', { name: 'Chat window end' }).fill('2026-11-23T13:00:00Z')
  await page.getByRole('textbox', { name: 'Title' }).fill('Uploaded from the desk')
  await page.getByLabel('Files').setInputFiles([path.join(EXPORT, 'tweets.js'), path.join(EXPORT, 'account.js')])
  assert.deepEqual(await seriousAccessibilityViolations(page), [])

  const uploaded = page.waitForResponse(response => response.url().endsWith('/admin-api/chat-import'))
  await page.getByRole('button', { name: 'Import', exact: true }).click()
  assert.equal((await uploaded).status(), 200)
  await page.getByText('Imported 3 posts').waitFor()
  await page.getByText(/^3 new, 0 updated, 0 unchanged; 1 contributor \(\d new\), 2 questions found, 0 problems reported\.$/).waitFor()
  await page.getByText(/^Left out: 1 post outside the chat/).waitFor()
  assert.deepEqual(await seriousAccessibilityViolations(page), [])

  await page.getByRole('link', { name: 'read it on the site' }).click()
  await page.waitForURL(/\/archives\/uploaded-from-the-desk$/)
  assert.ok(await page.getByText('Q2 Who answers at night & weekends? #mondayhealthchat').first().isVisible())
  await page.context().close()
})

test('a broken export is refused with the file and field named, and nothing is written', async () => {
  const editor = await newUserSession(e2e.server, 'editor')
  const broken = path.join(scratch, 'tweets.js')
  fs.writeFileSync(broken, fs.readFileSync(path.join(EXPORT, 'tweets.js'), 'utf8').replace('"created_at" : "Mon Nov 23 12:20:00 +0000 2026"', '"created_at" : "last Monday"'))
  const before = await archiveCount(editor.cookie)

  const { page } = await openPage(e2e.browser, e2e.server.baseUrl, { sessionCookie: editor.cookie })
  await page.goto('/admin/import-chat-file', { waitUntil: 'networkidle' })
  await page.getByRole('radio', { name: 'A new archive' }).check()
  await page.getByRole('textbox', { name: 'Hashtag' }).fill('#mondayhealthchat')
  await page.getByRole('textbox', { name: 'Chat window start' }).fill('2026-11-23T12:00:00Z')
  await page.getByRole('textbox', { name: 'Chat window end' }).fill('2026-11-23T13:00:00Z')
  await page.getByRole('textbox', { name: 'Title' }).fill('Never written')
  await page.getByLabel('Files').setInputFiles([broken, path.join(EXPORT, 'account.js')])
  const refused = page.waitForResponse(response => response.url().endsWith('/admin-api/chat-import'))
  await page.getByRole('button', { name: 'Import', exact: true }).click()
  assert.equal((await refused).status(), 400)
  await page.getByText('The import failed; nothing was written').waitFor()
  await page.getByText('tweets.js: post 1861000000000000004 has an unreadable created_at "last Monday"').waitFor()
  assert.deepEqual(await seriousAccessibilityViolations(page), [])
  assert.equal(await archiveCount(editor.cookie), before)
  assert.equal((await page.goto('/archives/never-written'))?.status(), 404)
  await page.context().close()
})
