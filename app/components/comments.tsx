import { Form, Link, useActionData, useNavigation } from '@remix-run/react'

import { COMMENT_LIMITS, type CommentFormErrors, type CommentFormValues } from '../features/comments/comment-form'
import { CONFIDENTIALITY_NOTICE } from '../domain/confidentiality'
import { LocalTime } from './local-time'
import { useSite } from './site-context'

type PublicComment = { id: string; authorName: string; initials: string; byTeam: boolean; bodyHtml: string; text: string; createdAt: string; replies: PublicComment[] }

export type CommentsData = {
  items: PublicComment[]
  open: boolean
  form: { startedAt: string; startedSignature: string } | null
  replyTo: string
  notice: string | null
}

function CommentView({ comment, canReply }: { comment: PublicComment; canReply: boolean }) {
  const { siteName } = useSite()
  return (
    <li className={comment.byTeam ? 'comment by-team' : 'comment'} id={`comment-${comment.id}`}>
      <span className="avatar" aria-hidden="true">
        {comment.initials}
      </span>
      <div className="comment-body">
        <p className="chat-author">
          {/* Names and bodies are readers' own text: isolated, so a direction override in one
              cannot reorder the text around it. */}
          <strong>
            <bdi>{comment.authorName}</bdi>
          </strong>{' '}
          {comment.byTeam ? <span className="team-badge">{siteName} team</span> : null}{' '}
          <span className="meta">
            <LocalTime iso={comment.createdAt} withTime />
          </span>
        </p>
        {/* Rendered from the small comment subset of Markdown and sanitized when saved. */}
        <div dir="auto" dangerouslySetInnerHTML={{ __html: comment.bodyHtml }} />
        {canReply ? (
          <p className="comment-reply">
            <Link to={`?replyTo=${comment.id}#comment-form`} preventScrollReset>
              Reply
              <span className="visually-hidden">
                {' '}
                to <bdi>{comment.authorName}</bdi>
              </span>
            </Link>
          </p>
        ) : null}
        {comment.replies.length > 0 ? (
          <ol className="comments replies">
            {comment.replies.map(reply => (
              <CommentView key={reply.id} comment={reply} canReply={false} />
            ))}
          </ol>
        ) : null}
      </div>
    </li>
  )
}

/** Comments and the form to add one: a plain POST that works without JavaScript. */
export function CommentsSection({ comments }: { comments: CommentsData }) {
  const action = useActionData<{ ok: false; errors: CommentFormErrors; values: CommentFormValues }>()
  const navigation = useNavigation()
  const values = action?.values ?? { name: '', email: '', body: '', parentId: comments.replyTo }
  const errors = action?.errors ?? {}
  const replyingTo = comments.items.find(comment => comment.id === (values.parentId || comments.replyTo))
  const count = comments.items.reduce((total, comment) => total + 1 + comment.replies.length, 0)
  return (
    <section className="comments-section" aria-labelledby="comments">
      <h2 id="comments">{count === 0 ? 'Comments' : `${count} ${count === 1 ? 'comment' : 'comments'}`}</h2>
      {comments.notice ? (
        <p className="notice" role="status">
          {comments.notice === 'held' ? CONFIDENTIALITY_NOTICE : comments.notice}
        </p>
      ) : null}
      {comments.items.length > 0 ? (
        <ol className="comments">
          {comments.items.map(comment => (
            <CommentView key={comment.id} comment={comment} canReply={comments.open} />
          ))}
        </ol>
      ) : null}
      {comments.open && comments.form ? (
        <Form method="post" id="comment-form" className="comment-form" preventScrollReset>
          <h3>
            {replyingTo ? (
              <>
                Reply to <bdi>{replyingTo.authorName}</bdi>
              </>
            ) : (
              'Add a comment'
            )}
          </h3>
          {replyingTo ? (
            <p>
              <Link to="?#comment-form" preventScrollReset>
                Write a new comment instead
              </Link>
            </p>
          ) : null}
          <p className="meta">
            Comments are read by a moderator before they appear. Please never include a patient’s details.
          </p>
          {errors.form ? (
            <p className="form-error" role="alert">
              {errors.form}
            </p>
          ) : null}
          <input type="hidden" name="parentId" value={replyingTo?.id ?? ''} />
          <input type="hidden" name="startedAt" value={comments.form.startedAt} />
          <input type="hidden" name="startedSignature" value={comments.form.startedSignature} />
          <div className="hp" aria-hidden="true">
            <label htmlFor="comment-website">Website (leave empty)</label>
            <input id="comment-website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
          </div>
          <div className="field">
            <label htmlFor="comment-name">Name</label>
            <input id="comment-name" name="name" required maxLength={COMMENT_LIMITS.nameMax} defaultValue={values.name} aria-invalid={errors.name ? true : undefined} aria-describedby={errors.name ? 'comment-name-error' : undefined} autoComplete="name" />
            {errors.name ? <p id="comment-name-error" className="field-error">{errors.name}</p> : null}
          </div>
          <div className="field">
            <label htmlFor="comment-email">Email (optional, never shown)</label>
            <input id="comment-email" name="email" type="email" maxLength={COMMENT_LIMITS.emailMax} defaultValue={values.email} aria-invalid={errors.email ? true : undefined} aria-describedby={errors.email ? 'comment-email-error' : undefined} autoComplete="email" />
            {errors.email ? <p id="comment-email-error" className="field-error">{errors.email}</p> : null}
          </div>
          <div className="field">
            <label htmlFor="comment-body">Comment</label>
            <textarea id="comment-body" name="body" required rows={5} maxLength={COMMENT_LIMITS.bodyMax} defaultValue={values.body} aria-invalid={errors.body ? true : undefined} aria-describedby={errors.body ? 'comment-body-error comment-body-hint' : 'comment-body-hint'} />
            <p id="comment-body-hint" className="meta">*Emphasis*, [links](https://example.org) and line breaks work; at most {COMMENT_LIMITS.linksMax} links.</p>
            {errors.body ? <p id="comment-body-error" className="field-error">{errors.body}</p> : null}
          </div>
          <button type="submit" disabled={navigation.state === 'submitting'}>
            {navigation.state === 'submitting' ? 'Sending…' : 'Send comment'}
          </button>
        </Form>
      ) : !comments.open ? (
        <p>Comments are closed.</p>
      ) : null}
    </section>
  )
}
