import type { ChatAnalysis, ChatAnswer, ChatPost, ChatStats, RepostedPost } from '../../domain/chat-analysis'
import { initialsOf, pointsAtRedacted, redactPostText, segmentPostText, type TextSegment } from '../../domain/chat-text'
import { keystoneContext } from '../../server/keystone.server'

// An archived chat as pages, embeds and the open-data exports show it. Redaction is applied here,
// once, before anything leaves the server: a redacted participant's name, handle, avatar and
// text never reach a page, the JSON or the CSV.

/** What a page needs to draw an archived post. */
export type PostView = {
  id: string
  kind: ChatPost['kind']
  postedAt: string
  author: { name: string; handle: string | null; initials: string; redacted: boolean }
  segments: TextSegment[]
  media: { type: string; altText: string }[]
  /** The original on X; none for redacted participants, whose identity it would reveal. */
  url: string | null
  depth: number
  /**
   * A retweet whose original is known shows the original (its author, whole text and media)
   * under the retweet's own id and time, with who reposted it.
   */
  repostedBy: { name: string; handle: string | null } | null
}

/** A post as the open-data exports give it: also its parent, its plain text and the original it reposts. */
export type PostRecord = PostView & { inReplyToId: string; text: string; repostOf: { id: string; postedAt: string } | null }

/** Pages ship their data to the browser as well as their HTML, so they carry only what they draw. */
export function postForPage({ text: _text, inReplyToId: _inReplyToId, repostOf: _repostOf, ...view }: PostRecord): PostView {
  return view
}

/** An answer with the conversation under it (depth counted from the answer), which does not count as answers. */
export type AnswerView<Post = PostView> = { post: Post; replies: Post[] }

export type ArchiveView = {
  id: string
  title: string
  slug: string
  hashtag: string
  windowStart: string
  windowEnd: string
  importedAt: string | null
  allowComments: boolean
  topic: { title: string; slug: string } | null
  recaps: { title: string; slug: string }[]
  stats: Omit<ChatStats, 'topContributors'> & { topContributors: { name: string; handle: string | null; posts: number }[] }
  questions: { number: number; post: PostRecord | null; answers: AnswerView<PostRecord>[] }[]
  links: { url: string; sharedBy: string[]; posts: number }[]
  threads: { rootId: string; posts: string[] }[]
  /** Every post, replies under their parents, depth-first in time order. */
  transcript: PostRecord[]
}

const REDACTED_NAME = 'a participant'
const REDACTED_TEXT = 'This post is hidden at its author’s request.'

const EMPTY_STATS: ChatStats = {
  posts: 0,
  originals: 0,
  replies: 0,
  retweets: 0,
  quotes: 0,
  contributors: 0,
  newContributors: 0,
  returningContributors: 0,
  topContributors: [],
  postsPerMinute: [],
  peakPostsPerMinute: 0,
}

type MessageRow = {
  xId: string
  text: string
  postedAt: string
  kind: ChatPost['kind']
  inReplyToId: string
  entities: ChatPost['entities'] | null
  media: ChatPost['media'] | null
  repostOf: RepostedPost | null
  author: Person | null
}

type Person = { xUserId: string; handle: string; displayName: string; redacted: boolean }

function toView(row: MessageRow, people: ReadonlyMap<string, Person>, redactedHandles: ReadonlySet<string>): PostRecord {
  const originalAuthor = row.kind === 'retweet' && row.repostOf ? people.get(row.repostOf.authorXId) : undefined
  // What the reader sees: the original where it is known, otherwise the post as X gave it.
  const shown = originalAuthor && row.repostOf ? { ...row.repostOf, author: originalAuthor } : row
  const redacted = !shown.author || shown.author.redacted
  const name = redacted ? REDACTED_NAME : shown.author!.displayName || shown.author!.handle
  const text = redacted ? REDACTED_TEXT : redactPostText(shown.text, shown.entities, { redactedHandles })
  const reposter = originalAuthor ? row.author : null
  return {
    id: row.xId,
    kind: row.kind,
    postedAt: row.postedAt,
    inReplyToId: row.inReplyToId,
    author: { name, handle: redacted ? null : shown.author!.handle, initials: redacted ? '?' : initialsOf(name), redacted },
    segments: redacted ? [{ type: 'text', text }] : segmentPostText(shown.text, shown.entities, { redactedHandles }),
    text,
    media: redacted ? [] : (shown.media ?? []).map(media => ({ type: media.type, altText: media.altText ?? '' })),
    url: redacted ? null : `https://x.com/${shown.author!.handle}/status/${shown.xId}`,
    depth: 0,
    repostedBy: originalAuthor ? (!reposter || reposter.redacted ? { name: REDACTED_NAME, handle: null } : { name: reposter.displayName || reposter.handle, handle: reposter.handle }) : null,
    repostOf: originalAuthor && row.repostOf ? { id: row.repostOf.xId, postedAt: row.repostOf.postedAt } : null,
  }
}

/** Replies under their parents, depth-first; every post appears once. */
function transcriptOrder(posts: PostRecord[]): PostRecord[] {
  const byId = new Map(posts.map(post => [post.id, post]))
  const children = new Map<string, PostRecord[]>()
  const roots: PostRecord[] = []
  for (const post of posts) {
    const parent = post.inReplyToId && post.inReplyToId !== post.id ? byId.get(post.inReplyToId) : undefined
    if (parent) children.set(parent.id, [...(children.get(parent.id) ?? []), post])
    else roots.push(post)
  }
  const ordered: PostRecord[] = []
  const visit = (post: PostRecord, depth: number) => {
    ordered.push({ ...post, depth })
    for (const child of children.get(post.id) ?? []) visit(child, depth + 1)
  }
  for (const root of roots) visit(root, 0)
  return ordered
}

const QUERY = `id title slug hashtag windowStart windowEnd importedAt stats analysis allowComments
  topic { title slug status }
  recaps(where: { status: { equals: "published" } }) { title slug }
  messages(orderBy: [{ postedAt: asc }, { xId: asc }]) {
    xId text postedAt kind inReplyToId entities media repostOf
    author { xUserId handle displayName redacted }
  }`

export async function getArchiveBySlug(slug: string): Promise<ArchiveView | null> {
  // Chat posts and participants are closed to the public API (schema.ts): this is the one place
  // that reads them for readers, and it redacts before anything leaves.
  const context = (await keystoneContext()).sudo()
  const [archive] = await context.query.ChatArchive.findMany({ where: { slug: { equals: slug } }, take: 1, query: QUERY })
  if (!archive) return null
  const rows = archive.messages as MessageRow[]
  const people = new Map(rows.flatMap(row => (row.author ? [[row.author.xUserId, row.author]] : [])))
  const originalAuthors = [...new Set(rows.flatMap(row => (row.repostOf && !people.has(row.repostOf.authorXId) ? [row.repostOf.authorXId] : [])))]
  if (originalAuthors.length) {
    const found = (await context.query.Participant.findMany({
      where: { xUserId: { in: originalAuthors } },
      query: 'xUserId handle displayName redacted',
    })) as Person[]
    for (const person of found) people.set(person.xUserId, person)
  }
  const redactedHandles = new Set([...people.values()].filter(person => person.redacted).map(person => person.handle.toLowerCase()))
  const views = rows.map(row => toView(row, people, redactedHandles))
  const transcript = transcriptOrder(views)
  const depthById = new Map(transcript.map(post => [post.id, post.depth]))
  const viewById = new Map(views.map(view => [view.id, view]))
  const analysis = (archive.analysis ?? { hosts: [], questions: [], threads: [], links: [] }) as Omit<ChatAnalysis, 'stats'>
  const stats = (archive.stats ?? EMPTY_STATS) as ChatStats
  const personLabel = (xUserId: string) => {
    const person = people.get(xUserId)
    return !person || person.redacted ? { name: REDACTED_NAME, handle: null } : { name: person.displayName || person.handle, handle: person.handle }
  }
  return {
    id: archive.id,
    title: archive.title,
    slug: archive.slug,
    hashtag: archive.hashtag,
    windowStart: archive.windowStart,
    windowEnd: archive.windowEnd,
    importedAt: archive.importedAt,
    allowComments: archive.allowComments,
    topic: archive.topic?.status === 'published' ? { title: archive.topic.title, slug: archive.topic.slug } : null,
    recaps: archive.recaps,
    stats: { ...stats, topContributors: stats.topContributors.map(top => ({ ...personLabel(top.xUserId), posts: top.posts })) },
    questions: analysis.questions.map(question => ({
      number: question.number,
      post: viewById.get(question.postId) ?? null,
      answers: question.answers.map(storedAnswer).flatMap(answer => {
        const post = viewById.get(answer.postId)
        if (!post) return []
        const base = depthById.get(post.id) ?? 0
        const replies = answer.replies.flatMap(id => viewById.get(id) ?? []).map(reply => ({ ...reply, depth: (depthById.get(reply.id) ?? base + 1) - base }))
        return [{ post, replies }]
      }),
    })),
    links: analysis.links.filter(link => !pointsAtRedacted(link.url, redactedHandles)).map(link => ({
      url: link.url,
      posts: link.posts,
      sharedBy: link.sharedBy.map(id => personLabel(id).handle ?? REDACTED_NAME),
    })),
    threads: analysis.threads.map(thread => ({ rootId: thread.rootId, posts: thread.posts.map(post => post.id) })),
    transcript,
  }
}

/** Archives analysed before replies were told apart from answers stored bare ids; importing again recomputes them. */
const storedAnswer = (answer: ChatAnswer | string): ChatAnswer => (typeof answer === 'string' ? { postId: answer, replies: [] } : answer)

/** The archive page: everything but the transcript, which has a page of its own. */
export async function getArchivePage(slug: string) {
  const archive = await getArchiveBySlug(slug)
  if (!archive) return null
  const { transcript, threads: _threads, questions, ...summary } = archive
  return {
    ...summary,
    postCount: transcript.length,
    questions: questions.map(question => ({
      number: question.number,
      post: question.post && postForPage(question.post),
      answers: question.answers.map(answer => ({ post: { ...postForPage(answer.post), depth: 0 }, replies: answer.replies.map(postForPage) })),
    })),
  }
}

/** The transcript page: every post once, replies under their parents. */
export async function getArchiveTranscript(slug: string) {
  const archive = await getArchiveBySlug(slug)
  if (!archive) return null
  const { id, title, hashtag, windowStart, allowComments: _allowComments, stats } = archive
  return { id, title, slug, hashtag, windowStart, contributors: stats.contributors, transcript: archive.transcript.map(postForPage) }
}
