import { once } from 'node:events'
import type http from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'

import { testCertificate } from './test-certificate'

import type { XPage, XPost } from '../../app/features/chat-import/x-v2-schema'

// A local HTTPS server that answers like the X API v2, so tests run the real twitter-api-v2 client.
// Its certificate is the run's test certificate (test-certificate.ts); the returned agent trusts only it.

type Scripted = '429' | '429-v1-body' | '503' | '403' | 'drop-connection'

/** An image (or anything else) served at `/media/<name>`, where X's pbs.twimg.com would serve a post's photo. */
export type FakeMedia = { body: Buffer | string; contentType: string } | { redirectTo: string } | 'never-answer'

export type FakeXApi = {
  baseUrl: string
  /** `https://127.0.0.1:<port>`, where `/media/<name>` serves the photos given. */
  origin: string
  /** The address of a photo this server serves (or, for a name it was not given, answers 404 at). */
  mediaUrl(name: string): string
  agent: https.Agent
  /** The server's certificate (PEM), for NODE_EXTRA_CA_CERTS in a child process. */
  cert: string
  /** What a server or CLI process needs to use this API: its address, tokens and certificate. */
  env: Record<'X_API_BASE' | 'X_BEARER_TOKEN' | 'X_API_KEY' | 'X_API_SECRET' | 'X_ACCESS_TOKEN' | 'X_ACCESS_SECRET' | 'NODE_EXTRA_CA_CERTS' | 'OUTBOUND_ALLOWED_HOSTS', string>
  token: string
  /** Every request received: method, path, query, and the JSON body of a POST. */
  requests: { method: string; path: string; query: Record<string, string>; body?: unknown }[]
  /** User-context credentials the server accepts for POST /2/tweets. */
  credentials: { appKey: string; appSecret: string; accessToken: string; accessSecret: string }
  /** Answers to give, in order, before serving normally again. */
  script: Scripted[]
  stop(): Promise<void>
}

export async function startFakeXApi({
  pages: givenPages,
  posts = new Map(),
  users = [],
  rateLimitResetIn = 3,
  media = {},
}: {
  /** Search pages in order; each page's meta.next_token names the next. A function gets the server's origin, for media addresses. */
  pages: XPage[] | ((origin: string) => XPage[])
  /** Served without authorisation, as X's media host serves them; a name not here answers 404. */
  media?: Record<string, FakeMedia>
  /** Posts the ids lookup knows; any other id is reported as not found. */
  posts?: Map<string, XPost>
  users?: NonNullable<NonNullable<XPage['includes']>['users']>
  rateLimitResetIn?: number
}): Promise<FakeXApi> {
  const { cert, key, file: certFile } = await testCertificate()
  const token = 'test-bearer-token'
  const requests: FakeXApi['requests'] = []
  const script: Scripted[] = []
  let pages: XPage[] = []
  let pageAfter = new Map<string, XPage | undefined>()

  const credentials = { appKey: 'test-app-key', appSecret: 'test-app-secret', accessToken: 'test-access-token', accessSecret: 'test-access-secret' }
  let nextPostId = 1_990_000_000_000_000_000n

  const answer = async (request: http.IncomingMessage, response: http.ServerResponse) => {
    const url = new URL(request.url ?? '/', 'https://127.0.0.1')
    let body: unknown
    if (request.method === 'POST') {
      const chunks: Buffer[] = []
      for await (const chunk of request) chunks.push(chunk as Buffer)
      body = JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null')
    }
    requests.push({ method: request.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), body })
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
      response.end(JSON.stringify(body))
    }
    if (request.method === 'GET' && url.pathname.startsWith('/media/')) {
      const served = media[decodeURIComponent(url.pathname.slice('/media/'.length))]
      if (!served) return send(404, { title: 'Not Found', type: 'about:blank', status: 404, detail: 'No such media' })
      // Left hanging until the client gives up (or stop() closes every connection).
      if (served === 'never-answer') return
      if ('redirectTo' in served) return void response.writeHead(302, { location: served.redirectTo }).end()
      response.writeHead(200, { 'content-type': served.contentType, 'content-length': String(Buffer.byteLength(served.body)) })
      return void response.end(served.body)
    }
    const authorization = request.headers.authorization ?? ''
    // Posting needs user context (OAuth 1.0a); reading takes the app's bearer token.
    const authorised =
      request.method === 'POST'
        ? authorization.startsWith('OAuth ') && authorization.includes(`oauth_consumer_key="${credentials.appKey}"`) && authorization.includes(`oauth_token="${credentials.accessToken}"`)
        : authorization === `Bearer ${token}`
    if (!authorised) {
      return send(401, { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' })
    }
    const scripted = script.shift()
    if (scripted === '429' || scripted === '429-v1-body') {
      const reset = String(Math.floor(Date.now() / 1000) + rateLimitResetIn)
      const headers = { 'x-rate-limit-limit': '450', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': reset }
      return scripted === '429'
        ? send(429, { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 }, headers)
        : send(429, { errors: [{ code: 88, message: 'Rate limit exceeded' }] }, headers)
    }
    if (scripted === 'drop-connection') return void request.socket.destroy()
    if (scripted === '503') return send(503, { title: 'Service Unavailable', detail: 'Service Unavailable', type: 'about:blank', status: 503 })
    if (scripted === '403' || (url.pathname === '/2/tweets/search/all' && script.includes('403'))) {
      return send(403, {
        client_id: '1',
        detail: 'When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project.',
        registration_url: 'https://developer.x.com/',
        title: 'Client Forbidden',
        required_enrollment: 'Appropriate Level of API Access',
        reason: 'client-not-enrolled',
        type: 'https://api.twitter.com/2/problems/client-forbidden',
      })
    }
    const headers = { 'x-rate-limit-limit': '450', 'x-rate-limit-remaining': '449', 'x-rate-limit-reset': String(Math.floor(Date.now() / 1000) + 900) }
    if (url.pathname === '/2/tweets/search/recent' || url.pathname === '/2/tweets/search/all') {
      const nextToken = url.searchParams.get('next_token')
      const page = nextToken ? pageAfter.get(nextToken) : pages[0]
      if (!page) return send(400, { title: 'Invalid Request', detail: `Unknown next_token ${nextToken}`, type: 'about:blank', status: 400 })
      return send(200, page, headers)
    }
    if (url.pathname === '/2/tweets' && request.method === 'POST') {
      const text = (body as { text?: string })?.text ?? ''
      if ([...text].length > 280) return send(403, { detail: 'Your Tweet text is too long.', title: 'Forbidden', status: 403, type: 'about:blank' })
      const id = String(nextPostId++)
      return send(201, { data: { id, text, edit_history_tweet_ids: [id] } })
    }
    if (url.pathname === '/2/tweets') {
      const ids = (url.searchParams.get('ids') ?? '').split(',').filter(Boolean)
      const found = ids.flatMap(id => posts.get(id) ?? [])
      const authors = new Set(found.map(post => post.author_id))
      return send(
        200,
        {
          ...(found.length ? { data: found } : {}),
          includes: { users: users.filter(user => authors.has(user.id)) },
          ...(found.length < ids.length
            ? {
                errors: ids
                  .filter(id => !posts.has(id))
                  .map(id => ({
                    value: id,
                    detail: `Could not find tweet with ids: [${id}].`,
                    title: 'Not Found Error',
                    resource_type: 'tweet',
                    parameter: 'ids',
                    resource_id: id,
                    type: 'https://api.twitter.com/2/problems/resource-not-found',
                  })),
              }
            : {}),
        },
        headers
      )
    }
    send(404, { title: 'Not Found', type: 'about:blank', status: 404, detail: `No route ${url.pathname}` })
  }
  const server = https.createServer({ cert, key }, (request, response) => void answer(request, response))
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  const origin = `https://127.0.0.1:${port}`
  pages = typeof givenPages === 'function' ? givenPages(origin) : givenPages
  pageAfter = new Map(pages.map((page, index) => [page.meta?.next_token ?? `__last_${index}`, pages[index + 1]]))
  const agent = new https.Agent({ ca: cert, keepAlive: false })
  const baseUrl = `https://127.0.0.1:${port}/2/`
  return {
    baseUrl,
    origin,
    mediaUrl: name => `${origin}/media/${encodeURIComponent(name)}`,
    agent,
    cert,
    env: {
      X_API_BASE: baseUrl,
      X_BEARER_TOKEN: token,
      X_API_KEY: credentials.appKey,
      X_API_SECRET: credentials.appSecret,
      X_ACCESS_TOKEN: credentials.accessToken,
      X_ACCESS_SECRET: credentials.accessSecret,
      NODE_EXTRA_CA_CERTS: certFile,
      // Photos are named by data, so fetched from loopback only where allowed: this server alone.
      OUTBOUND_ALLOWED_HOSTS: `127.0.0.1:${port}`,
    },
    token,
    credentials,
    requests,
    script,
    async stop() {
      agent.destroy()
      server.closeAllConnections()
      server.close()
      await once(server, 'close')
    },
  }
}
