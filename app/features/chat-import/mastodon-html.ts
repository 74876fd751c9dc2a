import sanitizeHtml from 'sanitize-html'

import type { UrlEntity } from '../../domain/chat-analysis'

// A Mastodon status's content is HTML as the server rendered it. We keep plain text only: the
// sanitizer parses it and drops what never reads as text (scripts, styles); its events tell us
// where paragraphs, line breaks and links are, and nothing of the markup survives.

export type MastodonMention = { url: string; acct: string }

export type PlainText = { text: string; urls: UrlEntity[] }

const decodeEscaped = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&')

// The sanitizer drops these tags' text; tags inside them must not add breaks either.
const NON_TEXT = new Set(['script', 'style', 'textarea', 'option', 'noscript', 'template'])

type OpenLink = { href: string; classes: Set<string>; full: string; visible: string; truncated: boolean }

/**
 * Plain text from status HTML: paragraphs are separated by a blank line, `<br>` is a line break,
 * links read as their full address (Mastodon hides "https://" and a long tail in invisible spans),
 * hashtags as `#tag` and mentions as `@user`, or `@user@server` for someone on another server than
 * `authorServer` (Mastodon shows only `@user` whatever the server, which would point elsewhere).
 */
export function mastodonHtmlToText(html: string, { mentions = [], authorServer = '' }: { mentions?: MastodonMention[]; authorServer?: string } = {}): PlainText {
  let text = ''
  const urls: UrlEntity[] = []
  const spans: Set<string>[] = []
  let link: OpenLink | null = null
  // Mastodon 4.5 adds `<p class="quote-inline">RE: <link></p>` for old clients; the quote itself is kept as the post's reference.
  let skipDepth = 0

  const write = (piece: string) => {
    if (skipDepth) return
    if (link) {
      link.full += piece
      if (!spans.some(classes => classes.has('invisible'))) link.visible += piece
      if (spans.some(classes => classes.has('ellipsis'))) link.truncated = true
      return
    }
    text += piece
  }
  const breakParagraph = () => {
    if (skipDepth || link) return
    text = text.replace(/[ \t]+$/, '')
    if (text && !text.endsWith('\n\n')) text += text.endsWith('\n') ? '\n' : '\n\n'
  }
  const closeLink = (open: OpenLink) => {
    const shown = open.full.trim()
    if (open.classes.has('hashtag')) return void (text += shown)
    if (open.classes.has('mention')) {
      const acct = mentions.find(mention => mention.url === open.href)?.acct
      const server = acct?.split('@')[1]?.toLowerCase()
      return void (text += server && server !== authorServer.toLowerCase() ? `@${acct}` : shown)
    }
    // The address as the author wrote it reads best; a link whose text is not an address (rare in statuses) keeps its text.
    const written = /^https?:\/\//i.test(shown) ? shown : open.href && !shown ? open.href : shown
    if (/^https?:\/\//i.test(written)) {
      const visible = open.visible.trim() || written.replace(/^https?:\/\//i, '')
      urls.push({ url: written, expandedUrl: open.href || written, displayUrl: open.truncated ? `${visible}…` : visible })
    }
    text += written
  }

  sanitizeHtml(html, {
    allowedTags: [],
    allowedAttributes: {},
    disallowedTagsMode: 'discard',
    onOpenTag(name, attribs) {
      const classes = new Set((attribs.class ?? '').split(/\s+/).filter(Boolean))
      if (skipDepth) return void skipDepth++
      if ((name === 'p' && classes.has('quote-inline')) || NON_TEXT.has(name)) return void (skipDepth = 1)
      if (name === 'p') breakParagraph()
      else if (name === 'br') write('\n')
      else if (name === 'a' && !link) link = { href: attribs.href ?? '', classes, full: '', visible: '', truncated: false }
      else if (name === 'span') spans.push(classes)
    },
    onCloseTag(name) {
      if (skipDepth) return void skipDepth--
      if (name === 'p') breakParagraph()
      else if (name === 'a' && link) {
        const open = link
        link = null
        closeLink(open)
      } else if (name === 'span') spans.pop()
    },
    textFilter(escaped) {
      write(decodeEscaped(escaped))
      return ''
    },
  })
  return { text: text.replace(/\s+$/, '').replace(/^\s+/, ''), urls }
}
