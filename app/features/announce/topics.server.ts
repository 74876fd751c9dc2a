import { keystoneContext } from '../../server/keystone.server'
import { PUBLISHED } from '../content/items.server'

export type TopicPage = {
  id: string
  title: string
  slug: string
  hashtag: string
  chatStart: string
  durationMinutes: number
  descriptionHtml: string
  questions: string[]
  host: string
  guests: string[]
  publishedAt: string
  chatArchive: { title: string; slug: string; recaps: { title: string; slug: string }[] } | null
}

export type NextChat = Pick<TopicPage, 'title' | 'slug' | 'hashtag' | 'chatStart' | 'durationMinutes'>

const lines = (text: string) =>
  text
    .split('\n')
    .map(line => line.trim())
    .filter(Boolean)

/**
 * Published chats that have not finished at `now`, soonest first. A chat lasts at most a day
 * (schema validation), so anything that started after now − 24 h may still be on.
 */
async function unfinishedTopics(now: Date, query: string, take: number) {
  const context = await keystoneContext()
  const topics = await context.query.TopicAnnouncement.findMany({
    where: { ...PUBLISHED, chatStart: { gt: new Date(now.getTime() - 24 * 60 * 60 * 1000).toISOString() } },
    orderBy: { chatStart: 'asc' },
    take,
    query,
  })
  return topics.filter(topic => new Date(topic.chatStart).getTime() + topic.durationMinutes * 60_000 > now.getTime())
}

/** The nearest published announcement whose chat has not finished yet. */
export async function getNextChat(now = new Date()): Promise<NextChat | null> {
  const [next] = await unfinishedTopics(now, 'title slug hashtag chatStart durationMinutes', 5)
  return (next as NextChat | undefined) ?? null
}

export async function getTopicBySlug(slug: string): Promise<TopicPage | null> {
  const context = await keystoneContext()
  const [topic] = await context.query.TopicAnnouncement.findMany({
    where: { ...PUBLISHED, slug: { equals: slug } },
    take: 1,
    query: `id title slug hashtag chatStart durationMinutes descriptionHtml questions host guests publishedAt
      chatArchive { title slug recaps(where: { status: { equals: "published" } }) { title slug } }`,
  })
  if (!topic) return null
  return { ...topic, questions: lines(topic.questions), guests: lines(topic.guests) } as TopicPage
}

/** Published chats that have not finished, soonest first, for the subscribable calendar. */
export async function getUpcomingTopics(now = new Date()): Promise<TopicPage[]> {
  const topics = await unfinishedTopics(now, 'id title slug hashtag chatStart durationMinutes questions host', 50)
  return topics.map(topic => ({ ...topic, questions: lines(topic.questions) }) as TopicPage)
}

export type LastChat = { title: string; slug: string; chatStart: string; chatArchive: { title: string; slug: string } | null; recaps: { title: string; slug: string }[] }

/** The most recent chat that has ended, with its archive and recaps, for when none is coming up. */
export async function getLastChat(now = new Date()): Promise<LastChat | null> {
  const context = await keystoneContext()
  const [topic] = await context.query.TopicAnnouncement.findMany({
    where: { ...PUBLISHED, chatStart: { lt: now.toISOString() } },
    orderBy: { chatStart: 'desc' },
    take: 1,
    query: 'title slug chatStart chatArchive { title slug recaps(where: { status: { equals: "published" } }) { title slug } }',
  })
  if (!topic) return null
  return {
    title: topic.title,
    slug: topic.slug,
    chatStart: topic.chatStart,
    chatArchive: topic.chatArchive ? { title: topic.chatArchive.title, slug: topic.chatArchive.slug } : null,
    recaps: topic.chatArchive?.recaps ?? [],
  }
}
