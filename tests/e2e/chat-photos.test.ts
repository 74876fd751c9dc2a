import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { after, test } from 'node:test'
import { promisify } from 'node:util'

import type { Locator } from 'playwright-core'

import { openPage } from '../support/browser'
import { startFakeXApi, type FakeXApi } from '../support/fake-x-api'
import { graphql } from '../support/graphql'
import { useServerAndBrowser } from '../support/server'
import { adminSession } from '../support/session'
import { chatPhotoFiles, syntheticChat, withMedia } from '../support/synthetic-chat'

// A chat's photos as readers meet them: `npm run import` fetches the chat from a local server
// answering like the X API (trusted through NODE_EXTRA_CA_CERTS, as a staging server would be),
// saves the photos it serves, and the production server shows them from its own storage.

const chat = syntheticChat({ posts: 30, seed: 11, start: new Date('2026-11-09T12:00:00Z'), idBase: 1_970_000_000_000_000_000n })
const question = chat.posts[0]
const reply = chat.posts.find(post => post.referenced_tweets?.some(ref => ref.type === 'replied_to'))!
const gone = chat.posts.find(post => post !== question && post !== reply && !post.referenced_tweets)!
let api: FakeXApi

const e2e = useServerAndBrowser(async () => {
  api = await startFakeXApi({
    pages: origin =>
      withMedia(chat.pages, {
        [question.id]: { type: 'photo', url: `${origin}/media/chart.jpg`, alt_text: 'A bar chart of waiting times by month' },
        [reply.id]: { type: 'photo', url: `${origin}/media/slide.png` },
        [gone.id]: { type: 'photo', url: `${origin}/media/gone.jpg`, alt_text: 'A photo X no longer has' },
      }),
    users: chat.users,
    media: await chatPhotoFiles(),
  })
  return {
    env: api.env,
    prepare: async (databaseFile: string) => {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', 'scripts/import.ts', '--hashtag', '#mondayhealthchat', '--start', chat.start.toISOString(), '--end', chat.end.toISOString(), '--slug', 'photos-chat', '--search-recent'],
        { env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', DATABASE_URL: `file:${databaseFile}`, SESSION_SECRET: 'x'.repeat(40), ...api.env } }
      )
      assert.match(stdout, /2 photos archived \(2 downloaded in [\d.]+ s\), 1 could not be/)
    },
  }
})
after(() => api?.stop())

/** A photo drawn and loaded: from this site, in the newest format Chromium takes. */
async function assertShown(picture: Locator, alt: string) {
  const image = picture.locator('img')
  await image.scrollIntoViewIfNeeded()
  await image.evaluate((img: HTMLImageElement) => (img.complete ? undefined : new Promise(resolve => img.addEventListener('load', resolve, { once: true }))))
  const drawn = await image.evaluate((img: HTMLImageElement) => ({ alt: img.alt, loading: img.loading, width: img.naturalWidth, src: img.currentSrc }))
  assert.equal(drawn.alt, alt)
  assert.equal(drawn.loading, 'lazy')
  assert.ok(drawn.width > 0, 'the image loaded')
  assert.match(drawn.src, /\/images\/[\w-]+\/\d+\.avif$/)
}

test('the archive page, its transcript and an embed show the chat’s photos with their descriptions', async () => {
  const { page, foreignRequests, failedResponses } = await openPage(e2e.browser, e2e.server.baseUrl)
  const chartAlt = 'A bar chart of waiting times by month'
  const slideAuthor = chat.users.find(user => user.id === reply.author_id)!.username

  await page.goto('/archives/photos-chat')
  await assertShown(page.locator(`#post-${question.id} .chat-photo picture`), chartAlt)

  await page.goto('/archives/photos-chat/transcript')
  await assertShown(page.locator(`.transcript #post-${question.id} .chat-photo picture`), chartAlt)
  await assertShown(page.locator(`.transcript #post-${reply.id} .chat-photo picture`), `Image posted by @${slideAuthor}, no description given`)
  // X no longer had this one: its description stays, as text.
  assert.equal(await page.locator(`.transcript #post-${gone.id} picture`).count(), 0)
  assert.equal(await page.locator(`.transcript #post-${gone.id} .chat-media li`).textContent(), 'Image: A photo X no longer has')

  const { cookie } = await adminSession(e2e.server)
  const { data } = await graphql<{ createPost: { slug: string } }>(e2e.server, 'mutation($data: PostCreateInput!) { createPost(data: $data) { slug } }', {
    cookie,
    variables: { data: { title: 'What the chart showed', body: 'The first question.\n\n::chat[photos-chat#Q1]\n', status: 'published' } },
  })
  await page.goto(`/posts/${data.createPost.slug}`)
  await assertShown(page.locator(`aside.chat-embed #post-${question.id} .chat-photo picture`), chartAlt)

  assert.deepEqual(foreignRequests, [])
  assert.deepEqual(failedResponses, [])
  await page.context().close()
})
