import assert from 'node:assert/strict'
import { test } from 'node:test'

import { openPage } from '../support/browser'
import { graphql } from '../support/graphql'
import { useServerAndBrowser } from '../support/server'
import { adminSession } from '../support/session'

// A reader's name may carry a right-to-left override (U+202E) that is never closed. Shown as it
// is, it would run on to the end of the line and reverse what follows: the time after the name
// would be drawn inside it. Isolated (<bdi>), it reorders its own letters only. Measured by where
// Chromium draws the text, and checked to be a measure that would see the harm.

const e2e = useServerAndBrowser()

const POST = '/posts/a-home-for-the-monday-health-chat'
const RLO = '\u202E'
const NAME = `Ana${RLO}evil`

async function approvedComment(authorName: string, body: string) {
  const { cookie } = await adminSession(e2e.server)
  const { data } = await graphql<{ post: { id: string } }>(e2e.server, 'query { post(where: { slug: "a-home-for-the-monday-health-chat" }) { id } }', { cookie })
  await graphql(e2e.server, 'mutation($data: CommentCreateInput!) { createComment(data: $data) { id } }', {
    cookie,
    variables: { data: { post: { connect: { id: data.post.id } }, authorName, body, status: 'approved' } },
  })
}

test('a comment name with a right-to-left override leaves the time after it in its place', async () => {
  await approvedComment(NAME, 'A plain comment.')
  const { page } = await openPage(e2e.browser, e2e.server.baseUrl)
  await page.goto(POST)
  const line = page.locator('.comment .chat-author').filter({ hasText: 'evil' })
  await line.waitFor()
  const measured = await line.evaluate(paragraph => {
    // The same line with the name not isolated, beside it: what the page would show without <bdi>.
    const bare = paragraph.cloneNode(true) as HTMLElement
    const bdi = bare.querySelector('strong bdi')!
    bdi.replaceWith(document.createTextNode(bdi.textContent ?? ''))
    paragraph.after(bare)
    // For each: whether the time is drawn wholly to the right of every letter of the name, as in a
    // left-to-right line. (No named helper: the test's compiler would wrap it in a function the page lacks.)
    const [isolated, notIsolated] = [paragraph, bare].map(root => {
      const range = document.createRange()
      range.selectNodeContents(root.querySelector('strong')!)
      const nameRight = Math.max(...[...range.getClientRects()].map(rect => rect.right))
      const timeLeft = Math.min(...[...root.querySelector('time')!.getClientRects()].map(rect => rect.left))
      return timeLeft >= nameRight
    })
    bare.remove()
    return { isolated, bare: notIsolated, hasBdi: paragraph.querySelector('strong > bdi')?.textContent }
  })
  assert.equal(measured.hasBdi, NAME)
  assert.equal(measured.bare, false, 'without isolation the override pulls the time into the name (the measure sees the harm)')
  assert.equal(measured.isolated, true, 'isolated, the time stays after the name')
  await page.context().close()
})

test('a comment body is a block of its own direction', async () => {
  await approvedComment('Body test', `${RLO}reversed words`)
  const { page } = await openPage(e2e.browser, e2e.server.baseUrl)
  await page.goto(POST)
  const body = page.locator('.comment .comment-body > div[dir="auto"]').filter({ hasText: 'reversed words' })
  assert.equal(await body.count(), 1)
  // Chromium isolates an element with a dir attribute from the text around it.
  assert.equal(await body.evaluate(element => getComputedStyle(element).unicodeBidi), 'isolate')
  await page.context().close()
})
