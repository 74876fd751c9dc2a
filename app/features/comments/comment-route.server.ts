import { data, redirect, type ActionFunctionArgs } from '@remix-run/node'

import { getApprovedComments, prepareCommentForm, submitComment, type CommentTarget } from './comments.server'

// What every page with comments does: show the approved ones and a fresh form (loader), and take
// a submission (action): redirect after success so a reload never posts twice, or answer 400 with
// the reader's words kept and the reason stated.

const NOTICES: Record<string, string> = {
  approved: 'Thank you: your comment is published.',
  pending: 'Thank you: your comment will appear once a moderator has read it.',
}

export async function loadComments(request: Request, target: CommentTarget, allowComments: boolean) {
  const comments = await getApprovedComments(target)
  const url = new URL(request.url)
  const replyTo = url.searchParams.get('replyTo') ?? ''
  const notice = url.searchParams.get('notice')
  return {
    items: comments,
    open: allowComments,
    form: allowComments ? prepareCommentForm() : null,
    replyTo: comments.some(comment => comment.id === replyTo) ? replyTo : '',
    notice: notice === 'held' ? 'held' : (NOTICES[notice ?? ''] ?? null),
  }
}

export async function commentAction({ request, context }: ActionFunctionArgs, target: CommentTarget) {
  const result = await submitComment(await request.formData(), target, {
    clientIp: (context as { clientIp?: string }).clientIp ?? 'unknown',
  })
  if (result.ok) {
    const url = new URL(request.url)
    const notice = result.notice === NOTICES[result.status] ? result.status : 'held'
    return redirect(`${url.pathname}?notice=${notice}#comments`, 303)
  }
  return data(result, { status: 400 })
}
