import twitterText from 'twitter-text'
import type { TwitterApi } from 'twitter-api-v2'

import { PLATFORM_NAMES, type Platform } from '../../domain/networks'
import { env } from '../../server/env.server'
import type { BlueskyConnection } from '../chat-import/bluesky.server'
import { createXClient } from '../chat-import/x-api.server'
import { BLUESKY_LIMIT, blueskyLength, postToBluesky } from './post-to-bluesky.server'
import { MASTODON_LIMIT, mastodonLength, postToMastodon, type MastodonPostingConnection } from './post-to-mastodon.server'
import { contentChanged } from '../../server/content-changes.server'
import type { Context } from '../../server/keystone.server'
import { itemKey } from '../../server/surrogate-keys.server'

// Posting a topic announcement to X, Bluesky and Mastodon: the text comes from the template in
// Site settings, is measured the way each network measures it (X: twitter-text, links count 23
// and wide characters 2; Bluesky: graphemes; Mastodon: links count 23, mentions their username),
// and is posted once to each. Each post's id is stored; a second post to a network is refused.

export type AnnouncementTopic = {
  id: string
  title: string
  slug: string
  hashtag: string
  chatStart: Date
  host: string
  status: string
  xPostId: string
}

export type ComposedAnnouncement = { text: string; weightedLength: number; valid: boolean }

const X_LIMIT = 280

/** Each network's limit and how it counts a text. */
const MEASURES: Record<Platform, { limit: number; length: (text: string) => number }> = {
  x: { limit: X_LIMIT, length: text => twitterText.parseTweet(text).weightedLength },
  bluesky: { limit: BLUESKY_LIMIT, length: blueskyLength },
  mastodon: { limit: MASTODON_LIMIT, length: mastodonLength },
}

export function composeAnnouncement(
  template: string,
  topic: Pick<AnnouncementTopic, 'title' | 'slug' | 'hashtag' | 'chatStart' | 'host'>,
  { publicUrl, timeZone }: { publicUrl: string; timeZone: string },
  network: Platform = 'x'
): ComposedAnnouncement {
  const part = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-GB', { timeZone, ...options }).format(topic.chatStart)
  const zone = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'short' }).formatToParts(topic.chatStart).find(p => p.type === 'timeZoneName')?.value ?? timeZone
  const values: Record<string, string> = {
    title: topic.title,
    hashtag: topic.hashtag,
    date: part({ weekday: 'long', day: 'numeric', month: 'long' }),
    time: part({ hour: '2-digit', minute: '2-digit', hour12: false }),
    zone,
    host: topic.host.trim() || 'the community',
    url: `${publicUrl}/topics/${topic.slug}`,
  }
  const text = template.replace(/\{(\w+)\}/g, (token, name: string) => values[name] ?? token).trim()
  const { limit, length } = MEASURES[network]
  const weightedLength = length(text)
  return { text, weightedLength, valid: weightedLength > 0 && weightedLength <= limit }
}

/** User-context credentials (OAuth 1.0a) from the environment; posting needs them, reading does not. */
function createPostingClient(): TwitterApi {
  const { X_API_KEY, X_API_SECRET, X_ACCESS_TOKEN, X_ACCESS_SECRET } = env
  if (!X_API_KEY || !X_API_SECRET || !X_ACCESS_TOKEN || !X_ACCESS_SECRET) {
    throw new Error('Posting to X needs X_API_KEY, X_API_SECRET, X_ACCESS_TOKEN and X_ACCESS_SECRET (user-context credentials of the community account).')
  }
  return createXClient({
    credentials: { appKey: X_API_KEY, appSecret: X_API_SECRET, accessToken: X_ACCESS_TOKEN, accessSecret: X_ACCESS_SECRET },
    apiBase: env.X_API_BASE,
  })
}

/** `limit` is the network's, for the length to be read against. */
export type AnnounceResult =
  | { text: string; weightedLength: number; limit: number; posted: false }
  | { text: string; weightedLength: number; limit: number; posted: true; postId: string }

type AnnounceOptions = {
  dryRun?: boolean
  /** Where to post; X unless named. */
  network?: Platform
  /** The X client (tests give one pointed at their fake X API); from the environment otherwise. */
  client?: () => TwitterApi
  /** Bluesky's and Mastodon's accounts (tests give their fake servers'); from the environment otherwise. */
  bluesky?: BlueskyConnection
  mastodon?: MastodonPostingConnection
}

/** Where each network's post is kept on the topic, and how it reads in a message. */
const POSTED = {
  x: { id: (topic: PostedTopic) => topic.xPostId, as: (id: string) => `post ${id}` },
  bluesky: { id: (topic: PostedTopic) => topic.blueskyPostUri, as: (uri: string) => uri },
  mastodon: { id: (topic: PostedTopic) => topic.mastodonPostUrl, as: (url: string) => url },
} satisfies Record<Platform, unknown>

type PostedTopic = { xPostId: string; blueskyPostUri: string; mastodonPostUrl: string }

/**
 * Posts (or, with dryRun, only composes) the announcement of one topic on one network. Refuses a
 * draft, a topic scheduled for later, a topic already posted there, and a text over that
 * network's limit, saying which.
 */
export async function announceTopic(context: Context, slug: string, { dryRun = false, network = 'x', ...accounts }: AnnounceOptions = {}): Promise<AnnounceResult> {
  const name = PLATFORM_NAMES[network]
  const db = context.sudo().db
  const [topic] = await db.TopicAnnouncement.findMany({ where: { slug: { equals: slug } }, take: 1 })
  if (!topic) throw new Error(`No topic announcement with the slug "${slug}".`)
  if (topic.status !== 'published') throw new Error(`"${topic.title}" is a draft: publish it before announcing it on ${name}.`)
  if (topic.publishedAt && topic.publishedAt > new Date()) {
    // The post would link to a page that answers 404 until then.
    throw new Error(`"${topic.title}" is scheduled for ${topic.publishedAt.toISOString()}: announce it on ${name} once it is on the site.`)
  }
  const already = POSTED[network].id(topic)
  if (already) throw new Error(`"${topic.title}" was already posted to ${name} (${POSTED[network].as(already)}); it is not posted twice.`)
  const settings = await db.SiteSettings.findOne({ where: { id: '1' } })
  const composed = composeAnnouncement(
    settings?.announcementTemplate || '',
    { ...topic, chatStart: topic.chatStart ?? new Date() },
    { publicUrl: env.publicUrl, timeZone: settings?.chatTimeZone ?? 'Europe/London' },
    network
  )
  if (!composed.valid) {
    throw new Error(
      `The announcement is ${composed.weightedLength} characters as ${name} counts them; the limit is ${MEASURES[network].limit}. Shorten the template in Site settings or the topic's title.`
    )
  }
  const limit = MEASURES[network].limit
  if (dryRun) return { text: composed.text, weightedLength: composed.weightedLength, limit, posted: false }
  const postId = await post(network, composed.text, topic.id, context, accounts)
  contentChanged([itemKey('topic', topic.id)])
  return { text: composed.text, weightedLength: composed.weightedLength, limit, posted: true, postId }
}

/** Posts and stamps the topic through Prisma: the fields are closed to every editor, so only this path sets them. */
async function post(network: Platform, text: string, topicId: string, context: Context, accounts: Omit<AnnounceOptions, 'dryRun' | 'network'>): Promise<string> {
  const stamp = (data: Parameters<Context['prisma']['topicAnnouncement']['update']>[0]['data']) =>
    context.prisma.topicAnnouncement.update({ where: { id: topicId }, data })
  switch (network) {
    case 'x': {
      const { data } = await (accounts.client ?? createPostingClient)().v2.tweet(text)
      await stamp({ xPostId: data.id, xPostedAt: new Date() })
      return data.id
    }
    case 'bluesky': {
      const { uri } = await postToBluesky(text, accounts.bluesky)
      await stamp({ blueskyPostUri: uri, blueskyPostedAt: new Date() })
      return uri
    }
    case 'mastodon': {
      const { url } = await postToMastodon(text, accounts.mastodon)
      await stamp({ mastodonPostUrl: url, mastodonPostedAt: new Date() })
      return url
    }
  }
}
