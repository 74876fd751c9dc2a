// The chat embed's one grammar and one link builder. A line on its own in a post's Markdown:
//   ::chat[archive-slug]          the archive's summary and its first thread
//   ::chat[archive-slug#Q2]       question 2 and its answers
//   ::chat[archive-slug/POST_ID]  the thread that post belongs to (X's id, or bluesky-… / mastodon-…)
// (docs/decisions/004-chat-embed-syntax.md). Markdown turns it into a typed reference once, when
// the post is saved; pages resolve references, never HTML.

export type ChatEmbedRef = {
  archiveSlug: string
  /** `#Q2` form: one question with its answers. */
  question?: number
  /** `/POST_ID` form: one thread; the post's reference (networks.ts `postReference`). */
  postId?: string
}

/** The grammar, anchored at the start of a line: Markdown's tokenizer reads from there. */
export const CHAT_EMBED_LINE = /^::chat\[([a-z0-9][a-z0-9-]*)(?:#[Qq](\d{1,3})|\/(\d{1,25}|(?:bluesky|mastodon)-[A-Za-z0-9_-]{1,64}))?\][ \t]*(?:\n|$)/

export function parseChatEmbed(line: string): ChatEmbedRef | null {
  const match = CHAT_EMBED_LINE.exec(line.trim())
  if (!match) return null
  const [, archiveSlug, question, postId] = match
  return {
    archiveSlug,
    ...(question ? { question: Number(question) } : {}),
    ...(postId ? { postId } : {}),
  }
}

/** Where an embed leads on the archive page. */
export function chatEmbedHref(ref: ChatEmbedRef): string {
  const base = `/archives/${ref.archiveSlug}`
  if (ref.question !== undefined) return `${base}#q${ref.question}`
  if (ref.postId !== undefined) return `${base}#post-${ref.postId}`
  return base
}

export function describeChatEmbed(ref: ChatEmbedRef): string {
  if (ref.question !== undefined) return `Question ${ref.question} and its answers`
  if (ref.postId !== undefined) return 'A thread'
  return 'Summary and first thread'
}
