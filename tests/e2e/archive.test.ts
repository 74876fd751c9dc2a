import assert from 'node:assert/strict'
import path from 'node:path'
import { test } from 'node:test'

import { openPage } from '../support/browser'
import { runScript, scriptEnv } from '../support/cli'
import { useServerAndBrowser } from '../support/server'

// The seeded demo chat as readers meet it: on its archive page, and embedded in the recap.

// Hostile text arrives the way it would in real life: an editor imports a saved API page.
const HOSTILE_PAGE = path.join(import.meta.dirname, '..', 'fixtures', 'x-api', 'page-with-partial-errors.json')
async function importHostileChat(databaseFile: string) {
  await runScript(
    'import',
    ['--hashtag', '#mondayhealthchat', '--start', '2026-11-30T12:00:00Z', '--end', '2026-11-30T13:00:00Z', '--slug', 'hostile', HOSTILE_PAGE],
    scriptEnv(`file:${databaseFile}`)
  )
}

const e2e = useServerAndBrowser({ prepare: importHostileChat })

test('the archive page shows statistics, a chart, questions with answers and links; the transcript has its own page', async () => {
  const { page, foreignRequests } = await openPage(e2e.browser, e2e.server.baseUrl)
  await page.goto('/archives/answering-patients-in-public', { waitUntil: 'networkidle' })
  const stat = (name: string) => page.locator('.stats div').filter({ has: page.locator('dt', { hasText: new RegExp(`^${name}$`) }) }).locator('dd').textContent()
  // 18 posts on X and 4 from Bluesky and Mastodon; Ade posted on X and Bluesky and counts once.
  assert.equal(await stat('Posts'), '22')
  assert.equal(await stat('Contributors'), '8')
  assert.deepEqual(await page.getByRole('table', { name: 'By network' }).getByRole('row').allInnerTexts(), [
    'Network\tPosts\tContributors\tReplies\tReposts\tQuotes',
    'X\t18\t6\t4\t1\t0',
    'Bluesky\t2\t2\t1\t–\t0',
    'Mastodon\t2\t1\t0\t0\t0',
  ])
  assert.equal(await page.getByRole('img', { name: 'Posts per minute during the chat' }).count(), 1)
  assert.deepEqual(await page.locator('.chat-question h3').allTextContents(), ['Q1', 'Q2', 'Q3'])
  // Four people answered Q1; the replies under two answers are their conversations, not answers.
  assert.equal(await page.locator('#q1 ~ p.meta').textContent(), '4 answers')
  assert.equal(await page.locator('#q1 ~ ol.chat-answers > li.chat-answer').count(), 4)
  const underSavedReply = page.locator('li.chat-answer', { has: page.locator('#post-1900000000000000007') }).locator('.chat-replies .chat-post')
  assert.deepEqual(await underSavedReply.evaluateAll(posts => posts.map(post => post.id)), ['post-1900000000000000008', 'post-1900000000000000009'])
  assert.deepEqual(await page.locator('.shared-links a').allTextContents(), ['nhs.uk/nhs-services', 'nhs.uk/nhs-services/urgent-and-emergency-care-services'])
  assert.equal(await page.locator('.transcript').count(), 0)
  await page.getByRole('link', { name: 'read the whole transcript' }).click()
  await page.waitForURL(/\/archives\/answering-patients-in-public\/transcript$/)
  assert.equal(await page.locator('.transcript .chat-post').count(), 22)
  // Each post names its network, and links its original there.
  const fromBluesky = page.locator('.transcript #post-bluesky-3demo19aaaa')
  assert.equal(await fromBluesky.locator('.chat-network').textContent(), 'Bluesky')
  assert.equal(await fromBluesky.locator('.chat-author a').getAttribute('href'), 'https://bsky.app/profile/ade-nurse.bsky.social/post/3demo19aaaa')
  assert.equal(await fromBluesky.getByRole('link', { name: 'nhs.uk/nhs-services' }).getAttribute('href'), 'https://www.nhs.uk/nhs-services/')
  // The saved-replies conversation nests three deep in the transcript.
  assert.equal(await page.locator('.transcript #post-1900000000000000009.depth-2').count(), 1)
  // A retweet shows its original whole, by its author, with who reposted it.
  const retweet = page.locator('.transcript #post-1900000000000000018')
  assert.equal(await retweet.locator('.chat-reposted-by').textContent(), 'Reposted by Ambulance Service News @ambulance_news')
  assert.equal(await retweet.locator('.chat-author strong').textContent(), 'Surgery comms')
  assert.match((await retweet.locator('.chat-text').textContent()) ?? '', /^A1 We use a saved reply .* #mondayhealthchat$/)
  // Links show where they go, not t.co; avatars are placeholders, so nothing loads from X.
  assert.equal(await page.locator('.transcript a[href^="https://t.co"]').count(), 0)
  assert.deepEqual(foreignRequests, [])
  await page.context().close()
})

test('the recap renders all three embed forms as real threads', async () => {
  const { page, foreignRequests } = await openPage(e2e.browser, e2e.server.baseUrl)
  await page.goto('/posts/recap-answering-patients-in-public', { waitUntil: 'networkidle' })
  const embeds = page.locator('.prose aside.chat-embed')
  assert.equal(await embeds.count(), 3)
  assert.equal(await embeds.nth(0).locator('.chat-embed-heading').textContent(), 'Q1 and its 4 answers')
  assert.equal(await embeds.nth(0).locator('.chat-post').count(), 8)
  assert.equal(await embeds.nth(0).locator('.chat-replies .chat-post').count(), 3)
  assert.equal(await embeds.nth(1).locator('.chat-embed-heading').textContent(), 'A thread from the chat')
  assert.deepEqual(await embeds.nth(1).locator('.chat-post').evaluateAll(posts => posts.map(post => post.id)), [
    'post-1900000000000000007',
    'post-1900000000000000008',
    'post-1900000000000000009',
  ])
  assert.equal(await embeds.nth(2).locator('.chat-embed-heading').textContent(), 'The chat’s first thread')
  assert.equal(await page.locator('iframe, script[src^="http"]').count(), 0)
  assert.deepEqual(foreignRequests, [])
  await page.context().close()
})

test('the archive is open data as JSON and CSV', async () => {
  const json = await (await fetch(new URL('/archives/answering-patients-in-public.json', e2e.server.baseUrl))).json()
  assert.equal(json.stats.posts, 22)
  assert.equal(json.stats.contributors, 8)
  assert.equal(json.questions.length, 3)
  assert.equal(typeof json.questions[0].postId, 'string')
  assert.deepEqual(json.questions[0].answers, [
    { id: '1900000000000000003', replies: [] },
    { id: '1900000000000000004', replies: [] },
    { id: '1900000000000000005', replies: ['1900000000000000006'] },
    { id: '1900000000000000007', replies: ['1900000000000000008', '1900000000000000009'] },
  ])
  // Shared on X and on Bluesky: one link, with everyone who shared it.
  assert.deepEqual(json.links[0], { url: 'https://nhs.uk/nhs-services', sharedBy: ['gp_comms', 'ade-nurse.bsky.social', 'patient_voice'], posts: 3 })
  assert.deepEqual(json.threads[0], ['1900000000000000002', '1900000000000000005', '1900000000000000006'])
  const csv = await (await fetch(new URL('/archives/answering-patients-in-public.csv', e2e.server.baseUrl))).text()
  const lines = csv.trim().split('\n')
  assert.equal(lines[0], 'id,posted_at,kind,in_reply_to_id,author_name,author_handle,text,media_alt_text,media_image_urls,url,reposted_by_handle,repost_of_id,platform,edited_at')
  assert.equal(lines.length, 23)
  assert.deepEqual(
    [...new Set(lines.slice(1).map(line => line.split(',').at(-2)))].sort(),
    ['bluesky', 'mastodon', 'x']
  )
})

test('HTML in imported names and posts shows as text and never runs', async () => {
  const { page, consoleErrors } = await openPage(e2e.browser, e2e.server.baseUrl)
  const dialogs: string[] = []
  page.on('dialog', dialog => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  await page.goto('/archives/hostile/transcript', { waitUntil: 'networkidle' })
  assert.ok(await page.getByText('Sam <script>alert(1)</script>').first().isVisible())
  assert.equal(await page.locator('.transcript script').count(), 0)
  assert.deepEqual(dialogs, [])
  assert.deepEqual(consoleErrors, [])
  // The long post shows whole, the image by its description.
  assert.ok(await page.getByText('not the target in the policy').first().isVisible())
  assert.ok(await page.getByText('A bar chart of reply times by weekday').first().isVisible())
  await page.context().close()
})

test('a topic page counts down with JavaScript, shows only the date without it, and offers calendar files', async () => {
  const withScript = await openPage(e2e.browser, e2e.server.baseUrl)
  await withScript.page.goto('/topics/measuring-what-matters', { waitUntil: 'networkidle' })
  assert.match((await withScript.page.locator('.countdown').textContent()) ?? '', /^Starts in \d+ (day|days|hour|hours)/)
  await withScript.page.context().close()

  const withoutScript = await openPage(e2e.browser, e2e.server.baseUrl, { javaScript: false })
  await withoutScript.page.goto('/topics/measuring-what-matters')
  assert.equal(await withoutScript.page.locator('.countdown').count(), 0)
  assert.match((await withoutScript.page.locator('.when time').textContent()) ?? '', /Monday, .* at 12:00 (GMT|BST)/)
  await withoutScript.page.context().close()

  const ics = await fetch(new URL('/topics/measuring-what-matters.ics', e2e.server.baseUrl))
  assert.equal(ics.headers.get('content-type'), 'text/calendar; charset=utf-8')
  assert.match(await ics.text(), /DTSTART;TZID=Europe\/London:\d{8}T120000/)
  const feed = await (await fetch(new URL('/calendar.ics', e2e.server.baseUrl))).text()
  assert.match(feed, /SUMMARY:#mondayhealthchat: Measuring what matters/)
})

test('a reader elsewhere sees the chat in their own zone once JavaScript runs', async () => {
  const { page } = await openPage(e2e.browser, e2e.server.baseUrl, { locale: 'en-US', timezoneId: 'America/New_York' })
  await page.goto('/topics/measuring-what-matters', { waitUntil: 'networkidle' })
  assert.match((await page.locator('.when time').textContent()) ?? '', /12:00 PM GMT/)
  assert.match((await page.locator('header .meta time').first().textContent()) ?? '', /7:00 AM EST/)
  await page.context().close()
})
