import assert from 'node:assert/strict'
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { after, test } from 'node:test'

import { SMTPServer } from 'smtp-server'

import type { Page } from 'playwright-core'

import { openPage } from '../support/browser'
import { graphql } from '../support/graphql'
import { useServerAndBrowser } from '../support/server'
import { adminSession } from '../support/session'

// A reader comments on the recap, with and without JavaScript; an editor approves it over the
// GraphQL API; the reader then sees it. Moderators are emailed through a local SMTP server. The minimum time before sending is switched off here
// (COMMENT_MIN_SECONDS=0) so the browser need not wait: tests/integration/comments.test.ts covers that rule.
// Only the first test comments on the recap; the others comment on posts of their own.

// A real SMTP server on loopback receives the moderators' notices.
const mail: { to: string; raw: string }[] = []
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, session, callback) {
    let raw = ''
    stream.on('data', chunk => (raw += chunk))
    stream.on('end', () => {
      mail.push({ to: session.envelope.rcptTo.map(rcpt => rcpt.address).join(','), raw })
      callback()
    })
  },
})
after(() => new Promise<void>(resolve => smtp.close(() => resolve())))

const e2e = useServerAndBrowser(async () => {
  smtp.listen(0, '127.0.0.1')
  await once(smtp.server, 'listening')
  const { port } = smtp.server.address() as AddressInfo
  return { env: { COMMENT_MIN_SECONDS: '0', SMTP_URL: `smtp://127.0.0.1:${port}`, MODERATOR_EMAIL: 'moderators@example.org' } }
})
const RECAP_SLUG = 'recap-answering-patients-in-public'
const RECAP = `/posts/${RECAP_SLUG}`

async function writeComment(page: Page, name: string, body: string) {
  await page.getByLabel('Name').fill(name)
  await page.getByLabel('Email (optional, never shown)').fill(`${name.toLowerCase().replace(/\W/g, '')}@example.org`)
  await page.getByLabel('Comment', { exact: true }).fill(body)
  await page.getByRole('button', { name: 'Send comment' }).click()
}

async function asAdmin<T = any>(query: string, variables: Record<string, unknown> = {}) {
  const { cookie } = await adminSession(e2e.server)
  return (await graphql<T>(e2e.server, query, { cookie, variables })).data
}

/** Approves what waits on the post, as a moderator would; the number approved. */
async function approvePending(postSlug: string) {
  const { comments } = await asAdmin<{ comments: { id: string }[] }>(
    'query($slug: String!) { comments(where: { status: { equals: "pending" }, post: { slug: { equals: $slug } } }) { id } }',
    { slug: postSlug }
  )
  await asAdmin('mutation($data: [CommentUpdateArgs!]!) { updateComments(data: $data) { id } }', {
    data: comments.map(comment => ({ where: { id: comment.id }, data: { status: 'approved' } })),
  })
  return comments.length
}

/** A published post nobody has commented on. */
async function newPost(title: string) {
  const { createPost } = await asAdmin<{ createPost: { id: string; slug: string } }>('mutation($data: PostCreateInput!) { createPost(data: $data) { id slug } }', {
    data: { title, status: 'published', body: 'Tell us how your team answers.' },
  })
  return createPost
}

test('without JavaScript: the comment is held, then shown once approved', async () => {
  const { page } = await openPage(e2e.browser, e2e.server.baseUrl, { javaScript: false })
  const mailBefore = mail.length
  await page.goto(RECAP)
  await writeComment(page, 'Noor Without Script', 'We answer within the hour *most* days.')
  await page.waitForURL(/notice=pending/)
  assert.match((await page.getByRole('status').textContent()) ?? '', /will appear once a moderator has read it/)
  assert.equal(await page.getByText('We answer within the hour').count(), 0)
  const sent = mail.slice(mailBefore)
  assert.equal(sent.length, 1)
  assert.equal(sent[0].to, 'moderators@example.org')
  assert.match(sent[0].raw, /Subject: =\?UTF-8\?Q\?Comment_waiting_on_=E2=80=9CRecap=3A_ans/)
  assert.match(sent[0].raw, /We answer within the hour \*most\* days\./)

  assert.equal(await approvePending(RECAP_SLUG), 1)
  await page.goto(RECAP)
  assert.ok(await page.locator('.comment', { hasText: 'Noor Without Script' }).isVisible())
  assert.equal(await page.locator('.comment em').textContent(), 'most')
  await page.goto('/recaps')
  assert.equal(await page.getByRole('link', { name: '1 comment' }).getAttribute('href'), `${RECAP}#comments`)
  await page.context().close()
})

test('with JavaScript: a refused comment keeps what the reader typed, and a reply nests under its parent', async () => {
  const post = await newPost('How fast do you answer at night?')
  await asAdmin('mutation($data: CommentCreateInput!) { createComment(data: $data) { id } }', {
    data: { post: { connect: { id: post.id } }, authorName: 'Noor Without Script', body: 'We answer within the hour *most* days.', status: 'approved' },
  })
  const { page, consoleErrors } = await openPage(e2e.browser, e2e.server.baseUrl)
  await page.goto(`/posts/${post.slug}`, { waitUntil: 'networkidle' })
  const tooManyLinks = 'See https://a.example https://b.example https://c.example https://d.example'
  await writeComment(page, 'Sam With Script', tooManyLinks)
  await page.getByText('Please include at most 3 links.').waitFor()
  assert.equal(await page.getByLabel('Comment', { exact: true }).inputValue(), tooManyLinks)
  assert.equal(await page.getByLabel('Name').inputValue(), 'Sam With Script')

  await page.getByRole('link', { name: 'Reply to Noor Without Script' }).click()
  await page.getByRole('heading', { name: 'Reply to Noor Without Script' }).waitFor()
  await page.getByLabel('Comment', { exact: true }).fill('Same here, with a rota.')
  await page.getByRole('button', { name: 'Send comment' }).click()
  await page.waitForURL(/notice=pending/)
  assert.equal(await approvePending(post.slug), 1)
  await page.goto(`/posts/${post.slug}`, { waitUntil: 'networkidle' })
  assert.ok(await page.locator('.comment .replies .comment', { hasText: 'Same here, with a rota.' }).isVisible())
  assert.deepEqual(consoleErrors.filter(error => !error.startsWith('Failed to load resource')), [])
  await page.context().close()
})

test('a comment with a patient’s NHS number is held, and the reader is told why', async () => {
  const post = await newPost('What made a hospital visit easier?')
  const { page } = await openPage(e2e.browser, e2e.server.baseUrl)
  await page.goto(`/posts/${post.slug}`, { waitUntil: 'networkidle' })
  await writeComment(page, 'Kind Relative', 'My dad (NHS number 943 476 5919) was helped so quickly')
  await page.waitForURL(/notice=held/)
  assert.match((await page.getByRole('status').textContent()) ?? '', /seems to include a patient’s details/)
  await page.context().close()
})
