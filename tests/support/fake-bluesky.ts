import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import type http from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'

import { AppBskyFeedPost, AtUri, RichText } from '@atproto/api'
import { Agent } from 'undici'

import { testCertificate } from './test-certificate'
import { blueskyAccount, blueskyPost, cidOf, type BlueskyAccount, type PostRecord, type PostView } from './bluesky-posts'

// A local HTTPS server that answers like Bluesky's XRPC API (a PDS that proxies the App View),
// after the lexicons: com.atproto.server.createSession/refreshSession,
// com.atproto.identity.resolveHandle, com.atproto.repo.createRecord, app.bsky.feed.searchPosts
// and app.bsky.feed.getPostThread. Tests run the real @atproto/api client against it; its
// certificate is made per run and `fetch` trusts only it.

/** An answer to give instead of serving: 'ok' serves normally, so a failure can come halfway. */
type BlueskyScripted = 'ok' | '429' | '500' | '502' | 'drop-connection'

type FakeMedia = { body: Buffer | string; contentType: string }

type PostedRecord = { repo: string; collection: string; uri: string; cid: string; record: PostRecord }

export type FakeBluesky = {
  /** `https://127.0.0.1:<port>`: the service URL (BLUESKY_SERVICE). */
  origin: string
  /** The community account that signs in (its handle is the identifier). */
  account: BlueskyAccount & { password: string }
  /** A fetch that trusts this server's certificate, for the client's `fetch` option. */
  fetch: typeof fetch
  /** What BLUESKY_* settings a server or CLI process needs to use this service, and its certificate. */
  env: Record<'BLUESKY_SERVICE' | 'BLUESKY_HANDLE' | 'BLUESKY_APP_PASSWORD' | 'NODE_EXTRA_CA_CERTS', string>
  /** The connection fetchChatFromBluesky and postToBluesky take. */
  connection: { service: string; identifier: string; password: string; fetch: typeof fetch }
  cert: string
  /** Every XRPC request received: its NSID, query (repeated parameters as arrays) and JSON body. */
  requests: { method: string; nsid: string; query: Record<string, string | string[]>; body?: unknown; authorization?: string }[]
  /** Records created through createRecord, in order. */
  posted: PostedRecord[]
  /** Answers to give, in order, to the next XRPC requests (sign-in included). */
  script: BlueskyScripted[]
  /** Adds posts to the network (searchable when they carry the tag and fall in the window). */
  add(...posts: PostView[]): void
  /** Where `/media/<name>` is served, for images a post shows. */
  mediaUrl(name: string): string
  stop(): Promise<void>
}

export type FakeBlueskyOptions = {
  /** Every post the network has; a function gets the server's origin, for media addresses. */
  posts?: PostView[] | ((origin: string) => PostView[])
  /** Posts whose author blocks (or is blocked by) the community account: shown as blockedPost. */
  blocked?: string[]
  /** Accounts resolveHandle knows besides the posts' authors and the signed-in account. */
  accounts?: BlueskyAccount[]
  /** The account that signs in; `chatcommunity.bsky.social` unless given. */
  account?: BlueskyAccount
  password?: string
  rateLimitResetIn?: number
  media?: Record<string, FakeMedia>
}

type Answer = { status: number; body: unknown; headers?: Record<string, string> }

const xrpcError = (status: number, error: string, message: string): Answer => ({ status, body: { error, message } })

/** Grapheme count as the PDS measures it (the lexicon's maxGraphemes). */
const graphemes = (text: string) => new RichText({ text }).graphemeLength

function tagsOf(post: PostView): string[] {
  const record = post.record as PostRecord
  const fromFacets = (record.facets ?? []).flatMap(facet =>
    facet.features.flatMap(feature => (feature.$type === 'app.bsky.richtext.facet#tag' ? [String((feature as { tag: string }).tag)] : []))
  )
  return [...fromFacets, ...(record.tags ?? [])].map(tag => tag.toLowerCase())
}

/** The time searchPosts sorts and filters on: the earlier of createdAt and indexedAt. */
function sortAt(post: PostView): number {
  const created = Date.parse((post.record as PostRecord).createdAt)
  const indexed = Date.parse(post.indexedAt)
  return Number.isNaN(created) ? indexed : Math.min(created, indexed)
}

export async function startFakeBluesky(options: FakeBlueskyOptions = {}): Promise<FakeBluesky> {
  const { cert, key, file: certFile } = await testCertificate()
  const account = { ...(options.account ?? blueskyAccount('chatcommunity.bsky.social', 'Monday Health Chat')), password: options.password ?? 'abcd-efgh-ijkl-mnop' }
  const rateLimitResetIn = options.rateLimitResetIn ?? 3
  const blocked = new Set(options.blocked ?? [])
  const media = options.media ?? {}
  const requests: FakeBluesky['requests'] = []
  const posted: PostedRecord[] = []
  const script: BlueskyScripted[] = []
  const posts = new Map<string, PostView>()
  const sessions = { access: new Set<string>(), refresh: new Set<string>() }

  const accounts = () => {
    const byHandle = new Map<string, string>()
    for (const known of [account, ...(options.accounts ?? []), ...[...posts.values()].map(post => post.author)]) byHandle.set(known.handle.toLowerCase(), known.did)
    return byHandle
  }

  const newSession = () => {
    const accessJwt = `access.${randomBytes(12).toString('hex')}`
    const refreshJwt = `refresh.${randomBytes(12).toString('hex')}`
    sessions.access.add(accessJwt)
    sessions.refresh.add(refreshJwt)
    return { accessJwt, refreshJwt, handle: account.handle, did: account.did, active: true }
  }

  const rateHeaders = (remaining: number, reset: number) => ({
    'ratelimit-limit': '3000',
    'ratelimit-remaining': String(remaining),
    'ratelimit-reset': String(reset),
    'ratelimit-policy': '3000;w=300',
  })

  function search(query: URLSearchParams): Answer {
    const q = query.get('q')
    if (!q) return xrpcError(400, 'InvalidRequest', 'Error: Params must have the property "q"')
    const limit = Number(query.get('limit') ?? 25)
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) return xrpcError(400, 'InvalidRequest', 'Error: limit must be between 1 and 100')
    const since = query.get('since')
    const until = query.get('until')
    const sinceTime = since ? Date.parse(since) : -Infinity
    const untilTime = until ? Date.parse(until) : Infinity
    if (Number.isNaN(sinceTime) || Number.isNaN(untilTime)) return xrpcError(400, 'BadQueryString', 'since and until must be datetimes or ISO dates')
    const tags = query.getAll('tag').map(tag => tag.toLowerCase())
    const words = q.toLowerCase().split(/\s+/).filter(Boolean)
    const matches = [...posts.values()].filter(post => {
      // The App View leaves out posts whose author blocks, or is blocked by, the viewer.
      if (blocked.has(post.uri)) return false
      const time = sortAt(post)
      if (time < sinceTime || time >= untilTime) return false
      const postTags = tagsOf(post)
      if (!tags.every(tag => postTags.includes(tag))) return false
      // The query's words match the text, or a #word matches a tag.
      const text = (post.record as PostRecord).text.toLowerCase()
      return words.every(word => (word.startsWith('#') ? postTags.includes(word.slice(1)) || text.includes(word) : text.includes(word)))
    })
    if (query.get('sort') === 'latest' || !query.get('sort')) matches.sort((a, b) => sortAt(b) - sortAt(a) || b.uri.localeCompare(a.uri))
    const offset = Number(query.get('cursor') ?? 0)
    const page = matches.slice(offset, offset + limit)
    const next = offset + limit < matches.length ? String(offset + limit) : undefined
    return { status: 200, body: { posts: page, ...(next ? { cursor: next } : {}), hitsTotal: matches.length } }
  }

  /** A post and its parents up to `height`, as app.bsky.feed.defs#threadViewPost. */
  function threadOf(uri: string, height: number): unknown {
    if (blocked.has(uri)) {
      return { $type: 'app.bsky.feed.defs#blockedPost', uri, blocked: true, author: { did: new AtUri(uri).hostname } }
    }
    const post = posts.get(uri)
    if (!post) return { $type: 'app.bsky.feed.defs#notFoundPost', uri, notFound: true }
    const parentUri = (post.record as PostRecord).reply?.parent.uri
    return {
      $type: 'app.bsky.feed.defs#threadViewPost',
      post,
      ...(parentUri && height > 0 ? { parent: threadOf(parentUri, height - 1) } : {}),
      replies: [],
    }
  }

  function thread(query: URLSearchParams): Answer {
    const uri = query.get('uri') ?? ''
    if (!uri.startsWith('at://')) return xrpcError(400, 'InvalidRequest', 'Error: uri must be a valid at-uri')
    if (!posts.has(uri) && !blocked.has(uri)) return xrpcError(400, 'NotFound', `Post not found: ${uri}`)
    const height = Number(query.get('parentHeight') ?? 80)
    return { status: 200, body: { thread: threadOf(uri, height) } }
  }

  function createRecord(body: { repo?: string; collection?: string; record?: PostRecord; rkey?: string }): Answer {
    if (body.repo !== account.did && body.repo !== account.handle) return xrpcError(400, 'InvalidRequest', `Could not find repo: ${body.repo}`)
    if (body.collection !== 'app.bsky.feed.post') return xrpcError(400, 'InvalidRequest', `This fake only creates posts, not ${body.collection}`)
    const record = { ...body.record, $type: 'app.bsky.feed.post' } as PostRecord
    const valid = AppBskyFeedPost.validateRecord(record)
    if (!valid.success) return xrpcError(400, 'InvalidRequest', `Invalid app.bsky.feed.post record: ${valid.error.message}`)
    if (graphemes(record.text) > 300) return xrpcError(400, 'InvalidRequest', 'Invalid app.bsky.feed.post record: Record/text must not be longer than 300 graphemes')
    const view = blueskyPost({ author: account, text: record.text, createdAt: record.createdAt, facets: record.facets ?? [], ...(body.rkey ? { rkey: body.rkey } : {}) })
    const stored: PostView = { ...view, record }
    posts.set(stored.uri, stored)
    posted.push({ repo: body.repo, collection: body.collection, uri: stored.uri, cid: stored.cid, record })
    return { status: 200, body: { uri: stored.uri, cid: stored.cid, commit: { cid: cidOf(`commit ${stored.uri}`), rev: new AtUri(stored.uri).rkey }, validationStatus: 'valid' } }
  }

  const answer = async (request: http.IncomingMessage, response: http.ServerResponse) => {
    const url = new URL(request.url ?? '/', 'https://127.0.0.1')
    const send = ({ status, body, headers = {} }: Answer) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
      response.end(JSON.stringify(body))
    }
    if (request.method === 'GET' && url.pathname.startsWith('/media/')) {
      const served = media[decodeURIComponent(url.pathname.slice('/media/'.length))]
      if (!served) return send({ status: 404, body: { error: 'NotFound', message: 'No such media' } })
      response.writeHead(200, { 'content-type': served.contentType, 'content-length': String(Buffer.byteLength(served.body)) })
      return void response.end(served.body)
    }
    if (!url.pathname.startsWith('/xrpc/')) return send({ status: 404, body: { error: 'NotFound', message: 'Not Found' } })
    const nsid = url.pathname.slice('/xrpc/'.length)
    let body: unknown
    if (request.method === 'POST') {
      const chunks: Buffer[] = []
      for await (const chunk of request) chunks.push(chunk as Buffer)
      const raw = Buffer.concat(chunks).toString('utf8')
      try {
        body = raw ? JSON.parse(raw) : undefined
      } catch {
        return send(xrpcError(400, 'InvalidRequest', 'Request body is not valid JSON'))
      }
    }
    const query: Record<string, string | string[]> = {}
    for (const name of new Set(url.searchParams.keys())) {
      const values = url.searchParams.getAll(name)
      query[name] = values.length === 1 && name !== 'tag' ? values[0] : values
    }
    const authorization = request.headers.authorization
    requests.push({ method: request.method ?? 'GET', nsid, query, body, ...(authorization ? { authorization } : {}) })

    const now = Math.floor(Date.now() / 1000)
    const scripted = script.shift()
    if (scripted === '429') {
      return send({ ...xrpcError(429, 'RateLimitExceeded', 'Rate Limit Exceeded'), headers: rateHeaders(0, now + rateLimitResetIn) })
    }
    if (scripted === '500') return send(xrpcError(500, 'InternalServerError', 'Internal Server Error'))
    if (scripted === '502') return send(xrpcError(502, 'UpstreamFailure', 'Upstream Failure'))
    if (scripted === 'drop-connection') return void request.socket.destroy()

    const bearer = authorization?.startsWith('Bearer ') ? authorization.slice('Bearer '.length) : undefined
    const signedIn = bearer !== undefined && sessions.access.has(bearer)
    const ok = (body: unknown): Answer => ({ status: 200, body, headers: rateHeaders(2999, now + 300) })
    const needsSession = () => xrpcError(401, 'AuthenticationRequired', 'Authentication Required')

    switch (nsid) {
      case 'com.atproto.server.createSession': {
        const { identifier, password } = (body ?? {}) as { identifier?: string; password?: string }
        if (!identifier || !password) return send(xrpcError(400, 'InvalidRequest', 'Input must have the properties "identifier" and "password"'))
        const known = [account.handle.toLowerCase(), account.did].includes(identifier.toLowerCase().replace(/^@/, ''))
        if (!known || password !== account.password) return send(xrpcError(401, 'AuthenticationRequired', 'Invalid identifier or password'))
        return send(ok(newSession()))
      }
      case 'com.atproto.server.refreshSession': {
        if (!bearer || !sessions.refresh.has(bearer)) return send(xrpcError(400, 'ExpiredToken', 'Token has expired'))
        sessions.refresh.delete(bearer)
        return send(ok(newSession()))
      }
      case 'com.atproto.identity.resolveHandle': {
        const did = accounts().get((url.searchParams.get('handle') ?? '').toLowerCase())
        return send(did ? ok({ did }) : xrpcError(400, 'HandleNotFound', 'Unable to resolve handle'))
      }
      case 'app.bsky.feed.searchPosts':
        if (!signedIn) return send(needsSession())
        return send(search(url.searchParams))
      case 'app.bsky.feed.getPostThread':
        return send(thread(url.searchParams))
      case 'com.atproto.repo.createRecord':
        if (!signedIn) return send(needsSession())
        return send(createRecord((body ?? {}) as Parameters<typeof createRecord>[0]))
      default:
        return send(xrpcError(501, 'MethodNotImplemented', `Method Not Implemented: ${nsid}`))
    }
  }

  const server = https.createServer({ cert, key }, (request, response) => void answer(request, response))
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  const origin = `https://127.0.0.1:${port}`
  for (const post of typeof options.posts === 'function' ? options.posts(origin) : (options.posts ?? [])) posts.set(post.uri, post)

  const dispatcher = new Agent({ connect: { ca: cert } })
  const trustingFetch: typeof fetch = (input, init) => fetch(input, { ...init, dispatcher } as RequestInit)

  return {
    origin,
    account,
    fetch: trustingFetch,
    env: { BLUESKY_SERVICE: origin, BLUESKY_HANDLE: account.handle, BLUESKY_APP_PASSWORD: account.password, NODE_EXTRA_CA_CERTS: certFile },
    connection: { service: origin, identifier: account.handle, password: account.password, fetch: trustingFetch },
    cert,
    requests,
    posted,
    script,
    add: (...more) => more.forEach(post => posts.set(post.uri, post)),
    mediaUrl: name => `${origin}/media/${encodeURIComponent(name)}`,
    async stop() {
      await dispatcher.destroy()
      server.closeAllConnections()
      server.close()
      await once(server, 'close')
    },
  }
}
