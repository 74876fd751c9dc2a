import assert from 'node:assert/strict'
import { afterEach, before, beforeEach, describe, test } from 'node:test'


import { CONFIDENTIALITY_NOTICE } from '../../app/domain/confidentiality'
import { getApprovedComments, prepareCommentForm, submitComment, type CommentTarget } from '../../app/features/comments/comments.server'
import type { Context } from '../../app/server/keystone.server'
import { renderCommentMarkdown } from '../../app/domain/markdown.server'
import { migratedContext } from '../support/database'

// Every rule a reader's comment meets, against a real database. Submissions are built the way
// the page builds them: a form rendered at one moment, sent some seconds later. (Posts from other
// sites are refused before a form is read: tests/e2e/cross-site-posts.test.ts.)
// Each test comments on a post of its own.

let context: Context
let target: CommentTarget
let ip = 0

before(async () => {
  context = await migratedContext()
  await context.sudo().db.SiteSettings.createOne({ data: {} })
})

beforeEach(async () => {
  const post = await context.sudo().db.Post.createOne({ data: { title: 'Recap with comments', status: 'published', kind: 'recap' } })
  target = { list: 'post', id: post.id }
})

async function send(
  fields: Record<string, string>,
  { secondsLater = 10, clientIp = `10.0.0.${++ip}`, tamper }: { secondsLater?: number; clientIp?: string; tamper?: (form: FormData) => void } = {}
) {
  const form = new FormData()
  for (const [key, value] of Object.entries({ ...prepareCommentForm(Date.now() - secondsLater * 1000), website: '', parentId: '', ...fields })) form.set(key, value)
  tamper?.(form)
  return submitComment(form, target, { clientIp })
}

const approve = (id: string) => context.sudo().db.Comment.updateOne({ where: { id }, data: { status: 'approved' } })
const latest = async () => (await context.sudo().db.Comment.findMany({ orderBy: { createdAt: 'desc' }, take: 1 }))[0]

describe('a reader’s comment', () => {
  test('waits for a moderator, then appears', async () => {
    const result = await send({ name: 'Ana', email: 'ana@example.org', body: 'Really *useful* recap.' })
    assert.deepEqual(result, { ok: true, status: 'pending', notice: 'Thank you: your comment will appear once a moderator has read it.' })
    assert.deepEqual(await getApprovedComments(target), [])
    await approve((await latest()).id)
    const [shown] = await getApprovedComments(target)
    assert.equal(shown.authorName, 'Ana')
    assert.equal(shown.bodyHtml, '<p>Really <em>useful</em> recap.</p>')
    assert.equal(shown.initials, 'A')
  })

  test('can be a reply, one level deep only', async () => {
    await send({ name: 'Ana', email: 'ana@example.org', body: 'Really *useful* recap.' })
    await approve((await latest()).id)
    const [parent] = await getApprovedComments(target)
    const replied = await send({ name: 'Ben', body: 'Agreed', parentId: parent.id })
    assert.deepEqual(replied.ok ? 'ok' : replied.errors, 'ok')
    await approve((await latest()).id)
    const reply = (await getApprovedComments(target))[0].replies[0]
    assert.equal(reply.authorName, 'Ben')
    const nested = await send({ name: 'Cai', body: 'Reply to a reply', parentId: reply.id })
    assert.equal(nested.ok, false)
    assert.match(!nested.ok ? nested.errors.form ?? '' : '', /no longer there/)
  })
})

describe('abuse defences keep what the reader typed', () => {
  const words = { name: 'Dee', email: '', body: 'My considered thoughts' }

  test('the honeypot', async () => {
    const result = await send({ ...words, website: 'http://spam.example' })
    assert.equal(result.ok, false)
    if (!result.ok) {
      assert.match(result.errors.form!, /leave the “website” box empty/)
      assert.equal(result.values.body, 'My considered thoughts')
    }
  })

  test('a forged start time', async () => {
    const result = await send(words, { tamper: form => form.set('startedAt', String(Date.now() - 60_000)) })
    assert.equal(result.ok, false)
    if (!result.ok) assert.match(result.errors.form!, /form had expired/)
  })

  test('the minimum time between seeing the form and sending it', async () => {
    const result = await send(words, { secondsLater: 1 })
    assert.equal(result.ok, false)
    if (!result.ok) assert.match(result.errors.form!, /That was very quick/)
  })

  test('the per-address rate limit', async () => {
    const results = []
    for (let n = 0; n < 6; n++) results.push(await send({ ...words, body: `Thought ${n}` }, { clientIp: '192.0.2.7' }))
    assert.deepEqual(results.map(result => result.ok), [true, true, true, true, true, false])
    const last = results[5]
    if (!last.ok) {
      assert.match(last.errors.form!, /sent several comments in a short time\. Please wait \d+ minutes?/)
      assert.equal(last.values.body, 'Thought 5')
    }
  })

  test('length and link limits', async () => {
    const long = await send({ ...words, body: 'x'.repeat(4001) })
    assert.equal(!long.ok && long.errors.body, 'Please keep your comment under 4000 characters.')
    const links = await send({ ...words, body: 'https://a.example https://b.example [c](https://c.example) www.d.example' })
    assert.equal(!links.ok && links.errors.body, 'Please include at most 3 links.')
    const noName = await send({ ...words, name: ' ' })
    assert.equal(!noName.ok && noName.errors.name, 'Please give a name (it is shown with your comment).')
  })

  test('a name or comment of invisible characters only is refused, naming the field', async () => {
    const invisible = '\u200B\u200D\uFEFF\u00AD\u202E\u2066 \u200B'
    const noName = await send({ ...words, name: invisible })
    assert.equal(!noName.ok && noName.errors.name, 'Please give a name (it is shown with your comment).')
    const noBody = await send({ ...words, body: invisible })
    assert.equal(!noBody.ok && noBody.errors.body, 'Please write a comment.')
    assert.equal(!noBody.ok && noBody.values.body, invisible, 'what the reader typed is kept')
  })

  test('a name with invisible characters around visible ones is kept as typed', async () => {
    const result = await send({ ...words, name: '\u200BZoë\u200B', body: 'Thoughts' })
    assert.equal(result.ok, true)
    assert.equal((await latest()).authorName, '\u200BZoë\u200B')
  })
})

describe('moderation settings and patient confidentiality', () => {
  // Ana has had a comment approved before, and returning commenters are published at once.
  beforeEach(async () => {
    await context.sudo().db.Comment.createOne({
      data: { post: { connect: { id: target.id } }, authorName: 'Ana', email: 'ana@example.org', body: 'Really *useful* recap.', status: 'approved' },
    })
    await context.sudo().db.SiteSettings.updateOne({ where: { id: '1' }, data: { autoApproveReturningCommenters: true } })
  })
  afterEach(() => context.sudo().db.SiteSettings.updateOne({ where: { id: '1' }, data: { autoApproveReturningCommenters: false } }))

  test('a returning commenter is published at once when the setting is on', async () => {
    const result = await send({ name: 'Ana again', email: 'ANA@example.org', body: 'Another thought' })
    assert.deepEqual(result.ok && result.status, 'approved')
  })

  test('a comment with a valid NHS number is held even from a returning commenter, and the reader told why', async () => {
    const result = await send({ name: 'Ana', email: 'ana@example.org', body: 'My father, NHS number 943 476 5919, waited all day' })
    assert.deepEqual(result, { ok: true, status: 'pending', notice: CONFIDENTIALITY_NOTICE })
    assert.match((await latest()).heldReason, /valid NHS number/)
  })

  test('an invalid ten-digit number is not held', async () => {
    const result = await send({ name: 'Ana', email: 'ana@example.org', body: 'Quote reference 9434765918 when you call' })
    assert.deepEqual(result.ok && result.status, 'approved')
  })

  test('a date of birth beside a postcode is held', async () => {
    const result = await send({ name: 'Eve', body: 'Born 02/05/1961, LS1 4AP, and still waiting' })
    assert.deepEqual(result.ok ? 'ok' : result.errors, 'ok')
    assert.equal(result.ok && result.notice, CONFIDENTIALITY_NOTICE)
  })

  test('comments close when the post does', async () => {
    await context.sudo().db.Post.updateOne({ where: { id: target.id }, data: { allowComments: false } })
    const result = await send({ name: 'Fay', body: 'Too late' })
    assert.equal(!result.ok && result.errors.form, 'Comments are closed here.')
  })
})

test('comment Markdown keeps emphasis, links and line breaks, and nothing else', () => {
  const html = renderCommentMarkdown('# Big\n\n**bold** and [a link](https://nhs.uk)\nnext line <script>alert(1)</script> ![x](https://x.test/i.png)')
  assert.equal(html, '<p>Big</p>\n<p><strong>bold</strong> and <a href="https://nhs.uk" rel="nofollow ugc noopener noreferrer">a link</a><br />next line  </p>')
})
