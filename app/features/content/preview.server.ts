import { createHmac, timingSafeEqual } from 'node:crypto'

import { z } from 'zod'

import { env } from '../../server/env.server'
import type { Session } from '../../server/session'
import { published } from '../../domain/publishing'

// Draft preview: the real page of a post, interview or topic in its saved state, read through the
// same functions as the public page with a preview instead of the public filter. Two ways in:
//  - `?preview` on the item's address, for a signed-in team member (contributors: their own items);
//  - `?preview=<token>`, a private link an editor sends (to an interviewee, say) before publishing.
//    The token names one item and an expiry, signed with SESSION_SECRET together with the item's
//    address: nothing to store, nothing to guess, changing the secret revokes every link at once,
//    and a token works at its own address only (not under another slug or section, where it
//    would otherwise show its own item). A new slug needs a new link.
// Preview pages are never cached, carry no surrogate keys and ask not to be indexed
// (app/server/public-site.server.ts).

export const PREVIEW_LISTS = { post: '/posts', interview: '/interviews', topic: '/topics' } as const
export type PreviewList = keyof typeof PREVIEW_LISTS

export type Preview = { by: 'team'; session: Session } | { by: 'link'; list: PreviewList; id: string; slug: string }

const PARAMETER = 'preview'

/**
 * The signature of a link: over the item, its address's slug and the expiry. (Links made before
 * the slug was signed, "v1", no longer verify: the desk makes a new one.)
 */
const sign = (list: PreviewList, id: string, slug: string, expiresAtSeconds: number, secret = env.sessionSecret) =>
  createHmac('sha256', secret).update(`preview-link-v2:${JSON.stringify([list, id, slug, expiresAtSeconds])}`).digest('base64url')

/**
 * A private link's token for the item at `slug`: the item, when it stops working, and a signature
 * over both and the slug (which the address carries). `secret` is the server's SESSION_SECRET; a
 * test signs for a server it started with a secret of its own.
 */
export function previewToken(list: PreviewList, id: string, slug: string, expiresAt: Date, secret = env.sessionSecret): string {
  const expiresAtSeconds = Math.floor(expiresAt.getTime() / 1000)
  return `${list}.${id}.${expiresAtSeconds}.${sign(list, id, slug, expiresAtSeconds, secret)}`
}

const TokenSchema = z.tuple([z.enum(['post', 'interview', 'topic']), z.string().min(1).max(64), z.coerce.number().int().positive(), z.string()])

/** The list and slug of an item's address (`/posts/<slug>`), or null for any other path. */
function addressOf(pathname: string): { list: PreviewList; slug: string } | null {
  const [section, slug, ...rest] = pathname.split('/').filter(Boolean)
  const list = (Object.keys(PREVIEW_LISTS) as PreviewList[]).find(name => PREVIEW_LISTS[name] === `/${section}`)
  if (!list || !slug || rest.length > 0) return null
  try {
    return { list, slug: decodeURIComponent(slug) }
  } catch {
    return null
  }
}

/** The item and expiry a token names, or null when this site did not sign it for this address. */
function readToken(token: string, pathname: string): { list: PreviewList; id: string; slug: string; expiresAt: Date } | null {
  const parsed = TokenSchema.safeParse(token.split('.'))
  const address = addressOf(pathname)
  if (!parsed.success || !address) return null
  const [list, id, expiresAtSeconds, signature] = parsed.data
  if (list !== address.list) return null
  const expected = Buffer.from(sign(list, id, address.slug, expiresAtSeconds))
  const given = Buffer.from(signature)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
  return { list, id, slug: address.slug, expiresAt: new Date(expiresAtSeconds * 1000) }
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
 * for a preview that may not be shown: 404 signed out or with a forged token or another address's
 * (as for a draft's public address, so none tells that a draft exists), 410 for a link past its
 * expiry.
 */
export function previewFromRequest(request: Request, loadContext: unknown, now = new Date()): Preview | undefined {
  const url = new URL(request.url)
  const value = url.searchParams.get(PARAMETER)
  if (value === null) return undefined
  if (value === '') {
    const session = (loadContext as { session?: Session } | undefined)?.session
    if (!session) throw notFound()
    return { by: 'team', session }
  }
  const link = readToken(value, url.pathname)
  if (!link) throw notFound()
  if (link.expiresAt <= now) throw new Response('This preview link has expired', { status: 410, statusText: 'Gone' })
  return { by: 'link', list: link.list, id: link.id, slug: link.slug }
}

const NOTHING = { id: { in: [] as string[] } }

/**
 * The filter a page's read uses for the item at `slug`: the public filter, or in preview the items
 * the preview may show. The team's rule is the Admin UI's (app/schema/access.ts): editors see
 * everything; contributors their own posts and interviews, and what is public.
 */
type ItemFilter = { slug: string } | { id: string; slug: string } | typeof NOTHING | (ReturnType<typeof published> & { slug: string })
type AuthoredItemFilter = ItemFilter | { slug: string; OR: (ReturnType<typeof published> | { author: { id: string } })[] }

export function itemFilter(list: 'topic', slug: string, preview: Preview | undefined): ItemFilter
export function itemFilter(list: 'post' | 'interview', slug: string, preview: Preview | undefined): AuthoredItemFilter
export function itemFilter(list: PreviewList, slug: string, preview: Preview | undefined): AuthoredItemFilter {
  if (!preview) return { ...published(), slug }
  // The token was checked against the address; the slug again here, so a route reading another
  // item's slug under this preview still finds nothing.
  if (preview.by === 'link') return preview.list === list && preview.slug === slug ? { id: preview.id, slug } : NOTHING
  const role = preview.session.data.role
  if (role === 'editor' || role === 'admin') return { slug }
  if (list === 'topic') return { ...published(), slug }
  return { slug, OR: [published(), { author: { id: preview.session.itemId } }] }
}
