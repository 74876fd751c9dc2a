import twitterText from 'twitter-text'
import type { TwitterApi } from 'twitter-api-v2'

import { env } from '../../server/env.server'
import { createXClient } from '../chat-import/x-api.server'
import { contentChanged } from '../../server/content-changes.server'
import type { Context } from '../../server/keystone.server'
import { itemKey } from '../../server/surrogate-keys.server'

// Posting a topic announcement to X: the text comes from the template in Site settings, is
// measured the way X measures it (twitter-text: links count 23, wide characters 2), and is posted
// once. The posted id is stored; a second post is refused.

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

export function composeAnnouncement(
  template: string,
  topic: Pick<AnnouncementTopic, 'title' | 'slug' | 'hashtag' | 'chatStart' | 'host'>,
  { publicUrl, timeZone }: { publicUrl: string; timeZone: string }
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
  const { weightedLength } = twitterText.parseTweet(text)
  return { text, weightedLength, valid: weightedLength > 0 && weightedLength <= X_LIMIT }
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

export type AnnounceResult = { text: string; weightedLength: number; posted: false } | { text: string; weightedLength: number; posted: true; postId: string }

/**
 * Posts (or, with dryRun, only composes) the announcement of one topic. Refuses a draft, a topic
 * scheduled for later, a topic already posted, and a text over X's limit, saying which.
 */
export async function announceTopic(
  context: Context,
  slug: string,
  { dryRun = false, client }: { dryRun?: boolean; client?: () => TwitterApi } = {}
): Promise<AnnounceResult> {
  const db = context.sudo().db
  const [topic] = await db.TopicAnnouncement.findMany({ where: { slug: { equals: slug } }, take: 1 })
  if (!topic) throw new Error(`No topic announcement with the slug "${slug}".`)
  if (topic.status !== 'published') throw new Error(`"${topic.title}" is a draft: publish it before announcing it on X.`)
  if (topic.publishedAt && topic.publishedAt > new Date()) {
    // The post would link to a page that answers 404 until then.
    throw new Error(`"${topic.title}" is scheduled for ${topic.publishedAt.toISOString()}: announce it on X once it is on the site.`)
  }
  if (topic.xPostId) throw new Error(`"${topic.title}" was already posted to X (post ${topic.xPostId}); it is not posted twice.`)
  const settings = await db.SiteSettings.findOne({ where: { id: '1' } })
  const composed = composeAnnouncement(
    settings?.announcementTemplate || '',
    { ...topic, chatStart: topic.chatStart ?? new Date() },
    { publicUrl: env.publicUrl, timeZone: settings?.chatTimeZone ?? 'Europe/London' }
  )
  if (!composed.valid) {
    throw new Error(`The announcement is ${composed.weightedLength} characters as X counts them; the limit is ${X_LIMIT}. Shorten the template in Site settings or the topic's title.`)
  }
  if (dryRun) return { text: composed.text, weightedLength: composed.weightedLength, posted: false }
  const { data } = await (client ?? createPostingClient)().v2.tweet(composed.text)
  // Stamped through Prisma: the fields are closed to every editor, so only this path sets them.
  await context.prisma.topicAnnouncement.update({ where: { id: topic.id }, data: { xPostId: data.id, xPostedAt: new Date() } })
  contentChanged([itemKey('topic', topic.id)])
  return { text: composed.text, weightedLength: composed.weightedLength, posted: true, postId: data.id }
}
