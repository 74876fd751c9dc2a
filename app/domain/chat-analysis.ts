// What an archived chat means, derived from its posts alone: the host's numbered questions and
// their answers, reply threads, statistics and the links people shared. Pure functions of data,
// recomputed on every import and stored with the archive.

import { isWebAddress } from './chat-text'
import type { StoredImage } from './images'
import type { Platform } from './networks'

export type PostKind = 'original' | 'reply' | 'retweet' | 'quote'

export type UrlEntity = { url: string; expandedUrl: string; displayUrl: string }

/** A photo, video or GIF as X gave it; `stored` once the import saved its image (the photo, or the video's preview) on this site. */
export type ChatMedia = { type: string; url?: string; altText?: string; stored?: StoredImage }

/**
 * One post, whatever network it was written on. `xId` and `authorXId` are the network's own
 * global ids (the names are older than the other networks): X's numeric ids, Bluesky's `at://`
 * URI and DID, Mastodon's status URI and `user@server`. None can be mistaken for another's.
 */
export type ChatPost = {
  platform: Platform
  xId: string
  authorXId: string
  /** The original on its network; empty for X, whose addresses are made from the handle. */
  url?: string
  /** When the author last edited it, if they did (Mastodon); the text is the edited one. */
  editedAt?: string | null
  text: string
  postedAt: string
  kind: PostKind
  inReplyToId: string
  conversationId: string
  referencedId: string
  entities: { hashtags: string[]; mentions: string[]; urls: UrlEntity[] }
  media: ChatMedia[]
  metrics: Record<string, number>
  /** A retweet's original, when the source gave it: X cuts a retweet's own text at 140 characters. */
  repostOf?: RepostedPost | null
}

export type RepostedPost = Pick<ChatPost, 'xId' | 'authorXId' | 'text' | 'postedAt' | 'entities' | 'media' | 'url'>

/** The part of a post that a retweet of it keeps. */
export const asRepostedPost = ({ xId, authorXId, text, postedAt, entities, media, url }: ChatPost): RepostedPost => ({
  xId,
  authorXId,
  text,
  postedAt,
  entities,
  media,
  ...(url ? { url } : {}),
})

/** An answer and the conversation under it (follow-ups, thanks), depth-first in time order; only the answer counts. */
export type ChatAnswer = { postId: string; replies: string[] }
type ChatQuestion = { number: number; postId: string; text: string; answers: ChatAnswer[] }
type ChatLink = { url: string; sharedBy: string[]; posts: number }
export type ChatStats = {
  posts: number
  originals: number
  replies: number
  retweets: number
  quotes: number
  contributors: number
  newContributors: number
  returningContributors: number
  topContributors: { xUserId: string; posts: number }[]
  /** Posts in each minute from the window's start (index 0 = first minute). */
  postsPerMinute: number[]
  peakPostsPerMinute: number
  /** The same counts for each network the chat met on (archives analysed before Bluesky and Mastodon have none). */
  byNetwork?: Partial<Record<Platform, NetworkStats>>
}
export type NetworkStats = Pick<ChatStats, 'posts' | 'originals' | 'replies' | 'retweets' | 'quotes' | 'contributors'>
export type ChatAnalysis = {
  hosts: string[]
  questions: ChatQuestion[]
  /** Reply chains of two or more posts, each flattened depth-first in time order. */
  threads: { rootId: string; posts: { id: string; depth: number }[] }[]
  links: ChatLink[]
  stats: ChatStats
}

// "Q1 …", "Q1:", "q 2 -", "Q3)" after any leading @mentions (@sam, @sam.bsky.social, @sam@nhs.social).
const QUESTION = /^(?:@[\w.@-]+\s+)*Q\s?(\d{1,2})(?=$|[\s.:)\-–—,])/i
// "A1 …", "A1:", "a1 -", "A 2)" after any leading @mentions.
const ANSWER = /^(?:@[\w.@-]+\s+)*A\s?(\d{1,2})(?=$|[\s.:)\-–—,])/i

export function questionNumber(text: string): number | null {
  const match = QUESTION.exec(text.trim())
  return match ? Number(match[1]) : null
}

export function answerNumber(text: string): number | null {
  const match = ANSWER.exec(text.trim())
  return match ? Number(match[1]) : null
}

const byTime = (a: ChatPost, b: ChatPost) => a.postedAt.localeCompare(b.postedAt) || a.xId.localeCompare(b.xId)

/** When no host is named, whoever posted the first Q1 is taken to be hosting. */
function inferHosts(posts: ChatPost[]): string[] {
  const firstQuestion = [...posts].sort(byTime).find(post => post.kind !== 'retweet' && questionNumber(post.text) === 1)
  return firstQuestion ? [firstQuestion.authorXId] : []
}

function findQuestions(posts: ChatPost[], isHost: (authorId: string) => boolean): Map<number, ChatPost> {
  const questions = new Map<number, ChatPost>()
  for (const post of posts) {
    if (post.kind === 'retweet' || !isHost(post.authorXId)) continue
    const number = questionNumber(post.text)
    // A host who posts Q2 twice (a correction, a reminder) asked it the first time.
    if (number !== null && !questions.has(number)) questions.set(number, post)
  }
  return questions
}

/** Each post's chain of parents within the archive, nearest first. */
function ancestors(post: ChatPost, byId: Map<string, ChatPost>): ChatPost[] {
  const chain: ChatPost[] = []
  const seen = new Set([post.xId])
  let parent = post.inReplyToId ? byId.get(post.inReplyToId) : undefined
  while (parent && !seen.has(parent.xId)) {
    chain.push(parent)
    seen.add(parent.xId)
    parent = parent.inReplyToId ? byId.get(parent.inReplyToId) : undefined
  }
  return chain
}

/**
 * Replies under their parents, depth-first, siblings in the order given (time): the one threading
 * behind the analysis's threads, the transcript and the depth of replies under an answer.
 */
export function threadedOrder<T>(posts: T[], idOf: (post: T) => string, parentOf: (post: T) => string): { post: T; depth: number; rootId: string }[] {
  const ids = new Set(posts.map(idOf))
  const children = new Map<string, T[]>()
  const roots: T[] = []
  for (const post of posts) {
    const parentId = parentOf(post)
    if (!parentId || parentId === idOf(post) || !ids.has(parentId)) roots.push(post)
    else if (children.has(parentId)) children.get(parentId)!.push(post)
    else children.set(parentId, [post])
  }
  const ordered: { post: T; depth: number; rootId: string }[] = []
  const visit = (post: T, depth: number, rootId: string) => {
    ordered.push({ post, depth, rootId })
    for (const child of children.get(idOf(post)) ?? []) visit(child, depth + 1, rootId)
  }
  for (const root of roots) visit(root, 0, idOf(root))
  return ordered
}

function buildThreads(posts: ChatPost[]): ChatAnalysis['threads'] {
  const byRoot = new Map<string, { id: string; depth: number }[]>()
  for (const { post, depth, rootId } of threadedOrder(posts, post => post.xId, post => post.inReplyToId)) {
    if (!byRoot.has(rootId)) byRoot.set(rootId, [])
    byRoot.get(rootId)!.push({ id: post.xId, depth })
  }
  return [...byRoot].filter(([, thread]) => thread.length > 1).map(([rootId, thread]) => ({ rootId, posts: thread }))
}

const TRACKING_PARAMETERS = /^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|s|t)$/i

/** One spelling per link, so the same article shared twice counts once. */
export function normaliseUrl(raw: string): string {
  try {
    const url = new URL(raw)
    url.hash = ''
    url.hostname = url.hostname.toLowerCase().replace(/^www\./, '')
    for (const key of [...url.searchParams.keys()]) {
      if (TRACKING_PARAMETERS.test(key)) url.searchParams.delete(key)
    }
    if (url.pathname.length > 1 && url.pathname.endsWith('/')) url.pathname = url.pathname.slice(0, -1)
    return url.toString()
  } catch {
    return raw
  }
}

const isPostLink = (url: string) => /^https?:\/\/(www\.|mobile\.)?(x|twitter)\.com\/[^/]+\/status\/\d+/i.test(url)

function collectLinks(posts: ChatPost[]): ChatLink[] {
  const links = new Map<string, ChatLink & { firstAt: string }>()
  for (const post of posts) {
    if (post.kind === 'retweet') continue
    for (const entity of post.entities.urls) {
      const expanded = entity.expandedUrl || entity.url
      if (!isWebAddress(expanded)) continue
      // Links to other posts are quotes and media, not evidence.
      if (isPostLink(expanded) || /^https?:\/\/t\.co\//.test(expanded)) continue
      const key = normaliseUrl(expanded)
      const link = links.get(key) ?? { url: key, sharedBy: [], posts: 0, firstAt: post.postedAt }
      link.posts += 1
      if (!link.sharedBy.includes(post.authorXId)) link.sharedBy.push(post.authorXId)
      links.set(key, link)
    }
  }
  return [...links.values()]
    .sort((a, b) => b.sharedBy.length - a.sharedBy.length || a.firstAt.localeCompare(b.firstAt))
    .map(({ firstAt: _firstAt, ...link }) => link)
}

export type AnalysisOptions = {
  /** Account ids of the host and co-hosts, on any network; inferred from the first Q1 when empty. */
  hosts?: string[]
  windowStart: Date
  windowEnd: Date
  /** People (as `personOf` names them) who posted in earlier archives of the same hashtag. */
  earlierContributors?: ReadonlySet<string>
  /**
   * The person behind each account, where an editor linked one person's handles on several
   * networks: they are one contributor. An account not here is a person of its own.
   */
  personOf?: ReadonlyMap<string, string>
}

/**
 * Which question each answer answers: a post that starts with the question's number ("A3",
 * "a3 -", after @mentions), or one that replies directly to the question's post. A reply to an
 * answer (the host's follow-up, the answerer's reply to it) is that answer's conversation, not
 * another answer.
 */
function findAnswers(posts: ChatPost[], questionPosts: Map<number, ChatPost>, questionByPostId: Map<string, number>): Map<string, number> {
  const found = new Map<string, number>()
  for (const post of posts) {
    if (post.kind === 'retweet' || questionByPostId.has(post.xId)) continue
    const number = answerNumber(post.text) ?? questionByPostId.get(post.inReplyToId) ?? null
    if (number !== null && questionPosts.has(number)) found.set(post.xId, number)
  }
  return found
}

export function analyseChat(unsorted: ChatPost[], options: AnalysisOptions): ChatAnalysis {
  const posts = [...unsorted].sort(byTime)
  const byId = new Map(posts.map(post => [post.xId, post]))
  const person = (authorId: string) => options.personOf?.get(authorId) ?? authorId
  const hosts = options.hosts?.length ? options.hosts : inferHosts(posts)
  // The host is one person whichever network they ask from, once their handles are linked.
  const hostPeople = new Set(hosts.map(person))
  const questionPosts = findQuestions(posts, authorId => hostPeople.has(person(authorId)))
  const questionByPostId = new Map([...questionPosts].map(([number, post]) => [post.xId, number]))

  const answerNumbers = findAnswers(posts, questionPosts, questionByPostId)
  const answers = new Map<number, ChatAnswer[]>([...questionPosts.keys()].map(number => [number, []]))
  const answerById = new Map<string, ChatAnswer>()
  for (const post of posts) {
    const number = answerNumbers.get(post.xId)
    if (number === undefined) continue
    const answer: ChatAnswer = { postId: post.xId, replies: [] }
    answers.get(number)!.push(answer)
    answerById.set(post.xId, answer)
  }
  // A reply belongs to the nearest answer above it; an answer inside another's conversation is
  // still an answer of its own, so nothing is listed twice.
  for (const post of posts) {
    if (answerById.has(post.xId) || questionByPostId.has(post.xId) || post.kind === 'retweet') continue
    const nearest = ancestors(post, byId).find(parent => answerById.has(parent.xId) || questionByPostId.has(parent.xId))
    if (nearest && answerById.has(nearest.xId)) answerById.get(nearest.xId)!.replies.push(post.xId)
  }
  const threads = buildThreads(posts)
  const depthFirst = new Map(threads.flatMap(thread => thread.posts.map((entry, index) => [entry.id, index] as const)))
  for (const answer of answerById.values()) answer.replies.sort((a, b) => (depthFirst.get(a) ?? 0) - (depthFirst.get(b) ?? 0))

  const questions = [...questionPosts]
    .sort(([a], [b]) => a - b)
    .map(([number, post]) => ({ number, postId: post.xId, text: post.text, answers: answers.get(number) ?? [] }))

  const perAuthor = new Map<string, number>()
  for (const post of posts) perAuthor.set(person(post.authorXId), (perAuthor.get(person(post.authorXId)) ?? 0) + 1)
  const earlier = options.earlierContributors ?? new Set<string>()
  const newContributors = [...perAuthor.keys()].filter(id => !earlier.has(id)).length

  const minutes = Math.max(1, Math.ceil((options.windowEnd.getTime() - options.windowStart.getTime()) / 60_000))
  const postsPerMinute = new Array<number>(minutes).fill(0)
  for (const post of posts) {
    const minute = Math.floor((new Date(post.postedAt).getTime() - options.windowStart.getTime()) / 60_000)
    if (minute >= 0 && minute < minutes) postsPerMinute[minute] += 1
  }

  const count = (kind: PostKind, among = posts) => among.filter(post => post.kind === kind).length
  const byNetwork: Partial<Record<Platform, NetworkStats>> = {}
  for (const platform of new Set(posts.map(post => post.platform))) {
    const own = posts.filter(post => post.platform === platform)
    byNetwork[platform] = {
      posts: own.length,
      originals: count('original', own),
      replies: count('reply', own),
      retweets: count('retweet', own),
      quotes: count('quote', own),
      contributors: new Set(own.map(post => person(post.authorXId))).size,
    }
  }
  return {
    hosts,
    questions,
    threads,
    links: collectLinks(posts),
    stats: {
      posts: posts.length,
      originals: count('original'),
      replies: count('reply'),
      retweets: count('retweet'),
      quotes: count('quote'),
      contributors: perAuthor.size,
      newContributors,
      returningContributors: perAuthor.size - newContributors,
      topContributors: [...perAuthor]
        .map(([xUserId, total]) => ({ xUserId, posts: total }))
        .sort((a, b) => b.posts - a.posts || a.xUserId.localeCompare(b.xUserId))
        .slice(0, 10),
      postsPerMinute,
      peakPostsPerMinute: Math.max(0, ...postsPerMinute),
      byNetwork,
    },
  }
}
