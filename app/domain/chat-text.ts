// Splits a post's text into plain text and links, so pages render it as React elements: the
// text is data, never HTML, and t.co short links are shown as where they really go.

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

const TOKEN = /(https?:\/\/[^\s<>"]+)|(#[\p{L}\p{N}_]+)|(@[A-Za-z0-9_]{1,15})/gu
const X_HOSTS = new Set(['x.com', 'www.x.com', 'mobile.x.com', 'twitter.com', 'www.twitter.com', 'mobile.twitter.com'])

/** What a redacted participant's handle becomes in other people's posts. */
const REDACTED_MENTION = '@a participant'
/** A link to a redacted participant's profile or post (a quote, say) names them in its address. */
const REDACTED_LINK = '[a participant’s post]'

type RedactionOptions = { redactedHandles?: ReadonlySet<string> }

/** True for an X address of a redacted participant's profile or post. */
export function pointsAtRedacted(href: string, redactedHandles: ReadonlySet<string>): boolean {
  try {
    const url = new URL(href)
    return X_HOSTS.has(url.hostname.toLowerCase()) && redactedHandles.has(url.pathname.split('/')[1]?.toLowerCase() ?? '')
  } catch {
    return false
  }
}

/** A piece of the text with the token it came from; `hidden` when redaction replaced it. */
type Piece = { source: string; segment: TextSegment; hidden?: true }

function* pieces(text: string, entities: Entities | null | undefined, redactedHandles: ReadonlySet<string>): Generator<Piece> {
  const expanded = new Map((entities?.urls ?? []).map(url => [url.url, url]))
  let last = 0
  for (const match of text.matchAll(TOKEN)) {
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
      yield { source: token, segment: { type: 'hashtag', text: hashtag, href: `https://x.com/hashtag/${encodeURIComponent(hashtag.slice(1))}` } }
    } else if (mention) {
      yield redactedHandles.has(mention.slice(1).toLowerCase())
        ? { source: token, segment: { type: 'mention', text: REDACTED_MENTION, href: null }, hidden: true }
        : { source: token, segment: { type: 'mention', text: mention, href: `https://x.com/${mention.slice(1)}` } }
    } else {
      yield { source: token, segment: { type: 'text', text: token } }
    }
    last = match.index + token.length
  }
  if (last < text.length) yield { source: text.slice(last), segment: { type: 'text', text: text.slice(last) } }
}

export function segmentPostText(text: string, entities: Entities | null | undefined, { redactedHandles = new Set<string>() }: RedactionOptions = {}): TextSegment[] {
  return Array.from(pieces(text, entities, redactedHandles), piece => piece.segment)
}

/** The text as written, for the open-data exports, with redacted participants' handles and links replaced. */
export function redactPostText(text: string, entities: Entities | null | undefined, { redactedHandles = new Set<string>() }: RedactionOptions = {}): string {
  return Array.from(pieces(text, entities, redactedHandles), piece => (piece.hidden ? piece.segment.text : piece.source)).join('')
}

/** Two letters for the placeholder avatar: no image is ever loaded from X. */
export function initialsOf(name: string): string {
  const words = name.replace(/[^\p{L}\p{N}\s]/gu, ' ').trim().split(/\s+/).filter(Boolean)
  if (words.length === 0) return '?'
  return (words.length === 1 ? words[0].slice(0, 2) : words[0][0] + words[words.length - 1][0]).toUpperCase()
}
