import assert from 'node:assert/strict'
import { after, test } from 'node:test'

import type { Page } from 'playwright-core'

import { openPage, seriousAccessibilityViolations } from '../support/browser'
import { startFakeXApi, type FakeXApi } from '../support/fake-x-api'
import { graphql } from '../support/graphql'
import { useServerAndBrowser } from '../support/server'
import { newUserSession } from '../support/session'
import { syntheticChat } from '../support/synthetic-chat'

// The desk as an editor meets it on a Monday: the site's own name, navigation grouped by what
// editors do, and "This week" answering what is left to do, each line a link or one click.

const HOUR = 60 * 60 * 1000

// A chat that ended this morning, answered by a local server that speaks the X API.
const finishedChat = syntheticChat({ posts: 24, seed: 11, start: new Date(Math.floor((Date.now() - 4 * HOUR) / 60_000) * 60_000), idBase: 1_970_000_000_000_000_000n })
let api: FakeXApi

const e2e = useServerAndBrowser(async () => {
  api = await startFakeXApi({ pages: finishedChat.pages, users: finishedChat.users })
  return { env: api.env }
})
after(() => api?.stop())

/** The desk's landing page, once its data has arrived. */
async function openThisWeek(role: 'editor' | 'contributor' = 'editor'): Promise<Page> {
  const user = await newUserSession(e2e.server, role)
  const { page } = await openPage(e2e.browser, e2e.server.baseUrl, { sessionCookie: user.cookie })
  await page.goto('/admin', { waitUntil: 'networkidle' })
  await page.getByRole('heading', { name: /^Next chat/ }).waitFor()
  return page
}

async function asAdmin<T = any>(query: string, variables: Record<string, unknown> = {}) {
  const admin = await newUserSession(e2e.server, 'admin')
  return (await graphql<T>(e2e.server, query, { cookie: admin.cookie, variables })).data
}

test('the desk carries the site’s name and groups its navigation by what editors do', async () => {
  const page = await openThisWeek()
  const { commentsCount: waiting } = await asAdmin<{ commentsCount: number }>('{ commentsCount(where: { status: { equals: "pending" } }) }')

  await page.getByRole('link', { name: 'The Monday Health Chat desk' }).waitFor()
  await page.waitForFunction(() => document.title.startsWith('The Monday Health Chat desk'))
  const navigation = page.getByRole('navigation')
  for (const group of ['Publish', 'Chats', 'Community', 'Settings']) {
    assert.ok(await navigation.getByText(group, { exact: true }).isVisible(), `the ${group} group is shown`)
  }
  for (const list of ['Posts', 'Interviews', 'Topic announcements', 'Chat archives']) {
    assert.ok(await navigation.getByRole('link', { name: list, exact: true }).isVisible(), `${list} is in the navigation`)
  }
  // Reached from their archive or interview instead.
  for (const list of ['Chat messages', 'Participants', 'Interview questions']) {
    assert.equal(await navigation.getByRole('link', { name: list }).count(), 0, `${list} is not in the navigation`)
  }
  const comments = navigation.getByRole('link', { name: /^Comments/ })
  assert.equal(await comments.getAttribute('href'), '/admin/moderation')
  if (waiting > 0) assert.match((await comments.textContent()) ?? '', new RegExp(`${waiting}`))
  await page.context().close()
})

test('This week shows the next chat and the last one, with what is done and what is not', async () => {
  const page = await openThisWeek()
  const next = page.getByRole('region', { name: 'Next chat: Measuring what matters' })
  await next.waitFor()
  assert.match((await next.textContent()) ?? '', /Announced on the site\s*Yes/)
  assert.match((await next.textContent()) ?? '', /Posted to X\s*Not yet/)
  assert.equal(await next.getByRole('link', { name: 'Download the calendar file' }).getAttribute('href'), '/topics/measuring-what-matters.ics')

  const last = page.getByRole('region', { name: 'Last chat: Answering patients in public' })
  assert.match((await last.textContent()) ?? '', /Archived\s*Yes\s*\d+ posts from \d+ contributors/)
  assert.match((await last.textContent()) ?? '', /Recap\s*Yes/)
  assert.equal(await last.getByRole('link', { name: 'See it on the site' }).last().getAttribute('href'), '/posts/recap-answering-patients-in-public')

  assert.deepEqual(await seriousAccessibilityViolations(page), [])
  await page.context().close()
})

test('an editor publishes the next topic from This week with the keyboard', async () => {
  const { createTopicAnnouncement: topic } = await asAdmin<{ createTopicAnnouncement: { id: string } }>(
    'mutation ($start: DateTime!) { createTopicAnnouncement(data: { title: "Rotas that people can live with", chatStart: $start }) { id } }',
    { start: new Date(Date.now() + 2 * HOUR).toISOString() }
  )
  try {
    const page = await openThisWeek()
    const next = page.getByRole('region', { name: 'Next chat: Rotas that people can live with' })
    assert.match((await next.textContent()) ?? '', /Announced on the site\s*Draft/)
    const publish = next.getByRole('button', { name: 'Publish the announcement' })
    await publish.focus()
    const published = page.waitForResponse(response => response.request().postData()?.includes('DeskPublishTopic') === true)
    await page.keyboard.press('Enter')
    await published
    await next.getByRole('link', { name: 'See the announcement' }).waitFor()

    const { topicAnnouncement } = await asAdmin('query ($id: ID!) { topicAnnouncement(where: { id: $id }) { status } }', { id: topic.id })
    assert.equal(topicAnnouncement.status, 'published')
    const reader = await fetch(new URL('/topics/rotas-that-people-can-live-with', e2e.server.baseUrl))
    assert.equal(reader.status, 200, 'readers see the announcement on the next request')
    await page.context().close()
  } finally {
    await asAdmin('mutation ($id: ID!) { deleteTopicAnnouncement(where: { id: $id }) { id } }', { id: topic.id })
  }
})

test('“Draft the recap” starts a recap of the last chat and opens it', async () => {
  const ended = new Date(Date.now() - 2 * HOUR)
  const { createTopicAnnouncement: topic } = await asAdmin<{ createTopicAnnouncement: { id: string; chatArchive: { id: string } } }>(
    `mutation ($start: DateTime!, $end: DateTime!) {
      createTopicAnnouncement(data: {
        title: "Kindness in the comments", chatStart: $start, durationMinutes: 60, status: "published",
        chatArchive: { create: { title: "Kindness in the comments", hashtag: "#mondayhealthchat", windowStart: $start, windowEnd: $end, importedAt: $end, stats: { posts: 12, contributors: 5 } } }
      }) { id chatArchive { id } }
    }`,
    { start: ended.toISOString(), end: new Date(ended.getTime() + HOUR).toISOString() }
  )
  try {
    const page = await openThisWeek()
    const last = page.getByRole('region', { name: 'Last chat: Kindness in the comments' })
    assert.match((await last.textContent()) ?? '', /12 posts from 5 contributors/)
    assert.match((await last.textContent()) ?? '', /Recap\s*Not started/)
    await last.getByRole('button', { name: 'Draft the recap' }).click()
    await page.waitForURL(/\/admin\/posts\/[a-z0-9]+$/)

    const id = new URL(page.url()).pathname.split('/').at(-1)
    const { post } = await asAdmin('query ($id: ID!) { post(where: { id: $id }) { title kind status chatArchive { id } } }', { id })
    assert.deepEqual(post, { title: 'Recap: Kindness in the comments', kind: 'recap', status: 'draft', chatArchive: { id: topic.chatArchive.id } })
    await asAdmin('mutation ($id: ID!) { deletePost(where: { id: $id }) { id } }', { id })
    await page.context().close()
  } finally {
    await asAdmin('mutation ($id: ID!) { deleteTopicAnnouncement(where: { id: $id }) { id } }', { id: topic.id })
    await asAdmin('mutation ($id: ID!) { deleteChatArchive(where: { id: $id }) { id } }', { id: topic.chatArchive.id })
  }
})

test('an editor archives the last chat from This week with one click, sees X’s rate limit waited out, then its numbers', async () => {
  const { createTopicAnnouncement: topic } = await asAdmin<{ createTopicAnnouncement: { id: string } }>(
    'mutation ($start: DateTime!) { createTopicAnnouncement(data: { title: "Handovers that work", hashtag: "#mondayhealthchat", chatStart: $start, durationMinutes: 60, status: "published", host: "Monday Health Chat (@mhc_host)" }) { id } }',
    { start: finishedChat.start.toISOString() }
  )
  try {
    const page = await openThisWeek()
    const last = page.getByRole('region', { name: 'Last chat: Handovers that work' })
    assert.match((await last.textContent()) ?? '', /Archived\s*Not yet/)
    // X answers the first search with a rate limit: the desk shows the wait while the import runs.
    api.script.push('429')
    const archived = page.waitForResponse(response => response.request().postData()?.includes('DeskArchiveChat') === true)
    await last.getByRole('button', { name: 'Archive this chat from X' }).click()
    await last.getByRole('status').getByText(/X’s rate limit is reached: the next page comes in \d+ s/).waitFor()
    await archived
    await last.getByText(/24 posts from \d+ contributors/).waitFor()
    assert.equal(await last.getByRole('link', { name: 'See it on the site' }).first().getAttribute('href'), '/archives/handovers-that-work')
    assert.equal((await fetch(new URL('/archives/handovers-that-work', e2e.server.baseUrl))).status, 200, 'readers see the archive on the next request')
    await page.context().close()
  } finally {
    const { topicAnnouncement } = await asAdmin('query ($id: ID!) { topicAnnouncement(where: { id: $id }) { chatArchive { id } } }', { id: topic.id })
    await asAdmin('mutation ($id: ID!) { deleteTopicAnnouncement(where: { id: $id }) { id } }', { id: topic.id })
    if (topicAnnouncement.chatArchive) await asAdmin('mutation ($id: ID!) { deleteChatArchive(where: { id: $id }) { id } }', { id: topicAnnouncement.chatArchive.id })
  }
})

test('where Bluesky and Mastodon are not set up, This week names the settings posting and gathering need, and archiving waits for a ticked network', async () => {
  const topics = await asAdmin<{ next: { id: string }; last: { id: string } }>(
    `mutation ($next: DateTime!, $last: DateTime!) {
      next: createTopicAnnouncement(data: { title: "Shift swaps without stress", hashtag: "#mondayhealthchat", chatStart: $next, durationMinutes: 60, status: "published", networks: ["x", "bluesky", "mastodon"] }) { id }
      last: createTopicAnnouncement(data: { title: "Breaks that actually happen", hashtag: "#mondayhealthchat", chatStart: $last, durationMinutes: 60, status: "published", networks: ["x", "bluesky"] }) { id }
    }`,
    { next: new Date(Date.now() + 1.5 * HOUR).toISOString(), last: new Date(Date.now() - 1.5 * HOUR).toISOString() }
  )
  try {
    const page = await openThisWeek()
    // This site holds X's settings only (the local X API's): X can be posted to, the others say what they need.
    const next = page.getByRole('region', { name: 'Next chat: Shift swaps without stress' })
    await next.getByRole('button', { name: 'Post to X' }).waitFor()
    const said = (await next.textContent()) ?? ''
    assert.match(said, /Posted to Bluesky\s*Not yet\s*Posting needs BLUESKY_HANDLE, BLUESKY_APP_PASSWORD in the site’s settings\./)
    assert.match(said, /Posted to Mastodon\s*Not yet\s*Posting needs MASTODON_SERVER, MASTODON_ACCESS_TOKEN in the site’s settings\./)
    assert.equal(await next.getByRole('button', { name: /^Post to (Bluesky|Mastodon)$/ }).count(), 0)

    const last = page.getByRole('region', { name: 'Last chat: Breaks that actually happen' })
    const gather = last.getByRole('group', { name: 'Gather from' })
    const x = gather.getByRole('checkbox', { name: 'X' })
    await x.waitFor()
    assert.deepEqual(await gather.getByRole('checkbox').evaluateAll(boxes => boxes.map(box => [(box as HTMLInputElement).checked, (box as HTMLInputElement).disabled])), [
      [true, false],
      [false, true],
      [false, true],
    ])
    assert.match((await gather.textContent()) ?? '', /Bluesky \(needs BLUESKY_HANDLE, BLUESKY_APP_PASSWORD\)/)
    await x.focus()
    await page.keyboard.press('Space')
    const archive = last.getByRole('button', { name: /^Archive this chat/ })
    assert.equal(await archive.textContent(), 'Archive this chat')
    assert.equal(await archive.isDisabled(), true)
    await last.getByText('Tick a network to gather from.').waitFor()
    await page.keyboard.press('Space')
    assert.equal(await archive.textContent(), 'Archive this chat from X')
    assert.equal(await archive.isDisabled(), false)
    assert.equal(await last.getByText('Tick a network to gather from.').count(), 0)
    assert.deepEqual(await seriousAccessibilityViolations(page), [])
    await page.context().close()
  } finally {
    for (const { id } of [topics.next, topics.last]) await asAdmin('mutation ($id: ID!) { deleteTopicAnnouncement(where: { id: $id }) { id } }', { id })
  }
})

test('a contributor’s desk shows their drafts but no moderation or publishing', async () => {
  const contributor = await newUserSession(e2e.server, 'contributor')
  await graphql(e2e.server, 'mutation { createPost(data: { title: "Notes on evening cover" }) { id } }', { cookie: contributor.cookie })
  const { page } = await openPage(e2e.browser, e2e.server.baseUrl, { sessionCookie: contributor.cookie })
  await page.goto('/admin', { waitUntil: 'networkidle' })
  const drafts = page.getByRole('region', { name: 'Your drafts' })
  await drafts.getByRole('link', { name: 'Notes on evening cover' }).waitFor()
  assert.equal(await page.getByRole('navigation').getByRole('link', { name: /^Comments/ }).count(), 0)
  assert.equal(await page.getByRole('region', { name: 'Comments' }).count(), 0)
  assert.equal(await page.getByRole('button', { name: 'Post to X' }).count(), 0)
  await page.context().close()
})
