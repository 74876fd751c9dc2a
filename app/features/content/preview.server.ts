import { createHmac, timingSafeEqual } from 'node:crypto'

import { z } from 'zod'

import { env } from '../../server/env.server'
import type { Session } from '../../server/session'
import { published } from '../../domain/publishing'

// Draft preview: the real page of a post, interview or topic in its saved state, read through the
// same functions as the public page with a preview instead of the public filter. Two ways in:
//  - `?preview` on the item's address, for a signed-in team member (contributors: their own items);
//  - `?preview=<token>`, a private link an editor sends (to an interviewee, say) before publishing.
//    The token names one item and an expiry, signed with SESSION_SECRET: nothing to store, nothing
//    to guess, and changing the secret revokes every link at once.
// Preview pages are never cached, carry no surrogate keys and ask not to be indexed
// (app/server/public-site.server.ts).

export const PREVIEW_LISTS = { post: '/posts', interview: '/interviews', topic: '/topics' } as const
export type PreviewList = keyof typeof PREVIEW_LISTS

export type Preview = { by: 'team'; session: Session } | { by: 'link'; list: PreviewList; id: string }

const PARAMETER = 'preview'

const sign = (payload: string, secret = env.sessionSecret) => createHmac('sha256', secret).update(`preview-link:${payload}`).digest('base64url')

/**
 * A private link's token: the item, when it stops working, and a signature over both. `secret` is
 * the server's SESSION_SECRET; a test signs for a server it started with a secret of its own.
 */
export function previewToken(list: PreviewList, id: string, expiresAt: Date, secret = env.sessionSecret): string {
  const payload = `${list}.${id}.${Math.floor(expiresAt.getTime() / 1000)}`
  return `${payload}.${sign(payload, secret)}`
}

const TokenSchema = z.tuple([z.enum(['post', 'interview', 'topic']), z.string().min(1).max(64), z.coerce.number().int().positive(), z.string()])

/** The item and expiry a token names, or null when it is not one this site signed. */
function readToken(token: string): { list: PreviewList; id: string; expiresAt: Date } | null {
  const parsed = TokenSchema.safeParse(token.split('.'))
  if (!parsed.success) return null
  const [list, id, expiresAtSeconds, signature] = parsed.data
  const expected = Buffer.from(sign(`${list}.${id}.${expiresAtSeconds}`))
  const given = Buffer.from(signature)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
  return { list, id, expiresAt: new Date(expiresAtSeconds * 1000) }
}

/** The address of an item's preview page; with a token, the private link. */
export function previewPath(list: PreviewList, slug: string, token?: string) {
  return `${PREVIEW_LISTS[list]}/${encodeURIComponent(slug)}?${PARAMETER}${token ? `=${token}` : ''}`
}

export function isPreviewUrl(url: string) {
  const query = url.indexOf('?')
  return query !== -1 && new URLSearchParams(url.slice(query + 1)).has(PARAMETER)
}

const notFound = () => new Response('Not found', { status: 404 })

/**
 * What a page request asks to see: undefined for the public page, or a preview. Throws the answer
 * for a preview that may not be shown: 404 signed out or with a forged token (as for a draft's
 * public address, so neither tells that a draft exists), 410 for a link past its expiry.
 */
export function previewFromRequest(request: Request, loadContext: unknown, now = new Date()): Preview | undefined {
  const value = new URL(request.url).searchParams.get(PARAMETER)
  if (value === null) return undefined
  if (value === '') {
    const session = (loadContext as { session?: Session } | undefined)?.session
    if (!session) throw notFound()
    return { by: 'team', session }
  }
  const link = readToken(value)
  if (!link) throw notFound()
  if (link.expiresAt <= now) throw new Response('This preview link has expired', { status: 410, statusText: 'Gone' })
  return { by: 'link', list: link.list, id: link.id }
}

const NOTHING = { id: { in: [] as string[] } }

/**
 * The filter a page's read uses for the item at `slug`: the public filter, or in preview the items
 * the preview may show. The team's rule is the Admin UI's (app/schema/access.ts): editors see
 * everything; contributors their own posts and interviews, and what is public.
 */
type ItemFilter = { slug: string } | { id: string } | typeof NOTHING | (ReturnType<typeof published> & { slug: string })
type AuthoredItemFilter = ItemFilter | { slug: string; OR: (ReturnType<typeof published> | { author: { id: string } })[] }

export function itemFilter(list: 'topic', slug: string, preview: Preview | undefined): ItemFilter
export function itemFilter(list: 'post' | 'interview', slug: string, preview: Preview | undefined): AuthoredItemFilter
export function itemFilter(list: PreviewList, slug: string, preview: Preview | undefined): AuthoredItemFilter {
  if (!preview) return { ...published(), slug }
  if (preview.by === 'link') return preview.list === list ? { id: preview.id } : NOTHING
  const role = preview.session.data.role
  if (role === 'editor' || role === 'admin') return { slug }
  if (list === 'topic') return { ...published(), slug }
  return { slug, OR: [published(), { author: { id: preview.session.itemId } }] }
}
