// Splits a post's text into plain text and links, so pages render it as React elements: the
// text is data, never HTML, and t.co short links are shown as where they really go. Hashtags and
// mentions link to the network the post was written on.

import { MENTION_PATTERN, hashtagUrl, mastodonServerOf, profileUrl, type Platform } from './networks'

export type TextSegment =
  | { type: 'text'; text: string }
  | { type: 'link'; text: string; href: string }
  | { type: 'hashtag'; text: string; href: string }
  | { type: 'mention'; text: string; href: string | null }

type Entities = { urls: { url: string; expandedUrl: string; displayUrl: string }[] }

/** Only web addresses become links: an expanded URL is whatever the import said, even javascript: or data:. */
export function isWebAddress(href: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(href).protocol)
  } catch {
    return false
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Links the source marked first (Bluesky's facets and Mastodon's anchors mark links whose text has
 * no scheme, such as "nhs.uk/conditions/…"), then any web address, hashtag or mention.
 */
function tokenPattern(platform: Platform, entities: Entities | null | undefined): RegExp {
  const marked = (entities?.urls ?? [])
    .map(url => url.url)
    .filter(Boolean)
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
  const markedLink = marked.length ? `${marked.join('|')}|` : ''
  return new RegExp(`(${markedLink}https?:\\/\\/[^\\s<>"]+)|(#[\\p{L}\\p{N}_]+)|(${MENTION_PATTERN[platform]})`, 'gu')
}

const X_HOSTS = new Set(['x.com', 'www.x.com', 'mobile.x.com', 'twitter.com', 'www.twitter.com', 'mobile.twitter.com'])

/** What a redacted participant's handle becomes in other people's posts. */
const REDACTED_MENTION = '@a participant'
/** A link to a redacted participant's profile or post (a quote, say) names them in its address. */
const REDACTED_LINK = '[a participant’s post]'

type TextOptions = {
  redactedHandles?: ReadonlySet<string>
  /** The network the post was written on; X when not given. */
  platform?: Platform
  /** Its author's handle: a Mastodon mention without a server means someone on the author's own. */
  authorHandle?: string | null
}

/** The handle an address names, if it is a profile or post on X, Bluesky or a Mastodon server. */
function handleInAddress(url: URL): string | null {
  const host = url.hostname.toLowerCase()
  const [first = '', second = ''] = url.pathname.split('/').slice(1)
  if (X_HOSTS.has(host)) return first.toLowerCase()
  if (host === 'bsky.app' && first === 'profile') return second.toLowerCase()
  // Mastodon's profiles and posts: https://server/@user[/id] and https://server/users/user[/statuses/id].
  if (first.startsWith('@')) return `${first.slice(1).toLowerCase()}@${host}`
  if (first === 'users' && second) return `${second.toLowerCase()}@${host}`
  return null
}

/** True for an address of a redacted participant's profile or post, on any network. */
export function pointsAtRedacted(href: string, redactedHandles: ReadonlySet<string>): boolean {
  try {
    const handle = handleInAddress(new URL(href))
    return handle !== null && redactedHandles.has(handle)
  } catch {
    return false
  }
}

/** A mention as the handle it names: `@sam` on Mastodon is `sam@<the author's server>`. */
function mentionedHandle(mention: string, platform: Platform, authorHandle: string | null | undefined): string {
  const bare = mention.slice(1).toLowerCase()
  if (platform !== 'mastodon' || bare.includes('@')) return bare
  const server = authorHandle ? mastodonServerOf(authorHandle) : ''
  return server ? `${bare}@${server.toLowerCase()}` : bare
}

/** A piece of the text with the token it came from; `hidden` when redaction replaced it. */
type Piece = { source: string; segment: TextSegment; hidden?: true }

function* pieces(text: string, entities: Entities | null | undefined, options: TextOptions): Generator<Piece> {
  const { redactedHandles = new Set<string>(), platform = 'x', authorHandle } = options
  const expanded = new Map((entities?.urls ?? []).map(url => [url.url, url]))
  let last = 0
  for (const match of text.matchAll(tokenPattern(platform, entities))) {
    const [token, url, hashtag, mention] = match
    if (match.index > last) yield { source: text.slice(last, match.index), segment: { type: 'text', text: text.slice(last, match.index) } }
    if (url) {
      const found = expanded.get(url)
      const entity = found && isWebAddress(found.expandedUrl) ? found : undefined
      const href = entity?.expandedUrl ?? url
      yield pointsAtRedacted(href, redactedHandles) || pointsAtRedacted(url, redactedHandles)
        ? { source: token, segment: { type: 'text', text: REDACTED_LINK }, hidden: true }
        : { source: token, segment: { type: 'link', text: entity ? entity.displayUrl : url, href } }
    } else if (hashtag) {
      yield { source: token, segment: { type: 'hashtag', text: hashtag, href: hashtagUrl(platform, hashtag, authorHandle) } }
    } else if (mention) {
      yield redactedHandles.has(mentionedHandle(mention, platform, authorHandle))
        ? { source: token, segment: { type: 'mention', text: REDACTED_MENTION, href: null }, hidden: true }
        : { source: token, segment: { type: 'mention', text: mention, href: profileUrl(platform, mention, authorHandle) } }
    } else {
      yield { source: token, segment: { type: 'text', text: token } }
    }
    last = match.index + token.length
  }
  if (last < text.length) yield { source: text.slice(last), segment: { type: 'text', text: text.slice(last) } }
}

export function segmentPostText(text: string, entities: Entities | null | undefined, options: TextOptions = {}): TextSegment[] {
  return Array.from(pieces(text, entities, options), piece => piece.segment)
}

/** The text as written, for the open-data exports, with redacted participants' handles and links replaced. */
export function redactPostText(text: string, entities: Entities | null | undefined, options: TextOptions = {}): string {
  return Array.from(pieces(text, entities, options), piece => (piece.hidden ? piece.segment.text : piece.source)).join('')
}

/** Two letters for the placeholder avatar: no image is ever loaded from X. */
export function initialsOf(name: string): string {
  const words = name.replace(/[^\p{L}\p{N}\s]/gu, ' ').trim().split(/\s+/).filter(Boolean)
  if (words.length === 0) return '?'
  return (words.length === 1 ? words[0].slice(0, 2) : words[0][0] + words[words.length - 1][0]).toUpperCase()
}
