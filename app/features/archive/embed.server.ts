import type { ChatEmbedRef } from '../../domain/markdown.server'
import { getArchiveBySlug, postForPage, type AnswerView, type ArchiveView, type PostView } from './archive.server'

// What an embedded chat shows inside a post, resolved when the post is read:
//   ::chat[slug]          the archive's summary and its first thread
//   ::chat[slug#Q2]       question 2 and its answers, each with the replies under it
//   ::chat[slug/POST_ID]  the thread that post belongs to

export type ChatEmbedView = {
  ref: ChatEmbedRef
  archive: { title: string; slug: string; hashtag: string; windowStart: string; posts: number; contributors: number } | null
  heading: string
  posts: PostView[]
  /** A question's answers, drawn under its post (`posts`). */
  answers: AnswerView[]
  href: string
}

export type BodyPart = { html: string } | { embed: ChatEmbedView }

const EMBED_MARKER = /<aside class="chat-embed" data-chat-archive="([a-z0-9-]+)"(?: data-chat-question="(\d+)")?(?: data-chat-post="(\d+)")?>[\s\S]*?<\/aside>\n?/g

function threadContaining(archive: ArchiveView, postId: string): PostView[] {
  const thread = archive.threads.find(candidate => candidate.posts.includes(postId))
  const ids = new Set(thread?.posts ?? [postId])
  return archive.transcript.filter(post => ids.has(post.id)).map(postForPage)
}

function resolve(ref: ChatEmbedRef, archive: ArchiveView | null): ChatEmbedView {
  const base = `/archives/${ref.archiveSlug}`
  if (!archive) return { ref, archive: null, heading: 'This archived chat is not available', posts: [], answers: [], href: base }
  const summary = {
    title: archive.title,
    slug: archive.slug,
    hashtag: archive.hashtag,
    windowStart: archive.windowStart,
    posts: archive.stats.posts,
    contributors: archive.stats.contributors,
  }
  if (ref.question !== undefined) {
    const question = archive.questions.find(candidate => candidate.number === ref.question)
    return {
      ref,
      archive: summary,
      heading: question ? `Q${question.number} and its ${question.answers.length} answers` : `Question ${ref.question} is not in this chat`,
      posts: question?.post ? [postForPage(question.post)] : [],
      answers: (question?.answers ?? []).map(answer => ({ post: { ...postForPage(answer.post), depth: 1 }, replies: answer.replies.map(postForPage) })),
      href: `${base}#q${ref.question}`,
    }
  }
  if (ref.postId !== undefined) {
    const posts = threadContaining(archive, ref.postId)
    return { ref, archive: summary, heading: posts.length ? 'A thread from the chat' : 'That post is not in this chat', posts, answers: [], href: `${base}#post-${ref.postId}` }
  }
  const first = archive.threads[0]
  return {
    ref,
    archive: summary,
    heading: first ? 'The chat’s first thread' : 'From the chat',
    posts: first ? threadContaining(archive, first.rootId) : archive.transcript.slice(0, 5).map(postForPage),
    answers: [],
    href: base,
  }
}

/**
 * Splits a post's stored HTML at its chat embeds and resolves each one, loading every archive
 * once however often it is embedded.
 */
export async function resolveChatEmbeds(bodyHtml: string): Promise<BodyPart[]> {
  const matches = [...bodyHtml.matchAll(EMBED_MARKER)]
  if (matches.length === 0) return [{ html: bodyHtml }]
  const slugs = [...new Set(matches.map(match => match[1]))]
  const archives = new Map(await Promise.all(slugs.map(async slug => [slug, await getArchiveBySlug(slug)] as const)))
  const parts: BodyPart[] = []
  let last = 0
  for (const match of matches) {
    if (match.index > last) parts.push({ html: bodyHtml.slice(last, match.index) })
    const ref: ChatEmbedRef = {
      archiveSlug: match[1],
      ...(match[2] ? { question: Number(match[2]) } : {}),
      ...(match[3] ? { postId: match[3] } : {}),
    }
    parts.push({ embed: resolve(ref, archives.get(match[1]) ?? null) })
    last = match.index + match[0].length
  }
  if (last < bodyHtml.length) parts.push({ html: bodyHtml.slice(last) })
  return parts
}
