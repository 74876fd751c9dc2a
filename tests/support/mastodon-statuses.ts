// Statuses as the fediverse knows them, before any one server gives them its own ids: written on
// the author's home server (whose id is in the status's global `uri`), with content rendered to
// HTML exactly as Mastodon renders a plain-text post (docs: entities/Status.md, methods/timelines.md).
// A fake server (fake-mastodon.ts) serves them with ids local to itself.

export type FakeAccount = { username: string; domain: string; displayName: string; avatar: string }

export type FakeMedia = { type: 'image' | 'video' | 'gifv' | 'audio'; url: string; previewUrl: string; description: string | null }

export type FakeStatus = {
  account: FakeAccount
  /** The id on the author's home server, the one in `uri` and `url`. */
  homeId: string
  uri: string
  url: string
  createdAt: string
  editedAt: string | null
  /** HTML as Mastodon renders it; empty for a boost. */
  content: string
  spoilerText: string
  inReplyTo: FakeStatus | null
  reblog: FakeStatus | null
  quote: FakeStatus | null
  mediaAttachments: FakeMedia[]
  /** Tag names, lower case as Mastodon gives them in `tags`. */
  tags: string[]
  mentions: FakeAccount[]
  counts: { replies: number; reblogs: number; favourites: number; quotes: number }
  /** Deleted on its server: answers 404, and threads stop above it. */
  deleted: boolean
}

export function fakeAccount(handle: string, displayName?: string): FakeAccount {
  const [username, domain] = handle.replace(/^@/, '').split('@')
  if (!username || !domain) throw new Error(`fakeAccount needs user@server, not "${handle}"`)
  return { username, domain, displayName: displayName ?? username, avatar: `https://files.${domain}/accounts/avatars/${username}.png` }
}

let sequence = 0
/** A Mastodon (Snowflake-like) id: the time in milliseconds, shifted, plus a low part; ids grow with time. */
export const snowflake = (time: Date | string, low: number) => ((BigInt(new Date(time).getTime()) << 16n) | BigInt(low & 0xffff)).toString()

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** A link as Mastodon shows it: the scheme (and "www.") hidden, 30 characters visible, the rest hidden behind an ellipsis. */
function linkHtml(url: string): string {
  const prefix = /^https?:\/\/(?:www\.)?/.exec(url)?.[0] ?? ''
  const rest = url.slice(prefix.length)
  const visible = rest.slice(0, 30)
  const hidden = rest.slice(30)
  return (
    `<a href="${escapeHtml(url)}" target="_blank" rel="nofollow noopener" translate="no">` +
    `<span class="invisible">${escapeHtml(prefix)}</span><span class="${hidden ? 'ellipsis' : ''}">${escapeHtml(visible)}</span><span class="invisible">${escapeHtml(hidden)}</span></a>`
  )
}

export const hashtagHtml = (domain: string, tag: string) => `<a href="https://${domain}/tags/${encodeURIComponent(tag)}" class="mention hashtag" rel="tag">#<span>${escapeHtml(tag)}</span></a>`

export const mentionHtml = (account: FakeAccount) =>
  `<span class="h-card" translate="no"><a href="https://${account.domain}/@${account.username}" class="u-url mention">@<span>${escapeHtml(account.username)}</span></a></span>`

const TOKEN = /(https?:\/\/[^\s<]+[^\s<.,;:!?)'"])|#([\p{L}\p{N}_]+)|@([a-z0-9_]+)(?:@((?:[a-z0-9-]+\.)+[a-z]{2,}))?/giu

/** Plain text rendered as Mastodon renders a post: paragraphs, line breaks, links, hashtags and mentions. */
function renderContent(text: string, author: FakeAccount): { html: string; tags: string[]; mentions: FakeAccount[] } {
  const tags: string[] = []
  const mentions: FakeAccount[] = []
  const line = (source: string) => {
    let html = ''
    let from = 0
    for (const match of source.matchAll(TOKEN)) {
      html += escapeHtml(source.slice(from, match.index))
      from = match.index + match[0].length
      const [token, url, tag, user, domain] = match
      if (url) html += linkHtml(url)
      else if (tag) {
        if (!tags.includes(tag.toLowerCase())) tags.push(tag.toLowerCase())
        html += hashtagHtml(author.domain, tag)
      } else if (user) {
        const account = fakeAccount(`${user}@${domain ?? author.domain}`)
        if (!mentions.some(known => known.username === account.username && known.domain === account.domain)) mentions.push(account)
        html += mentionHtml(account)
      } else html += escapeHtml(token)
    }
    return html + escapeHtml(source.slice(from))
  }
  const html = text
    .split(/\n{2,}/)
    .map(paragraph => `<p>${paragraph.split('\n').map(line).join('<br>')}</p>`)
    .join('')
  return { html, tags, mentions }
}

export type StatusInput = {
  by: FakeAccount
  at: string | Date
  /** Plain text, rendered as Mastodon would; or give `html` (and `tags`, `mentions`) as a server sent it. */
  text?: string
  html?: string
  tags?: string[]
  mentions?: FakeAccount[]
  spoilerText?: string
  editedAt?: string | Date | null
  inReplyTo?: FakeStatus | null
  quote?: FakeStatus | null
  media?: FakeMedia[]
  counts?: Partial<FakeStatus['counts']>
  deleted?: boolean
}

export function fakeStatus(input: StatusInput): FakeStatus {
  const createdAt = new Date(input.at).toISOString()
  const homeId = snowflake(createdAt, ++sequence)
  const rendered = input.html !== undefined ? { html: input.html, tags: input.tags ?? [], mentions: input.mentions ?? [] } : renderContent(input.text ?? '', input.by)
  // Mastodon 4.5 writes a link to the quoted post into the text, for servers and apps that do not show quotes.
  if (input.quote && input.html === undefined && !(input.text ?? '').includes(input.quote.url)) {
    rendered.html = `<p class="quote-inline">RE: ${linkHtml(input.quote.url)}</p>${rendered.html}`
  }
  const { username, domain } = input.by
  return {
    account: input.by,
    homeId,
    uri: `https://${domain}/users/${username}/statuses/${homeId}`,
    url: `https://${domain}/@${username}/${homeId}`,
    createdAt,
    editedAt: input.editedAt ? new Date(input.editedAt).toISOString() : null,
    content: rendered.html,
    spoilerText: input.spoilerText ?? '',
    inReplyTo: input.inReplyTo ?? null,
    reblog: null,
    quote: input.quote ?? null,
    mediaAttachments: input.media ?? [],
    tags: input.tags ?? rendered.tags,
    mentions: input.mentions ?? rendered.mentions,
    counts: { replies: 0, reblogs: 0, favourites: 0, quotes: 0, ...input.counts },
    deleted: input.deleted ?? false,
  }
}

/** A boost: its own uri (…/activity) and time, no content of its own. */
function fakeBoost(by: FakeAccount, at: string | Date, original: FakeStatus): FakeStatus {
  const createdAt = new Date(at).toISOString()
  const homeId = snowflake(createdAt, ++sequence)
  return {
    ...fakeStatus({ by, at: createdAt, html: '', tags: [], mentions: [] }),
    homeId,
    uri: `https://${by.domain}/users/${by.username}/statuses/${homeId}/activity`,
    url: `https://${by.domain}/@${by.username}/${homeId}`,
    reblog: original,
  }
}

/** An image on `domain`'s media host; or, given `url` (a fake's `mediaUrl`), one a test can download. */
const fakeImage = (domain: string, name: string, description: string | null, url?: string): FakeMedia => ({
  type: 'image',
  url: url ?? `https://files.${domain}/media_attachments/files/original/${name}`,
  previewUrl: url ?? `https://files.${domain}/media_attachments/files/small/${name}`,
  description,
})

/**
 * A chat of #MondayHealthChat as it happened across two servers, nhs.social (the host's) and
 * mastodon.social, from `start` for an hour: the host's questions, answers from both servers
 * (one replying across servers), a boost, a quote, a post edited after the chat, a photo with
 * its description, and a reply whose parent was deleted.
 */
export function sampleMastodonChat(start = new Date('2026-11-23T20:00:00.000Z')) {
  const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000)
  const host = fakeAccount('nhschat@nhs.social', 'NHS Chat')
  const sam = fakeAccount('sampatel@nhs.social', 'Sam Patel')
  const ann = fakeAccount('ann@mastodon.social', 'Ann Lee')
  const raj = fakeAccount('raj@mastodon.social', '')
  const before = fakeStatus({ by: sam, at: at(-90), text: 'Looking forward to tonight! #MondayHealthChat' })
  const q1 = fakeStatus({ by: host, at: at(2), text: 'Q1 What helps you sleep after a night shift? #MondayHealthChat', counts: { replies: 2, favourites: 5, reblogs: 1 } })
  const a1Sam = fakeStatus({
    by: sam,
    at: at(5),
    text: '@nhschat A1 Blackout blinds and a fixed wind-down. This guide helped:\nhttps://www.nhs.uk/live-well/sleep-and-tiredness/how-to-get-to-sleep/ #MondayHealthChat',
    inReplyTo: q1,
    counts: { favourites: 3 },
  })
  // Ann on mastodon.social answers the host on nhs.social: both servers see the reply.
  const a1Ann = fakeStatus({ by: ann, at: at(7), text: '@nhschat@nhs.social A1 Earplugs, and no screens for an hour. #MondayHealthChat', inReplyTo: q1 })
  const boost = fakeBoost(ann, at(8), q1)
  const q2 = fakeStatus({
    by: host,
    at: at(30),
    text: 'Q2 Which apps or tools help you track your sleep? #MondayHealthChat',
    media: [fakeImage('nhs.social', 'q2-card.png', 'A card reading "Q2: which tools help you track your sleep?"')],
  })
  const a2Edited = fakeStatus({ by: sam, at: at(33), editedAt: at(75), text: '@nhschat A2 A paper diary (edited: and a smart watch) #MondayHealthChat', inReplyTo: q2 })
  const quote = fakeStatus({ by: raj, at: at(40), text: 'So true for anyone on rotas #MondayHealthChat', quote: a1Sam })
  const deletedParent = fakeStatus({ by: raj, at: at(42), text: 'I only sleep with the radio on', deleted: true })
  const orphan = fakeStatus({ by: ann, at: at(44), text: '@raj Same here! #MondayHealthChat', inReplyTo: deletedParent })
  const after = fakeStatus({ by: host, at: at(61), text: 'Thanks all, transcript soon #MondayHealthChat' })
  const nhsSocial = [before, q1, a1Sam, a1Ann, boost, q2, a2Edited, after]
  const mastodonSocial = [q1, a1Sam, a1Ann, boost, q2, quote, deletedParent, orphan]
  return {
    start,
    end: at(60),
    hashtag: 'MondayHealthChat',
    accounts: { host, sam, ann, raj },
    statuses: { before, q1, a1Sam, a1Ann, boost, q2, a2Edited, quote, deletedParent, orphan, after },
    /** What reached each server. */
    servers: { 'nhs.social': nhsSocial, 'mastodon.social': mastodonSocial },
  }
}
