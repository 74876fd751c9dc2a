import fs from 'node:fs'
import type http from 'node:http'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import { createReadableStreamFromReadable, createRequestHandler, type ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import { LRUCache } from 'lru-cache'

import { env } from './env.server'
import { pickLocale } from '../domain/format'
import type { Context } from './keystone.server'
import { noticeScheduledChanges, noticeWritesFromOtherProcesses } from './content-changes.server'
import { healthCheck } from './lifecycle.server'
import {
  CachedResponse,
  cachedOrRendered,
  cachedPage,
  matchesEtag,
  preferredEncoding,
  PREVIEW_CACHE_CONTROL,
  PRIVATE_CACHE_CONTROL,
  PUBLIC_CACHE_CONTROL,
} from './response-cache.server'
import { isPreviewUrl } from '../features/content/preview.server'
import type { Session } from './session'
import { crossSiteNote, isSameOriginPost } from './same-origin.server'
import { pageContentSecurityPolicy, securityHeaders } from './security-headers.server'
import { collectingKeys, surrogateKeyHeaders } from './surrogate-keys.server'
import { IMAGE_ROUTE, serveImage } from '../features/images/serve.server'

// Serves the Remix build on Keystone's Express app, so the site, the Admin UI and GraphQL share
// one origin. Paths Keystone owns are passed through untouched. Every Remix response is rendered
// to the end before it is sent: that gives it an ETag, a Content-Security-Policy naming its own
// inline scripts, and, for anonymous readers, a place in the response cache.

const KEYSTONE_PATHS = ['/admin', '/api/graphql']

function isKeystonePath(urlPath: string) {
  return KEYSTONE_PATHS.some(prefix => urlPath === prefix || urlPath.startsWith(`${prefix}/`))
}

/** The site's only form is the comment form (at most 4,000 characters of comment). */
const MAX_FORM_BYTES = 64 * 1024
const SITE_METHODS = new Set(['GET', 'HEAD', 'POST'])

const SESSION_COOKIE = /(?:^|;\s*)keystonejs-session=/
const COMPRESSIBLE = /^(text\/|application\/(json|xml|rss\+xml|atom\+xml|ld\+json)|image\/svg\+xml)/
const VARY = 'Accept-Encoding, Accept-Language'

/**
 * The Fetch request Remix expects; aborted if the reader goes away before the answer is sent.
 * Without `Origin`: the site's own check has judged it (isSameOriginPost), and Remix's would
 * answer 500 for a value it cannot parse, or behind a proxy that does not pass the Host on.
 */
function fetchRequest(req: express.Request, res: express.Response) {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (name === 'origin') continue
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one)
  }
  const controller = new AbortController()
  res.on('close', () => {
    if (!res.writableFinished) controller.abort()
  })
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
  return new Request(new URL(req.originalUrl, `${req.protocol}://${req.get('Host') ?? 'localhost'}`), {
    method: req.method,
    headers,
    signal: controller.signal,
    // A form post has been read into memory already (readForm); nothing else carries a body.
    ...(hasBody ? { body: Buffer.isBuffer(req.body) ? req.body : createReadableStreamFromReadable(req), duplex: 'half' } : {}),
  } as RequestInit)
}

/**
 * Where the site's 403 page is drawn for a cross-site POST: only the catch-all route claims this
 * address, and it answers 403 instead of 404 when the load context says `refusal` (app/routes/$.tsx).
 * A GET, so no action runs and the page has the site's layout and settings.
 */
const REFUSAL_PATH = '/_refused/cross-site'

function refusalRequest(req: express.Request, res: express.Response) {
  const controller = new AbortController()
  res.on('close', () => {
    if (!res.writableFinished) controller.abort()
  })
  const headers = new Headers({ 'Accept-Language': req.get('Accept-Language') ?? '' })
  return new Request(new URL(REFUSAL_PATH, `${req.protocol}://${req.get('Host') ?? 'localhost'}`), { headers, signal: controller.signal })
}

async function renderedResponse(response: Response, basePolicy: string | undefined, keys: Set<string>) {
  const body = Buffer.from(await response.arrayBuffer())
  const headers: [string, string][] = surrogateKeyHeaders(keys)
  for (const [name, value] of response.headers) {
    if (!['content-length', 'cache-control', 'set-cookie'].includes(name)) headers.push([name, value])
  }
  for (const cookie of response.headers.getSetCookie()) headers.push(['set-cookie', cookie])
  if (basePolicy && response.headers.get('content-type')?.startsWith('text/html')) {
    headers.push(['content-security-policy', pageContentSecurityPolicy(body.toString('utf8'), basePolicy)])
  }
  const cacheable = (response.status === 200 || response.status === 404) && response.headers.getSetCookie().length === 0
  return { response: new CachedResponse(response.status, headers, body), cacheable }
}

function send(req: express.Request, res: express.Response, page: CachedResponse, cacheControl: string) {
  res.status(page.status)
  for (const [name, value] of page.headers) {
    if (name === 'set-cookie') res.append(name, value)
    else res.setHeader(name, value)
  }
  if (cacheControl !== PUBLIC_CACHE_CONTROL) {
    res.removeHeader('Surrogate-Key')
    res.removeHeader('Cache-Tag')
  }
  res.setHeader('Cache-Control', cacheControl)
  res.setHeader('Vary', VARY)
  if (page.status === 200) res.setHeader('ETag', page.etag)
  if (cacheControl === PUBLIC_CACHE_CONTROL) page.replayHeaders ??= res.getHeaders()
  finish(req, res, page)
}

/** The part of an answer that depends on the request: 304, the encoding, HEAD. */
function finish(req: http.IncomingMessage, res: http.ServerResponse, page: CachedResponse) {
  if (page.status === 200 && matchesEtag(req.headers['if-none-match'], page.etag)) {
    res.statusCode = 304
    return void res.end()
  }
  const type = res.getHeader('Content-Type')
  const encoding = page.body.length > 1024 && typeof type === 'string' && COMPRESSIBLE.test(type) ? preferredEncoding(req.headers['accept-encoding']) : 'identity'
  const body = page.bodyIn(encoding)
  if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding)
  res.setHeader('Content-Length', body.length)
  res.end(req.method === 'HEAD' ? undefined : body)
}

/**
 * The query parameters some page reads: lists' `page`, search's `q`, and the comment form's
 * `replyTo` and `notice`. No page reads any other, so `?utm_source=…` or `?v=2` share the page's
 * cache entry: a flood of made-up parameters costs no render and fills no memory.
 */
const PAGE_PARAMETERS = ['page', 'q', 'replyTo', 'notice']

function withPageParameters(url: string): string {
  const start = url.indexOf('?')
  if (start === -1) return url
  const given = new URLSearchParams(url.slice(start + 1))
  const kept = new URLSearchParams()
  for (const name of PAGE_PARAMETERS) for (const value of given.getAll(name)) kept.append(name, value)
  const query = kept.toString()
  return query ? `${url.slice(0, start)}?${query}` : url.slice(0, start)
}

/** Dates on pages follow the reader's language, so the language is part of a page's key. */
const pageKey = (acceptLanguage: string | undefined, url: string) => `${localeOf(acceptLanguage)} ${withPageParameters(url)}`
const isAnonymousRead = (req: http.IncomingMessage) => req.method === 'GET' && !SESSION_COOKIE.test(req.headers.cookie ?? '')

/**
 * Answers anonymous reads of cached pages straight from the HTTP server, ahead of Express and its
 * middleware: once a page is rendered, a reader costs a lookup and a write. Only pages the site
 * has already answered through Express are replayed, with the headers it sent then, so both
 * paths give the same answer; everything else goes on to Express.
 */
export function answerCacheHitsFirst(httpServer: http.Server) {
  const handlers = httpServer.listeners('request') as http.RequestListener[]
  httpServer.removeAllListeners('request')
  httpServer.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    noticeWritesFromOtherProcesses()
    noticeScheduledChanges()
    const page = isAnonymousRead(req) && req.url && !isPreviewUrl(req.url) ? cachedPage(pageKey(req.headers['accept-language'], req.url)) : undefined
    if (page?.replayHeaders) {
      res.statusCode = page.status
      for (const [name, value] of Object.entries(page.replayHeaders)) if (value !== undefined) res.setHeader(name, value)
      return finish(req, res, page)
    }
    for (const handler of handlers) handler(req, res)
  })
}

const readBody = express.raw({ type: () => true, limit: MAX_FORM_BYTES })

/**
 * Reads a form post into memory before Remix sees it, so a 5 MB "comment" is refused with 413
 * instead of being parsed. Answers the request itself, and resolves false, when it cannot.
 */
function readForm(req: express.Request, res: express.Response) {
  return new Promise<boolean>(resolve =>
    readBody(req, res, (error?: { status?: number }) => {
      if (!error) return resolve(true)
      const tooLarge = error.status === 413
      res.status(tooLarge ? 413 : 400).type('text/plain').send(tooLarge ? 'That is more than a comment form can send.' : 'That request could not be read.')
      resolve(false)
    })
  )
}

/**
 * Renders take turns. A render's database reads resolve at once (SQLite), so fifty renders
 * started together run to their ends in one turn of the event loop, and a reader asking for a
 * cached page waits behind all of them (half a second with forty). Two at a time, each starting
 * on a fresh turn, keeps the cache's answers prompt, serves misses first come first served, and
 * bounds what a flood of new URLs can queue: beyond RENDER_QUEUE waiting (about a second of
 * work), a 503 asks to come back.
 */
const RENDERS_AT_ONCE = 2
const RENDER_QUEUE = 100

class TooManyRenders extends Error {}

let renderingNow = 0
const waiting: (() => void)[] = []

/** A reader who went away while waiting for a turn: their page is not rendered. */
class GoneAway extends Error {}

async function takingTurns<T>(res: http.ServerResponse, render: () => Promise<T>): Promise<T> {
  if (renderingNow >= RENDERS_AT_ONCE) {
    if (waiting.length >= RENDER_QUEUE) throw new TooManyRenders()
    await new Promise<void>(resolve => waiting.push(resolve))
  } else {
    renderingNow++
  }
  try {
    await new Promise(resolve => setImmediate(resolve))
    if (res.destroyed && !res.writableFinished) throw new GoneAway()
    return await render()
  } finally {
    // The turn passes straight to the next in line, or is given back.
    const next = waiting.shift()
    if (next) next()
    else renderingNow--
  }
}

/** Readers send few distinct Accept-Language headers; resolving one through Intl is not free. */
const locales = new LRUCache<string, string>({ max: 500 })
function localeOf(acceptLanguage = '') {
  let locale = locales.get(acceptLanguage)
  if (locale === undefined) locales.set(acceptLanguage, (locale = pickLocale(acceptLanguage)))
  return locale
}

export async function mountPublicSite(app: express.Express, context: Context, buildDirectory = path.resolve('build')) {
  const serverBuildUrl = pathToFileURL(path.join(buildDirectory, 'server', 'index.js')).href
  const build = (await import(serverBuildUrl)) as ServerBuild
  const handleRequest = createRequestHandler(build, process.env.NODE_ENV)

  if (env.TRUST_PROXY) app.set('trust proxy', /^\d+$/.test(env.TRUST_PROXY) ? Number(env.TRUST_PROXY) : env.TRUST_PROXY)
  app.use(securityHeaders)
  // Before compression: every variant is already compressed.
  app.get(IMAGE_ROUTE, serveImage)
  // For what the site does not compress itself: the Admin UI, GraphQL and static files.
  app.use(compression())
  app.get('/healthz', healthCheck(context))

  // Vite fingerprints everything under /assets, so browsers may keep those forever.
  app.use(
    '/assets',
    express.static(path.join(buildDirectory, 'client', 'assets'), { immutable: true, maxAge: '1y' })
  )
  // The few files outside /assets (icons and the like) are listed once, so a page request costs
  // no file-system lookup.
  const clientDirectory = path.join(buildDirectory, 'client')
  const publicFiles = new Set(
    fs.readdirSync(clientDirectory, { recursive: true, encoding: 'utf8' }).filter(file => !file.startsWith('assets')).map(file => `/${file.split(path.sep).join('/')}`)
  )
  const serveFile = express.static(clientDirectory, { maxAge: '1h', index: false })
  app.use((req, res, next) => (publicFiles.has(req.path) ? serveFile(req, res, next) : next()))

  app.use(async (req, res, next) => {
    if (isKeystonePath(req.path)) return next()
    if (!SITE_METHODS.has(req.method)) {
      return void res.status(405).set('Allow', [...SITE_METHODS].join(', ')).type('text/plain').send('Method not allowed.')
    }
    if (req.method === 'POST' && !(await readForm(req, res))) return
    const render = async (session?: Session, refused = false) => {
      const { result: response, keys } = await takingTurns(res, () =>
        collectingKeys(() =>
          refused
            ? handleRequest(refusalRequest(req, res), { refusal: 'cross-site' })
            : // Comment rate limits are per client address (behind a proxy, set TRUST_PROXY).
              handleRequest(fetchRequest(req, res), { clientIp: req.ip ?? req.socket.remoteAddress ?? 'unknown', session })
        )
      )
      return renderedResponse(response, res.getHeader('Content-Security-Policy') as string | undefined, keys)
    }
    try {
      if (req.method === 'POST' && !isSameOriginPost(req.headers, [`${req.protocol}://${req.get('Host') ?? 'localhost'}`, env.publicUrl])) {
        // Expected traffic from other sites and bots, not a fault: one line, no stack.
        console.warn(crossSiteNote(req.method, req.originalUrl, req.headers))
        return send(req, res, (await render(undefined, true)).response, PRIVATE_CACHE_CONTROL)
      }
      // A draft's preview (app/features/content/preview.server.ts): the team's session is read only
      // here, and the answer is kept nowhere and indexed by no one, whatever its status.
      if (isPreviewUrl(req.originalUrl)) {
        const session = SESSION_COOKIE.test(req.headers.cookie ?? '') ? ((await context.withRequest(req, res)).session as Session | undefined) : undefined
        const { response } = await render(session)
        res.setHeader('X-Robots-Tag', 'noindex')
        return send(req, res, response, PREVIEW_CACHE_CONTROL)
      }
      if (!isAnonymousRead(req)) return send(req, res, (await render()).response, PRIVATE_CACHE_CONTROL)
      if (env.RESPONSE_CACHE === 'off') return send(req, res, (await render()).response, PUBLIC_CACHE_CONTROL)
      const response = await cachedOrRendered(pageKey(req.get('Accept-Language'), req.originalUrl), render)
      send(req, res, response, PUBLIC_CACHE_CONTROL)
    } catch (error) {
      // Waiting for a render that another reader asked for, and left before it started.
      if (error instanceof GoneAway && !res.destroyed) return void render().then(({ response }) => send(req, res, response, PUBLIC_CACHE_CONTROL), next)
      if (error instanceof GoneAway) return
      if (!(error instanceof TooManyRenders)) return next(error)
      res.status(503).set({ 'Retry-After': '2', 'Cache-Control': 'no-store' }).type('text/plain').send('The site is busy; please try again in a moment.')
    }
  })
}
