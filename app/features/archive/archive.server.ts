import { threadedOrder, type ChatAnalysis, type ChatAnswer, type ChatPost, type ChatStats } from '../../domain/chat-analysis'
import { initialsOf, pointsAtRedacted, redactPostText, segmentPostText, type TextSegment } from '../../domain/chat-text'
import { keptUntilContentChanges } from '../../server/content-changes.server'
import { keystoneContext } from '../../server/keystone.server'
import { listKey, shows, showsItem } from '../../server/surrogate-keys.server'
import { isPublic, published } from '../../domain/publishing'
import type { StoredImage } from '../../domain/images'
import { originalPostUrl, PLATFORM_NAMES, postReference, type Platform } from '../../domain/networks'
import { peopleOf } from '../chat-import/store.server'
import { readChatPosts } from './chat-posts.server'

// An archived chat as pages, embeds and the open-data exports show it. Redaction is applied here,
// once, before anything leaves the server: a redacted participant's name, handle, avatar and
// text never reach a page, the JSON or the CSV.

/** What a page needs to draw an archived post. */
export type PostView = {
  id: string
  platform: Platform
  kind: ChatPost['kind']
  postedAt: string
  /** When its author last edited it (Mastodon), if after posting. */
  editedAt: string | null
  /** The network's name, shown on every post of a chat gathered from several networks or from one that is not X. */
  network: string | null
  author: { name: string; handle: string | null; initials: string; redacted: boolean }
  segments: TextSegment[]
  /** `image` is the photo (or a video's still) as this site stored it at import; without it, only the description is shown. */
  media: { type: string; altText: string; image: StoredImage | null }[]
  /** The original on its network; none for redacted participants, whose identity it would reveal. */
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

/** An answer as a page draws it, at the given depth: on the archive page, or under its question in an embed. */
export function answerForPage(answer: AnswerView<PostRecord>, depth: number): AnswerView {
  return { post: { ...postForPage(answer.post), depth }, replies: answer.replies.map(postForPage) }
}

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

type Person = { xUserId: string; handle: string; displayName: string; redacted: boolean }


const personLabel = (person: Person | undefined) =>
  !person || person.redacted ? { name: REDACTED_NAME, handle: null } : { name: person.displayName || person.handle, handle: person.handle }

function toRecord(post: ChatPost, people: ReadonlyMap<string, Person>, redactedHandles: ReadonlySet<string>, labelNetwork: boolean): PostRecord {
  const originalAuthor = post.kind === 'retweet' && post.repostOf ? people.get(post.repostOf.authorXId) : undefined
  // What the reader sees: the original where it is known, otherwise the post as X gave it.
  const shown = originalAuthor && post.repostOf ? post.repostOf : post
  const author = people.get(shown.authorXId)
  const redacted = !author || author.redacted
  const name = personLabel(author).name
  const textOptions = { redactedHandles, platform: post.platform, authorHandle: author?.handle }
  const text = redacted ? REDACTED_TEXT : redactPostText(shown.text, shown.entities, textOptions)
  return {
    id: postReference(post.xId),
    platform: post.platform,
    kind: post.kind,
    postedAt: post.postedAt,
    editedAt: post.editedAt ?? null,
    network: labelNetwork || post.platform !== 'x' ? PLATFORM_NAMES[post.platform] : null,
    inReplyToId: post.inReplyToId && postReference(post.inReplyToId),
    author: { name, handle: redacted ? null : author.handle, initials: redacted ? '?' : initialsOf(name), redacted },
    segments: redacted ? [{ type: 'text', text }] : segmentPostText(shown.text, shown.entities, textOptions),
    text,
    media: redacted ? [] : shown.media.map(media => ({ type: media.type, altText: media.altText ?? '', image: media.stored ?? null })),
    url: redacted ? null : originalPostUrl({ platform: post.platform, id: shown.xId, url: shown.url }, author.handle),
    depth: 0,
    repostedBy: originalAuthor ? personLabel(people.get(post.authorXId)) : null,
    repostOf: originalAuthor && post.repostOf ? { id: postReference(post.repostOf.xId), postedAt: post.repostOf.postedAt } : null,
  }
}

/** Archives analysed before replies were told apart from answers stored bare ids; importing again recomputes them. */
const storedAnswer = (answer: ChatAnswer | string): ChatAnswer => (typeof answer === 'string' ? { postId: answer, replies: [] } : answer)

const iso = (date: Date | null) => date?.toISOString() ?? null

/**
 * Chat posts and participants are closed to the public API (app/schema/chat.ts): this is the one
 * place that reads them for readers, and it redacts before anything leaves.
 */
export async function getArchiveBySlug(slug: string): Promise<ArchiveView | null> {
  const archive = await archiveViews(slug)
  showsItem('archive', archive?.id)
  // Beside its posts, an archive names its topic, its recaps and its participants.
  if (archive) shows(listKey('topic'), listKey('post'), 'participants')
  return archive
}

/**
 * An archive's view is the costliest read of the site (every post, its people, the analysis) and
 * is the same for every page drawing it (the archive, its transcript, each post embedding it, the
 * exports) until content changes, in this process or another: it is made once per change. Views
 * are treated as read-only by every caller.
 */
const archiveViews = keptUntilContentChanges(readArchive, { max: 20, ttl: 10 * 60_000 })

async function readArchive(slug: string): Promise<ArchiveView | null> {
  const { prisma } = await keystoneContext()
  const archive = await prisma.chatArchive.findUnique({
    where: { slug },
    select: {
      id: true, title: true, slug: true, hashtag: true, windowStart: true, windowEnd: true, importedAt: true,
      stats: true, analysis: true, allowComments: true,
      topic: { select: { title: true, slug: true, status: true, publishedAt: true } },
      recaps: { where: published(), select: { title: true, slug: true } },
    },
  })
  if (!archive) return null
  const posts = await readChatPosts(prisma, archive.id)
  // Written by the import (chat-import/store.server.ts) from analyseChat's result.
  const stats = (archive.stats ?? EMPTY_STATS) as ChatStats
  // The most active are counted by person: one of their linked accounts may not have posted here.
  const everyone = [
    ...new Set([...posts.flatMap(post => [post.authorXId, ...(post.repostOf ? [post.repostOf.authorXId] : [])]), ...stats.topContributors.map(top => top.xUserId)]),
  ]
  const personOf = await peopleOf(prisma)
  // A person redacted on one network is redacted on all their linked accounts (only linked ones can differ).
  const redactedPeople = new Set(
    personOf.size
      ? (await prisma.participant.findMany({ where: { redacted: true, xUserId: { in: [...personOf.keys()] } }, select: { xUserId: true } })).map(row => personOf.get(row.xUserId)!)
      : []
  )
  const people = new Map(
    (await prisma.participant.findMany({ where: { xUserId: { in: everyone } }, select: { xUserId: true, handle: true, displayName: true, redacted: true } })).map(
      person => [person.xUserId, { ...person, redacted: person.redacted || redactedPeople.has(personOf.get(person.xUserId) ?? person.xUserId) }]
    )
  )
  const redactedHandles = new Set([...people.values()].filter(person => person.redacted).map(person => person.handle.toLowerCase()))
  const labelNetwork = new Set(posts.map(post => post.platform)).size > 1
  const records = posts.map(post => toRecord(post, people, redactedHandles, labelNetwork))
  const transcript = threadedOrder(records, record => record.id, record => record.inReplyToId).map(({ post, depth }) => ({ ...post, depth }))
  const depthById = new Map(transcript.map(post => [post.id, post.depth]))
  // The analysis names posts by their global ids, the view by their references.
  const byReference = new Map(records.map(record => [record.id, record]))
  const recordById = { get: (id: string) => byReference.get(postReference(id)) }
  const analysis = (archive.analysis ?? { hosts: [], questions: [], threads: [], links: [] }) as Omit<ChatAnalysis, 'stats'>
  return {
    id: archive.id,
    title: archive.title,
    slug: archive.slug,
    hashtag: archive.hashtag,
    windowStart: archive.windowStart.toISOString(),
    windowEnd: archive.windowEnd.toISOString(),
    importedAt: iso(archive.importedAt),
    allowComments: archive.allowComments,
    topic: archive.topic && isPublic(archive.topic) ? { title: archive.topic.title, slug: archive.topic.slug } : null,
    recaps: archive.recaps,
    stats: { ...stats, topContributors: stats.topContributors.map(top => ({ ...personLabel(people.get(top.xUserId)), posts: top.posts })) },
    questions: analysis.questions.map(question => ({
      number: question.number,
      post: recordById.get(question.postId) ?? null,
      answers: question.answers.map(storedAnswer).flatMap(answer => {
        const post = recordById.get(answer.postId)
        if (!post) return []
        const base = depthById.get(post.id) ?? 0
        const replies = answer.replies.flatMap(id => recordById.get(id) ?? []).map(reply => ({ ...reply, depth: (depthById.get(reply.id) ?? base + 1) - base }))
        return [{ post, replies }]
      }),
    })),
    links: analysis.links.filter(link => !pointsAtRedacted(link.url, redactedHandles)).map(link => ({
      url: link.url,
      posts: link.posts,
      sharedBy: link.sharedBy.map(id => personLabel(people.get(id)).handle ?? REDACTED_NAME),
    })),
    threads: analysis.threads.map(thread => ({ rootId: postReference(thread.rootId), posts: thread.posts.map(post => postReference(post.id)) })),
    transcript,
  }
}

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
      answers: question.answers.map(answer => answerForPage(answer, 0)),
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
