import assert from 'node:assert/strict'
import { test } from 'node:test'

import type { Page } from 'playwright-core'

import { openPage } from '../support/browser'
import { useServerAndBrowser } from '../support/server'
import { newUserSession } from '../support/session'

// An editor's round trip through the real Admin UI: sign in, write, publish, and see it on the site.
// The one test of signing in through the Admin UI's form; other browser tests that need a session
// are given a cookie (tests/support/session.ts), as the last test here does.

const e2e = useServerAndBrowser()

/** Types into the real sign-in form, once the Admin UI has hydrated. */
async function signIn(page: Page, email: string, password: string) {
  await page.goto('/admin/signin', { waitUntil: 'networkidle' })
  await page.getByLabel('Email').fill(email)
  await page.getByRole('textbox', { name: 'Password' }).fill(password)
  const signedIn = page.waitForResponse(response => response.url().endsWith('/api/graphql') && response.request().postData()?.includes('KsAuthSignin') === true)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await signedIn
}

test('the Admin UI sends a signed-out visitor to the sign-in page', async () => {
  const { page } = await openPage(e2e.browser, e2e.server.baseUrl)
  await page.goto('/admin/posts')
  await page.waitForURL(/\/admin\/signin/)
  await page.getByRole('button', { name: 'Sign in' }).waitFor()
  await page.context().close()
})

test('a wrong password is refused', async () => {
  const { page } = await openPage(e2e.browser, e2e.server.baseUrl)
  await signIn(page, e2e.server.adminEmail, 'not the password at all')
  await page.goto('/admin/posts', { waitUntil: 'networkidle' })
  assert.match(page.url(), /\/admin\/signin/)
  await page.context().close()
})

test('an editor signs in, publishes a post, and readers see it on the site', async () => {
  const { page, consoleErrors } = await openPage(e2e.browser, e2e.server.baseUrl)
  await signIn(page, e2e.server.adminEmail, e2e.server.adminPassword)
  await page.waitForURL(url => url.pathname === '/admin' || url.pathname === '/admin/')

  // networkidle: the Admin UI renders on the client, and typing before it hydrates is lost.
  await page.goto('/admin/posts/create', { waitUntil: 'networkidle' })
  await page.getByLabel('Title').fill('Hello from the browser test')
  await page.getByLabel('Excerpt').fill('Written and published through the Admin UI.')
  await page.getByLabel('Body').fill('This post was **published by a test** in Chromium.\n\n## A section\n\nWith a [link to the NHS](https://www.nhs.uk/).')
  await page.getByRole('radio', { name: 'Published', exact: true }).click()
  await page.getByRole('button', { name: 'Create', exact: true }).click()
  await page.waitForURL(/\/admin\/posts\/[a-z0-9]+$/)

  const reader = await openPage(e2e.browser, e2e.server.baseUrl)
  await reader.page.goto('/')
  const link = reader.page.getByRole('link', { name: 'Hello from the browser test' })
  assert.ok(await link.isVisible(), 'the new post is listed on the home page')
  await link.click()
  await reader.page.waitForURL(/\/posts\/hello-from-the-browser-test$/)
  assert.equal(await reader.page.locator('.prose strong').textContent(), 'published by a test')
  assert.equal(await reader.page.locator('.prose h2').getAttribute('id'), 'a-section')
  assert.equal(await reader.page.getByRole('link', { name: 'link to the NHS' }).getAttribute('rel'), 'noopener noreferrer')
  // Keystone's Admin UI asks fonts.googleapis.com for a font; the Content-Security-Policy refuses
  // it, and that refusal is the only console error allowed on the editor's side.
  assert.deepEqual(consoleErrors.filter(error => !error.includes('https://fonts.googleapis.com/') && !error.startsWith('Failed to load resource')), [])
  assert.deepEqual(reader.foreignRequests, [])
  await reader.page.context().close()
  await page.context().close()
})

test('a browser given a minted session cookie is signed in to the Admin UI', async () => {
  const editor = await newUserSession(e2e.server, 'editor')
  const { page } = await openPage(e2e.browser, e2e.server.baseUrl, { sessionCookie: editor.cookie })
  await page.goto('/admin/posts', { waitUntil: 'networkidle' })
  assert.equal(new URL(page.url()).pathname, '/admin/posts')
  await page.getByRole('button', { name: 'Sign out' }).waitFor()
  await page.context().close()
})
