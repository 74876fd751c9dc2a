import assert from 'node:assert/strict'
import { test } from 'node:test'

import type { Page } from 'playwright-core'

import { openPage, seriousAccessibilityViolations } from '../support/browser'
import { graphql } from '../support/graphql'
import { useServerAndBrowser } from '../support/server'
import { adminSession, newUserSession } from '../support/session'

// An editor works through the comments waiting at /admin/moderation (admin/pages/moderation.tsx):
// several at once, with the keyboard, and a reply as the team that readers then see marked as
// the team's. Comments are seeded over GraphQL, except the held one, which a reader sends through
// the site's form so that the site's own check holds it. COMMENT_MIN_SECONDS=0 lets the form
// be sent at once (tests/integration/comments.test.ts covers that rule).

const e2e = useServerAndBrowser({ env: { COMMENT_MIN_SECONDS: '0' } })

async function asAdmin<T = any>(query: string, variables: Record<string, unknown> = {}) {
  const { cookie } = await adminSession(e2e.server)
  return (await graphql<T>(e2e.server, query, { cookie, variables })).data
}

/** A published post nobody has commented on. */
async function newPost(title: string) {
  const { createPost } = await asAdmin<{ createPost: { id: string; slug: string } }>('mutation($data: PostCreateInput!) { createPost(data: $data) { id slug } }', {
    data: { title, status: 'published', body: 'Tell us how your team answers.' },
  })
  return createPost
}

/** Waiting comments on the post, one request each so that their times follow the order given. */
async function seedPending(postId: string, authors: string[]) {
  const ids: string[] = []
  for (const author of authors) {
    const { createComment } = await asAdmin<{ createComment: { id: string } }>('mutation($data: CommentCreateInput!) { createComment(data: $data) { id } }', {
      data: { post: { connect: { id: postId } }, authorName: author, body: `${author} says *hello*.`, status: 'pending' },
    })
    ids.push(createComment.id)
  }
  return ids
}

async function statuses(ids: string[]) {
  const { comments } = await asAdmin<{ comments: { id: string; status: string }[] }>('query($ids: [ID!]) { comments(where: { id: { in: $ids } }) { id status } }', { ids })
  return Object.fromEntries(comments.map(comment => [comment.id, comment.status]))
}

async function openModeration(role: 'editor' | 'contributor' = 'editor') {
  const { cookie } = await newUserSession(e2e.server, role)
  const watched = await openPage(e2e.browser, e2e.server.baseUrl, { sessionCookie: cookie })
  // networkidle: the Admin UI renders on the client, and a key pressed before it hydrates is lost.
  await watched.page.goto('/admin/moderation', { waitUntil: 'networkidle' })
  return watched
}

/** The list item of a waiting comment, found by its author's name (its heading). */
const waitingComment = (page: Page, author: string) => page.getByRole('listitem', { name: author, exact: true })

async function tick(page: Page, author: string) {
  const box = page.getByRole('checkbox', { name: `Select the comment by ${author}` })
  await box.focus()
  await page.keyboard.press('Space')
  assert.equal(await box.isChecked(), true, `${author}’s comment is selected`)
}

test('an editor approves three waiting comments at once, with the keyboard, and readers see them', async () => {
  const post = await newPost('What helps on a night shift?')
  const authors = ['Ada Early', 'Ben Middle', 'Cleo Late']
  const ids = await seedPending(post.id, authors)
  const { page, consoleErrors } = await openModeration()

  await waitingComment(page, 'Cleo Late').waitFor()
  const headings = await page.getByRole('heading', { level: 3 }).allTextContents()
  assert.deepEqual(
    headings.filter(name => authors.includes(name)),
    authors,
    'oldest first'
  )
  const first = waitingComment(page, 'Ada Early')
  assert.equal(await first.locator('em').textContent(), 'hello')
  assert.equal(await first.getByRole('link', { name: /read it on the site/ }).getAttribute('href'), `/posts/${post.slug}`)
  assert.match((await first.getByRole('link', { name: /open it in the desk/ }).getAttribute('href')) ?? '', new RegExp(`/admin/posts/${post.id}$`))
  // The page's own region: Keystone's frame around it (its <html> without lang, a separator <li>
  // in the navigation list) is the desk shell's to fix.
  assert.deepEqual(await seriousAccessibilityViolations(page), [])

  for (const author of authors) await tick(page, author)
  await page.getByRole('button', { name: 'Approve', exact: true }).focus()
  const approved = page.waitForResponse(response => response.url().endsWith('/api/graphql') && response.request().postData()?.includes('ModerateComments') === true)
  await page.keyboard.press('Enter')
  assert.equal((await approved).status(), 200)
  await page.getByRole('status').getByText('3 comments approved').waitFor()
  await waitingComment(page, 'Ada Early').waitFor({ state: 'detached' })
  assert.equal(await waitingComment(page, 'Cleo Late').count(), 0)
  assert.deepEqual(Object.values(await statuses(ids)), ['approved', 'approved', 'approved'])

  const reader = await openPage(e2e.browser, e2e.server.baseUrl)
  await reader.page.goto(`/posts/${post.slug}`)
  for (const author of authors) assert.ok(await reader.page.locator('.comment', { hasText: author }).isVisible(), `${author} is on the post`)
  await reader.page.context().close()
  assert.deepEqual(consoleErrors.filter(error => !error.includes('https://fonts.googleapis.com/') && !error.startsWith('Failed to load resource')), [])
  await page.context().close()
})

test('an editor marks several as spam, and deletes several after confirming', async () => {
  const post = await newPost('Which leaflets do patients keep?')
  const [spam1, spam2, keep, gone1, gone2] = await seedPending(post.id, ['Spammy One', 'Spammy Two', 'Kept Reader', 'Gone One', 'Gone Two'])
  const { page } = await openModeration()
  await waitingComment(page, 'Gone Two').waitFor()

  await tick(page, 'Spammy One')
  await tick(page, 'Spammy Two')
  await page.getByRole('button', { name: 'Mark as spam' }).click()
  await page.getByRole('status').getByText('2 comments marked as spam').waitFor()
  await waitingComment(page, 'Spammy One').waitFor({ state: 'detached' })

  await tick(page, 'Gone One')
  await tick(page, 'Gone Two')
  await page.getByRole('button', { name: 'Delete…' }).click()
  const dialog = page.getByRole('alertdialog', { name: 'Delete 2 comments?' })
  await dialog.waitFor()
  // Cancel first: nothing is deleted, and the selection stays.
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await dialog.waitFor({ state: 'detached' })
  assert.deepEqual(await statuses([gone1, gone2]), { [gone1]: 'pending', [gone2]: 'pending' })
  await page.getByRole('button', { name: 'Delete…' }).click()
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click()
  await page.getByRole('status').getByText('2 comments deleted').waitFor()
  await waitingComment(page, 'Gone One').waitFor({ state: 'detached' })

  assert.deepEqual(await statuses([spam1, spam2, keep, gone1, gone2]), { [spam1]: 'spam', [spam2]: 'spam', [keep]: 'pending' })
  assert.ok(await waitingComment(page, 'Kept Reader').isVisible())
  await page.context().close()
})

test('a comment held for a patient’s details says why', async () => {
  const post = await newPost('What made a ward visit easier?')
  const reader = await openPage(e2e.browser, e2e.server.baseUrl)
  await reader.page.goto(`/posts/${post.slug}`, { waitUntil: 'networkidle' })
  await reader.page.getByLabel('Name').fill('Worried Daughter')
  await reader.page.getByLabel('Comment', { exact: true }).fill('My mum (NHS number 943 476 5919) was seen quickly')
  await reader.page.getByRole('button', { name: 'Send comment' }).click()
  await reader.page.waitForURL(/notice=held/)
  await reader.page.context().close()

  const { page } = await openModeration()
  const held = waitingComment(page, 'Worried Daughter')
  await held.waitFor()
  assert.match((await held.getByText('Held because:').locator('..').textContent()) ?? '', /Held because:.*NHS number/i)
  await page.context().close()
})

test('an editor replies as the team: the comment is approved and the reply shown as the team’s', async () => {
  const post = await newPost('Do you answer questions about appointments?')
  const [question] = await seedPending(post.id, ['Asking Reader'])
  const { siteSettings } = await asAdmin<{ siteSettings: { siteName: string } }>('{ siteSettings { siteName } }')
  const { page } = await openModeration()
  const item = waitingComment(page, 'Asking Reader')
  await item.getByRole('button', { name: 'Reply as the team to Asking Reader' }).click()
  const box = page.getByRole('textbox', { name: 'Reply to Asking Reader as the team' })
  await box.fill('Yes: ask us *any* Monday.')
  await page.getByRole('button', { name: 'Send reply' }).click()
  await page.getByRole('status').getByText('Reply published; the comment by Asking Reader approved').waitFor()
  await item.waitFor({ state: 'detached' })
  assert.deepEqual(await statuses([question]), { [question]: 'approved' })

  const reader = await openPage(e2e.browser, e2e.server.baseUrl)
  await reader.page.goto(`/posts/${post.slug}`)
  const reply = reader.page.locator('.comment .replies .comment')
  assert.equal(await reply.locator('em').textContent(), 'any')
  assert.equal(await reply.locator('.team-badge').textContent(), `${siteSettings.siteName} team`)
  assert.equal(await reader.page.locator('.team-badge').count(), 1, 'only the team’s reply is marked')
  for (const colorScheme of ['light', 'dark'] as const) {
    await reader.page.emulateMedia({ colorScheme })
    assert.deepEqual(await seriousAccessibilityViolations(reader.page), [], `the badge in ${colorScheme} mode`)
  }
  await reader.page.context().close()
  await page.context().close()
})

test('select all approves everything waiting, and then nothing is waiting', async () => {
  const post = await newPost('What do you wish you had known?')
  await seedPending(post.id, ['Last One', 'Last Two'])
  const { page } = await openModeration()
  await waitingComment(page, 'Last Two').waitFor()
  const all = page.getByRole('checkbox', { name: 'Select all' })
  await all.focus()
  await page.keyboard.press('Space')
  assert.equal(await page.getByRole('checkbox', { name: /^Select the comment by / }).evaluateAll(boxes => boxes.every(box => (box as HTMLInputElement).checked)), true)
  await page.getByRole('button', { name: 'Approve', exact: true }).click()
  await page.getByRole('status').getByText(/comments? approved/).waitFor()
  await page.getByRole('heading', { name: 'Nothing waiting' }).waitFor()
  assert.deepEqual(await seriousAccessibilityViolations(page), [])
  await page.context().close()
})

test('a contributor is told that only editors moderate, and sees no comment', async () => {
  const post = await newPost('A post with a comment waiting')
  await seedPending(post.id, ['Hidden From Contributors'])
  const { page } = await openModeration('contributor')
  await page.getByText('Only editors moderate comments.').waitFor()
  assert.equal(await page.getByText('Hidden From Contributors').count(), 0)
  assert.equal(await page.getByRole('button', { name: 'Approve' }).count(), 0)
  await page.context().close()
})
