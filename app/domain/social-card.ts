// What a page's social card shows, and its address. The card is drawn by the server
// (app/features/social-cards/) for every page without a featured image. Link previews keep an
// image by its URL forever, so the URL carries a short hash of everything the card shows: an
// edited title gives a new URL, and an old URL answers with a redirect to the current one.
//
// The same functions run in a page's meta (from its loader data) and in the card's route (from
// the same read functions), so both always agree on the hash. Client-safe: no Node modules.

import { formatDate, formatDateTime } from './format'

/** Bump when the drawing changes, so every card gets a new URL. */
const CARD_DESIGN = 1

export const CARD_WIDTH = 1200
export const CARD_HEIGHT = 630
const CARDS_PATH = '/cards'

/** The sections with item pages, as in their URLs (`/posts/<slug>` → `/cards/posts/<slug>.<hash>.png`). */
const CARD_SECTIONS = ['posts', 'interviews', 'topics', 'archives'] as const
export type CardSection = (typeof CARD_SECTIONS)[number]

export type CardNumber = { value: number; one: string; many: string }

export type CardContent = {
  siteName: string
  /** What kind of page: "Post", "Chat recap", "Interview", "Topic", "Chat archive"; none on the site's card. */
  label: string | null
  /** The item's title, or the site's name. */
  title: string
  /** Under the title on the site's own card. */
  tagline: string | null
  /** When: ISO instant, drawn in the site's zone; with the time for a chat that is announced. */
  date: { iso: string; timeZone: string; withTime: boolean } | null
  numbers: CardNumber[]
}

/** The site's settings a card needs (the root loader's data has them). */
export type CardSite = { siteName: string; tagline: string; chatTimeZone: string }

const dated = (site: CardSite, iso: string | null | undefined, withTime = false) => (iso ? { iso, timeZone: site.chatTimeZone, withTime } : null)

export function siteCard(site: CardSite): CardContent {
  return { siteName: site.siteName, label: null, title: site.siteName, tagline: site.tagline || null, date: null, numbers: [] }
}

export function postCard(site: CardSite, post: { title: string; kind: 'article' | 'recap'; publishedAt: string }): CardContent {
  return { siteName: site.siteName, label: post.kind === 'recap' ? 'Chat recap' : 'Post', title: post.title, tagline: null, date: dated(site, post.publishedAt), numbers: [] }
}

export function interviewCard(site: CardSite, interview: { title: string; publishedAt: string }): CardContent {
  return { siteName: site.siteName, label: 'Interview', title: interview.title, tagline: null, date: dated(site, interview.publishedAt), numbers: [] }
}

/** A topic is the announcement of a chat: its card says when the chat is. */
export function topicCard(site: CardSite, topic: { title: string; chatStart: string }): CardContent {
  return { siteName: site.siteName, label: 'Topic', title: topic.title, tagline: null, date: dated(site, topic.chatStart, true), numbers: [] }
}

export function archiveCard(site: CardSite, archive: { title: string; windowStart: string; stats: { posts: number; contributors: number }; questionCount: number }): CardContent {
  return {
    siteName: site.siteName,
    label: 'Chat archive',
    title: archive.title,
    tagline: null,
    date: dated(site, archive.windowStart),
    numbers: [
      { value: archive.stats.posts, one: 'post', many: 'posts' },
      { value: archive.stats.contributors, one: 'contributor', many: 'contributors' },
      { value: archive.questionCount, one: 'question', many: 'questions' },
    ],
  }
}

/**
 * cyrb53, a fast non-cryptographic 53-bit string hash: the hash only has to change when the card
 * does (Web Crypto's digest is asynchronous, and meta functions are not).
 */
function hash53(text: string) {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    h1 = Math.imul(h1 ^ code, 2654435761)
    h2 = Math.imul(h2 ^ code, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return 4294967296 * (2097151 & h2) + (h1 >>> 0)
}

export function cardVersion(content: CardContent) {
  return hash53(JSON.stringify([CARD_DESIGN, content])).toString(36).padStart(11, '0')
}

/** The card's path: `/cards/site.<hash>.png`, or `/cards/<section>/<slug>.<hash>.png`. */
export function cardPath(content: CardContent, item?: { section: CardSection; slug: string }) {
  const version = cardVersion(content)
  return item ? `${CARDS_PATH}/${item.section}/${item.slug}.${version}.png` : `${CARDS_PATH}/site.${version}.png`
}

export type CardAddress = { section: CardSection; slug: string; version: string | null } | { section: 'site'; version: string | null }

const SITE_CARD = /^site(?:\.([0-9a-z]{11}))?\.png$/
const ITEM_CARD = /^([a-z0-9-]+)(?:\.([0-9a-z]{11}))?\.png$/

/**
 * What a path below /cards/ asks for, or null. Without a version (`/cards/posts/<slug>.png`) it
 * names the current card, which the route answers with a redirect to the versioned address.
 */
export function parseCardPath(path: string): CardAddress | null {
  const parts = path.split('/')
  if (parts.length === 1) {
    const site = SITE_CARD.exec(parts[0])
    return site ? { section: 'site', version: site[1] ?? null } : null
  }
  const [section, file] = parts
  if (parts.length !== 2 || !(CARD_SECTIONS as readonly string[]).includes(section)) return null
  const item = ITEM_CARD.exec(file)
  return item ? { section: section as CardSection, slug: item[1], version: item[2] ?? null } : null
}

/** The date as the card writes it, in British English like the site's default (the card is the same for every reader). */
export function cardDate(content: CardContent) {
  if (!content.date) return null
  const { iso, timeZone, withTime } = content.date
  return withTime ? formatDateTime(iso, timeZone) : formatDate(iso, timeZone)
}

export const numberText = (number: CardNumber) => `${number.value.toLocaleString('en-GB')} ${number.value === 1 ? number.one : number.many}`

/** The card's text in one line, for its alt text: what a screen reader says of a link preview. */
export function cardAlt(content: CardContent) {
  const numbers = content.numbers.map(numberText).join(', ')
  const parts = content.label ? [content.siteName, `${content.label}: ${content.title}`, cardDate(content), numbers] : [content.title, content.tagline]
  return parts
    .filter(Boolean)
    .map(part => part!.trim())
    .reduce((text, part) => (text ? `${text}${/[.!?…]$/.test(text) ? '' : '.'} ${part}` : part), '')
}
