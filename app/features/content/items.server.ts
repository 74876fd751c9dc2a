import { z } from 'zod'

import { published } from '../../domain/publishing'
import { keystoneContext } from '../../server/keystone.server'
import { listKey, shows } from '../../server/surrogate-keys.server'

// Published items of every kind as one stream: the home page, tag and author pages, feeds, the
// sitemap and search all list "things a reader can open", newest first.

export type ItemKind = 'article' | 'recap' | 'interview' | 'topic' | 'archive'

export type ItemSummary = {
  kind: ItemKind
  label: string
  title: string
  slug: string
  href: string
  summary: string
  /** ISO date the item is listed by: publication, or the chat's start for topics and archives. */
  date: string
  /** ISO date the item last changed, for feeds and the sitemap. */
  updated: string
  author: string | null
  /** Approved comments, for list pages. */
  comments: number
  /** Markdown source, for search and feeds; not sent to pages. */
  text?: string
  html?: string
  tags: { name: string; slug: string }[]
}

export const KIND_LABELS: Record<ItemKind, string> = {
  article: 'Article',
  recap: 'Chat recap',
  interview: 'Interview',
  topic: 'Next topic',
  archive: 'Chat archive',
}

export const KIND_PATHS: Record<ItemKind, string> = {
  article: '/posts',
  recap: '/posts',
  interview: '/interviews',
  topic: '/topics',
  archive: '/archives',
}

type PostRow = {
  title: string
  slug: string
  kind: string
  excerpt: string
  publishedAt: Date | null
  author: { name: string } | null
  tags: { name: string; slug: string }[]
  body?: string
  bodyHtml?: string
  _count: { comments: number }
}
type InterviewRow = {
  title: string
  slug: string
  intervieweeName: string
  intervieweeRole: string
  publishedAt: Date | null
  author: { name: string } | null
  tags: { name: string; slug: string }[]
  introduction?: string
  introductionHtml?: string
  _count: { comments: number }
}
type TopicRow = {
  title: string
  slug: string
  hashtag: string
  chatStart: Date | null
  publishedAt: Date | null
  description?: string
  descriptionHtml?: string
}
type ArchiveRow = {
  title: string
  slug: string
  hashtag: string
  windowStart: Date
  importedAt: Date | null
  _count: { comments: number }
}

// Public pages read through Prisma, not Keystone's context.query (docs/decisions/008-public-reads.md):
// Keystone resolves each item's author, tags and comment count with queries of their own (N+1),
// where Prisma batches them, one query per relation whatever the page holds
// (tests/integration/query-count.test.ts), and its results are typed. Every filter names what is
// public (published status, approved comments).
const APPROVED_COMMENTS = { _count: { select: { comments: { where: { status: 'approved' } } } } } as const
const POST_FIELDS = {
  title: true, slug: true, kind: true, excerpt: true, publishedAt: true,
  author: { select: { name: true } }, tags: { select: { name: true, slug: true } }, ...APPROVED_COMMENTS,
} as const
const INTERVIEW_FIELDS = {
  title: true, slug: true, intervieweeName: true, intervieweeRole: true, publishedAt: true,
  author: { select: { name: true } }, tags: { select: { name: true, slug: true } }, ...APPROVED_COMMENTS,
} as const
const TOPIC_FIELDS = { title: true, slug: true, hashtag: true, chatStart: true, publishedAt: true } as const
const ARCHIVE_FIELDS = { title: true, slug: true, hashtag: true, windowStart: true, importedAt: true, ...APPROVED_COMMENTS } as const

/** Dates as pages and feeds carry them: ISO strings, '' where there is none. */
export const isoDate = (date: Date | null | undefined) => date?.toISOString() ?? ''

const fromPost = (post: PostRow): ItemSummary => ({
  kind: post.kind === 'recap' ? 'recap' : 'article',
  label: KIND_LABELS[post.kind === 'recap' ? 'recap' : 'article'],
  title: post.title,
  slug: post.slug,
  href: `/posts/${post.slug}`,
  summary: post.excerpt,
  date: isoDate(post.publishedAt),
  updated: isoDate(post.publishedAt),
  author: post.author?.name ?? null,
  comments: post._count.comments,
  text: post.body,
  html: post.bodyHtml,
  tags: post.tags,
})

const fromInterview = (interview: InterviewRow): ItemSummary => ({
  kind: 'interview',
  label: KIND_LABELS.interview,
  title: interview.title,
  slug: interview.slug,
  href: `/interviews/${interview.slug}`,
  summary: [interview.intervieweeName, interview.intervieweeRole].filter(Boolean).join(', '),
  date: isoDate(interview.publishedAt),
  updated: isoDate(interview.publishedAt),
  author: interview.author?.name ?? null,
  comments: interview._count.comments,
  text: interview.introduction,
  html: interview.introductionHtml,
  tags: interview.tags,
})

const fromTopic = (topic: TopicRow): ItemSummary => ({
  kind: 'topic',
  label: KIND_LABELS.topic,
  title: topic.title,
  slug: topic.slug,
  href: `/topics/${topic.slug}`,
  summary: `The chat on ${topic.hashtag}`,
  date: isoDate(topic.chatStart),
  updated: isoDate(topic.publishedAt ?? topic.chatStart),
  author: null,
  comments: 0,
  text: topic.description,
  html: topic.descriptionHtml,
  tags: [],
})

const fromArchive = (archive: ArchiveRow): ItemSummary => ({
  kind: 'archive',
  label: KIND_LABELS.archive,
  title: archive.title,
  slug: archive.slug,
  href: `/archives/${archive.slug}`,
  summary: `The archived chat on ${archive.hashtag}`,
  date: isoDate(archive.windowStart),
  updated: isoDate(archive.importedAt ?? archive.windowStart),
  author: null,
  comments: archive._count.comments,
  tags: [],
})

const newestFirst = (a: ItemSummary, b: ItemSummary) => b.date.localeCompare(a.date)

export type Page<T> = { items: T[]; page: number; pageCount: number; total: number }

const PAGE_SIZE = 10

function paginate<T>(sorted: T[], total: number, page: number, pageSize: number): Page<T> {
  const start = (page - 1) * pageSize
  return {
    items: sorted.slice(start, start + pageSize),
    page,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
    total,
  }
}

type StreamFilter = { tagSlug?: string; authorSlug?: string }

/**
 * Posts, interviews and archives merged newest first. Each list contributes at most
 * page × pageSize rows, which is all a merge needs to fill that page.
 */
export async function getLatestItems(
  { page = 1, pageSize = PAGE_SIZE, tagSlug, authorSlug }: { page?: number; pageSize?: number } & StreamFilter = {}
): Promise<Page<ItemSummary>> {
  const context = await keystoneContext()
  const take = page * pageSize
  const tagFilter = tagSlug ? { tags: { some: { slug: { equals: tagSlug } } } } : {}
  const authorFilter = authorSlug ? { author: { slug: { equals: authorSlug } } } : {}
  const where = { ...published(), ...tagFilter, ...authorFilter }
  const includeArchives = !tagSlug && !authorSlug
  shows(listKey('post'), listKey('interview'), ...(includeArchives ? [listKey('archive')] : []))
  const [posts, postCount, interviews, interviewCount, archives, archiveCount] = await Promise.all([
    context.prisma.post.findMany({ where, orderBy: { publishedAt: 'desc' }, take, select: POST_FIELDS }),
    context.prisma.post.count({ where }),
    context.prisma.interview.findMany({ where, orderBy: { publishedAt: 'desc' }, take, select: INTERVIEW_FIELDS }),
    context.prisma.interview.count({ where }),
    includeArchives ? context.prisma.chatArchive.findMany({ orderBy: { windowStart: 'desc' }, take, select: ARCHIVE_FIELDS }) : [],
    includeArchives ? context.prisma.chatArchive.count() : 0,
  ])
  const merged = [...posts.map(fromPost), ...interviews.map(fromInterview), ...archives.map(fromArchive)].sort(newestFirst)
  return paginate(merged, postCount + interviewCount + archiveCount, page, pageSize)
}

/** One kind's list page. */
export async function listItemsOfKind(
  kind: 'post' | 'recap' | 'interview' | 'topic' | 'archive',
  { page = 1, pageSize = PAGE_SIZE } = {}
): Promise<Page<ItemSummary>> {
  const context = await keystoneContext()
  const skip = (page - 1) * pageSize
  shows(listKey(kind === 'recap' ? 'post' : kind))
  const toPage = <T,>(rows: T[], total: number, map: (row: T) => ItemSummary): Page<ItemSummary> => ({
    items: rows.map(map),
    page,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
    total,
  })
  switch (kind) {
    case 'post':
    case 'recap': {
      const where = kind === 'recap' ? { ...published(), kind: { equals: 'recap' } } : published()
      const [rows, total] = await Promise.all([
        context.prisma.post.findMany({ where, orderBy: { publishedAt: 'desc' }, skip, take: pageSize, select: POST_FIELDS }),
        context.prisma.post.count({ where }),
      ])
      return toPage(rows, total, fromPost)
    }
    case 'interview': {
      const where = published()
      const [rows, total] = await Promise.all([
        context.prisma.interview.findMany({ where, orderBy: { publishedAt: 'desc' }, skip, take: pageSize, select: INTERVIEW_FIELDS }),
        context.prisma.interview.count({ where }),
      ])
      return toPage(rows, total, fromInterview)
    }
    case 'topic': {
      const where = published()
      const [rows, total] = await Promise.all([
        context.prisma.topicAnnouncement.findMany({ where, orderBy: { chatStart: 'desc' }, skip, take: pageSize, select: TOPIC_FIELDS }),
        context.prisma.topicAnnouncement.count({ where }),
      ])
      return toPage(rows, total, fromTopic)
    }
    case 'archive': {
      const [rows, total] = await Promise.all([
        context.prisma.chatArchive.findMany({ orderBy: { windowStart: 'desc' }, skip, take: pageSize, select: ARCHIVE_FIELDS }),
        context.prisma.chatArchive.count(),
      ])
      return toPage(rows, total, fromArchive)
    }
  }
}

/**
 * Everything published, with its Markdown and HTML, for feeds, the sitemap and search. The whole
 * catalogue of a weekly community is a few hundred items, so one read is cheap.
 */
export async function getAllPublishedItems(): Promise<ItemSummary[]> {
  const context = await keystoneContext()
  shows(listKey('post'), listKey('interview'), listKey('topic'), listKey('archive'))
  const publicNow = published()
  const [posts, interviews, topics, archives] = await Promise.all([
    context.prisma.post.findMany({ where: publicNow, orderBy: { publishedAt: 'desc' }, select: { ...POST_FIELDS, body: true, bodyHtml: true } }),
    context.prisma.interview.findMany({
      where: publicNow,
      orderBy: { publishedAt: 'desc' },
      select: { ...INTERVIEW_FIELDS, introduction: true, introductionHtml: true },
    }),
    context.prisma.topicAnnouncement.findMany({
      where: publicNow,
      orderBy: { chatStart: 'desc' },
      select: { ...TOPIC_FIELDS, description: true, descriptionHtml: true },
    }),
    context.prisma.chatArchive.findMany({ orderBy: { windowStart: 'desc' }, select: ARCHIVE_FIELDS }),
  ])
  return [...posts.map(fromPost), ...interviews.map(fromInterview), ...topics.map(fromTopic), ...archives.map(fromArchive)].sort(newestFirst)
}

// ?page= from the URL: anything that is not a sensible page number means page 1.
const PageParamSchema = z.coerce.number().int().min(1).max(10_000).catch(1)

export function pageFromRequest(request: Request): number {
  return PageParamSchema.parse(new URL(request.url).searchParams.get('page') ?? 1)
}
