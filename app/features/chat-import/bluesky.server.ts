import {
  AppBskyEmbedExternal,
  AppBskyEmbedImages,
  AppBskyEmbedRecord,
  AppBskyEmbedRecordWithMedia,
  AppBskyEmbedVideo,
  AppBskyFeedDefs,
  type AppBskyFeedPost,
  AppBskyRichtextFacet,
  AtpAgent,
  XRPCError,
} from '@atproto/api'

import type { ChatMedia, ChatPost, PostKind, UrlEntity } from '../../domain/chat-analysis'
import { blueskyPostUrl, blueskyProfileUrl } from '../../domain/networks'
import { env } from '../../server/env.server'
import { sleeper, waitOutRateLimitOrGiveUp, type FetchHooks } from './fetch-hooks.server'
import type { ChatParticipant, ImportBatch, ImportProblem } from './sources.server'
import { bareTag, HASHTAG_EXAMPLE, hashtagText, isHashtag } from '../../domain/hashtag'

// Fetches a chat from Bluesky with the official @atproto/api client: signs in (search needs an
// account), searches the hashtag in the chat's window to the last page, waiting out rate limits
// with a countdown and retrying transient failures, then walks up to the parents a thread needs
// that the search did not return. Search never returns reposts: they are records of their own.

export type BlueskyConnection = {
  /** The account's service (its PDS, or an entryway such as https://bsky.social). */
  service: string
  /** The handle (or DID, or email) the account signs in with. */
  identifier: string
  /** An app password (Settings → Privacy and security → App passwords), never the account's own. */
  password: string
  /** Tests pass a fetch that trusts a local server's certificate; production uses the global one. */
  fetch?: typeof fetch
}

export type BlueskyChatRequest = { hashtag: string; start: Date; end: Date }

const SOURCE = 'Bluesky'
// A hung request would hang the import; Bluesky answers a search page in well under a second.
const REQUEST_TIMEOUT_MS = 30_000
// Enough for any real thread: getPostThread's own default is 80.
const PARENT_HEIGHT = 1000


/** The cause's code of a fetch that never got an answer (ENOTFOUND, ECONNREFUSED, a certificate error). */
function networkCause(error: unknown): string | undefined {
  let cause: unknown = error
  for (let depth = 0; cause && depth < 5; depth++) {
    const code = (cause as { code?: unknown }).code
    if (typeof code === 'string') return code
    cause = (cause as { cause?: unknown }).cause
  }
  return undefined
}

// The service does not exist, or is not the service named: retrying cannot help.
const NOT_THERE = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ERR_INVALID_URL', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_HAS_EXPIRED'])

/** Waits out a 429 a second at a time (the countdown stays live), as Bluesky's `ratelimit-reset` says. */
async function waitForRateLimit(error: XRPCError, hooks: FetchHooks, what: () => string) {
  const header = Number(error.headers?.['ratelimit-reset'])
  const resetAt = Number.isFinite(header) && header > 0 ? new Date(header * 1000) : new Date(Date.now() + 60_000)
  const policy = error.headers?.['ratelimit-policy']
  await waitOutRateLimitOrGiveUp(
    resetAt,
    hooks,
    minutesLeft =>
      new Error(`${what()}: Bluesky's rate limit${policy ? ` (${policy})` : ''} resets only at ${resetAt.toISOString()}, in ${minutesLeft} minutes. Try again then.`, { cause: error })
  )
}

const isTransient = (error: unknown) =>
  error instanceof XRPCError && (error.status >= 500 || (error.status === 1 && !NOT_THERE.has(networkCause(error) ?? '')))

function describeFailure(error: unknown): string {
  if (error instanceof XRPCError) {
    const code = networkCause(error)
    if (error.status === 1) return `no answer (${code ?? error.message})`
    if (error.status === 2) return `an answer of an unexpected shape (${error.message})`
    return `${error.status}${error.error ? ` ${error.error}` : ''}${error.message && error.message !== error.error ? `: ${error.message}` : ''}`
  }
  return error instanceof Error ? error.message : String(error)
}

/**
 * One XRPC call with rate-limit waits and retries with backoff; `what` names the request and
 * the progress so far when it finally fails. `retry: false` is for writes a retry could repeat.
 */
export async function withRetries<T>(call: () => Promise<T>, hooks: FetchHooks, what: () => string, retry = true): Promise<T> {
  const sleep = sleeper(hooks)
  const maxRetries = hooks.maxRetries ?? 5
  for (let attempt = 0; ; attempt++) {
    try {
      return await call()
    } catch (error) {
      if (error instanceof XRPCError && error.status === 429) {
        await waitForRateLimit(error, hooks, what)
        attempt--
        continue
      }
      if (retry && isTransient(error) && attempt < maxRetries) {
        await sleep(1000 * 2 ** attempt)
        continue
      }
      const tries = attempt + 1
      throw new Error(`${what()}: Bluesky gave ${describeFailure(error)}${tries > 1 ? ` (tried ${tries} times)` : ''}.`, { cause: error })
    }
  }
}

/** A signed-in agent; a refused password or an unreachable service is explained in plain words. */
export async function signInToBluesky(connection: BlueskyConnection, hooks: FetchHooks = {}): Promise<AtpAgent> {
  let service: URL
  try {
    service = new URL(connection.service)
  } catch {
    throw new Error(`BLUESKY_SERVICE "${connection.service}" is not a URL: give the account's service, for example https://bsky.social.`)
  }
  const agent = new AtpAgent({ service, ...(connection.fetch ? { fetch: connection.fetch } : {}) })
  try {
    await withRetries(
      () => agent.login({ identifier: connection.identifier, password: connection.password }),
      hooks,
      () => `Signing in to Bluesky at ${connection.service} as ${connection.identifier} failed`
    )
  } catch (failure) {
    const error = (failure as Error).cause
    if (error instanceof XRPCError && error.status === 401) {
      throw new Error(
        `Bluesky refused the sign-in for ${connection.identifier} at ${connection.service} (${error.message}): check BLUESKY_HANDLE and ` +
          'BLUESKY_APP_PASSWORD. It must be an app password (Settings → Privacy and security → App passwords), not the account password.',
        { cause: failure }
      )
    }
    if (error instanceof XRPCError && (error.status === 1 || error.status === 2 || error.status === 404 || error.status === 501)) {
      const why = error.status === 1 ? `could not be reached (${networkCause(error) ?? error.message})` : `does not answer like a Bluesky service (${error.status})`
      throw new Error(`The Bluesky service ${connection.service} ${why}: check BLUESKY_SERVICE (https://bsky.social for accounts on Bluesky itself).`, { cause: failure })
    }
    throw failure
  }
  return agent
}

/** The community account's connection from the environment, or an error naming what is missing. */
export function blueskyConnectionFromEnv(purpose: string): BlueskyConnection {
  const missing = (['BLUESKY_HANDLE', 'BLUESKY_APP_PASSWORD'] as const).filter(name => !env[name])
  if (missing.length) {
    throw new Error(
      `${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set: ${purpose} needs a Bluesky account. ` +
        'Set BLUESKY_HANDLE (e.g. yourchat.bsky.social) and BLUESKY_APP_PASSWORD (an app password), and BLUESKY_SERVICE if the account is not on bsky.social.'
    )
  }
  return { service: env.BLUESKY_SERVICE, identifier: env.BLUESKY_HANDLE!, password: env.BLUESKY_APP_PASSWORD! }
}

// --- From Bluesky's views to the archive's shapes ---

const encoder = new TextEncoder()
const decoder = new TextDecoder()



function isoOrNull(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const time = new Date(value)
  return Number.isNaN(time.getTime()) ? null : time.toISOString()
}

function entitiesOf(text: string, facets: AppBskyRichtextFacet.Main[] | undefined, external: string | undefined): ChatPost['entities'] {
  // Facets count UTF-8 bytes, not JavaScript's UTF-16 units: slice the bytes.
  const bytes = encoder.encode(text)
  const hashtags: string[] = []
  const mentions: string[] = []
  const urls: UrlEntity[] = []
  for (const facet of [...(facets ?? [])].sort((a, b) => a.index.byteStart - b.index.byteStart)) {
    const { byteStart, byteEnd } = facet.index
    if (byteStart < 0 || byteEnd > bytes.length || byteStart >= byteEnd) continue
    const slice = decoder.decode(bytes.subarray(byteStart, byteEnd))
    for (const feature of facet.features) {
      if (AppBskyRichtextFacet.isLink(feature)) urls.push({ url: slice, expandedUrl: feature.uri, displayUrl: slice })
      else if (AppBskyRichtextFacet.isTag(feature)) hashtags.push(feature.tag)
      else if (AppBskyRichtextFacet.isMention(feature)) mentions.push(slice.replace(/^@/, ''))
    }
  }
  // A link card whose address the text shows but no facet marks (posted by a client that adds
  // cards without facets): the renderer finds it literally in the text.
  if (external && text.includes(external) && !urls.some(url => url.expandedUrl === external || url.url === external)) {
    urls.push({ url: external, expandedUrl: external, displayUrl: external })
  }
  return { hashtags, mentions, urls }
}

type MediaView = AppBskyEmbedRecordWithMedia.View['media']

function mediaOf(media: MediaView | undefined): ChatMedia[] {
  if (AppBskyEmbedImages.isView(media)) {
    return media.images.map(image => ({ type: 'photo', url: image.fullsize, ...(image.alt ? { altText: image.alt } : {}) }))
  }
  if (AppBskyEmbedVideo.isView(media)) {
    return [{ type: media.presentation === 'gif' ? 'animated_gif' : 'video', url: media.thumbnail, ...(media.alt ? { altText: media.alt } : {}) }]
  }
  return []
}

const isPostUri = (uri: string | undefined): uri is string => Boolean(uri && uri.includes('/app.bsky.feed.post/'))

/** The quoted post's URI, from the record (always there) or its view. */
function quotedUri(record: AppBskyFeedPost.Record, view: AppBskyFeedDefs.PostView['embed']): string | undefined {
  const embed = record.embed
  const fromRecord = AppBskyEmbedRecord.isMain(embed) ? embed.record.uri : AppBskyEmbedRecordWithMedia.isMain(embed) ? embed.record.record.uri : undefined
  const recordView = AppBskyEmbedRecord.isView(view) ? view.record : AppBskyEmbedRecordWithMedia.isView(view) ? view.record.record : undefined
  const fromView = recordView && 'uri' in recordView ? String(recordView.uri) : undefined
  const uri = fromRecord ?? fromView
  // A record embed can also show a feed, a list or a starter pack: only a post makes a quote.
  return isPostUri(uri) ? uri : undefined
}

/** One Bluesky post view as an archive post. */
export function chatPostFromBluesky(view: AppBskyFeedDefs.PostView): ChatPost {
  const record = view.record as AppBskyFeedPost.Record
  const text = typeof record.text === 'string' ? record.text : ''
  const quoted = quotedUri(record, view.embed)
  const kind: PostKind = record.reply ? 'reply' : quoted ? 'quote' : 'original'
  const embed = view.embed
  const media = AppBskyEmbedRecordWithMedia.isView(embed) ? mediaOf(embed.media) : mediaOf(embed as MediaView)
  const external = AppBskyEmbedExternal.isView(embed)
    ? embed.external.uri
    : AppBskyEmbedRecordWithMedia.isView(embed) && AppBskyEmbedExternal.isView(embed.media)
      ? embed.media.external.uri
      : undefined
  return {
    platform: 'bluesky',
    xId: view.uri,
    authorXId: view.author.did,
    url: blueskyPostUrl(view.uri, view.author.handle) ?? '',
    text,
    postedAt: isoOrNull(record.createdAt) ?? isoOrNull(view.indexedAt) ?? new Date(0).toISOString(),
    kind,
    inReplyToId: record.reply?.parent.uri ?? '',
    conversationId: record.reply?.root.uri ?? view.uri,
    referencedId: quoted ?? '',
    entities: entitiesOf(text, record.facets, external),
    media,
    metrics: {
      like_count: view.likeCount ?? 0,
      retweet_count: view.repostCount ?? 0,
      reply_count: view.replyCount ?? 0,
      quote_count: view.quoteCount ?? 0,
    },
  }
}

function participantFromBluesky(author: AppBskyFeedDefs.PostView['author']): ChatParticipant {
  return {
    platform: 'bluesky',
    xUserId: author.did,
    handle: author.handle,
    displayName: author.displayName?.trim() || author.handle,
    avatarUrl: author.avatar ?? '',
    profileUrl: blueskyProfileUrl(author.did, author.handle),
  }
}

// --- Fetching ---

const pages = (count: number) => (count === 1 ? '1 page' : `${count} pages`)

/** Every post the search finds for the hashtag in [start, end), newest first as Bluesky sorts them. */
async function searchChat(agent: AtpAgent, request: BlueskyChatRequest, hooks: FetchHooks): Promise<AppBskyFeedDefs.PostView[]> {
  const tag = bareTag(request.hashtag)
  const found: AppBskyFeedDefs.PostView[] = []
  let cursor: string | undefined
  let page = 0
  do {
    const response = await withRetries(
      () =>
        agent.app.bsky.feed.searchPosts(
          {
            // `q` is required; the tag filter does the matching, so the query is the hashtag itself.
            q: hashtagText(tag),
            tag: [tag],
            since: request.start.toISOString(),
            until: request.end.toISOString(),
            sort: 'latest',
            limit: 100,
            ...(cursor ? { cursor } : {}),
          },
          { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }
        ),
      hooks,
      () => `Searching Bluesky for #${tag} failed after ${pages(page)} (${found.length} posts) at page ${page + 1}`
    )
    page++
    found.push(...response.data.posts)
    hooks.onPage?.({ pages: page, posts: found.length })
    // An empty page with a cursor would otherwise page forever.
    cursor = response.data.posts.length ? response.data.cursor : undefined
  } while (cursor)
  return found
}

/**
 * The parents that replies point to but the search did not return, each with its own parents:
 * a deleted or hidden one is a problem to report, never a failure.
 */
async function fetchMissingParents(agent: AtpAgent, posts: Map<string, AppBskyFeedDefs.PostView>, hooks: FetchHooks): Promise<ImportProblem[]> {
  const problems = new Map<string, ImportProblem>()
  const gone = (uri: string, detail: string, replies: string[]) => {
    const known = problems.get(uri)
    if (known) known.postIds = [...new Set([...(known.postIds ?? []), ...replies])]
    else problems.set(uri, { source: SOURCE, detail, resourceId: uri, postIds: replies })
  }
  const repliesTo = (uri: string) => [...posts.values()].filter(post => (post.record as AppBskyFeedPost.Record).reply?.parent.uri === uri).map(post => post.uri)
  for (;;) {
    const missing = [...posts.values()]
      .map(post => (post.record as AppBskyFeedPost.Record).reply?.parent.uri)
      .find((uri): uri is string => Boolean(uri && !posts.has(uri) && !problems.has(uri)))
    if (!missing) break
    let thread: Awaited<ReturnType<AtpAgent['getPostThread']>>['data']['thread']
    try {
      thread = await withRetries(
        () => agent.getPostThread({ uri: missing, depth: 0, parentHeight: PARENT_HEIGHT }, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }),
        hooks,
        () => `Fetching the parent post ${missing} from Bluesky failed`
      ).then(response => response.data.thread)
    } catch (failure) {
      const error = (failure as Error).cause
      if (error instanceof XRPCError && (error.error === 'NotFound' || error.status === 404)) {
        gone(missing, 'The post replied to was deleted or is not visible to this account.', repliesTo(missing))
        continue
      }
      throw failure
    }
    // Walk up the chain: each parent in turn, until the root or a post that is gone.
    let node: typeof thread | AppBskyFeedDefs.ThreadViewPost['parent'] = thread
    let child: string[] = repliesTo(missing)
    while (node) {
      if (AppBskyFeedDefs.isThreadViewPost(node)) {
        if (!posts.has(node.post.uri)) posts.set(node.post.uri, node.post)
        child = [node.post.uri]
        node = node.parent
      } else if (AppBskyFeedDefs.isNotFoundPost(node)) {
        gone(node.uri, 'The post replied to was deleted or is not visible to this account.', child)
        node = undefined
      } else if (AppBskyFeedDefs.isBlockedPost(node)) {
        gone(node.uri, `The post replied to is not visible: its author (${node.author.did}) blocks, or is blocked by, this account.`, child)
        node = undefined
      } else {
        node = undefined
      }
    }
    // A chain the service cut short leaves its top reply's parent missing: the loop fetches it next.
    if (!posts.has(missing) && !problems.has(missing)) gone(missing, 'The post replied to was not returned by Bluesky.', repliesTo(missing))
  }
  return [...problems.values()]
}

/** The chat as an import batch: the hashtag search in its window, and the parents its threads need. */
export async function fetchChatFromBluesky(request: BlueskyChatRequest, connection: BlueskyConnection, hooks: FetchHooks = {}): Promise<ImportBatch> {
  if (!isHashtag(request.hashtag)) throw new Error(`"${request.hashtag}" is not a hashtag: give one word, such as ${HASHTAG_EXAMPLE}.`)
  const agent = await signInToBluesky(connection, hooks)
  const found = await searchChat(agent, request, hooks)
  const posts = new Map(found.map(post => [post.uri, post]))
  const problems = await fetchMissingParents(agent, posts, hooks)
  const participants = new Map<string, ChatParticipant>()
  for (const post of posts.values()) participants.set(post.author.did, participantFromBluesky(post.author))
  return {
    posts: [...posts.values()].map(chatPostFromBluesky),
    participants: [...participants.values()],
    problems,
    matchedIds: new Set(found.map(post => post.uri)),
  }
}

/** The CLI's and the desk's entry: the account from BLUESKY_SERVICE, BLUESKY_HANDLE and BLUESKY_APP_PASSWORD. */
export async function fetchChatFromConfiguredBluesky(request: BlueskyChatRequest & FetchHooks): Promise<ImportBatch> {
  const { hashtag, start, end, ...hooks } = request
  return fetchChatFromBluesky({ hashtag, start, end }, blueskyConnectionFromEnv('Archiving a chat from Bluesky'), hooks)
}
