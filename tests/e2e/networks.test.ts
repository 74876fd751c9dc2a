import assert from 'node:assert/strict'
import { after, test } from 'node:test'

import ICAL from 'ical.js'

import { openPage, seriousAccessibilityViolations } from '../support/browser'
import { blueskyChat } from '../support/bluesky-chat'
import { startFakeBluesky, type FakeBluesky } from '../support/fake-bluesky'
import { sampleMastodonChat, startFakeMastodon, type FakeMastodon } from '../support/fake-mastodon'
import { startFakeXApi, type FakeXApi } from '../support/fake-x-api'
import { graphql } from '../support/graphql'
import { useServerAndBrowser } from '../support/server'
import { newUserSession } from '../support/session'
import { syntheticChat } from '../support/synthetic-chat'

// The community meets on X, Bluesky and Mastodon: an editor gathers last week's chat from all
// three from "This week", with the keyboard, and announces the next one on each; readers see one
// archive with each network's numbers, and where the announcement was posted.

const bluesky = blueskyChat()
const mastodon = sampleMastodonChat(bluesky.start)
const x = syntheticChat({ posts: 12, seed: 21, start: bluesky.start, idBase: 1_990_000_000_000_000_000n })
let xApi: FakeXApi
let blueskyServer: FakeBluesky
let nhsSocial: FakeMastodon
let mastodonSocial: FakeMastodon

const e2e = useServerAndBrowser(async () => {
  xApi = await startFakeXApi({ pages: x.pages, users: x.users })
  blueskyServer = await startFakeBluesky({ posts: bluesky.posts })
  nhsSocial = await startFakeMastodon({ domain: 'nhs.social', statuses: mastodon.servers['nhs.social'] })
  mastodonSocial = await startFakeMastodon({ domain: 'mastodon.social', statuses: mastodon.servers['mastodon.social'] })
  return {
    env: {
      ...xApi.env,
      ...blueskyServer.env,
      ...nhsSocial.env,
      MASTODON_SERVERS: `${nhsSocial.origin} ${mastodonSocial.origin}`,
      // Only this chat is "last week's": no demo chat is more recent.
      SEED_DEMO_CONTENT: 'false',
    },
  }
})
after(() => Promise.all([xApi?.stop(), blueskyServer?.stop(), nhsSocial?.stop(), mastodonSocial?.stop()]))

async function asAdmin<T = any>(query: string, variables: Record<string, unknown> = {}) {
  const admin = await newUserSession(e2e.server, 'admin')
  return (await graphql<T>(e2e.server, query, { cookie: admin.cookie, variables })).data
}

test('an editor gathers the last chat from X, Bluesky and Mastodon with the keyboard, and readers see one archive', async () => {
  await asAdmin(
    'mutation ($start: DateTime!) { createTopicAnnouncement(data: { title: "Sleep and shift work", hashtag: "#mondayhealthchat", chatStart: $start, durationMinutes: 60, status: "published", host: "Monday Health Chat (@mondayhealthchat.bsky.social, @nhschat@nhs.social)" }) { id } }',
    { start: bluesky.start.toISOString() }
  )
  const editor = await newUserSession(e2e.server, 'editor')
  const { page } = await openPage(e2e.browser, e2e.server.baseUrl, { sessionCookie: editor.cookie })
  await page.goto('/admin', { waitUntil: 'networkidle' })
  const last = page.getByRole('region', { name: 'Last chat: Sleep and shift work' })
  // The topic met on X alone until now; every network is set up on this site, so each is offered.
  const gather = last.getByRole('group', { name: 'Gather from' })
  await gather.getByRole('checkbox', { name: 'Mastodon' }).waitFor()
  assert.deepEqual(await gather.getByRole('checkbox').evaluateAll(boxes => boxes.map(box => [(box as HTMLInputElement).checked, (box as HTMLInputElement).disabled])), [
    [true, false],
    [false, false],
    [false, false],
  ])
  await gather.getByRole('checkbox', { name: 'X' }).focus()
  await page.keyboard.press('Tab')
  await page.keyboard.press('Space')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Space')
  await page.keyboard.press('Tab')
  const archive = last.getByRole('button', { name: 'Archive this chat from X, Bluesky and Mastodon' })
  assert.equal(await archive.evaluate(button => button === document.activeElement), true)
  const archived = page.waitForResponse(response => response.request().postData()?.includes('DeskArchiveChat') === true)
  await page.keyboard.press('Enter')
  assert.equal((await (await archived).json()).errors, undefined)
  await last.getByText(/\d+ posts from \d+ contributors/).waitFor()
  assert.deepEqual(await seriousAccessibilityViolations(page), [])
  // The choice was this archive's: the topic still says where it meets.
  const { topicAnnouncements } = await asAdmin<{ topicAnnouncements: { networks: string[] }[] }>('{ topicAnnouncements(where: { slug: { equals: "sleep-and-shift-work" } }) { networks } }')
  assert.deepEqual(topicAnnouncements[0].networks, ['x'])

  const reader = await openPage(e2e.browser, e2e.server.baseUrl)
  await reader.page.goto('/archives/sleep-and-shift-work')
  const table = reader.page.getByRole('table', { name: 'By network' })
  assert.deepEqual(await table.getByRole('rowheader').allTextContents(), ['X', 'Bluesky', 'Mastodon'])
  await reader.page.getByText('Bluesky’s search does not return reposts').waitFor()
  // Q1 was asked on Mastodon, Q2 on Bluesky: each shown with its network and a link to the original.
  const q2 = reader.page.getByRole('region', { name: 'Q2' })
  assert.equal(await q2.locator('.chat-question-post .chat-network').textContent(), 'Bluesky')
  assert.match((await q2.locator('.chat-question-post a[href^="https://bsky.app/profile/"]').first().getAttribute('href')) ?? '', /\/post\//)
  assert.deepEqual(reader.consoleErrors, [])
  await reader.page.context().close()
  await page.context().close()
})

test('an editor announces the next chat on Bluesky and Mastodon from This week, and its page links both posts', async () => {
  const next = new Date(Date.now() + 3 * 24 * 60 * 60 * 1000)
  const { createTopicAnnouncement: topic } = await asAdmin<{ createTopicAnnouncement: { slug: string } }>(
    'mutation ($start: DateTime!) { createTopicAnnouncement(data: { title: "Rest between shifts", hashtag: "#mondayhealthchat", chatStart: $start, durationMinutes: 60, status: "published", networks: ["x", "bluesky", "mastodon"] }) { slug } }',
    { start: next.toISOString() }
  )
  const editor = await newUserSession(e2e.server, 'editor')
  const { page } = await openPage(e2e.browser, e2e.server.baseUrl, { sessionCookie: editor.cookie })
  await page.goto('/admin', { waitUntil: 'networkidle' })
  const nextChat = page.getByRole('region', { name: 'Next chat: Rest between shifts' })
  for (const network of ['Bluesky', 'Mastodon']) {
    const post = nextChat.getByRole('button', { name: `Post to ${network}` })
    await post.focus()
    const posted = page.waitForResponse(response => response.request().postData()?.includes(`DeskPostTopicTo${network}`) === true)
    await page.keyboard.press('Enter')
    assert.equal((await (await posted).json()).errors, undefined)
    await nextChat.getByRole('link', { name: `See the post on ${network}` }).waitFor()
  }
  assert.equal(blueskyServer.posted.length, 1)
  assert.match(blueskyServer.posted[0].record.text, /Rest between shifts/)
  assert.equal(nhsSocial.posted.length, 1)
  await page.context().close()

  const reader = await openPage(e2e.browser, e2e.server.baseUrl)
  await reader.page.goto(`/topics/${topic.slug}`)
  const announced = reader.page.locator('.announced-on')
  assert.deepEqual(await announced.getByRole('link').allTextContents(), ['Bluesky', 'Mastodon'])
  assert.equal(await announced.getByRole('link', { name: 'Mastodon' }).getAttribute('href'), nhsSocial.posted[0].url)
  const join = reader.page.getByRole('region', { name: 'How to join' })
  assert.deepEqual(await join.getByRole('link').allTextContents(), ['#mondayhealthchat on X', '#mondayhealthchat on Bluesky', '#mondayhealthchat on Mastodon'])
  // Search engines and calendars are told of every network too.
  assert.equal(await reader.page.locator('meta[name="description"]').getAttribute('content'), 'A one-hour chat under #mondayhealthchat on X, Bluesky and Mastodon.')
  const event = JSON.parse((await reader.page.locator('script[type="application/ld+json"]').textContent()) ?? '{}')
  assert.deepEqual(
    event.location.map((place: { name: string; url: string }) => [place.name, place.url]),
    await join.getByRole('link').evaluateAll(links => links.map(link => [link.textContent, (link as HTMLAnchorElement).href]))
  )
  const calendar = new ICAL.Component(ICAL.parse(await (await fetch(new URL(`/topics/${topic.slug}.ics`, e2e.server.baseUrl))).text()))
  const chat = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!)
  assert.match(chat.description, /^A one-hour chat under #mondayhealthchat on X, Bluesky and Mastodon\.\nFollow on X: https:\/\/x\.com\/search\?q=%23mondayhealthchat&f=live\nFollow on Bluesky: /)
  assert.equal(chat.location, new URL(`/topics/${topic.slug}`, e2e.server.baseUrl).href)
  await reader.page.context().close()
})
