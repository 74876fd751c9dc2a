import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import { DEFAULT_SITE_SETTINGS } from '../../app/features/content/site-defaults'
import { openPage, seriousAccessibilityViolations } from '../support/browser'
import { useServerAndBrowser } from '../support/server'

// What a reader sees, in Chromium, on every kind of page of the seeded demo site.

const PAGES = [
  { kind: 'home', path: '/', expect: 'Latest posts, interviews and archives' },
  { kind: 'post', path: '/posts/a-home-for-the-monday-health-chat', expect: 'What you will find here' },
  { kind: 'recap', path: '/posts/recap-answering-patients-in-public', expect: 'Move it to a private channel, quickly' },
  { kind: 'interview', path: '/interviews/why-a-weekly-chat-a-conversation-with-one-of-our-hosts', expect: 'How did the chat begin?' },
  { kind: 'topic', path: '/topics/measuring-what-matters', expect: 'What one thing will you stop measuring?' },
  { kind: 'archive', path: '/archives/answering-patients-in-public', expect: 'never answer the clinical bit in public' },
  { kind: 'transcript', path: '/archives/answering-patients-in-public/transcript', expect: 'speed beats polish every time' },
  { kind: 'tag', path: '/tags/good-practice', expect: 'A home for the Monday Health Chat' },
  { kind: 'author', path: '/authors/priya-natarajan', expect: 'Hosts the chat most Mondays' },
  { kind: 'posts list', path: '/posts', expect: 'Recap: answering patients in public' },
  { kind: 'recaps list', path: '/recaps', expect: 'Recap: answering patients in public' },
  { kind: 'interviews list', path: '/interviews', expect: 'Why a weekly chat?' },
  { kind: 'topics list', path: '/topics', expect: 'Measuring what matters' },
  { kind: 'archives list', path: '/archives', expect: 'Answering patients in public' },
  { kind: 'about', path: '/about', expect: 'How a chat works' },
  { kind: 'search', path: '/search?q=patients', expect: 'Recap: answering patients in public' },
  { kind: '404', path: '/no-such-page', expect: 'Page not found' },
]

const e2e = useServerAndBrowser()

for (const { kind, path, expect } of PAGES) {
  describe(`the ${kind} page`, () => {
    test('shows its content and the disclaimer, with no errors and nothing from other sites', async () => {
      const { page, consoleErrors, foreignRequests, failedResponses } = await openPage(e2e.browser, e2e.server.baseUrl)
      const response = await page.goto(path, { waitUntil: 'networkidle' })
      assert.equal(response?.status(), kind === '404' ? 404 : 200)
      assert.ok(await page.getByText(expect).first().isVisible(), `"${expect}" is visible`)
      const disclaimer = page.locator('main footer.disclaimer')
      assert.equal((await disclaimer.textContent())?.trim(), DEFAULT_SITE_SETTINGS.disclaimer)
      assert.ok(await disclaimer.isVisible())
      // The 404 page's own status is the one failure allowed, and Chromium logs it as a console error.
      const expectedFailure = kind === '404' ? [`404 ${e2e.server.baseUrl}${path}`] : []
      assert.deepEqual(failedResponses, expectedFailure)
      assert.deepEqual(consoleErrors.filter(error => !error.startsWith('Failed to load resource')), [])
      assert.deepEqual(foreignRequests, [])
      await page.context().close()
    })

    test('works without JavaScript', async () => {
      const { page } = await openPage(e2e.browser, e2e.server.baseUrl, { javaScript: false })
      await page.goto(path)
      assert.ok(await page.getByText(expect).first().isVisible())
      assert.ok(await page.locator('main footer.disclaimer').isVisible())
      await page.context().close()
    })

    test('has no serious or critical accessibility violations, in light and dark mode', async () => {
      for (const colorScheme of ['light', 'dark'] as const) {
        const { page } = await openPage(e2e.browser, e2e.server.baseUrl)
        await page.emulateMedia({ colorScheme })
        await page.goto(path, { waitUntil: 'networkidle' })
        assert.deepEqual(await seriousAccessibilityViolations(page), [], `${colorScheme} mode`)
        await page.context().close()
      }
    })
  })
}

test('every kind of page is reachable from the home page by links alone', async () => {
  const seen = new Set<string>()
  const queue = ['/']
  while (queue.length > 0 && seen.size < 200) {
    const path = queue.shift()!
    if (seen.has(path)) continue
    seen.add(path)
    const html = await (await fetch(new URL(path, e2e.server.baseUrl))).text()
    for (const [, href] of html.matchAll(/<a [^>]*href="(\/[^"#]*)"/g)) {
      if (!href.startsWith('/admin') && !seen.has(href)) queue.push(href.replaceAll('&amp;', '&'))
    }
  }
  for (const prefix of ['/posts/', '/interviews/', '/topics/', '/archives/', '/tags/', '/authors/', '/about', '/recaps']) {
    assert.ok([...seen].some(path => path.startsWith(prefix)), `reached a page under ${prefix}`)
  }
})

test('the search box on every page finds published items and marks the matches', async () => {
  const { page } = await openPage(e2e.browser, e2e.server.baseUrl)
  await page.goto('/', { waitUntil: 'networkidle' })
  await page.getByRole('searchbox', { name: 'Search the site' }).fill('private channel')
  await page.getByRole('button', { name: 'Search' }).first().click()
  await page.waitForURL(/\/search\?q=private/)
  assert.equal(await page.locator('mark').first().textContent(), 'private channel')
  assert.ok(await page.getByRole('link', { name: /Recap: answering patients in public/ }).isVisible())
  await page.context().close()
})

test('drafts are on no page a reader can reach', async () => {
  const draftTitle = 'Draft: ideas for a summer chat series'
  for (const path of ['/', '/posts', '/search?q=summer', '/rss.xml', '/atom.xml', '/sitemap.xml', '/authors/priya-natarajan']) {
    const body = await (await fetch(new URL(path, e2e.server.baseUrl))).text()
    assert.ok(!body.includes(draftTitle) && !body.includes('summer-chat-series'), `no draft on ${path}`)
  }
  const draft = await fetch(new URL('/posts/draft-ideas-for-a-summer-chat-series', e2e.server.baseUrl))
  assert.equal(draft.status, 404)
})

test('the layout holds at 320 px wide without sideways scrolling', async () => {
  const { page } = await openPage(e2e.browser, e2e.server.baseUrl, { width: 320 })
  for (const path of ['/', '/archives/answering-patients-in-public', '/interviews/why-a-weekly-chat-a-conversation-with-one-of-our-hosts']) {
    await page.goto(path, { waitUntil: 'networkidle' })
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    assert.equal(overflow, 0, `${path} fits in 320 px`)
  }
  await page.context().close()
})
