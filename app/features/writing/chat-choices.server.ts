import { getArchiveBySlug } from '../archive/archive.server'
import { keystoneContext } from '../../server/keystone.server'

// What the editor's "Insert chat" dialog offers: archives to pick from, then an archive's
// questions and posts as readers see them (redacted people stay redacted here too).

export type ArchiveChoice = { slug: string; title: string; hashtag: string; windowStart: string }

const MAX_ARCHIVES = 20

/** Archives whose title, hashtag or slug contain the search, newest first. */
export async function findArchives(search: string): Promise<ArchiveChoice[]> {
  const { prisma } = await keystoneContext()
  const archives = await prisma.chatArchive.findMany({
    select: { slug: true, title: true, hashtag: true, windowStart: true },
    orderBy: { windowStart: 'desc' },
  })
  // Few enough (one a week) to filter here, the same way (case-insensitive) on SQLite and PostgreSQL.
  const needle = search.trim().toLowerCase()
  return archives
    .filter(archive => !needle || [archive.title, archive.hashtag, archive.slug].some(value => value.toLowerCase().includes(needle)))
    .slice(0, MAX_ARCHIVES)
    .map(archive => ({ ...archive, windowStart: archive.windowStart.toISOString() }))
}

export type EmbedChoices = {
  archive: ArchiveChoice
  questions: { number: number; text: string }[]
  posts: { id: string; name: string; handle: string | null; text: string }[]
}

export async function embedChoices(slug: string): Promise<EmbedChoices | null> {
  const archive = await getArchiveBySlug(slug)
  if (!archive) return null
  return {
    archive: { slug: archive.slug, title: archive.title, hashtag: archive.hashtag, windowStart: archive.windowStart },
    questions: archive.questions.map(question => ({ number: question.number, text: question.post?.text ?? '' })),
    // A post's id in the view is what an embed names it by: X's id, or bluesky-… / mastodon-….
    posts: archive.transcript.map(post => ({ id: post.id, name: post.author.name, handle: post.author.handle, text: post.text })),
  }
}
