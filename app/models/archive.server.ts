import { keystoneContext } from '../lib/keystone.server'

// The archive page's first slice: the transcript in order. Questions, threads, statistics and
// embeds arrive with the chat-archive work.

export type ArchiveMessage = {
  xId: string
  text: string
  postedAt: string
  kind: string
  inReplyToId: string
  author: { handle: string; displayName: string; redacted: boolean } | null
}

export type ArchivePage = {
  id: string
  title: string
  slug: string
  hashtag: string
  windowStart: string
  windowEnd: string
  topic: { title: string; slug: string } | null
  recaps: { title: string; slug: string }[]
  messages: ArchiveMessage[]
}

const REDACTED_TEXT = 'This post is hidden at its author’s request.'

/** Redaction happens here, before anything reaches a page, JSON or CSV. */
function redact(message: ArchiveMessage): ArchiveMessage {
  if (!message.author?.redacted) return message
  return { ...message, text: REDACTED_TEXT, author: { handle: '', displayName: 'a participant', redacted: true } }
}

export async function getArchiveBySlug(slug: string): Promise<ArchivePage | null> {
  const context = await keystoneContext()
  const [archive] = await context.query.ChatArchive.findMany({
    where: { slug: { equals: slug } },
    take: 1,
    query: `id title slug hashtag windowStart windowEnd topic { title slug }
      recaps(where: { status: { equals: "published" } }) { title slug }
      messages(orderBy: { postedAt: asc }) { xId text postedAt kind inReplyToId author { handle displayName redacted } }`,
  })
  if (!archive) return null
  return { ...archive, messages: (archive.messages as ArchiveMessage[]).map(redact) } as ArchivePage
}
