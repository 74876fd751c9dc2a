import { once } from 'node:events'
import type http from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'

import { Agent } from 'undici'

import { testCertificate } from './test-certificate'

import { fakeAccount, snowflake, type FakeAccount, type FakeStatus } from './mastodon-statuses'

export * from './mastodon-statuses'

// A local HTTPS server that answers like one Mastodon server (mastodon/documentation:
// methods/timelines.md, statuses.md, entities/Status.md, Account.md, MediaAttachment.md, Tag.md,
// api/rate-limits.md, api/guidelines.md), so tests run the real masto client. Each fake has its own
// `domain` and gives every status its OWN local id, as two real servers do for one federated post.

/** Answers to give, in order, before serving normally again ('ok' serves one request normally). */
type Scripted = 'ok' | '429' | '500' | '502-html' | 'drop-connection' | 'not-mastodon'

type PostedStatus = { text: string; visibility: string; idempotencyKey: string | null; id: string; url: string }

export type FakeMastodon = {
  domain: string
  /** `https://127.0.0.1:<port>`: what an editor gives as the server in tests. */
  origin: string
  /** An undici dispatcher that trusts this server's certificate, for masto's `requestInit.dispatcher`. */
  dispatcher: Agent
  cert: string
  token: string
  /** What a CLI or server process needs to read and post here. */
  env: Record<'MASTODON_SERVERS' | 'MASTODON_SERVER' | 'MASTODON_ACCESS_TOKEN' | 'NODE_EXTRA_CA_CERTS', string>
  requests: { method: string; path: string; query: Record<string, string>; authorization: string | null; idempotencyKey: string | null }[]
  /** Statuses made by POST /api/v1/statuses, once per Idempotency-Key. */
  posted: PostedStatus[]
  script: Scripted[]
  /** Where `/media/<name>` is served: give it to `fakeImage` for statuses added with `receive`. */
  mediaUrl(name: string): string
  /** This server's own id for a status it knows (by the status or its uri). */
  localId(status: FakeStatus | string): string
  /** Adds statuses that reached this server after it started. */
  receive(...statuses: FakeStatus[]): void
  stop(): Promise<void>
}

export type FakeMastodonOptions = {
  domain: string
  /** What reached this server; parents, boosted and quoted statuses are known with them. */
  statuses?: FakeStatus[]
  /** The community account that posts with `token`. */
  account?: FakeAccount
  token?: string
  /** Servers whose admins turned off the public preview show timelines to signed-in accounts only. */
  timelinesNeedSignIn?: boolean
  /** Mastodon's own tag feed leaves boosts out; other servers' may not, and that is how a boost is tested. */
  boostsInTagTimeline?: boolean
  rateLimitResetIn?: number
  /** How quotes are given: Mastodon 4.4+ (`quote.quoted_status`), or Fedibird's older `quote` (the status itself) with `quote_id`. */
  quoteShape?: 'mastodon' | 'fedibird'
  /** Files served at `/media/<name>` without sign-in, as a server's media host serves pictures (see `mediaUrl`). */
  media?: Record<string, { body: Buffer | string; contentType: string }>
}

const hash = (text: string) => [...text].reduce((sum, char) => (sum * 31 + char.charCodeAt(0)) >>> 0, 7)
const byIdDescending = (a: string, b: string) => (BigInt(b) > BigInt(a) ? 1 : BigInt(b) < BigInt(a) ? -1 : 0)

export async function startFakeMastodon(options: FakeMastodonOptions): Promise<FakeMastodon> {
  const { domain, timelinesNeedSignIn = false, boostsInTagTimeline = false, rateLimitResetIn = 3, quoteShape = 'mastodon' } = options
  const token = options.token ?? `token-of-${domain}`
  const community = options.account ?? fakeAccount(`community@${domain}`, 'Community')
  const { cert, key, file } = await testCertificate()
  const requests: FakeMastodon['requests'] = []
  const posted: PostedStatus[] = []
  const script: Scripted[] = []
  const byUri = new Map<string, FakeStatus>()
  const ids = new Map<string, string>()
  const byLocal = new Map<string, FakeStatus>()
  const postedByKey = new Map<string, FakeStatus>()

  const know = (status: FakeStatus | null) => {
    if (!status || byUri.has(status.uri)) return
    byUri.set(status.uri, status)
    // The home server keeps the author's id; another server numbers the status when it arrives.
    const id = status.account.domain === domain ? status.homeId : snowflake(new Date(new Date(status.createdAt).getTime() + 1500), hash(`${domain} ${status.uri}`))
    ids.set(status.uri, id)
    byLocal.set(id, status)
    know(status.inReplyTo)
    know(status.reblog)
    know(status.quote)
  }
  for (const status of options.statuses ?? []) know(status)

  const acct = (account: FakeAccount) => (account.domain === domain ? account.username : `${account.username}@${account.domain}`)
  const accountId = (account: FakeAccount) => String(hash(`${domain} ${account.username}@${account.domain}`) % 1_000_000)
  const renderAccount = (account: FakeAccount) => ({
    id: accountId(account),
    username: account.username,
    acct: acct(account),
    display_name: account.displayName,
    locked: false,
    bot: false,
    discoverable: true,
    group: false,
    created_at: '2022-11-01T00:00:00.000Z',
    note: '<p>Health professional</p>',
    url: `https://${account.domain}/@${account.username}`,
    uri: `https://${account.domain}/users/${account.username}`,
    avatar: account.avatar,
    avatar_static: account.avatar,
    header: `https://${account.domain}/headers/original/missing.png`,
    header_static: `https://${account.domain}/headers/original/missing.png`,
    followers_count: 120,
    following_count: 80,
    statuses_count: 400,
    last_status_at: '2026-11-23',
    emojis: [],
    fields: [],
  })
  const renderStatus = (status: FakeStatus, depth = 0): Record<string, unknown> => {
    const id = ids.get(status.uri)!
    const quote = !status.quote
      ? null
      : quoteShape === 'fedibird'
        ? depth === 0
          ? renderStatus(status.quote, depth + 1)
          : null
        : depth === 0
          ? { state: 'accepted', quoted_status: renderStatus(status.quote, depth + 1) }
          : { state: 'accepted', quoted_status_id: ids.get(status.quote.uri) }
    return {
      id,
      created_at: status.createdAt,
      in_reply_to_id: status.inReplyTo ? ids.get(status.inReplyTo.uri) : null,
      in_reply_to_account_id: status.inReplyTo ? accountId(status.inReplyTo.account) : null,
      sensitive: Boolean(status.spoilerText),
      spoiler_text: status.spoilerText,
      visibility: 'public',
      language: 'en',
      uri: status.uri,
      url: status.url,
      replies_count: status.counts.replies,
      reblogs_count: status.counts.reblogs,
      favourites_count: status.counts.favourites,
      quotes_count: status.counts.quotes,
      edited_at: status.editedAt,
      favourited: false,
      reblogged: false,
      muted: false,
      bookmarked: false,
      content: status.content,
      reblog: status.reblog ? renderStatus(status.reblog, depth) : null,
      application: status.account.domain === domain ? { name: 'Web', website: null } : null,
      account: renderAccount(status.account),
      media_attachments: status.mediaAttachments.map((media, index) => ({
        id: String(BigInt(id) + BigInt(index + 1)),
        type: media.type,
        url: media.url,
        preview_url: media.previewUrl,
        remote_url: status.account.domain === domain ? null : media.url,
        preview_remote_url: null,
        text_url: null,
        meta: media.type === 'image' ? { original: { width: 1200, height: 675, size: '1200x675', aspect: 1.777 }, small: { width: 640, height: 360, size: '640x360', aspect: 1.777 } } : {},
        description: media.description,
        blurhash: 'UFBWY:8_0Jxv4mx]t8t64.%M-:IU~qo#M{of',
      })),
      mentions: status.mentions.map(account => ({ id: accountId(account), username: account.username, url: `https://${account.domain}/@${account.username}`, acct: acct(account) })),
      tags: status.tags.map(name => ({ name, url: `https://${domain}/tags/${encodeURIComponent(name)}` })),
      emojis: [],
      quote,
      ...(quoteShape === 'fedibird' ? { quote_id: status.quote ? ids.get(status.quote.uri) : null } : {}),
      card: null,
      poll: null,
    }
  }
  const visible = (status: FakeStatus | undefined): status is FakeStatus => Boolean(status && !status.deleted)

  const answer = async (request: http.IncomingMessage, response: http.ServerResponse, origin: string) => {
    const url = new URL(request.url ?? '/', origin)
    const authorization = request.headers.authorization ?? null
    const idempotencyKey = (request.headers['idempotency-key'] as string | undefined) ?? null
    requests.push({ method: request.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), authorization, idempotencyKey })
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
      response.end(JSON.stringify(body))
    }
    const sendHtml = (status: number, body: string) => {
      response.writeHead(status, { 'content-type': 'text/html; charset=utf-8' })
      response.end(body)
    }

    if (request.method === 'GET' && url.pathname.startsWith('/media/')) {
      const served = options.media?.[decodeURIComponent(url.pathname.slice('/media/'.length))]
      if (!served) return send(404, { error: 'Record not found' })
      response.writeHead(200, { 'content-type': served.contentType, 'content-length': String(Buffer.byteLength(served.body)) })
      return void response.end(served.body)
    }
    const scripted = script.shift()
    if (scripted === 'drop-connection') return void request.socket.destroy()
    if (scripted === '429') {
      const reset = new Date(Date.now() + rateLimitResetIn * 1000).toISOString()
      return send(429, { error: 'Too many requests' }, { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset })
    }
    if (scripted === '500') return send(500, { error: 'We\u2019re sorry, but something went wrong on our end.' })
    if (scripted === '502-html') return sendHtml(502, '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>')
    if (scripted === 'not-mastodon') return sendHtml(404, '<!doctype html><html><head><title>Page not found</title></head><body><h1>Sorry, this page does not exist</h1></body></html>')

    let body: Record<string, unknown> = {}
    if (request.method === 'POST') {
      const chunks: Buffer[] = []
      for await (const chunk of request) chunks.push(chunk as Buffer)
      const raw = Buffer.concat(chunks).toString('utf8')
      body = (request.headers['content-type'] ?? '').includes('json') ? (JSON.parse(raw || '{}') as Record<string, unknown>) : Object.fromEntries(new URLSearchParams(raw))
    }
    const signedIn = authorization === `Bearer ${token}`
    if (authorization && !signedIn) return send(401, { error: 'The access token is invalid' })
    const headers = { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '299', 'x-ratelimit-reset': new Date(Date.now() + 300_000).toISOString() }

    const tagPath = /^\/api\/v1\/timelines\/tag\/([^/]+)$/.exec(url.pathname)
    if (request.method === 'GET' && tagPath) {
      if (timelinesNeedSignIn && !signedIn) return send(401, { error: 'This method requires an authenticated user' })
      const tag = decodeURIComponent(tagPath[1]).toLowerCase()
      const carries = (status: FakeStatus) => status.tags.includes(tag)
      const known = [...byUri.values()]
      if (!known.some(status => carries(status) || (status.reblog && carries(status.reblog)))) return send(404, { error: 'Record not found' })
      const limit = Math.min(Math.max(Number(url.searchParams.get('limit') ?? 20) || 20, 1), 40)
      const maxId = url.searchParams.get('max_id')
      const sinceId = url.searchParams.get('since_id')
      const minId = url.searchParams.get('min_id')
      let matching = known
        .filter(status => visible(status) && (status.reblog ? boostsInTagTimeline && visible(status.reblog) && carries(status.reblog) : carries(status)))
        .map(status => ids.get(status.uri)!)
        .sort(byIdDescending)
        .filter(id => (!maxId || BigInt(id) < BigInt(maxId)) && (!sinceId || BigInt(id) > BigInt(sinceId)) && (!minId || BigInt(id) > BigInt(minId)))
      // min_id pages forward: the statuses just above it, still sent newest first.
      matching = minId ? matching.slice(-limit) : matching.slice(0, limit)
      const page = matching.map(id => renderStatus(byLocal.get(id)!))
      const link: Record<string, string> = matching.length
        ? {
            link: `<${origin}/api/v1/timelines/tag/${tagPath[1]}?max_id=${matching.at(-1)}>; rel="next", <${origin}/api/v1/timelines/tag/${tagPath[1]}?min_id=${matching[0]}>; rel="prev"`,
          }
        : {}
      return send(200, page, { ...headers, ...link })
    }
    const statusPath = /^\/api\/v1\/statuses\/(\d+)(\/context)?$/.exec(url.pathname)
    if (request.method === 'GET' && statusPath) {
      const status = byLocal.get(statusPath[1])
      if (!visible(status)) return send(404, { error: 'Record not found' })
      if (!statusPath[2]) return send(200, renderStatus(status), headers)
      const ancestors: FakeStatus[] = []
      for (let parent = status.inReplyTo; visible(parent ?? undefined) && parent; parent = parent.inReplyTo) ancestors.unshift(parent)
      const descendants: FakeStatus[] = []
      const below = (above: FakeStatus) => {
        for (const reply of byUri.values()) {
          if (reply.inReplyTo?.uri === above.uri && visible(reply)) {
            descendants.push(reply)
            below(reply)
          }
        }
      }
      below(status)
      return send(200, { ancestors: ancestors.map(item => renderStatus(item)), descendants: descendants.map(item => renderStatus(item)) }, headers)
    }
    if (request.method === 'POST' && url.pathname === '/api/v1/statuses') {
      if (!signedIn) return send(401, { error: 'The access token is invalid' })
      const already = idempotencyKey ? postedByKey.get(idempotencyKey) : undefined
      if (already) return send(200, renderStatus(already), headers)
      const text = typeof body.status === 'string' ? body.status : ''
      if (!text.trim()) return send(422, { error: "Validation failed: Text can't be blank" })
      const countable = text.replace(/https?:\/\/\S+/g, 'x'.repeat(23))
      if ([...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(countable)].length > 500) {
        return send(422, { error: 'Validation failed: Text character limit of 500 exceeded' })
      }
      const createdAt = new Date().toISOString()
      const id = snowflake(createdAt, posted.length + 1)
      const status: FakeStatus = {
        account: community,
        homeId: id,
        uri: `https://${domain}/users/${community.username}/statuses/${id}`,
        url: `https://${domain}/@${community.username}/${id}`,
        createdAt,
        editedAt: null,
        content: `<p>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`,
        spoilerText: '',
        inReplyTo: null,
        reblog: null,
        quote: null,
        mediaAttachments: [],
        tags: [],
        mentions: [],
        counts: { replies: 0, reblogs: 0, favourites: 0, quotes: 0 },
        deleted: false,
      }
      know(status)
      if (idempotencyKey) postedByKey.set(idempotencyKey, status)
      posted.push({ text, visibility: typeof body.visibility === 'string' ? body.visibility : 'public', idempotencyKey, id, url: status.url })
      return send(200, renderStatus(status), headers)
    }
    if (request.method === 'GET' && (url.pathname === '/api/v2/instance' || url.pathname === '/api/v1/instance')) {
      return send(200, { domain, uri: domain, title: domain, version: '4.5.0', source_url: 'https://github.com/mastodon/mastodon' }, headers)
    }
    send(404, { error: 'Record not found' })
  }

  const server = https.createServer({ cert, key })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  const origin = `https://127.0.0.1:${port}`
  server.on('request', (request, response) => void answer(request, response, origin))
  const dispatcher = new Agent({ connect: { ca: cert } })
  return {
    domain,
    origin,
    dispatcher,
    cert,
    token,
    env: { MASTODON_SERVERS: origin, MASTODON_SERVER: origin, MASTODON_ACCESS_TOKEN: token, NODE_EXTRA_CA_CERTS: file },
    requests,
    posted,
    script,
    mediaUrl: name => `${origin}/media/${encodeURIComponent(name)}`,
    localId(status) {
      const id = ids.get(typeof status === 'string' ? status : status.uri)
      if (!id) throw new Error(`${domain} does not know ${typeof status === 'string' ? status : status.uri}`)
      return id
    },
    receive: (...statuses) => statuses.forEach(know),
    async stop() {
      await dispatcher.destroy()
      server.closeAllConnections()
      server.close()
      await once(server, 'close')
    },
  }
}
