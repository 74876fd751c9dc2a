import { blueskyPostUrl, hashtagSearchUrl, PLATFORM_NAMES, PLATFORMS, type Platform } from '../../domain/networks'
import { env } from '../../server/env.server'
import { keystoneContext } from '../../server/keystone.server'
import { listKey, shows, showsItem } from '../../server/surrogate-keys.server'
import { isoDate } from '../content/items.server'
import { previewState, published, type PreviewState } from '../../domain/publishing'
import { itemFilter, type Preview } from '../content/preview.server'
import { describedImage, imageColumns, type DescribedImage } from '../images/images.server'

export type TopicPage = {
  id: string
  title: string
  slug: string
  hashtag: string
  chatStart: string
  durationMinutes: number
  descriptionHtml: string
  featuredImage: DescribedImage | null
  questions: string[]
  host: string
  guests: string[]
  publishedAt: string
  chatArchive: { title: string; slug: string; recaps: { title: string; slug: string }[] } | null
  /** Set when the page is a preview: what the banner says. */
  preview: PreviewState | null
  /** Where the chat meets, with where to follow it on each network. */
  networks: { platform: Platform; name: string; followUrl: string }[]
  /** The announcement as posted on each network. */
  announcedOn: { platform: Platform; name: string; url: string }[]
}

/** The community's own Mastodon server, where its readers follow the hashtag. */
const mastodonHome = () => {
  const named = env.MASTODON_SERVER ?? env.MASTODON_SERVERS?.split(/[\s,]+/)[0]
  if (!named) return null
  return named.startsWith('http') ? new URL(named).host : named
}

export type NextChat = Pick<TopicPage, 'title' | 'slug' | 'hashtag' | 'chatStart' | 'durationMinutes'>

const lines = (text: string) =>
  text
    .split('\n')
    .map(line => line.trim())
    .filter(Boolean)

const TOPIC_PAGE_FIELDS = {
  id: true, title: true, slug: true, hashtag: true, chatStart: true, durationMinutes: true, descriptionHtml: true,
  questions: true, host: true, guests: true, publishedAt: true,
} as const

type TopicRow = { chatStart: Date | null; publishedAt: Date | null; questions: string; guests: string }

function toTopicPage<Row extends TopicRow>(topic: Row) {
  return {
    ...topic,
    chatStart: isoDate(topic.chatStart),
    publishedAt: isoDate(topic.publishedAt),
    questions: lines(topic.questions),
    guests: lines(topic.guests),
  }
}

/**
 * Published chats that have not finished at `now`, soonest first. A chat lasts at most a day
 * (schema validation), so anything that started after now − 24 h may still be on.
 */
async function unfinishedTopics(now: Date, take: number) {
  const { prisma } = await keystoneContext()
  shows(listKey('topic'))
  const topics = await prisma.topicAnnouncement.findMany({
    where: { ...published(now), chatStart: { gt: new Date(now.getTime() - 24 * 60 * 60 * 1000) } },
    orderBy: { chatStart: 'asc' },
    take,
    select: { ...TOPIC_PAGE_FIELDS, networks: true },
  })
  return topics.filter(topic => topic.chatStart && topic.chatStart.getTime() + topic.durationMinutes * 60_000 > now.getTime()).map(toTopicPage)
}

/** The networks a topic meets on (X when none is named, as before there were others), each with where to follow the hashtag. */
function whereToFollow(networks: unknown, hashtag: string): TopicPage['networks'] {
  const meetsOn = PLATFORMS.filter(platform => Array.isArray(networks) && networks.includes(platform))
  return (meetsOn.length ? meetsOn : (['x'] as const)).map(platform => ({
    platform,
    name: PLATFORM_NAMES[platform],
    followUrl: hashtagSearchUrl(platform, hashtag, mastodonHome()),
  }))
}

/** The nearest published announcement whose chat has not finished yet. */
export async function getNextChat(now = new Date()): Promise<NextChat | null> {
  const [next] = await unfinishedTopics(now, 5)
  return next ? { title: next.title, slug: next.slug, hashtag: next.hashtag, chatStart: next.chatStart, durationMinutes: next.durationMinutes } : null
}

export async function getTopicBySlug(slug: string, preview?: Preview): Promise<TopicPage | null> {
  const { prisma } = await keystoneContext()
  const topic = await prisma.topicAnnouncement.findFirst({
    where: itemFilter('topic', slug, preview),
    select: {
      ...TOPIC_PAGE_FIELDS,
      ...imageColumns('featuredImage'),
      status: true,
      networks: true,
      xPostId: true,
      blueskyPostUri: true,
      mastodonPostUrl: true,
      chatArchive: { select: { title: true, slug: true, recaps: { where: published(), select: { title: true, slug: true } } } },
    },
  })
  showsItem('topic', topic?.id)
  // A topic's page links its archive and the archive's recaps.
  if (topic) shows(listKey('archive'), listKey('post'))
  if (!topic) return null
  const {
    status: _status,
    featuredImage_id: _id,
    featuredImage_extension: _extension,
    featuredImage_width: _width,
    featuredImage_height: _height,
    featuredImageAlt: _alt,
    networks,
    xPostId,
    blueskyPostUri,
    mastodonPostUrl,
    ...fields
  } = topic
  const posted: [Platform, string | null][] = [
    ['x', xPostId ? `https://x.com/i/web/status/${xPostId}` : null],
    ['bluesky', blueskyPostUri ? blueskyPostUrl(blueskyPostUri) : null],
    ['mastodon', mastodonPostUrl || null],
  ]
  return {
    ...toTopicPage(fields),
    featuredImage: describedImage(topic, 'featuredImage'),
    preview: preview ? previewState(topic) : null,
    networks: whereToFollow(networks, topic.hashtag),
    announcedOn: posted.flatMap(([platform, url]) => (url ? [{ platform, name: PLATFORM_NAMES[platform], url }] : [])),
  }
}

/** Published chats that have not finished, soonest first, for the subscribable calendar. */
export async function getUpcomingTopics(now = new Date()): Promise<Omit<TopicPage, 'chatArchive' | 'preview' | 'featuredImage' | 'announcedOn'>[]> {
  const topics = await unfinishedTopics(now, 50)
  return topics.map(({ networks, ...topic }) => ({ ...topic, networks: whereToFollow(networks, topic.hashtag) }))
}

export type LastChat = { title: string; slug: string; chatStart: string; chatArchive: { title: string; slug: string } | null; recaps: { title: string; slug: string }[] }

/** The most recent chat that has ended, with its archive and recaps, for when none is coming up. */
export async function getLastChat(now = new Date()): Promise<LastChat | null> {
  const { prisma } = await keystoneContext()
  shows(listKey('topic'), listKey('archive'), listKey('post'))
  const topic = await prisma.topicAnnouncement.findFirst({
    where: { ...published(now), chatStart: { lt: now } },
    orderBy: { chatStart: 'desc' },
    select: { title: true, slug: true, chatStart: true, chatArchive: { select: { title: true, slug: true, recaps: { where: published(now), select: { title: true, slug: true } } } } },
  })
  if (!topic) return null
  return {
    title: topic.title,
    slug: topic.slug,
    chatStart: isoDate(topic.chatStart),
    chatArchive: topic.chatArchive ? { title: topic.chatArchive.title, slug: topic.chatArchive.slug } : null,
    recaps: topic.chatArchive?.recaps ?? [],
  }
}
