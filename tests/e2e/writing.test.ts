import assert from 'node:assert/strict'
import { test } from 'node:test'

import type { Locator, Page } from 'playwright-core'

import { openPage, seriousAccessibilityViolations } from '../support/browser'
import { graphql } from '../support/graphql'
import { useServerAndBrowser } from '../support/server'
import { newUserSession } from '../support/session'

// An editor writes with the Markdown editor (admin/fields/markdown/views.tsx): toolbar, shortcuts,
// Insert chat from the keyboard, and a preview that must be what readers get once published.

const e2e = useServerAndBrowser()

const ARCHIVE = 'answering-patients-in-public'

async function openEditor(path: string) {
  const editor = await newUserSession(e2e.server, 'editor')
  const watched = await openPage(e2e.browser, e2e.server.baseUrl, { sessionCookie: editor.cookie })
  // networkidle: the Admin UI renders on the client, and typing before it hydrates is lost.
  await watched.page.goto(path, { waitUntil: 'networkidle' })
  return { ...watched, editor }
}

/** Presses Tab until the element has the focus, as someone at the keyboard would. */
async function tabTo(page: Page, target: Locator, most = 15) {
  for (let presses = 0; presses < most; presses++) {
    if (await target.evaluate(element => element === document.activeElement)) return
    await page.keyboard.press('Tab')
  }
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200))
  throw new Error(`${String(target)} did not get the focus after ${most} presses of Tab; the focus is on ${focused}`)
}

/** A `.prose` body as the browser reads it, without the empty comments React puts between texts when streaming. */
function proseOf(page: Page, html: string) {
  return page.evaluate(source => {
    const document = new DOMParser().parseFromString(source, 'text/html')
    const prose = document.querySelector('.prose')
    if (!prose) return null
    const comments = document.createTreeWalker(prose, NodeFilter.SHOW_COMMENT)
    const found: Node[] = []
    while (comments.nextNode()) found.push(comments.currentNode)
    for (const comment of found) comment.parentNode?.removeChild(comment)
    return prose.outerHTML
  }, html)
}

test('an editor writes a recap with the toolbar, a shortcut and Insert chat, previews it, and the published page matches', async () => {
  const { page, consoleErrors } = await openEditor('/admin/posts/create')
  await page.getByLabel('Title').fill('What we learnt answering in public')
  await page.getByRole('radio', { name: 'Chat recap' }).click()

  const body = page.getByRole('textbox', { name: 'Body' })
  await body.click()
  await page.keyboard.type('What we learnt')
  const heading = page.getByRole('button', { name: 'Heading' })
  await heading.click()
  await page.keyboard.press('End')
  await page.keyboard.press('Enter')
  await page.keyboard.press('Enter')
  await page.keyboard.type('Replies were ')
  const bold = page.getByRole('button', { name: 'Bold' })
  assert.equal(await bold.getAttribute('aria-keyshortcuts'), 'Control+B Meta+B')
  assert.match((await bold.getAttribute('title')) ?? '', /Ctrl\+B/)
  // The shortcut selects a placeholder; typing replaces it.
  await page.keyboard.press('Control+B')
  await page.keyboard.type('fast')
  await page.keyboard.press('End')
  await page.keyboard.type('.')
  await page.keyboard.press('Enter')

  // Insert chat, from the keyboard only: the toolbar button, the archive search, three radio groups.
  await page.getByRole('button', { name: 'Insert chat…' }).focus()
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', { name: 'Insert chat' })
  await dialog.waitFor()
  const search = dialog.getByRole('searchbox', { name: 'Search archives' })
  await tabTo(page, search)
  await page.keyboard.type('patients in')
  const archive = dialog.getByRole('radio', { name: /^Answering patients in public/ })
  await archive.waitFor()
  await tabTo(page, archive)
  await page.keyboard.press('Space')
  assert.ok(await archive.isChecked())
  const oneQuestion = dialog.getByRole('radio', { name: 'One question' })
  await tabTo(page, dialog.getByRole('radio', { name: 'The whole chat' }))
  await page.keyboard.press('ArrowRight')
  assert.ok(await oneQuestion.isChecked())
  const q1 = dialog.getByRole('radio', { name: /^Q1 When a patient asks something personal/ })
  await tabTo(page, q1)
  await page.keyboard.press('Space')
  assert.ok(await q1.isChecked())
  await dialog.getByText(`Inserts ::chat[${ARCHIVE}#Q1] on its own line.`).waitFor()
  const insert = dialog.getByRole('button', { name: 'Insert', exact: true })
  await tabTo(page, insert)
  await page.keyboard.press('Enter')
  await dialog.waitFor({ state: 'detached' })

  const markdown = `## What we learnt\n\nReplies were **fast**.\n\n::chat[${ARCHIVE}#Q1]\n`
  assert.equal(await body.inputValue(), markdown)

  // Preview: a tab, reached with the arrow keys, drawn by the server.
  await page.getByRole('tab', { name: 'Write' }).focus()
  await page.keyboard.press('ArrowRight')
  assert.equal(await page.getByRole('tab', { name: 'Preview' }).getAttribute('aria-selected'), 'true')
  const preview = page.getByRole('region', { name: 'Preview, as readers will see it' })
  await preview.locator('aside.chat-embed').waitFor()
  assert.match((await preview.locator('aside.chat-embed').textContent()) ?? '', /Q1 and its \d+ answers/)
  const previewed = await proseOf(page, await preview.innerHTML())

  await page.getByRole('tab', { name: 'Preview' }).press('ArrowLeft')
  await page.getByRole('radio', { name: 'Published', exact: true }).click()
  await page.getByRole('button', { name: 'Create', exact: true }).click()
  await page.waitForURL(/\/admin\/posts\/[a-z0-9]+$/)

  const published = await page.request.get('/posts/what-we-learnt-answering-in-public', { headers: { 'Accept-Language': 'en-GB' } })
  assert.equal(published.status(), 200)
  const publishedProse = await proseOf(page, await published.text())
  assert.ok(previewed?.includes('<aside class="chat-embed"'), 'the preview draws the embed')
  assert.equal(previewed, publishedProse, 'the preview is the published body, embed included')
  assert.deepEqual(consoleErrors.filter(error => !error.includes('https://fonts.googleapis.com/') && !error.startsWith('Failed to load resource')), [])
  await page.context().close()
})

test('an image without alt text is named in the editor, and the save is refused', async () => {
  const { page, editor } = await openEditor('/admin/posts/create')
  await page.getByLabel('Title').fill('A chart with no description')
  await page.getByRole('textbox', { name: 'Body' }).fill('Our numbers:\n\n![](https://example.org/chart.png)\n')
  const message = 'Body cannot be saved yet: The image on line 3 (https://example.org/chart.png) has no alt text.'
  await page.getByText(message).waitFor()

  const refused = page.waitForResponse(response => response.url().endsWith('/api/graphql') && response.request().postData()?.includes('createPost') === true)
  await page.getByRole('button', { name: 'Create', exact: true }).click()
  await refused
  await page.getByText(/Body: The image on line 3 \(https:\/\/example.org\/chart.png\) has no alt text/).first().waitFor()
  assert.match(page.url(), /\/admin\/posts\/create$/)
  const { data } = await graphql<{ postsCount: number }>(e2e.server, '{ postsCount(where: { title: { equals: "A chart with no description" } }) }', { cookie: editor.cookie })
  assert.equal(data.postsCount, 0)
  await page.context().close()
})

test('visitors are refused the preview', async () => {
  const answer = await graphql(e2e.server, 'query { deskMarkdownPreview(markdown: "::chat[answering-patients-in-public]") { html } }', { allowErrors: true })
  assert.equal(answer.data, null)
  assert.match(answer.errors?.[0]?.message ?? '', /Sign in to the Admin UI/)
  assert.doesNotMatch(answer.text, /chat-embed/)
})

test('the post edit page with the editor, its preview and its dialog has no serious accessibility violations', async () => {
  const { page, editor } = await openEditor('/admin/posts')
  const { data } = await graphql<{ posts: { id: string }[] }>(e2e.server, '{ posts(take: 1, where: { body: { contains: "::chat[" } }) { id } }', { cookie: editor.cookie })
  await page.goto(`/admin/posts/${data.posts[0].id}`, { waitUntil: 'networkidle' })
  await page.getByRole('textbox', { name: 'Body' }).waitFor()
  // The Admin UI's own frame is Keystone's; the editor is this project's.
  const editorOnly = { include: '[data-markdown-editor="body"]' }
  assert.deepEqual(await seriousAccessibilityViolations(page, editorOnly), [])

  await page.getByRole('tab', { name: 'Preview' }).click()
  await page.getByRole('region', { name: 'Preview, as readers will see it' }).locator('aside.chat-embed').first().waitFor()
  assert.deepEqual(await seriousAccessibilityViolations(page, editorOnly), [])

  await page.getByRole('tab', { name: 'Write' }).click()
  await page.getByRole('button', { name: 'Insert chat…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Insert chat' })
  await dialog.getByRole('radio', { name: /^Answering patients in public/ }).click()
  await dialog.getByRole('radio', { name: 'One thread' }).click()
  await dialog.getByRole('searchbox', { name: 'Search posts' }).fill('@gp_comms')
  await dialog.getByRole('radio', { name: /^Surgery comms @gp_comms: A1 We use a saved reply/ }).first().click()
  // The dialog as the editor meets it ready to insert: its accent button enabled (axe skips disabled controls).
  await dialog.getByRole('button', { name: 'Insert', exact: true, disabled: false }).waitFor()
  assert.deepEqual(await seriousAccessibilityViolations(page, { include: '[role="dialog"]' }), [])
  await page.keyboard.press('Escape')
  await dialog.waitFor({ state: 'detached' })
  await page.context().close()
})
