import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'

import type { Page } from 'playwright-core'

import { DEFAULT_SITE_SETTINGS } from '../../app/lib/site-defaults'
import { closeBrowser, launchBrowser, type RecordedPage, type TestBrowser } from '../helpers/browser'
import { startServer, type RunningServer } from '../helpers/server'

// The production server (built Remix site + Keystone) on a fresh seeded database, driven by a real
// headless Chromium: what a reader sees, and an editor's round trip through the Admin UI.
// Needs the build (`npm run build`; `npm test` builds first).

const INTERVIEW_TITLE = 'Why a weekly chat? A conversation with one of our hosts'
const INTERVIEW_PATH = '/interviews/why-a-weekly-chat-a-conversation-with-one-of-our-hosts'
const DRAFT_PATH = '/posts/draft-ideas-for-a-summer-chat-series'

const NEW_POST = {
  title: 'Hello from the browser test',
  slug: 'hello-from-the-browser-test',
  body: [
    'This post was **written in Chromium** by an editor.',
    '',
    '## What it proves',
    '',
    '- the Admin UI saves a post',
    '- the site renders its Markdown',
  ].join('\n'),
}

/** Keystone's Admin UI asks Google Fonts for Inter (a Keystone default, not this project's pages). */
const ADMIN_UI_FONT_ORIGIN = 'https://fonts.googleapis.com'

let server: RunningServer
let browser: TestBrowser | undefined
const openPages: RecordedPage[] = []

async function openPage() {
  const recorded = await browser!.newPage()
  openPages.push(recorded)
  return recorded
}

/** The site-wide disclaimer, by its accessible name, with the default text from the settings. */
async function assertDisclaimerShown(page: Page) {
  const disclaimer = page.getByLabel('Disclaimer', { exact: true })
  assert.ok(await disclaimer.isVisible(), `the disclaimer is visible on ${page.url()}`)
  assert.equal((await disclaimer.textContent())?.trim(), DEFAULT_SITE_SETTINGS.disclaimer)
}

function assertNoErrors({ consoleErrors, pageErrors }: RecordedPage) {
  assert.deepEqual(pageErrors, [], 'no uncaught exceptions')
  assert.deepEqual(consoleErrors, [], 'no console errors')
}

describe('the site in a browser, for readers and editors', () => {
  before(async () => {
    server = await startServer()
    browser = await launchBrowser(server.baseUrl)
  })

  after(async () => {
    await Promise.all(openPages.map(recorded => recorded.close().catch(() => {})))
    await closeBrowser(browser)
    await server?.stop()
  })

  test('a reader opening the home page sees the disclaimer and the seeded interview, and nothing loads from elsewhere', async () => {
    const reader = await openPage()
    const response = await reader.page.goto('/')
    assert.equal(response?.status(), 200)
    await assertDisclaimerShown(reader.page)
    const interview = reader.page.getByRole('link', { name: INTERVIEW_TITLE, exact: true })
    assert.ok(await interview.isVisible(), 'the interview is linked from the home page')
    assert.equal(await interview.getAttribute('href'), INTERVIEW_PATH)
    // Everything the page asked for, scripts and styles included, has loaded by now.
    await reader.page.waitForLoadState('networkidle')
    assertNoErrors(reader)
    assert.deepEqual(reader.foreignRequests, [])
  })

  test('following the interview link shows its questions and answers and the disclaimer', async () => {
    const reader = await openPage()
    await reader.page.goto('/')
    await reader.page.getByRole('link', { name: INTERVIEW_TITLE, exact: true }).click()
    await reader.page.waitForURL(url => url.pathname === INTERVIEW_PATH)
    // Once hydrated, Remix navigates on the client: the address changes before the new page renders.
    await reader.page.getByRole('heading', { level: 1, name: INTERVIEW_TITLE }).waitFor()

    // One question-and-answer pair per seeded question, in order, each with its answer.
    const pairs = reader.page.locator('dl.qa > .qa-pair')
    assert.equal(await pairs.count(), 4)
    const first = pairs.first()
    assert.equal((await first.locator('dt').innerText()).replace(/\s+/g, ' ').trim(), 'Q How did the chat begin?')
    assert.match(await first.locator('dd').innerText(), /A handful of us kept having the same conversation/)
    assert.ok(await reader.page.getByText('What is it for?', { exact: true }).isVisible())
    await assertDisclaimerShown(reader.page)
    assertNoErrors(reader)
    assert.deepEqual(reader.foreignRequests, [])
  })

  test('a draft answers 404, and the not-found page still shows the disclaimer', async () => {
    const reader = await openPage()
    const response = await reader.page.goto(DRAFT_PATH)
    assert.equal(response?.status(), 404)
    assert.ok(await reader.page.getByRole('heading', { level: 1, name: 'Page not found' }).isVisible())
    assert.equal(await reader.page.getByText('ideas for a summer chat series').count(), 0, 'the draft title is not shown')
    await assertDisclaimerShown(reader.page)
    // Chromium reports the document's own 404 status as a console error; nothing else may fail.
    assert.deepEqual(
      reader.consoleErrors.filter(error => !error.includes('status of 404')),
      []
    )
    assert.deepEqual(reader.pageErrors, [])
  })

  test('an editor signs in, publishes a post in the Admin UI, and readers see it rendered', async () => {
    const editor = await openPage()
    const { page } = editor

    // The sign-in form is rendered in the browser, so it can be typed into as soon as it appears.
    await page.goto('/admin/signin')
    await page.getByRole('textbox', { name: 'Email', exact: true }).pressSequentially(server.adminEmail)
    await page.getByRole('textbox', { name: 'Password', exact: true }).pressSequentially(server.adminPassword)
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await page.waitForURL(url => url.pathname === '/admin' || url.pathname === '/admin/')

    await page.goto('/admin/posts/create')
    // The Admin UI renders in the browser; its (visually hidden) page heading marks the form as ready.
    await page.getByRole('heading', { name: 'Create Post', exact: true }).waitFor({ state: 'attached' })
    const title = page.getByRole('textbox', { name: 'Title', exact: true })
    await title.pressSequentially(NEW_POST.title)
    const body = page.getByRole('textbox', { name: 'Body', exact: true })
    await body.fill(NEW_POST.body)
    const published = page.getByRole('radiogroup', { name: 'Status' }).getByRole('radio', { name: 'Published', exact: true })
    await published.click()
    assert.equal(await title.inputValue(), NEW_POST.title)
    assert.equal(await body.inputValue(), NEW_POST.body)
    assert.equal(await published.getAttribute('aria-checked'), 'true')

    const saved = page.waitForResponse(
      response => new URL(response.url()).pathname === '/api/graphql' && /\bcreate_?Post\b|createPost/.test(response.request().postData() ?? '')
    )
    await page.getByRole('button', { name: 'Create', exact: true }).click()
    const result = (await (await saved).json()) as { errors?: { message: string }[] }
    assert.equal(result.errors, undefined, `the post was saved: ${JSON.stringify(result.errors)}`)
    // Keystone moves on to the new item's page once it has it.
    await page.waitForURL(url => /^\/admin\/posts\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith('/create'))

    // Keystone's own Admin UI loads a web font from Google; nothing else may come from elsewhere.
    assert.deepEqual(editor.foreignRequests.filter(request => !request.includes(`${ADMIN_UI_FONT_ORIGIN}/`)), [])
    assert.deepEqual(editor.pageErrors, [])

    // A reader, in a separate browser context with no session, finds it on the home page.
    const reader = await openPage()
    await reader.page.goto('/')
    const link = reader.page.getByRole('link', { name: NEW_POST.title, exact: true })
    assert.ok(await link.isVisible(), 'the new post is listed on the home page')
    await link.click()
    await reader.page.waitForURL(url => url.pathname === `/posts/${NEW_POST.slug}`)
    await reader.page.getByRole('heading', { level: 1, name: NEW_POST.title }).waitFor()
    const article = reader.page.locator('article.post .prose')
    assert.equal(await article.locator('strong').innerText(), 'written in Chromium')
    assert.ok(await article.getByRole('heading', { level: 2, name: 'What it proves' }).isVisible())
    assert.deepEqual(await article.getByRole('listitem').allInnerTexts(), ['the Admin UI saves a post', 'the site renders its Markdown'])
    assert.equal(await reader.page.getByText('**written in Chromium**').count(), 0, 'no raw Markdown is shown')
    await assertDisclaimerShown(reader.page)
    assertNoErrors(reader)
    assert.deepEqual(reader.foreignRequests, [])
  })
})
