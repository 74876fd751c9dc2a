import { z } from 'zod'

import { asRepostedPost, type ChatPost, type PostKind, type UrlEntity } from '../../domain/chat-analysis'
import type { Platform } from '../../domain/networks'
import { XPageSchema, type XPage, type XPost } from './x-v2-schema'
import { bareTag, hashtagText } from '../../domain/hashtag'

// Turns what an import reads (X API v2 pages, saved or live, and X account archive exports) into
// one shape: posts and the people who wrote them. Anything malformed is refused with the file
// and the field named, before anything is written.

/** A person on one network: `xUserId` is that network's global id for them (see ChatPost). */
export type ChatParticipant = { platform: Platform; xUserId: string; handle: string; displayName: string; avatarUrl: string; profileUrl?: string }

export type ImportProblem = { source: string; detail: string; resourceId?: string; postIds?: string[] }

export type ImportBatch = {
  posts: ChatPost[]
  participants: ChatParticipant[]
  /** Partial errors (deleted or protected posts) reported by the API: recorded, not fatal. */
  problems: ImportProblem[]
  /**
   * Posts the source found by searching for the chat's hashtag. They belong to the chat whatever
   * their visible text shows: X matches a retweet on its original, whose hashtag the retweet's
   * 140-character text may have lost.
   */
  matchedIds?: ReadonlySet<string>
}

type LeftOutReason = 'outside-window' | 'without-hashtag' | 'deleted'
/** Posts a source gave that the archive does not keep, and why: an import never drops one silently. */
export type LeftOut = { reason: LeftOutReason; postIds: string[] }

export function describeLeftOut({ reason, postIds }: LeftOut, hashtag: string): string {
  const posts = postIds.length === 1 ? '1 post' : `${postIds.length} posts`
  switch (reason) {
    case 'outside-window':
      return `${posts} outside the chat's window (replied to from the chat, or posted before or after it)`
    case 'without-hashtag':
      return `${posts} without ${hashtag} and not part of a thread of the chat`
    case 'deleted':
      return `${posts} deleted on X or removed at the author's request`
  }
}

export class ImportFileError extends Error {
  constructor(
    readonly fileName: string,
    problem: string
  ) {
    super(`${fileName}: ${problem}`)
    this.name = 'ImportFileError'
  }
}

function kindOfV2(post: XPost): PostKind {
  const types = new Set(post.referenced_tweets?.map(reference => reference.type))
  if (types.has('retweeted')) return 'retweet'
  if (types.has('replied_to')) return 'reply'
  if (types.has('quoted')) return 'quote'
  return 'original'
}

function fromV2(post: XPost, mediaByKey: Map<string, { type: string; url?: string; altText?: string }>): ChatPost {
  const entities = post.note_tweet?.entities ?? post.entities
  const reference = post.referenced_tweets?.find(ref => ref.type === 'quoted' || ref.type === 'retweeted')
  return {
    platform: 'x',
    xId: post.id,
    authorXId: post.author_id,
    text: post.note_tweet?.text ?? post.text,
    postedAt: new Date(post.created_at).toISOString(),
    kind: kindOfV2(post),
    inReplyToId: post.referenced_tweets?.find(ref => ref.type === 'replied_to')?.id ?? '',
    conversationId: post.conversation_id ?? post.id,
    referencedId: reference?.id ?? '',
    entities: {
      hashtags: entities?.hashtags?.map(tag => tag.tag) ?? [],
      mentions: entities?.mentions?.map(mention => mention.username) ?? [],
      urls: (entities?.urls ?? [])
        .filter(url => !url.media_key)
        .map(url => ({
          url: url.url,
          expandedUrl: url.unwound_url ?? url.expanded_url ?? url.url,
          displayUrl: url.display_url ?? url.expanded_url ?? url.url,
        })),
    },
    media: (post.attachments?.media_keys ?? []).flatMap(key => {
      const media = mediaByKey.get(key)
      return media ? [media] : []
    }),
    metrics: post.public_metrics ?? {},
  }
}

/** Posts from X API v2 pages. Referenced parents the API included are kept: threads need them. */
export function batchFromXPages(pages: XPage[], source: string): ImportBatch {
  const participants = new Map<string, ChatParticipant>()
  const posts = new Map<string, ChatPost>()
  // Every post any page carries, in `data` or `includes.tweets`: where retweets find their originals.
  const known = new Map<string, ChatPost>()
  const problems: ImportProblem[] = []
  for (const page of pages) {
    const mediaByKey = new Map(
      (page.includes?.media ?? []).map(media => [
        media.media_key,
        { type: media.type, url: media.url ?? media.preview_image_url, altText: media.alt_text },
      ])
    )
    // Users repeat across pages; the latest page has the freshest names.
    for (const user of page.includes?.users ?? []) {
      participants.set(user.id, {
        platform: 'x',
        xUserId: user.id,
        handle: user.username,
        displayName: user.name,
        avatarUrl: user.profile_image_url ?? '',
      })
    }
    for (const post of page.data ?? []) posts.set(post.id, fromV2(post, mediaByKey))
    const repliedTo = new Set((page.data ?? []).flatMap(post => post.referenced_tweets?.filter(ref => ref.type === 'replied_to').map(ref => ref.id) ?? []))
    for (const post of page.includes?.tweets ?? []) {
      if (repliedTo.has(post.id) && !posts.has(post.id)) posts.set(post.id, fromV2(post, mediaByKey))
    }
    for (const post of [...(page.data ?? []), ...(page.includes?.tweets ?? [])]) {
      if (!known.has(post.id)) known.set(post.id, fromV2(post, mediaByKey))
    }
    for (const error of page.errors ?? []) {
      problems.push({
        source,
        detail: [error.title, error.detail].filter(Boolean).join(': ') || 'Unknown API error',
        resourceId: error.resource_id ?? error.value,
      })
    }
  }
  for (const post of posts.values()) {
    const original = post.kind === 'retweet' ? known.get(post.referencedId) : undefined
    if (original) post.repostOf = asRepostedPost(original)
  }
  return { posts: [...posts.values()], participants: [...participants.values()], problems }
}

// --- X account archive exports (data/tweets.js, data/account.js) ---

const ArchiveTweetSchema = z.looseObject({
  id_str: z.string().regex(/^\d+$/),
  full_text: z.string().optional(),
  text: z.string().optional(),
  created_at: z.string(),
  in_reply_to_status_id_str: z.string().optional(),
  entities: z
    .looseObject({
      hashtags: z.array(z.looseObject({ text: z.string() })).optional(),
      user_mentions: z.array(z.looseObject({ screen_name: z.string() })).optional(),
      urls: z.array(z.looseObject({ url: z.string(), expanded_url: z.string().optional(), display_url: z.string().optional() })).optional(),
    })
    .optional(),
  extended_entities: z
    .looseObject({
      media: z.array(z.looseObject({ type: z.string(), media_url_https: z.string().optional(), ext_alt_text: z.string().optional() })).optional(),
    })
    .optional(),
  favorite_count: z.union([z.string(), z.number()]).optional(),
  retweet_count: z.union([z.string(), z.number()]).optional(),
})
// Newer exports wrap each record as { tweet: {…} }; older ones do not.
const ArchiveTweetsSchema = z.array(z.union([z.looseObject({ tweet: ArchiveTweetSchema }), ArchiveTweetSchema]))
const ArchiveAccountSchema = z
  .array(z.looseObject({ account: z.looseObject({ accountId: z.string(), username: z.string(), accountDisplayName: z.string().optional() }) }))
  .min(1)

const YTD_ASSIGNMENT = /^\s*window\.YTD\.(\w+)\.part\d+\s*=\s*/

const decodeHtml = (text: string) =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')

function parseJson(fileName: string, text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new ImportFileError(fileName, `is not valid JSON (${(error as Error).message})`)
  }
}

function describeZodError(error: z.ZodError) {
  const issue = error.issues[0]
  return `${issue.path.length ? `at ${issue.path.join('.')}` : 'the content'}: ${issue.message}`
}

function archiveTweetToPost(record: z.infer<typeof ArchiveTweetSchema>, authorXId: string, fileName: string): ChatPost {
  const text = decodeHtml(record.full_text ?? record.text ?? '')
  const postedAt = new Date(record.created_at)
  if (Number.isNaN(postedAt.getTime())) {
    throw new ImportFileError(fileName, `post ${record.id_str} has an unreadable created_at "${record.created_at}"`)
  }
  const urls: UrlEntity[] = (record.entities?.urls ?? []).map(url => ({
    url: url.url,
    expandedUrl: url.expanded_url ?? url.url,
    displayUrl: url.display_url ?? url.expanded_url ?? url.url,
  }))
  const quoted = urls.find(url => /(x|twitter)\.com\/[^/]+\/status\/(\d+)/.test(url.expandedUrl))
  const kind: PostKind = text.startsWith('RT @')
    ? 'retweet'
    : record.in_reply_to_status_id_str
      ? 'reply'
      : quoted
        ? 'quote'
        : 'original'
  return {
    platform: 'x',
    xId: record.id_str,
    authorXId,
    text,
    postedAt: postedAt.toISOString(),
    kind,
    inReplyToId: record.in_reply_to_status_id_str ?? '',
    conversationId: record.id_str,
    referencedId: quoted ? (/status\/(\d+)/.exec(quoted.expandedUrl)?.[1] ?? '') : '',
    entities: {
      hashtags: record.entities?.hashtags?.map(tag => tag.text) ?? [],
      mentions: record.entities?.user_mentions?.map(mention => mention.screen_name) ?? [],
      urls,
    },
    media: (record.extended_entities?.media ?? []).map(media => ({
      type: media.type,
      url: media.media_url_https,
      altText: media.ext_alt_text,
    })),
    metrics: {
      like_count: Number(record.favorite_count ?? 0),
      retweet_count: Number(record.retweet_count ?? 0),
    },
  }
}

export type ImportFile = { name: string; content: string }

/**
 * Reads every file of an import, detected by content: X API v2 pages (one page, an array of pages,
 * or JSON Lines) and account archive exports (tweets.js with its account.js).
 */
export function batchFromFiles(files: ImportFile[]): ImportBatch & { source: 'x-api' | 'archive-export' } {
  const pages: XPage[] = []
  const archiveFiles: { name: string; records: z.infer<typeof ArchiveTweetsSchema> }[] = []
  let account: ChatParticipant | null = null

  for (const file of files) {
    const ytd = YTD_ASSIGNMENT.exec(file.content)
    if (ytd) {
      const data = parseJson(file.name, file.content.slice(ytd[0].length).trim().replace(/;\s*$/, ''))
      if (ytd[1] === 'account') {
        const parsed = ArchiveAccountSchema.safeParse(data)
        if (!parsed.success) throw new ImportFileError(file.name, `is not an account.js export (${describeZodError(parsed.error)})`)
        const { accountId, username, accountDisplayName } = parsed.data[0].account
        account = { platform: 'x', xUserId: accountId, handle: username, displayName: accountDisplayName ?? username, avatarUrl: '' }
      } else if (ytd[1] === 'tweets' || ytd[1] === 'tweet') {
        const parsed = ArchiveTweetsSchema.safeParse(data)
        if (!parsed.success) throw new ImportFileError(file.name, `is not a tweets.js export (${describeZodError(parsed.error)})`)
        archiveFiles.push({ name: file.name, records: parsed.data })
      } else {
        throw new ImportFileError(file.name, `holds window.YTD.${ytd[1]}, not tweets or account data`)
      }
      continue
    }
    const trimmed = file.content.trim()
    const documents = trimmed.startsWith('{') && trimmed.includes('\n{')
      ? trimmed.split('\n').filter(line => line.trim()).map((line, index) => parseJson(`${file.name} line ${index + 1}`, line))
      : [parseJson(file.name, trimmed)]
    for (const document of documents.flatMap(doc => (Array.isArray(doc) ? doc : [doc]))) {
      const parsed = XPageSchema.safeParse(document)
      if (!parsed.success) throw new ImportFileError(file.name, `is not an X API v2 response page (${describeZodError(parsed.error)})`)
      if (!parsed.data.data && !parsed.data.errors && !parsed.data.meta) {
        throw new ImportFileError(file.name, 'is neither an X API v2 response page (no data, errors or meta) nor a tweets.js export')
      }
      pages.push(parsed.data)
    }
  }

  if (archiveFiles.length > 0 && pages.length > 0) {
    throw new ImportFileError(files.map(file => file.name).join(', '), 'mixes API pages and an account archive: import them separately')
  }
  if (archiveFiles.length > 0) {
    if (!account) {
      throw new ImportFileError(archiveFiles[0].name, 'names no author: pass data/account.js from the same export alongside it')
    }
    const author = account
    const posts = archiveFiles.flatMap(file =>
      file.records.map(record =>
        archiveTweetToPost(
          ('tweet' in record ? record.tweet : record) as z.infer<typeof ArchiveTweetSchema>,
          author.xUserId,
          file.name
        )
      )
    )
    return { posts, participants: [author], problems: [], source: 'archive-export' }
  }
  return { ...batchFromXPages(pages, files.map(file => file.name).join(', ')), source: 'x-api' }
}

const carriesHashtag = (post: Pick<ChatPost, 'text' | 'entities'>, tag: string) =>
  post.entities.hashtags.some(h => h.toLowerCase() === tag) || post.text.toLowerCase().includes(hashtagText(tag))

/**
 * Keeps what belongs to the chat: posts in [start, end) that the source's search matched, that
 * carry the hashtag, that retweet a post carrying it, or that a kept post replies to. What is left
 * out is counted by reason.
 */
export function selectChatPosts(batch: ImportBatch, hashtag: string, start: Date, end: Date): ImportBatch & { leftOut: LeftOut[] } {
  const tag = bareTag(hashtag).toLowerCase()
  const outsideWindow: string[] = []
  const inWindow = batch.posts.filter(post => {
    const time = new Date(post.postedAt).getTime()
    const inside = time >= start.getTime() && time < end.getTime()
    if (!inside) outsideWindow.push(post.xId)
    return inside
  })
  const tagged = new Set(
    inWindow
      .filter(post => batch.matchedIds?.has(post.xId) || carriesHashtag(post, tag) || (post.repostOf && carriesHashtag(post.repostOf, tag)))
      .map(post => post.xId)
  )
  const byId = new Map(inWindow.map(post => [post.xId, post]))
  // Walk up from tagged posts so the untagged middle of a thread is kept.
  const kept = new Set(tagged)
  for (const id of tagged) {
    let parent = byId.get(byId.get(id)!.inReplyToId)
    while (parent && !kept.has(parent.xId)) {
      kept.add(parent.xId)
      parent = byId.get(parent.inReplyToId)
    }
  }
  const posts = inWindow.filter(post => kept.has(post.xId))
  const withoutHashtag = inWindow.filter(post => !kept.has(post.xId)).map(post => post.xId)
  const people = new Set(posts.flatMap(post => [post.authorXId, ...(post.repostOf ? [post.repostOf.authorXId] : [])]))
  const leftOut: LeftOut[] = [
    { reason: 'outside-window' as const, postIds: outsideWindow },
    { reason: 'without-hashtag' as const, postIds: withoutHashtag },
  ].filter(group => group.postIds.length > 0)
  return { ...batch, posts, participants: batch.participants.filter(person => people.has(person.xUserId)), leftOut }
}
