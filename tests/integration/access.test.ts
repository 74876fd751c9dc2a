import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'

import type { Context } from '../../app/server/keystone.server'
import { migratedContext, signedInAs } from '../support/database'

// One test per access rule, through Keystone's context on a real SQLite database.

let anonymous: Context
let sudo: Context

before(async () => {
  anonymous = await migratedContext()
  sudo = anonymous.sudo()
})

async function createPost(data: Record<string, unknown>) {
  return sudo.db.Post.createOne({ data: { title: `Post ${Math.random()}`, body: 'Body', ...data } })
}

describe('anonymous visitors', () => {
  test('see published posts but never drafts', async () => {
    const published = await createPost({ status: 'published' })
    const draft = await createPost({ status: 'draft' })
    const visible = await anonymous.db.Post.findMany({ where: { id: { in: [published.id, draft.id] } } })
    assert.deepEqual(visible.map(post => post.id), [published.id])
    assert.equal(await anonymous.db.Post.findOne({ where: { id: draft.id } }), null)
  })

  test('do not learn drafts exist through counts', async () => {
    await createPost({ status: 'draft', title: 'Secret plans' })
    assert.equal(await anonymous.db.Post.count({ where: { title: { equals: 'Secret plans' } } }), 0)
  })

  test('see published interviews and announcements but not drafts', async () => {
    await sudo.db.Interview.createOne({ data: { title: 'Hidden', intervieweeName: 'A', status: 'draft' } })
    await sudo.db.TopicAnnouncement.createOne({
      data: { title: 'Hidden topic', hashtag: '#x', chatStart: new Date(), status: 'draft' },
    })
    assert.equal(await anonymous.db.Interview.count({ where: { title: { equals: 'Hidden' } } }), 0)
    assert.equal(await anonymous.db.TopicAnnouncement.count({ where: { title: { equals: 'Hidden topic' } } }), 0)
  })

  test('cannot read anyone’s email address', async () => {
    const { user } = await signedInAs(anonymous, 'editor')
    // The public sees only people who have published.
    await createPost({ status: 'published', author: { connect: { id: user.id } } })
    const [visible] = await anonymous.query.User.findMany({ where: { id: { equals: user.id } }, query: 'name email' })
    assert.equal(visible.name, user.name)
    assert.equal(visible.email, null)
  })

  test('cannot filter users by email to discover who has an account', async () => {
    const { user } = await signedInAs(anonymous, 'contributor')
    await assert.rejects(
      anonymous.db.User.count({ where: { email: { equals: user.email } } }),
      /you cannot filter the fields email/
    )
  })

  test('never read a password, only whether one is set', async () => {
    const { user } = await signedInAs(anonymous, 'contributor')
    const [visible] = await sudo.query.User.findMany({ where: { id: { equals: user.id } }, query: 'password { isSet }' })
    assert.deepEqual({ ...visible.password }, { isSet: true })
  })

  test('see approved comments only', async () => {
    const post = await createPost({ status: 'published' })
    const statuses = ['approved', 'pending', 'spam'] as const
    for (const status of statuses) {
      await sudo.db.Comment.createOne({
        data: { post: { connect: { id: post.id } }, authorName: status, body: `A ${status} comment`, status },
      })
    }
    const visible = await anonymous.query.Comment.findMany({
      where: { post: { id: { equals: post.id } } },
      query: 'authorName',
    })
    assert.deepEqual(visible.map(comment => comment.authorName), ['approved'])
  })

  test('cannot create comments through the API: the site’s form is the way in, with its checks', async () => {
    const post = await createPost({ status: 'published' })
    await assert.rejects(
      anonymous.db.Comment.createOne({
        data: { post: { connect: { id: post.id } }, authorName: 'Reader', email: 'reader@example.org', body: 'Thanks!' },
      }),
      /Access denied/
    )
  })

  test('cannot read a commenter’s email', async () => {
    const post = await createPost({ status: 'published' })
    await sudo.db.Comment.createOne({
      data: { post: { connect: { id: post.id } }, authorName: 'Visible', email: 'private@example.org', body: 'Hi', status: 'approved' },
    })
    const [comment] = await anonymous.query.Comment.findMany({
      where: { post: { id: { equals: post.id } } },
      query: 'authorName email',
    })
    assert.equal(comment.email, null)
  })

  test('cannot find comments by a commenter’s email', async () => {
    await assert.rejects(
      anonymous.db.Comment.count({ where: { email: { equals: 'private@example.org' } } }),
      /you cannot filter the fields email/
    )
  })

  test('cannot create posts', async () => {
    await assert.rejects(anonymous.db.Post.createOne({ data: { title: 'Spam' } }), /Access denied/)
  })

  test('see a person, a tag or an uploaded image only where something public uses it', async () => {
    const { user: writer } = await signedInAs(anonymous, 'contributor', 'Wren Writer')
    const { user: silent } = await signedInAs(anonymous, 'contributor', 'Sid Silent')
    const [publicTag, draftTag] = await Promise.all(['On the record', 'Off the record'].map(name => sudo.db.Tag.createOne({ data: { name } })))
    await createPost({ status: 'published', author: { connect: { id: writer.id } }, tags: { connect: [{ id: publicTag.id }] } })
    await createPost({ status: 'draft', author: { connect: { id: silent.id } }, tags: { connect: [{ id: draftTag.id }] } })
    const people = await anonymous.db.User.findMany({ where: { id: { in: [writer.id, silent.id] } } })
    assert.deepEqual(people.map(person => person.name), ['Wren Writer'])
    const tags = await anonymous.db.Tag.findMany({ where: { id: { in: [publicTag.id, draftTag.id] } } })
    assert.deepEqual(tags.map(tag => tag.name), ['On the record'])
    assert.equal(await anonymous.db.Image.count(), 0)
  })
})

describe('contributors', () => {
  test('create drafts attributed to themselves', async () => {
    const { user, context } = await signedInAs(anonymous, 'contributor')
    const post = await context.db.Post.createOne({ data: { title: 'My first draft', body: 'Words' } })
    assert.equal(post.status, 'draft')
    assert.equal(post.authorId, user.id)
  })

  test('cannot publish', async () => {
    const { context } = await signedInAs(anonymous, 'contributor')
    await assert.rejects(
      context.db.Post.createOne({ data: { title: 'Straight to print', status: 'published' } }),
      /Access denied/
    )
    const draft = await context.db.Post.createOne({ data: { title: 'Later to print' } })
    await assert.rejects(
      context.db.Post.updateOne({ where: { id: draft.id }, data: { status: 'published' } }),
      /Access denied/
    )
  })

  test('edit their own drafts', async () => {
    const { context } = await signedInAs(anonymous, 'contributor')
    const draft = await context.db.Post.createOne({ data: { title: 'Typo in titel' } })
    const fixed = await context.db.Post.updateOne({ where: { id: draft.id }, data: { title: 'Typo in title' } })
    assert.equal(fixed.title, 'Typo in title')
  })

  test('cannot edit someone else’s draft or see it', async () => {
    const alice = await signedInAs(anonymous, 'contributor')
    const bob = await signedInAs(anonymous, 'contributor')
    const draft = await alice.context.db.Post.createOne({ data: { title: 'Alice’s draft' } })
    assert.equal(await bob.context.db.Post.findOne({ where: { id: draft.id } }), null)
    await assert.rejects(
      bob.context.db.Post.updateOne({ where: { id: draft.id }, data: { title: 'Bob was here' } }),
      /Access denied/
    )
  })

  test('cannot edit their own post once an editor has published it', async () => {
    const { user, context } = await signedInAs(anonymous, 'contributor')
    const post = await createPost({ status: 'published', author: { connect: { id: user.id } } })
    await assert.rejects(
      context.db.Post.updateOne({ where: { id: post.id }, data: { title: 'Changed after publishing' } }),
      /Access denied/
    )
  })

  test('cannot attribute a post to someone else', async () => {
    const { context } = await signedInAs(anonymous, 'contributor')
    const { user: editor } = await signedInAs(anonymous, 'editor')
    await assert.rejects(
      context.db.Post.createOne({ data: { title: 'Ghost written', author: { connect: { id: editor.id } } } }),
      /Access denied/
    )
  })

  test('cannot moderate comments', async () => {
    const { context } = await signedInAs(anonymous, 'contributor')
    const post = await createPost({ status: 'published' })
    const comment = await sudo.db.Comment.createOne({
      data: { post: { connect: { id: post.id } }, authorName: 'Reader', body: 'Hello' },
    })
    await assert.rejects(
      context.db.Comment.updateOne({ where: { id: comment.id }, data: { status: 'approved' } }),
      /Access denied/
    )
  })

  test('cannot change their own role', async () => {
    const { user, context } = await signedInAs(anonymous, 'contributor')
    await assert.rejects(
      context.db.User.updateOne({ where: { id: user.id }, data: { role: 'admin' } }),
      /Access denied/
    )
  })
})

describe('editors', () => {
  test('writing a comment from the desk, cannot leave its name or body invisible', async () => {
    const { context } = await signedInAs(anonymous, 'editor')
    const post = await createPost({ status: 'published' })
    await assert.rejects(
      context.db.Comment.createOne({ data: { post: { connect: { id: post.id } }, authorName: '\u200B\u202E', body: '\uFEFF\u00AD ' } }),
      (error: Error) => /Name: write something visible/.test(error.message) && /Body: write something visible/.test(error.message)
    )
    assert.equal(await sudo.db.Comment.count({ where: { post: { id: { equals: post.id } } } }), 0)
  })

  test('publish anyone’s draft', async () => {
    const writer = await signedInAs(anonymous, 'contributor')
    const { context } = await signedInAs(anonymous, 'editor')
    const draft = await writer.context.db.Post.createOne({ data: { title: 'Ready for review' } })
    const published = await context.db.Post.updateOne({ where: { id: draft.id }, data: { status: 'published' } })
    assert.equal(published.status, 'published')
    assert.ok(published.publishedAt instanceof Date, 'publishing stamps publishedAt')
  })

  test('moderate comments and read commenters’ emails', async () => {
    const { context } = await signedInAs(anonymous, 'editor')
    const post = await createPost({ status: 'published' })
    const comment = await sudo.db.Comment.createOne({
      data: { post: { connect: { id: post.id } }, authorName: 'Reader', email: 'r@example.org', body: 'Hello' },
    })
    const approved = await context.query.Comment.updateOne({
      where: { id: comment.id },
      data: { status: 'approved' },
      query: 'status email',
    })
    assert.deepEqual({ ...approved }, { status: 'approved', email: 'r@example.org' })
  })

  test('announce topics and manage chat archives', async () => {
    const { context } = await signedInAs(anonymous, 'editor')
    const topic = await context.db.TopicAnnouncement.createOne({
      data: { title: 'Next week', hashtag: 'mondayhealthchat', chatStart: new Date(), status: 'published' },
    })
    assert.equal(topic.hashtag, '#mondayhealthchat')
    const archive = await context.db.ChatArchive.createOne({
      data: { title: 'Archive', hashtag: '#mondayhealthchat', windowStart: new Date(), windowEnd: new Date() },
    })
    assert.equal(archive.slug, 'archive')
  })

  test('cannot manage users or site settings', async () => {
    const { context } = await signedInAs(anonymous, 'editor')
    await assert.rejects(
      context.db.User.createOne({ data: { name: 'New', email: 'new@example.org', password: 'long enough pass' } }),
      /Access denied/
    )
    await assert.rejects(
      context.db.SiteSettings.createOne({ data: { siteName: 'Renamed' } }),
      /Access denied/
    )
  })

  test('cannot create chat archives as a contributor', async () => {
    const { context } = await signedInAs(anonymous, 'contributor')
    await assert.rejects(
      context.db.ChatArchive.createOne({ data: { title: 'x', hashtag: '#x', windowStart: new Date(), windowEnd: new Date() } }),
      /Access denied/
    )
  })
})

describe('admins', () => {
  test('create users and give them roles', async () => {
    const { context } = await signedInAs(anonymous, 'admin')
    const user = await context.db.User.createOne({
      data: { name: 'New editor', email: `new.editor.${Date.now()}@example.org`, password: 'a long passphrase', role: 'editor' },
    })
    assert.equal(user.role, 'editor')
  })

  test('change the site settings', async () => {
    const { context } = await signedInAs(anonymous, 'admin')
    const existing = await sudo.db.SiteSettings.findOne({ where: { id: '1' } })
    const settings = existing
      ? await context.db.SiteSettings.updateOne({ where: { id: '1' }, data: { siteName: 'Renamed chat' } })
      : await context.db.SiteSettings.createOne({ data: { siteName: 'Renamed chat' } })
    assert.equal(settings.siteName, 'Renamed chat')
  })
})
