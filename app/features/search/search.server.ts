import { z } from 'zod'

import { keptUntilContentChanges } from '../../server/content-changes.server'
import { env } from '../../server/env.server'
import { keystoneContext } from '../../server/keystone.server'
import { listKey, shows } from '../../server/surrogate-keys.server'
import { markdownToPlainText } from '../../domain/markdown.server'
import { MAX_QUERY_LENGTH } from './search-query'
import { published } from '../../domain/publishing'
import { isoDate, KIND_LABELS, type ItemKind } from '../content/items.server'

// Search uses the database's own matching (Prisma `contains`: LIKE on SQLite, case-insensitive
// for ASCII; ILIKE on PostgreSQL) over titles and Markdown bodies. A weekly community publishes a few hundred items,
// which LIKE scans in milliseconds; SQLite's FTS5 would need raw SQL, triggers and a virtual table
// beside Keystone's schema, and would not carry over to PostgreSQL. Ranking: title matches first.

const SearchQuerySchema = z.string().trim().max(MAX_QUERY_LENGTH).catch('')

/** ?q= from the URL; anything unusable is an empty query. */
export function searchQueryFromRequest(request: Request): string {
  return SearchQuerySchema.parse(new URL(request.url).searchParams.get('q') ?? '')
}

export type SearchHit = {
  kind: ItemKind
  label: string
  title: string
  href: string
  date: string
  /** Plain text around the first match; the page marks the matches. */
  snippet: string
}

const SNIPPET_LENGTH = 220

function snippetAround(text: string, query: string) {
  const plain = markdownToPlainText(text)
  const at = plain.toLowerCase().indexOf(query.toLowerCase())
  if (at === -1) return plain.slice(0, SNIPPET_LENGTH) + (plain.length > SNIPPET_LENGTH ? '…' : '')
  const start = Math.max(0, at - 80)
  const end = Math.min(plain.length, start + SNIPPET_LENGTH)
  return `${start > 0 ? '…' : ''}${plain.slice(start, end)}${end < plain.length ? '…' : ''}`
}

/**
 * Results per query, kept until content changes (or a minute): the same words asked again, on
 * another page of results or in another language's page, cost no database scan. Bounded, since
 * every new word makes an entry.
 */
const recentResults = keptUntilContentChanges(findPublished, { max: 1000, ttl: 60_000 })

/** Hits a page lists, the best first. */
const RESULTS_LIMIT = 30

export async function searchPublished(query: string): Promise<SearchHit[]> {
  const q = query.trim().slice(0, MAX_QUERY_LENGTH)
  if (q.length < 2) return []
  shows(listKey('post'), listKey('interview'), listKey('topic'))
  return recentResults(q)
}

async function findPublished(q: string): Promise<SearchHit[]> {
  const { prisma } = await keystoneContext()
  // PostgreSQL's LIKE is case-sensitive; Prisma's `mode`, which SQLite's client lacks, makes it ILIKE.
  const has = { contains: q, ...(env.database.provider === 'postgresql' ? { mode: 'insensitive' } : {}) } as { contains: string }
  const publicNow = published()
  const [posts, interviews, topics] = await Promise.all([
    prisma.post.findMany({
      where: { ...publicNow, OR: [{ title: has }, { body: has }, { excerpt: has }] },
      orderBy: { publishedAt: 'desc' },
      take: RESULTS_LIMIT,
      select: { title: true, slug: true, kind: true, body: true, publishedAt: true },
    }),
    prisma.interview.findMany({
      where: {
        ...publicNow,
        OR: [
          { title: has },
          { introduction: has },
          { intervieweeName: has },
          { questions: { some: { OR: [{ question: has }, { answer: has }] } } },
        ],
      },
      orderBy: { publishedAt: 'desc' },
      take: RESULTS_LIMIT,
      // Through Prisma: Keystone would fetch each interview's questions with a query of its own.
      select: { title: true, slug: true, introduction: true, publishedAt: true, questions: { orderBy: { position: 'asc' }, select: { question: true, answer: true } } },
    }),
    prisma.topicAnnouncement.findMany({
      where: { ...publicNow, OR: [{ title: has }, { description: has }, { questions: has }] },
      orderBy: { chatStart: 'desc' },
      take: RESULTS_LIMIT,
      select: { title: true, slug: true, description: true, questions: true, chatStart: true },
    }),
  ])
  const hits: (SearchHit & { inTitle: boolean })[] = [
    ...posts.map(post => ({
      kind: post.kind === 'recap' ? ('recap' as const) : ('article' as const),
      href: `/posts/${post.slug}`,
      title: post.title,
      date: isoDate(post.publishedAt),
      text: post.body,
    })),
    ...interviews.map(interview => ({
      kind: 'interview' as const,
      href: `/interviews/${interview.slug}`,
      title: interview.title,
      date: isoDate(interview.publishedAt),
      text: [interview.introduction, ...interview.questions.flatMap(pair => [pair.question, pair.answer])].join('\n\n'),
    })),
    ...topics.map(topic => ({
      kind: 'topic' as const,
      href: `/topics/${topic.slug}`,
      title: topic.title,
      date: isoDate(topic.chatStart),
      text: `${topic.description}\n\n${topic.questions}`,
    })),
  ].map(({ text, ...hit }) => ({
    ...hit,
    label: KIND_LABELS[hit.kind],
    snippet: snippetAround(text, q),
    inTitle: hit.title.toLowerCase().includes(q.toLowerCase()),
  }))
  return hits
    .sort((a, b) => Number(b.inTitle) - Number(a.inTitle) || b.date.localeCompare(a.date))
    .slice(0, RESULTS_LIMIT)
    .map(({ inTitle: _inTitle, ...hit }) => hit)
}
