import { chatEmbedHref, type ChatEmbedRef } from '../../domain/chat-embed'
import type { BodyBlock } from '../../domain/markdown.server'
import { answerForPage, getArchiveBySlug, postForPage, type AnswerView, type ArchiveView, type PostView } from './archive.server'

// What an embedded chat shows inside a post, resolved when the post is read (the grammar is in
// app/domain/chat-embed.ts): the archive's summary and first thread, a question with its answers
// (each with the replies under it), or the thread a post belongs to.

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

function threadContaining(archive: ArchiveView, postId: string): PostView[] {
  const thread = archive.threads.find(candidate => candidate.posts.includes(postId))
  const ids = new Set(thread?.posts ?? [postId])
  return archive.transcript.filter(post => ids.has(post.id)).map(postForPage)
}

function resolve(ref: ChatEmbedRef, archive: ArchiveView | null): ChatEmbedView {
  if (!archive) return { ref, archive: null, heading: 'This archived chat is not available', posts: [], answers: [], href: chatEmbedHref({ archiveSlug: ref.archiveSlug }) }
  const href = chatEmbedHref(ref)
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
      answers: (question?.answers ?? []).map(answer => answerForPage(answer, 1)),
      href,
    }
  }
  if (ref.postId !== undefined) {
    const posts = archive.transcript.some(post => post.id === ref.postId) ? threadContaining(archive, ref.postId) : []
    return { ref, archive: summary, heading: posts.length ? 'A thread from the chat' : 'That post is not in this chat', posts, answers: [], href }
  }
  const first = archive.threads[0]
  return {
    ref,
    archive: summary,
    heading: first ? 'The chat’s first thread' : 'From the chat',
    posts: first ? threadContaining(archive, first.rootId) : archive.transcript.slice(0, 5).map(postForPage),
    answers: [],
    href,
  }
}

/** A post's stored blocks with every chat embed resolved, each archive loaded once however often it is embedded. */
export async function resolveChatEmbeds(blocks: BodyBlock[]): Promise<BodyPart[]> {
  const slugs = [...new Set(blocks.flatMap(block => ('chat' in block ? [block.chat.archiveSlug] : [])))]
  const archives = new Map(await Promise.all(slugs.map(async slug => [slug, await getArchiveBySlug(slug)] as const)))
  return blocks.map(block => ('html' in block ? block : { embed: resolve(block.chat, archives.get(block.chat.archiveSlug) ?? null) }))
}
