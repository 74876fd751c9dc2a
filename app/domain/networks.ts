import { bareTag, hashtagText } from './hashtag'

// The networks a chat meets on, and what each one's addresses look like. The one place that
// knows that an X handle is bare, a Bluesky handle is a domain and a Mastodon handle carries its
// server: pages, the import and the announcer all ask here.

export const PLATFORMS = ['x', 'bluesky', 'mastodon'] as const
export type Platform = (typeof PLATFORMS)[number]

export const PLATFORM_NAMES: Record<Platform, string> = { x: 'X', bluesky: 'Bluesky', mastodon: 'Mastodon' }

export const isPlatform = (value: unknown): value is Platform => typeof value === 'string' && (PLATFORMS as readonly string[]).includes(value)

/** The server a Mastodon handle lives on: `sam@nhs.social` → `nhs.social`. */
export const mastodonServerOf = (handle: string) => handle.split('@')[1] ?? ''

/** A hashtag's page on a Mastodon server; without one, on the largest. */
const mastodonTagUrl = (server: string | null | undefined, tag: string) => `https://${server || 'mastodon.social'}/tags/${encodeURIComponent(bareTag(tag))}`

/** A hashtag's page on the network the post was written on. */
export function hashtagUrl(platform: Platform, tag: string, authorHandle?: string | null): string {
  const bare = encodeURIComponent(bareTag(tag))
  switch (platform) {
    case 'x':
      return `https://x.com/hashtag/${bare}`
    case 'bluesky':
      return `https://bsky.app/hashtag/${bare}`
    case 'mastodon':
      return mastodonTagUrl(authorHandle && mastodonServerOf(authorHandle), tag)
  }
}

/**
 * A mentioned person's profile. A Mastodon mention without a server (`@sam`) is someone on the
 * author's own server.
 */
export function profileUrl(platform: Platform, handle: string, authorHandle?: string | null): string {
  const bare = handle.replace(/^@/, '')
  switch (platform) {
    case 'x':
      return `https://x.com/${bare}`
    case 'bluesky':
      return `https://bsky.app/profile/${bare}`
    case 'mastodon': {
      const [user, server = authorHandle ? mastodonServerOf(authorHandle) : ''] = bare.split('@')
      return server ? `https://${server}/@${user}` : `https://mastodon.social/@${user}`
    }
  }
}

/** What an @mention looks like in a post's text on each network. */
export const MENTION_PATTERN: Record<Platform, string> = {
  x: '@[A-Za-z0-9_]{1,15}',
  // A domain: letters, digits and hyphens in dot-separated labels.
  bluesky: '@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\\.)+[A-Za-z]{2,}',
  mastodon: '@[A-Za-z0-9_]+(?:@(?:[A-Za-z0-9-]+\\.)+[A-Za-z]{2,})?',
}

/** The original post on its network. X addresses are made from the handle; the others are stored at import. */
export function originalPostUrl(post: { platform: Platform; id: string; url?: string | null }, authorHandle: string): string | null {
  if (post.url) return post.url
  return post.platform === 'x' ? `https://x.com/${authorHandle}/status/${post.id}` : null
}

/**
 * Handles as an editor writes them in a list ("@sam @sam.bsky.social @sam@nhs.social"), lower
 * case and without the leading "@". Which network each belongs to shows in its shape: only
 * Bluesky's have a dot without an "@", only Mastodon's an inner "@".
 */
export const parseHandles = (text: string) =>
  text
    .split(/[\s,]+/)
    .map(handle => handle.replace(/^@/, '').toLowerCase())
    .filter(Boolean)

/**
 * A post's id as readers and the open data see it: X's numeric id as it is (as before), and for
 * the other networks, whose ids are addresses naming their author (a DID, a username), the
 * network and the record key or status number. It names the transcript's anchor (`#post-…`) and
 * an embed's thread (`::chat[slug/…]`), and leaves a redacted author unnamed.
 */
export function postReference(id: string): string {
  if (/^\d+$/.test(id) || /^(?:bluesky|mastodon)-[\w-]+$/.test(id)) return id
  if (id.startsWith('at://')) return `bluesky-${(id.split('/').pop() ?? '').replace(/[^\w-]/g, '')}`
  // A status's id is its address's last number; a boost's address ends in /activity after it.
  const status = /\/(\d+)(?:\/activity)?\/?$/.exec(id)
  return `mastodon-${status ? status[1] : (id.split('/').pop() ?? '').replace(/[^\w-]/g, '')}`
}

export const postAnchor = (id: string) => `post-${postReference(id)}`

/** A Bluesky post's page from its `at://did/app.bsky.feed.post/rkey` URI, under its author's handle when known. */
export function blueskyPostUrl(uri: string, handle?: string | null): string | null {
  const match = /^at:\/\/([^/]+)\/app\.bsky\.feed\.post\/([^/]+)$/.exec(uri)
  return match ? `${blueskyProfileUrl(match[1], handle)}/post/${match[2]}` : null
}

/** A Bluesky account's page, under its handle unless Bluesky could not verify it (`handle.invalid`). */
export const blueskyProfileUrl = (did: string, handle?: string | null) =>
  `https://bsky.app/profile/${handle && handle !== 'handle.invalid' ? handle : did}`

/** Where a reader follows a hashtag live on each network; Mastodon's on the community's own server. */
export function hashtagSearchUrl(platform: Platform, hashtag: string, mastodonServer?: string | null): string {
  switch (platform) {
    case 'x':
      return `https://x.com/search?q=${encodeURIComponent(hashtagText(hashtag))}&f=live`
    case 'bluesky':
      return hashtagUrl('bluesky', hashtag)
    case 'mastodon':
      return mastodonTagUrl(mastodonServer, hashtag)
  }
}
