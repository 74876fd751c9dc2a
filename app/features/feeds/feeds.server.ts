import { Feed } from 'feed'

import { env } from '../../server/env.server'
import { getAllPublishedItems, KIND_PATHS, type ItemKind, type ItemSummary } from '../content/items.server'
import { getSiteSettings } from '../content/site.server'

// RSS 2.0 and Atom feeds, through the `feed` library. Each item ends with the disclaimer, because
// feed readers show items far from the site's own pages.

const FEED_KINDS = {
  all: { title: 'Everything', kinds: ['article', 'recap', 'interview', 'topic', 'archive'] },
  posts: { title: 'Posts', kinds: ['article', 'recap'] },
  recaps: { title: 'Chat recaps', kinds: ['recap'] },
  interviews: { title: 'Interviews', kinds: ['interview'] },
  topics: { title: 'Chat topics', kinds: ['topic'] },
  archives: { title: 'Chat archives', kinds: ['archive'] },
} as const satisfies Record<string, { title: string; kinds: ItemKind[] }>

export type FeedKind = keyof typeof FEED_KINDS
export type FeedFormat = 'rss' | 'atom'

export const isFeedKind = (value: string | undefined): value is FeedKind => Boolean(value && value in FEED_KINDS)

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

// Control characters from imported or pasted text are legal in HTML but make the whole XML
// document unreadable to a feed reader.
const XML_INVALID_CHARACTERS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu
const withoutXmlInvalidCharacters = (xml: string) => xml.replace(XML_INVALID_CHARACTERS, '')

// The library escapes `&` and `"` in attribute values but not `<`, which XML forbids there: a tag
// named "<3 nurses" would make the whole Atom document unreadable. Its categories are the only
// attributes that carry editors' text, one element per line; item content is sanitised HTML in
// CDATA, which never holds a <category> element.
const withEscapedCategoryLabels = (xml: string) =>
  xml.replace(/^(\s*<category [^\n]*?label=")([^"]*)(")/gm, (_, before, label: string, after) => before + label.replace(/</g, '&lt;') + after)

export async function buildFeed(kind: FeedKind, format: FeedFormat): Promise<string> {
  const [settings, items] = await Promise.all([getSiteSettings(), getAllPublishedItems()])
  const spec = FEED_KINDS[kind]
  const selected = items.filter(item => (spec.kinds as readonly ItemKind[]).includes(item.kind)).slice(0, 50)
  const base = env.publicUrl
  const feed = new Feed({
    title: kind === 'all' ? settings.siteName : `${settings.siteName}: ${spec.title}`,
    description: settings.tagline,
    id: `${base}${kind === 'all' ? '/' : KIND_PATHS[spec.kinds[0]]}`,
    link: `${base}/`,
    language: 'en-GB',
    copyright: `${settings.siteName}. ${settings.disclaimer}`,
    updated: selected[0] ? new Date(selected[0].updated) : new Date(0),
    generator: settings.siteName,
    feedLinks: { rss: `${base}${kind === 'all' ? '/rss.xml' : `/feeds/${kind}/rss.xml`}`, atom: `${base}${kind === 'all' ? '/atom.xml' : `/feeds/${kind}/atom.xml`}` },
  })
  const disclaimer = `<p><em>${escapeHtml(settings.disclaimer)}</em></p>`
  for (const item of selected) feed.addItem(toFeedItem(item, base, disclaimer))
  return withoutXmlInvalidCharacters(format === 'rss' ? feed.rss2() : withEscapedCategoryLabels(feed.atom1()))
}

function toFeedItem(item: ItemSummary, base: string, disclaimer: string) {
  const url = `${base}${item.href}`
  const body = item.html ?? `<p>${escapeHtml(item.summary)}</p>`
  return {
    title: item.title,
    id: url,
    link: url,
    // Readers treat a description as HTML; a summary is plain text that may contain `<`.
    description: item.summary ? escapeHtml(item.summary) : undefined,
    content: `${body}\n${disclaimer}`,
    date: new Date(item.updated),
    published: new Date(item.date),
    author: item.author ? [{ name: item.author }] : undefined,
    // Atom requires a term; the slug is the tag's stable identifier.
    category: item.tags.map(tag => ({ name: tag.name, term: tag.slug, domain: `${base}/tags/${tag.slug}` })),
  }
}

/** XML and text answers for feeds, the sitemap and robots.txt (cached like pages, by public-site.server.ts). */
export function textResponse(body: string, contentType: string) {
  return new Response(body, { headers: { 'Content-Type': `${contentType}; charset=utf-8` } })
}
