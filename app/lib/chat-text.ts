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

export function segmentPostText(
  text: string,
  entities: Entities | null | undefined,
  { redactedHandles = new Set<string>() }: { redactedHandles?: ReadonlySet<string> } = {}
): TextSegment[] {
  const expanded = new Map((entities?.urls ?? []).map(url => [url.url, url]))
  const segments: TextSegment[] = []
  let last = 0
  for (const match of text.matchAll(TOKEN)) {
    const [token, url, hashtag, mention] = match
    if (match.index > last) segments.push({ type: 'text', text: text.slice(last, match.index) })
    if (url) {
      const found = expanded.get(url)
      const entity = found && isWebAddress(found.expandedUrl) ? found : undefined
      const href = entity?.expandedUrl ?? url
      segments.push({ type: 'link', text: entity ? entity.displayUrl : url, href })
    } else if (hashtag) {
      segments.push({ type: 'hashtag', text: hashtag, href: `https://x.com/hashtag/${encodeURIComponent(hashtag.slice(1))}` })
    } else if (mention) {
      const handle = mention.slice(1).toLowerCase()
      segments.push(
        redactedHandles.has(handle)
          ? { type: 'mention', text: '@a participant', href: null }
          : { type: 'mention', text: mention, href: `https://x.com/${mention.slice(1)}` }
      )
    } else {
      segments.push({ type: 'text', text: token })
    }
    last = match.index + token.length
  }
  if (last < text.length) segments.push({ type: 'text', text: text.slice(last) })
  return segments
}

/** Two letters for the placeholder avatar: no image is ever loaded from X. */
export function initialsOf(name: string): string {
  const words = name.replace(/[^\p{L}\p{N}\s]/gu, ' ').trim().split(/\s+/).filter(Boolean)
  if (words.length === 0) return '?'
  return (words.length === 1 ? words[0].slice(0, 2) : words[0][0] + words[words.length - 1][0]).toUpperCase()
}
