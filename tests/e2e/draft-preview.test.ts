import assert from 'node:assert/strict'
import { test } from 'node:test'

import { previewToken } from '../../app/features/content/preview.server'
import { openPage, seriousAccessibilityViolations } from '../support/browser'
import { graphql } from '../support/graphql'
import { useServerAndBrowser } from '../support/server'
import { newUserSession } from '../support/session'

// Draft preview from the desk: the real page of a draft for the team, and a private link for
// someone outside it, never cached nor indexed; and what everyone else gets at those addresses.

const e2e = useServerAndBrowser()

const DRAFT_TITLE = 'Draft: what we learned from the flu clinic'

async function createDraft(cookie: string, title = DRAFT_TITLE) {
  const { data } = await graphql<{ createPost: { id: string; slug: string } }>(e2e.server, 'mutation($data: PostCreateInput!) { createPost(data: $data) { id slug } }', {
    cookie,
    variables: { data: { title, excerpt: 'Not out yet.', body: 'The clinic ran **four** Saturdays.', status: 'draft' } },
  })
  return data.createPost
}

const get = (path: string, cookie?: string) => fetch(new URL(path, e2e.server.baseUrl), { headers: cookie ? { Cookie: cookie } : {} })

/** What every preview answer must carry, whoever asks. */
function assertPrivateAndUnindexed(response: Response) {
  assert.equal(response.headers.get('cache-control'), 'private, no-store')
  assert.equal(response.headers.get('x-robots-tag'), 'noindex')
  assert.equal(response.headers.get('surrogate-key'), null)
  assert.equal(response.headers.get('cache-tag'), null)
}

test('an editor previews a draft from its page in the desk, and sees the real page with a draft banner', async () => {
  const editor = await newUserSession(e2e.server, 'editor')
  const draft = await createDraft(editor.cookie)
  const { page, consoleErrors } = await openPage(e2e.browser, e2e.server.baseUrl, { sessionCookie: editor.cookie })
  await page.goto(`/admin/posts/${draft.id}`, { waitUntil: 'networkidle' })
  await page.getByText('Draft — not on the site').waitFor()

  const previewErrors: string[] = []
  page.context().on('console', message => {
    if (message.type() === 'error' && message.page() !== page) previewErrors.push(message.text())
  })
  const [preview] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('link', { name: 'Preview on the site' }).click()])
  await preview.waitForLoadState()
  assert.equal(new URL(preview.url()).pathname, `/posts/${draft.slug}`)
  assert.equal(await preview.getByRole('status').textContent(), 'Draft — only the team can see this')
  assert.equal(await preview.getByRole('heading', { level: 1 }).textContent(), DRAFT_TITLE)
  assert.equal(await preview.locator('meta[name="robots"]').getAttribute('content'), 'noindex')
  assert.deepEqual(await seriousAccessibilityViolations(preview), [])

  const response = await get(new URL(preview.url()).pathname + new URL(preview.url()).search, editor.cookie)
  assert.equal(response.status, 200)
  assertPrivateAndUnindexed(response)
  assert.deepEqual(previewErrors, [])
  // The Admin UI asks for a web font that the site's policy refuses (as in tests/e2e/editor.test.ts).
  assert.deepEqual(consoleErrors.filter(error => !error.includes('https://fonts.googleapis.com/')), [])
  await page.context().close()
})

test('signed out, the preview address of a draft is a 404 like its public address', async () => {
  const editor = await newUserSession(e2e.server, 'editor')
  const draft = await createDraft(editor.cookie, 'Draft: not for the public')
  for (const path of [`/posts/${draft.slug}?preview`, `/posts/${draft.slug}`, `/posts/${draft.slug}?preview=forged.token`]) {
    const response = await get(path)
    assert.equal(response.status, 404, path)
    assert.ok(!(await response.text()).includes('Draft: not for the public'), path)
  }
  assertPrivateAndUnindexed(await get(`/posts/${draft.slug}?preview`))
})

test('contributors preview their own drafts only', async () => {
  const editor = await newUserSession(e2e.server, 'editor')
  const contributor = await newUserSession(e2e.server, 'contributor')
  const theirs = await createDraft(contributor.cookie, 'Draft by a contributor')
  const editors = await createDraft(editor.cookie, 'Draft by an editor')
  assert.equal((await get(`/posts/${theirs.slug}?preview`, contributor.cookie)).status, 200)
  assert.equal((await get(`/posts/${editors.slug}?preview`, contributor.cookie)).status, 404)
  // Only editors make private links.
  const refused = await graphql(e2e.server, 'mutation($id: ID!) { createPreviewLink(list: "post", id: $id) { url } }', {
    cookie: contributor.cookie,
    variables: { id: theirs.id },
    allowErrors: true,
  })
  assert.match(refused.errors?.[0]?.message ?? '', /Only editors/)
})

test('an editor makes a private link that works signed out, and an expired one says so', async () => {
  const editor = await newUserSession(e2e.server, 'editor')
  const draft = await createDraft(editor.cookie, 'Draft: an interview to check')
  const { page } = await openPage(e2e.browser, e2e.server.baseUrl, { sessionCookie: editor.cookie })
  await page.goto(`/admin/posts/${draft.id}`, { waitUntil: 'networkidle' })
  await page.getByRole('button', { name: 'Make a private preview link' }).click()
  const field = page.getByLabel('Private preview link')
  await field.waitFor()
  const link = await field.inputValue()
  assert.match(link, new RegExp(`^${e2e.server.baseUrl}/posts/${draft.slug}\\?preview=post\\.`))
  await page.context().close()

  const visitor = await openPage(e2e.browser, e2e.server.baseUrl)
  const answer = await visitor.page.goto(link)
  assert.equal(answer?.status(), 200)
  assert.equal(await visitor.page.getByRole('status').textContent(), 'Draft — only the team can see this')
  assert.equal(await visitor.page.getByRole('heading', { level: 1 }).textContent(), 'Draft: an interview to check')
  assertPrivateAndUnindexed(await get(link))

  // Made as the desk makes them, but with an expiry a day past.
  const expired = `/posts/${draft.slug}?preview=${previewToken('post', draft.id, draft.slug, new Date(Date.now() - 24 * 60 * 60 * 1000), e2e.server.sessionSecret)}`
  const gone = await visitor.page.goto(expired)
  assert.equal(gone?.status(), 410)
  assert.equal(await visitor.page.getByRole('heading', { level: 1 }).textContent(), 'This preview link has expired')
  assert.ok(!(await visitor.page.content()).includes('Draft: an interview to check'))
  assertPrivateAndUnindexed(await get(expired))
  await visitor.page.context().close()
})

test("one draft's private link shows nothing at another item's address", async () => {
  const editor = await newUserSession(e2e.server, 'editor')
  const a = await createDraft(editor.cookie, 'Draft A: the link was made for me')
  const b = await createDraft(editor.cookie, 'Draft B: nobody was sent a link')
  const token = previewToken('post', a.id, a.slug, new Date(Date.now() + 24 * 60 * 60 * 1000), e2e.server.sessionSecret)
  assert.equal((await get(`/posts/${a.slug}?preview=${token}`)).status, 200, 'the link works at its own address')
  for (const path of [`/posts/${b.slug}?preview=${token}`, `/interviews/${a.slug}?preview=${token}`, `/topics/${a.slug}?preview=${token}`]) {
    const response = await get(path)
    assert.equal(response.status, 404, path)
    const html = await response.text()
    assert.ok(!html.includes('Draft A') && !html.includes('Draft B'), path)
    assertPrivateAndUnindexed(response)
  }
})
