// What a preview page says about the item it shows, and how long a private preview link works
// (app/features/content/preview.server.ts makes and reads the links).

export const PREVIEW_LINK_DAYS = 7

export type PreviewState = { state: 'draft' } | { state: 'scheduled'; publishedAt: string } | { state: 'published' }

export function previewState(item: { status: string; publishedAt: Date | null }, now = new Date()): PreviewState {
  if (item.status !== 'published') return { state: 'draft' }
  if (item.publishedAt && item.publishedAt > now) return { state: 'scheduled', publishedAt: item.publishedAt.toISOString() }
  return { state: 'published' }
}
