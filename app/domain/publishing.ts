// The one rule of when a post, interview or topic is public: published, once its publish time has
// come. Published with a time ahead, an item is scheduled and appears everywhere at that minute,
// because every read compares the time with now (public pages, feeds, search, and the API's access
// rules); no job flips it, and caches expire then (followScheduledChanges in
// app/server/content-changes.server.ts). Also what a preview page says about its item, and how long
// a private preview link works (app/features/content/preview.server.ts makes and reads the links).

/** What the public may read at `now`, as a filter. */
export const published = (now = new Date()) => ({ status: { equals: 'published' }, publishedAt: { lte: now } }) as const

/** Published with a publish time after `now`: scheduled. */
export const scheduledAfter = (now: Date) => ({ status: { equals: 'published' }, publishedAt: { gt: now } }) as const

/** The same test as `published`, for one item already read. */
export const isPublic = (item: { status: string; publishedAt: Date | null }, now = new Date()) =>
  item.status === 'published' && item.publishedAt !== null && item.publishedAt <= now

export const PREVIEW_LINK_DAYS = 7

export type PreviewState = { state: 'draft' } | { state: 'scheduled'; publishedAt: string } | { state: 'published' }

export function previewState(item: { status: string; publishedAt: Date | null }, now = new Date()): PreviewState {
  if (item.status !== 'published') return { state: 'draft' }
  if (item.publishedAt && item.publishedAt > now) return { state: 'scheduled', publishedAt: item.publishedAt.toISOString() }
  return { state: 'published' }
}
