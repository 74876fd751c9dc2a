import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'

import { getApprovedComments, prepareCommentForm, submitComment } from '../../app/features/comments/comments.server'
import type { Context } from '../../app/server/keystone.server'
import { migratedContext, signedInAs } from '../support/database'

// A reply marked as the team's (Comment.byTeam) is written from the desk by an editor; nobody
// else can mark one: not a reader through the site's form, not a contributor through the API.

let context: Context
let postId: string

before(async () => {
  context = await migratedContext()
  await context.sudo().db.SiteSettings.createOne({ data: {} })
  const post = await context.sudo().db.Post.createOne({ data: { title: 'Recap with team replies', status: 'published', kind: 'recap' } })
  postId = post.id
})

const CREATE = 'mutation($data: CommentCreateInput!) { createComment(data: $data) { id byTeam } }'
const UPDATE = 'mutation($id: ID!, $data: CommentUpdateInput!) { updateComment(where: { id: $id }, data: $data) { id byTeam } }'

describe('a team reply', () => {
  test('cannot be claimed through the site’s form, whatever it sends', async () => {
    const form = new FormData()
    for (const [key, value] of Object.entries({ ...prepareCommentForm(Date.now() - 10_000), website: '', parentId: '', name: 'The Team', body: 'Official answer', byTeam: 'true', status: 'approved' })) {
      form.set(key, value)
    }
    const result = await submitComment(form, { list: 'post', id: postId }, { clientIp: '10.1.0.1' })
    assert.equal(result.ok && result.status, 'pending')
    const [saved] = await context.sudo().db.Comment.findMany({ where: { authorName: { equals: 'The Team' } } })
    assert.equal(saved.byTeam, false)
    assert.equal(saved.status, 'pending')
  })

  test('cannot be created or claimed by a contributor through the API', async () => {
    const { context: contributor } = await signedInAs(context, 'contributor')
    const created = await contributor.graphql.raw({
      query: CREATE,
      variables: { data: { post: { connect: { id: postId } }, authorName: 'Contributor', body: 'Speaking for the team', status: 'approved', byTeam: true } },
    })
    assert.match(String(created.errors?.[0]?.message), /Access denied/)
    assert.equal(await context.sudo().db.Comment.count({ where: { authorName: { equals: 'Contributor' } } }), 0)

    const reader = await context.sudo().db.Comment.createOne({ data: { post: { connect: { id: postId } }, authorName: 'Reader', body: 'A question', status: 'approved' } })
    const claimed = await contributor.graphql.raw({ query: UPDATE, variables: { id: reader.id, data: { byTeam: true } } })
    assert.match(String(claimed.errors?.[0]?.message), /Access denied/)
    assert.equal((await context.sudo().db.Comment.findOne({ where: { id: reader.id } }))?.byTeam, false)
  })

  test('is written by an editor, approved, and shown as the team’s under the comment it answers', async () => {
    const { context: editor } = await signedInAs(context, 'editor', 'Edna Editor')
    const question = await context.sudo().db.Comment.createOne({ data: { post: { connect: { id: postId } }, authorName: 'Curious Reader', body: 'Who answers at night?', status: 'approved' } })
    const { data } = (await editor.graphql.raw({
      query: CREATE,
      variables: {
        data: { post: { connect: { id: postId } }, parent: { connect: { id: question.id } }, authorName: 'Edna Editor', body: 'The *on-call* team does.', status: 'approved', byTeam: true },
      },
    })) as { data: { createComment: { byTeam: boolean } } }
    assert.equal(data.createComment.byTeam, true)
    const thread = (await getApprovedComments({ list: 'post', id: postId })).find(comment => comment.id === question.id)
    assert.equal(thread?.byTeam, false)
    assert.deepEqual(
      thread?.replies.map(reply => ({ authorName: reply.authorName, byTeam: reply.byTeam, bodyHtml: reply.bodyHtml })),
      [{ authorName: 'Edna Editor', byTeam: true, bodyHtml: '<p>The <em>on-call</em> team does.</p>' }]
    )
  })
})
