import { createHmac, timingSafeEqual } from 'node:crypto'

import { z } from 'zod'

import { COMMENT_LIMITS, type CommentFormErrors, type CommentFormValues } from './comment-form'
import { hasVisibleText } from '../../domain/visible-text'
import { CONFIDENTIALITY_NOTICE, findPatientDetails } from '../../domain/confidentiality'
import { env } from '../../server/env.server'
import { keystoneContext } from '../../server/keystone.server'
import { commentRateLimiter } from '../../server/rate-limits.server'
import { countLinks, markdownToPlainText } from '../../domain/markdown.server'
import { notifyModerators } from './notify-moderators.server'

// Readers' comments: what a submission must get past (honeypot, minimum time, per-IP rate limit,
// length and link limits; a post from another site never reaches here, see
// app/server/same-origin.server.ts), and what happens after (held for moderation, auto-approved
// for a returning commenter, or held for patient details whoever wrote it).

/** What the form sends; the hidden fields are checked below. */
const CommentFormSchema = z.object({
  name: z.string().trim().refine(hasVisibleText, 'Please give a name (it is shown with your comment).').max(COMMENT_LIMITS.nameMax, `Please keep your name under ${COMMENT_LIMITS.nameMax} characters.`),
  email: z
    .string()
    .trim()
    .max(COMMENT_LIMITS.emailMax)
    .refine(value => value === '' || z.email().safeParse(value).success, 'That email address does not look right (it is optional).')
    .default(''),
  body: z.string().trim().refine(hasVisibleText, 'Please write a comment.').max(COMMENT_LIMITS.bodyMax, `Please keep your comment under ${COMMENT_LIMITS.bodyMax} characters.`),
  parentId: z.string().max(40).optional().default(''),
  // The honeypot: hidden from people, filled in by naive bots.
  website: z.string().optional().default(''),
  startedAt: z.string().default(''),
  startedSignature: z.string().default(''),
})

export type CommentTarget = { list: 'post' | 'interview' | 'chatArchive'; id: string }

/** The Comment column that names a target's item. */
const TARGET_COLUMN = { post: 'postId', interview: 'interviewId', chatArchive: 'chatArchiveId' } as const

const sign = (value: string) => createHmac('sha256', env.sessionSecret).update(`comment-started:${value}`).digest('base64url')

/**
 * Hidden fields for a fresh form: when it was drawn, signed. Behind the response cache "drawn" is
 * when the page was rendered, at most the cache's lifetime before the reader saw it.
 */
export function prepareCommentForm(now = Date.now()) {
  const startedAt = String(now)
  return { startedAt, startedSignature: sign(startedAt) }
}

export type CommentResult =
  | { ok: true; status: 'approved' | 'pending'; notice: string }
  | { ok: false; errors: CommentFormErrors; values: CommentFormValues }

function safeEqual(a: string, b: string) {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

export async function submitComment(
  form: FormData,
  target: CommentTarget,
  { clientIp, now = Date.now() }: { clientIp: string; now?: number }
): Promise<CommentResult> {
  const raw = Object.fromEntries([...form.entries()].map(([key, value]) => [key, typeof value === 'string' ? value : '']))
  const values: CommentFormValues = { name: raw.name ?? '', email: raw.email ?? '', body: raw.body ?? '', parentId: raw.parentId ?? '' }
  const refuse = (errors: CommentFormErrors): CommentResult => ({ ok: false, errors, values })

  const parsed = CommentFormSchema.safeParse(raw)
  if (!parsed.success) {
    const errors: CommentFormErrors = {}
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as keyof CommentFormErrors
      errors[field in { name: 1, email: 1, body: 1 } ? field : 'form'] ??= issue.message
    }
    return refuse(errors)
  }
  const input = parsed.data
  if (input.website) return refuse({ form: 'Your comment could not be sent. If you are a person, please leave the “website” box empty.' })

  const startedAt = Number(input.startedAt)
  if (!Number.isFinite(startedAt) || !safeEqual(sign(input.startedAt), input.startedSignature) || now - startedAt > 24 * 60 * 60 * 1000) {
    return refuse({ form: 'This form had expired. Your comment is still here: please send it again.' })
  }
  if (now - startedAt < env.COMMENT_MIN_SECONDS * 1000) {
    return refuse({ form: 'That was very quick. Please read your comment through once more, then send it.' })
  }
  if (countLinks(input.body) > COMMENT_LIMITS.linksMax) {
    return refuse({ body: `Please include at most ${COMMENT_LIMITS.linksMax} links.` })
  }
  try {
    await commentRateLimiter().consume(clientIp)
  } catch (rejection) {
    const waitMinutes = Math.max(1, Math.ceil(((rejection as { msBeforeNext?: number }).msBeforeNext ?? 60_000) / 60_000))
    return refuse({ form: `You have sent several comments in a short time. Please wait ${waitMinutes} ${waitMinutes === 1 ? 'minute' : 'minutes'} and send this one again.` })
  }

  const context = await keystoneContext()
  const db = context.sudo().db
  const item =
    target.list === 'post'
      ? await db.Post.findOne({ where: { id: target.id } })
      : target.list === 'interview'
        ? await db.Interview.findOne({ where: { id: target.id } })
        : await db.ChatArchive.findOne({ where: { id: target.id } })
  const isOpen = item && item.allowComments && (!('status' in item) || item.status === 'published')
  if (!isOpen) return refuse({ form: 'Comments are closed here.' })

  if (input.parentId) {
    // Replies go one level deep, under an approved comment on the same item.
    const parent = await db.Comment.findOne({ where: { id: input.parentId } })
    const sameItem = parent?.[TARGET_COLUMN[target.list]] === target.id
    if (!parent || !sameItem || parent.status !== 'approved' || parent.parentId) {
      return refuse({ form: 'The comment you were replying to is no longer there. Your comment is still here: send it as a new comment.' })
    }
  }

  const findings = findPatientDetails(`${input.name}\n${input.body}`)
  const settings = await db.SiteSettings.findOne({ where: { id: '1' } })
  const returning =
    findings.length === 0 &&
    settings?.autoApproveReturningCommenters === true &&
    input.email !== '' &&
    (await context.prisma.comment.count({ where: { status: 'approved', email: { equals: input.email.toLowerCase() } } })) > 0
  const status = returning ? 'approved' : 'pending'
  const created = await db.Comment.createOne({
    data: {
      [target.list]: { connect: { id: target.id } },
      ...(input.parentId ? { parent: { connect: { id: input.parentId } } } : {}),
      authorName: input.name,
      email: input.email.toLowerCase(),
      body: input.body,
      status,
      // Shown to the moderator, never to readers.
      heldReason: findings.map(finding => finding.reason).join(' '),
    },
  })
  if (created.status === 'pending') {
    const path = target.list === 'post' ? 'posts' : target.list === 'interview' ? 'interviews' : 'archives'
    await notifyModerators(context, {
      authorName: created.authorName,
      body: created.body,
      heldReason: created.heldReason,
      itemTitle: item.title,
      itemPath: `/${path}/${item.slug}`,
    })
  }
  return {
    ok: true,
    status,
    notice: findings.length
      ? CONFIDENTIALITY_NOTICE
      : status === 'approved'
        ? 'Thank you: your comment is published.'
        : 'Thank you: your comment will appear once a moderator has read it.',
  }
}

export type PublicComment = { id: string; authorName: string; initials: string; byTeam: boolean; bodyHtml: string; text: string; createdAt: string; replies: PublicComment[] }

/** Approved comments on an item, replies under their parents, oldest first. */
export async function getApprovedComments(target: CommentTarget): Promise<PublicComment[]> {
  const { prisma } = await keystoneContext()
  const rows = await prisma.comment.findMany({
    where: { [TARGET_COLUMN[target.list]]: target.id, status: 'approved' },
    orderBy: { createdAt: 'asc' },
    select: { id: true, authorName: true, byTeam: true, body: true, bodyHtml: true, createdAt: true, parentId: true },
  })
  const initials = (name: string) => name.trim().slice(0, 1).toUpperCase() || '?'
  const toPublic = (row: (typeof rows)[number]): PublicComment => ({
    id: row.id,
    authorName: row.authorName,
    initials: initials(row.authorName),
    byTeam: row.byTeam === true,
    bodyHtml: row.bodyHtml,
    text: markdownToPlainText(row.body),
    createdAt: row.createdAt?.toISOString() ?? '',
    replies: [],
  })
  const top = rows.filter(row => !row.parentId).map(toPublic)
  const byId = new Map(top.map(comment => [comment.id, comment]))
  for (const row of rows) {
    if (row.parentId) byId.get(row.parentId)?.replies.push(toPublic(row))
  }
  return top
}
