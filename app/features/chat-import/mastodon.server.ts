import { createRestAPIClient, MastoDeserializeError, MastoHttpError, MastoTimeoutError, MastoUnexpectedError, type mastodon } from 'masto'

import { asRepostedPost, type ChatMedia, type ChatPost, type PostKind } from '../../domain/chat-analysis'
import { env } from '../../server/env.server'
import { mastodonHtmlToText } from './mastodon-html'
import type { ChatParticipant, ImportBatch, ImportProblem } from './sources.server'
import { sleeper, waitOutRateLimit, type FetchHooks } from './fetch-hooks.server'
import { bareTag, isHashtag } from '../../domain/hashtag'

// Reads a chat from Mastodon with the masto client. Each server sees only the posts that reached
// it, so an import asks every server the editor names for the hashtag's timeline and merges them on
// each status's global `uri`. Ids in answers (a status's own, `in_reply_to_id`) are local to the
// server that gave them: threads are joined through the statuses seen on that same server.

/** A server as the editor named it (`nhs.social`, or an address such as `https://127.0.0.1:4431`). */
export type MastodonServer = { url: string; host: string }

export type MastodonConnection = { accessToken?: string; accessTokenServer?: string; dispatcher?: unknown }

export type MastodonChatRequest = { hashtag: string; start: Date; end: Date; servers: string[] }

/** A failure explained for the editor: the server, the request and what to do. */
export class MastodonError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'MastodonError'
  }
}

const HOST_NAME = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9](?::\d{1,5})?$/i

/** Validates a server named by a domain or an http(s) address; the error names the value. */
export function parseMastodonServer(value: string): MastodonServer {
  const given = value.trim().replace(/\/+$/, '')
  const bad = () =>
    new MastodonError(`"${value}" is not a Mastodon server: give its domain, such as mastodon.social, or its address, such as https://mastodon.social.`)
  if (!given) throw bad()
  let url: URL
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(given) ? given : `https://${given}`)
  } catch {
    throw bad()
  }
  const local = url.hostname === 'localhost' || /^\d{1,3}(\.\d{1,3}){3}$/.test(url.hostname) || url.hostname.startsWith('[')
  if (!['https:', 'http:'].includes(url.protocol) || url.username || url.search || url.hash || url.pathname !== '/' || (!local && !HOST_NAME.test(url.host))) throw bad()
  return { url: url.origin, host: url.host.toLowerCase() }
}

/** MASTODON_SERVERS (space- or comma-separated), else the community account's own server, which sees whatever its followers post. */
const configuredMastodonServers = () => (env.MASTODON_SERVERS || env.MASTODON_SERVER || '').split(/[\s,]+/).filter(Boolean)

export function createMastodonClient(server: MastodonServer, { accessToken, dispatcher }: { accessToken?: string; dispatcher?: unknown } = {}) {
  return createRestAPIClient({
    url: server.url,
    ...(accessToken ? { accessToken } : {}),
    // masto sets no timeout of its own; a server that never answers would hang the import.
    timeout: 30_000,
    ...(dispatcher ? { requestInit: { dispatcher } as RequestInit } : {}),
  })
}

/** The reason a request never got an answer, from undici's `fetch failed` error; undefined for anything else. */
export function connectionFailure(error: unknown): { code: string; message: string } | undefined {
  if (!(error instanceof TypeError) || error.message !== 'fetch failed') return undefined
  const cause = error.cause as { code?: string; message?: string } | undefined
  return { code: cause?.code ?? 'UNKNOWN', message: cause?.message ?? 'connection failed' }
}

// Retrying these is pointless: the name does not resolve, or the certificate is not trusted.
const NOT_REACHABLE = /^(ENOTFOUND|EAI_AGAIN|EAI_NONAME|CERT_|ERR_TLS_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_)/

function describeConnectionFailure({ code, message }: { code: string; message: string }) {
  if (/^(ENOTFOUND|EAI_)/.test(code)) return 'no server by that name was found'
  if (code === 'ECONNREFUSED') return 'it refused the connection'
  if (/CERT|TLS|UNABLE_TO_/.test(code)) return `its certificate is not trusted (${message})`
  return message
}

/** Mastodon sends X-RateLimit-Reset as an ISO 8601 time; anything unreadable waits a minute. */
export function mastodonRateLimitReset(error: MastoHttpError): Date {
  const header = error.cause instanceof Response ? error.cause.headers.get('x-ratelimit-reset') : null
  const time = header ? new Date(header) : new Date(NaN)
  return Number.isNaN(time.getTime()) ? new Date(Date.now() + 60_000) : time
}

type Call = { server: MastodonServer; request: string; pagesRead: () => number; signedIn: boolean }

/**
 * masto throws these when an answer is not Mastodon's JSON: an unknown content type, malformed
 * JSON, or (a TypeError from reading the missing body) an error page in HTML.
 */
const isUnreadableAnswer = (error: unknown) =>
  error instanceof MastoUnexpectedError || error instanceof MastoDeserializeError || (error instanceof TypeError && !connectionFailure(error))

const notMastodon = (server: MastodonServer, request: string, what: string) =>
  new MastodonError(`${server.host} does not answer like a Mastodon server (${what} to ${request}): check the server's name.`)

function refused(error: MastoHttpError, { server, request, signedIn }: Call): MastodonError | undefined {
  const said = error.message ? ` ("${error.message}")` : ''
  if (error.statusCode === 401 || error.statusCode === 422 || error.statusCode === 403) {
    if (signedIn) {
      return new MastodonError(`${server.host} refused the access token on ${request}${said}: check MASTODON_ACCESS_TOKEN, which must belong to an account on ${server.host}.`)
    }
    if (error.statusCode !== 403) {
      return new MastodonError(
        `${server.host} shows ${request} only to signed-in accounts${said}: set MASTODON_SERVER to ${server.url} and MASTODON_ACCESS_TOKEN to an access token of an account on ${server.host}.`
      )
    }
  }
  return undefined
}

/**
 * One request with Mastodon's rate limit waited out (a countdown a second at a time) and
 * transient failures (5xx, dropped connections, timeouts) retried with backoff. Anything else is
 * thrown as it came, for the caller to judge (a 404 means different things on different calls).
 */
async function withRetries<T>(call: Call, hooks: FetchHooks, send: () => Promise<T>): Promise<T> {
  const sleep = sleeper(hooks)
  const maxRetries = hooks.maxRetries ?? 5
  for (let attempt = 0; ; attempt++) {
    try {
      return await send()
    } catch (error) {
      if (error instanceof MastoHttpError && error.statusCode === 429) {
        await waitOutRateLimit(mastodonRateLimitReset(error), hooks)
        continue
      }
      if (error instanceof MastoHttpError) {
        const refusal = refused(error, call)
        if (refusal) throw refusal
      }
      const connection = connectionFailure(error)
      if (connection && NOT_REACHABLE.test(connection.code)) {
        throw new MastodonError(`${call.server.host} could not be reached: ${describeConnectionFailure(connection)}. Check the server's name.`)
      }
      // An error page instead of JSON from a server that has already answered as Mastodon is its proxy's 502 or 503.
      const transient =
        (error instanceof MastoHttpError && error.statusCode >= 500) || connection || error instanceof MastoTimeoutError || (isUnreadableAnswer(error) && call.pagesRead() > 0)
      if (!transient) throw error
      if (attempt < maxRetries) {
        await sleep(1000 * 2 ** attempt)
        continue
      }
      const reason =
        error instanceof MastoHttpError
          ? `answered ${error.statusCode}${error.message ? ` (${error.message})` : ''}`
          : connection
            ? describeConnectionFailure(connection)
            : error instanceof MastoTimeoutError
              ? 'did not answer in time'
              : 'answered with an error page'
      const pages = call.pagesRead()
      if (connection && pages === 0) throw new MastodonError(`${call.server.host} could not be reached: ${reason}, ${attempt + 1} times.`)
      throw new MastodonError(
        `${call.server.host} failed on ${call.request}: it ${reason}, ${attempt + 1} times, after ${pages} ${pages === 1 ? 'page' : 'pages'} of the hashtag's timeline had been read. Nothing was imported; try again later.`
      )
    }
  }
}

const nextMaxId = (link: string | null) => {
  const next = link?.split(',').find(part => /;\s*rel="?next"?/.test(part))
  const target = next ? /<([^>]+)>/.exec(next)?.[1] : undefined
  return target ? (new URL(target).searchParams.get('max_id') ?? undefined) : undefined
}

type Status = mastodon.v1.Status

/** What one server gave: the chat's statuses from its tag timeline and every status it showed, by its local id. */
type ServerView = { server: MastodonServer; matched: Status[]; byLocalId: Map<string, Status> }

const rememberStatus = (byLocalId: Map<string, Status>, status: Status) => {
  byLocalId.set(status.id, status)
  if (status.reblog) byLocalId.set(status.reblog.id, status.reblog)
  const quoted = (status.quote as mastodon.v1.Quote | null | undefined)?.quotedStatus
  if (quoted) byLocalId.set(quoted.id, quoted)
}

async function readTagTimeline(
  client: mastodon.rest.Client,
  server: MastodonServer,
  { hashtag, start, end }: { hashtag: string; start: Date; end: Date },
  hooks: FetchHooks,
  progress: { pages: number; posts: number },
  signedIn: boolean
): Promise<ServerView> {
  const view: ServerView = { server, matched: [], byLocalId: new Map() }
  const request = `GET /api/v1/timelines/tag/${hashtag}`
  let pagesRead = 0
  let maxId: string | undefined
  for (;;) {
    let response: { headers: Headers; data: Status[] }
    try {
      response = await withRetries({ server, request, pagesRead: () => pagesRead, signedIn }, hooks, async () =>
        // The paginator's first page, with its headers: paging is ours, so a retry resumes where it stopped.
        await client.v1.timelines.tag.$select(hashtag).list.$raw({ limit: 40, ...(maxId ? { maxId } : {}) })
      )
    } catch (error) {
      if (error instanceof MastodonError) throw error
      // Mastodon's errors are JSON with an `error`; a 404 of that kind means no post on that server used the hashtag.
      if (error instanceof MastoHttpError && error.message) {
        if (error.statusCode === 404) return view
        throw new MastodonError(`${server.host} answered ${error.statusCode} to ${request}: ${error.message}`)
      }
      if (pagesRead > 0) throw new MastodonError(`${server.host} stopped answering like Mastodon on ${request} after ${pagesRead} ${pagesRead === 1 ? 'page' : 'pages'}: ${error instanceof Error ? error.message : String(error)}`)
      throw notMastodon(server, request, error instanceof MastoHttpError ? `it answered ${error.statusCode}` : "it answered with a page that is not Mastodon's JSON, or it is down")
    }
    if (!Array.isArray(response.data)) throw notMastodon(server, request, 'it answered with something other than a list of statuses')
    pagesRead++
    progress.pages++
    const page = response.data
    for (const status of page) {
      if (typeof status?.uri !== 'string' || typeof status.createdAt !== 'string') throw notMastodon(server, request, 'a status without uri or created_at')
      rememberStatus(view.byLocalId, status)
      const time = new Date(status.createdAt).getTime()
      if (time >= start.getTime() && time < end.getTime()) {
        view.matched.push(status)
        progress.posts++
      }
    }
    hooks.onPage?.({ ...progress })
    const oldest = page.at(-1)
    if (!oldest || new Date(oldest.createdAt).getTime() < start.getTime()) return view
    const link = response.headers.get('link')
    // Mastodon pages through Link headers; a server that sends none is paged by the oldest id while its pages are full.
    maxId = link ? nextMaxId(link) : page.length >= 40 ? oldest.id : undefined
    if (!maxId) return view
  }
}

/** The thread above a status, from the server that showed it; `null` when the server no longer shows the status. */
async function readAncestors(
  client: mastodon.rest.Client,
  server: MastodonServer,
  localId: string,
  hooks: FetchHooks,
  signedIn: boolean,
  pagesRead: number
): Promise<Status[] | null> {
  const request = `GET /api/v1/statuses/${localId}/context`
  try {
    const context = await withRetries({ server, request, pagesRead: () => pagesRead, signedIn }, hooks, () => client.v1.statuses.$select(localId).context.fetch())
    if (!Array.isArray(context?.ancestors)) throw notMastodon(server, request, 'it answered without ancestors')
    return context.ancestors
  } catch (error) {
    if (error instanceof MastoHttpError && (error.statusCode === 404 || error.statusCode === 410)) return null
    if (error instanceof MastoHttpError) throw new MastodonError(`${server.host} answered ${error.statusCode} to ${request}${error.message ? `: ${error.message}` : ''}.`)
    if (error instanceof MastodonError) throw error
    throw notMastodon(server, request, error instanceof Error ? error.message : String(error))
  }
}

// --- conversion ---

/** `user@server` for anyone: local accounts' acct has no server, so it comes from their profile's address or the server asked. */
function mastodonHandle(account: Pick<mastodon.v1.Account, 'acct' | 'username' | 'url'>, server: MastodonServer): string {
  const [user, domain] = account.acct.split('@')
  if (domain) return `${user}@${domain.toLowerCase()}`
  let host: string
  try {
    host = new URL(account.url ?? '').hostname
  } catch {
    host = server.host
  }
  return `${user || account.username}@${(host || server.host).toLowerCase()}`
}

const MEDIA_TYPES: Partial<Record<string, string>> = { image: 'photo', video: 'video', gifv: 'animated_gif' }

function quotedOf(status: Status, byLocalId: Map<string, Status>): string {
  const quote = status.quote as (Partial<mastodon.v1.Quote & mastodon.v1.ShallowQuote> & { uri?: string }) | null | undefined
  if (!quote) {
    // Fedibird and forks of it put the quoted status's local id beside the status.
    const quoteId = (status as Status & { quoteId?: string | null }).quoteId
    return quoteId ? (byLocalId.get(quoteId)?.uri ?? '') : ''
  }
  if (quote.state && quote.state !== 'accepted') return ''
  if (quote.quotedStatus?.uri) return quote.quotedStatus.uri
  if (quote.quotedStatusId) return byLocalId.get(quote.quotedStatusId)?.uri ?? ''
  // The older shape (Fedibird, Akkoma): `quote` is the quoted status itself.
  return typeof quote.uri === 'string' ? quote.uri : ''
}

type Converted = { post: ChatPost; people: ChatParticipant[] }

function participantOf(account: mastodon.v1.Account, server: MastodonServer): ChatParticipant {
  const handle = mastodonHandle(account, server)
  return {
    platform: 'mastodon',
    xUserId: handle,
    handle,
    displayName: account.displayName || account.username,
    avatarUrl: account.avatarStatic || account.avatar || '',
    profileUrl: account.url ?? '',
  }
}

function convertStatus(status: Status, view: ServerView): Converted {
  const author = participantOf(status.account, view.server)
  if (status.reblog) {
    const original = convertStatus(status.reblog, view)
    return {
      post: {
        ...original.post,
        xId: status.uri,
        authorXId: author.xUserId,
        url: status.url ?? status.uri,
        editedAt: null,
        postedAt: new Date(status.createdAt).toISOString(),
        kind: 'retweet',
        inReplyToId: '',
        conversationId: status.uri,
        referencedId: original.post.xId,
        metrics: { like_count: status.favouritesCount ?? 0, retweet_count: status.reblogsCount ?? 0, reply_count: status.repliesCount ?? 0 },
        repostOf: asRepostedPost(original.post),
      },
      people: [author, ...original.people],
    }
  }
  const authorServer = author.handle.split('@')[1]
  const mentions = (status.mentions ?? []).map(mention => ({ url: mention.url, acct: mastodonHandle({ acct: mention.acct, username: mention.username, url: mention.url }, view.server) }))
  const body = mastodonHtmlToText(status.content ?? '', { mentions, authorServer })
  const warning = status.spoilerText?.trim() ? `CW: ${status.spoilerText.trim()}\n` : ''
  const parentUri = status.inReplyToId ? (view.byLocalId.get(status.inReplyToId)?.uri ?? '') : ''
  const quoted = quotedOf(status, view.byLocalId)
  const kind: PostKind = status.inReplyToId ? 'reply' : quoted ? 'quote' : 'original'
  const media: ChatMedia[] = (status.mediaAttachments ?? []).flatMap(attachment => {
    const type = MEDIA_TYPES[attachment.type]
    if (!type) return []
    const url = attachment.type === 'image' ? (attachment.url ?? attachment.previewUrl) : attachment.previewUrl
    return [{ type, ...(url ? { url } : {}), ...(attachment.description ? { altText: attachment.description } : {}) }]
  })
  return {
    post: {
      platform: 'mastodon',
      xId: status.uri,
      authorXId: author.xUserId,
      url: status.url ?? status.uri,
      editedAt: status.editedAt ? new Date(status.editedAt).toISOString() : null,
      text: warning + body.text,
      postedAt: new Date(status.createdAt).toISOString(),
      kind,
      inReplyToId: parentUri,
      conversationId: status.uri,
      referencedId: quoted,
      entities: {
        hashtags: (status.tags ?? []).map(tag => tag.name),
        mentions: mentions.map(mention => mention.acct),
        urls: body.urls,
      },
      media,
      metrics: {
        like_count: status.favouritesCount ?? 0,
        retweet_count: status.reblogsCount ?? 0,
        reply_count: status.repliesCount ?? 0,
        ...(typeof status.quotesCount === 'number' ? { quote_count: status.quotesCount } : {}),
      },
    },
    people: [author],
  }
}

const isLocal = (status: Status) => !status.account.acct.includes('@')

/**
 * The chat from every server named: their hashtag timelines in [start, end), merged on each
 * status's global uri, with the reply parents the threads need (fetched through each server's
 * context when its timeline did not show them). `matchedIds` are the timelines' statuses.
 */
export async function fetchChatFromMastodon(
  request: MastodonChatRequest,
  connection: MastodonConnection = {},
  hooks: FetchHooks = {}
): Promise<ImportBatch> {
  const hashtag = bareTag(request.hashtag)
  if (!isHashtag(hashtag)) {
    throw new MastodonError(`"${request.hashtag}" is not a hashtag Mastodon can search: letters, digits and underscores only, such as #MondayHealthChat.`)
  }
  if (request.servers.length === 0) {
    throw new MastodonError('No Mastodon server was named: name the servers whose hashtag timeline to read (for example mastodon.social), or set MASTODON_SERVERS.')
  }
  const servers = [...new Map(request.servers.map(parseMastodonServer).map(server => [server.url, server])).values()]
  const tokenServer = connection.accessTokenServer ? parseMastodonServer(connection.accessTokenServer) : undefined
  const progress = { pages: 0, posts: 0 }
  const views: { view: ServerView; client: mastodon.rest.Client; signedIn: boolean; pagesRead: number }[] = []
  for (const server of servers) {
    // A token is an account's on its own server: it is never sent to another, nor anywhere when its server is not named.
    const signedIn = Boolean(connection.accessToken && tokenServer?.url === server.url)
    const client = createMastodonClient(server, { accessToken: signedIn ? connection.accessToken : undefined, dispatcher: connection.dispatcher })
    const pagesBefore = progress.pages
    const view = await readTagTimeline(client, server, { hashtag, start: request.start, end: request.end }, hooks, progress, signedIn)
    views.push({ view, client, signedIn, pagesRead: progress.pages - pagesBefore })
  }

  const problems: ImportProblem[] = []
  const parents: { status: Status; view: ServerView }[] = []
  for (const { view, client, signedIn, pagesRead } of views) {
    const included = new Set(view.matched.map(status => status.id))
    const askedAbout = new Set<string>()
    const missing = new Set<string>()
    for (const status of view.matched) {
      // Up the thread through what this server showed; its context fills in what it did not.
      let child = status
      const climbed = new Set<string>()
      while (!child.reblog && child.inReplyToId && !climbed.has(child.id)) {
        climbed.add(child.id)
        const parentId = child.inReplyToId
        if (!view.byLocalId.has(parentId) && !askedAbout.has(child.id)) {
          askedAbout.add(child.id)
          for (const ancestor of (await readAncestors(client, view.server, child.id, hooks, signedIn, pagesRead)) ?? []) rememberStatus(view.byLocalId, ancestor)
        }
        const parent = view.byLocalId.get(parentId)
        if (!parent) {
          if (!missing.has(parentId)) {
            missing.add(parentId)
            problems.push({
              source: `Mastodon ${view.server.host}`,
              detail: `The post ${child.uri} replies to has been deleted or is not visible on ${view.server.host}.`,
              resourceId: `${view.server.host}/statuses/${parentId}`,
              postIds: [child.uri],
            })
          }
          break
        }
        if (!included.has(parent.id)) {
          included.add(parent.id)
          parents.push({ status: parent, view })
        }
        child = parent
      }
    }
  }

  const posts = new Map<string, { post: ChatPost; local: boolean }>()
  const people = new Map<string, ChatParticipant>()
  const add = (status: Status, view: ServerView) => {
    const { post, people: authors } = convertStatus(status, view)
    for (const person of authors) if (!people.has(person.xUserId) || isLocal(status)) people.set(person.xUserId, person)
    const known = posts.get(post.xId)
    // The author's own server keeps the true counts; other servers count what reached them.
    if (!known || (!known.local && isLocal(status))) posts.set(post.xId, { post: known && !post.inReplyToId ? { ...post, inReplyToId: known.post.inReplyToId } : post, local: isLocal(status) })
    else if (!known.post.inReplyToId && post.inReplyToId) known.post.inReplyToId = post.inReplyToId
  }
  for (const { view } of views) for (const status of view.matched) add(status, view)
  for (const { status, view } of parents) add(status, view)

  const byId = new Map([...posts.values()].map(({ post }) => [post.xId, post]))
  for (const post of byId.values()) {
    // Mastodon has no conversation id that holds across servers: the thread's top post is it.
    const seen = new Set([post.xId])
    let root = post
    while (root.inReplyToId && byId.has(root.inReplyToId) && !seen.has(root.inReplyToId)) {
      seen.add(root.inReplyToId)
      root = byId.get(root.inReplyToId)!
    }
    post.conversationId = root.xId
  }
  // A parent one server no longer shows may have reached the import through another server.
  const reported = new Set<string>()
  const unresolved = problems.filter(problem => {
    const child = problem.postIds?.[0] ?? ''
    if (reported.has(child) || byId.get(child)?.inReplyToId) return false
    reported.add(child)
    return true
  })
  return {
    posts: [...byId.values()],
    participants: [...people.values()],
    problems: unresolved,
    matchedIds: new Set(views.flatMap(({ view }) => view.matched.map(status => status.uri))),
  }
}

/** The CLI's and the desk's entry: servers from the request or MASTODON_SERVERS, the token from MASTODON_ACCESS_TOKEN for MASTODON_SERVER only. */
export async function fetchChatFromConfiguredMastodon(request: Omit<MastodonChatRequest, 'servers'> & { servers?: string[] } & FetchHooks): Promise<ImportBatch> {
  const { hashtag, start, end, servers: given, ...hooks } = request
  const servers = given?.length ? given : configuredMastodonServers()
  if (servers.length === 0) {
    throw new MastodonError('No Mastodon server is named: give the servers to read (--server mastodon.social) or set MASTODON_SERVERS, e.g. "mastodon.social nhs.social".')
  }
  const accessToken = env.MASTODON_ACCESS_TOKEN && env.MASTODON_SERVER ? env.MASTODON_ACCESS_TOKEN : undefined
  return fetchChatFromMastodon({ hashtag, start, end, servers }, { accessToken, accessTokenServer: env.MASTODON_SERVER }, hooks)
}
