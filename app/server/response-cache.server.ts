import { createHash } from 'node:crypto'
import type { OutgoingHttpHeaders } from 'node:http'
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib'

import { LRUCache } from 'lru-cache'

import { noticeScheduledChanges, onContentChange } from './content-changes.server'

// Anonymous readers all see the same page, so each page is rendered once and kept in memory,
// with its compressed forms made on first demand. Any write to content, in this process or
// another, empties the cache, and so does the minute a scheduled item appears; a short lifetime
// covers what else changes with the clock alone (the next chat becoming the last one).

const CACHE_SECONDS = 60

/** Browsers revalidate every time (a cheap 304); a CDN in front may keep a page for a minute. */
export const PUBLIC_CACHE_CONTROL = `public, max-age=0, must-revalidate, s-maxage=${CACHE_SECONDS}, stale-while-revalidate=300`
export const PRIVATE_CACHE_CONTROL = 'private, no-cache'
/** Previews of drafts: kept nowhere, not even in the browser's history cache. */
export const PREVIEW_CACHE_CONTROL = 'private, no-store'

export type Encoding = 'br' | 'gzip' | 'identity'

export class CachedResponse {
  readonly etag: string
  readonly storedAt = Date.now()
  /**
   * Every header of the first public answer but the encoding's (security headers included), so
   * a later hit can be answered without going through the middleware that set them.
   */
  replayHeaders?: OutgoingHttpHeaders
  private readonly encoded = new Map<Encoding, Buffer>()

  constructor(
    readonly status: number,
    readonly headers: [string, string][],
    readonly body: Buffer
  ) {
    this.etag = `W/"${createHash('sha1').update(body).digest('base64url')}"`
    this.encoded.set('identity', body)
  }

  /** The body in the given encoding, compressed once and kept. */
  bodyIn(encoding: Encoding): Buffer {
    let bytes = this.encoded.get(encoding)
    if (!bytes) {
      bytes =
        encoding === 'br'
          ? // Quality 5 compresses nearly as well as 11 at a small fraction of the time.
            brotliCompressSync(this.body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: this.body.length } })
          : gzipSync(this.body, { level: 6 })
      this.encoded.set(encoding, bytes)
    }
    return bytes
  }

  get size() {
    let total = 0
    for (const bytes of this.encoded.values()) total += bytes.length
    return total
  }
}

/**
 * A page is fresh for CACHE_SECONDS. After that it is still answered, once, while a new render
 * replaces it (stale-while-revalidate): otherwise every minute each page's next reader would wait
 * for a render, behind whatever else is rendering. Content changes do not go through this: they
 * empty the cache.
 */
const STALE_SECONDS = 10 * 60
const isFresh = (page: CachedResponse) => Date.now() - page.storedAt < CACHE_SECONDS * 1000

const pages = new LRUCache<string, CachedResponse>({
  maxSize: 64 * 1024 * 1024,
  // Counts the compressed copies made so far as well; they are added after the entry is stored.
  sizeCalculation: entry => entry.size * 2,
  ttl: STALE_SECONDS * 1000,
})

/** Requests for the same page that arrive while it renders wait for that one render. */
const rendering = new Map<string, Promise<CachedResponse>>()

export async function cachedOrRendered(key: string, render: () => Promise<{ response: CachedResponse; cacheable: boolean }>) {
  noticeScheduledChanges()
  const hit = pages.get(key)
  if (hit && isFresh(hit)) return hit
  const rendered = renderOnce(key, render)
  if (!hit) return rendered
  rendered.catch(error => console.error(`Refreshing ${key} failed; the previous page stays for now.`, error))
  return hit
}

function renderOnce(key: string, render: () => Promise<{ response: CachedResponse; cacheable: boolean }>) {
  // A render that started before the last change is not one to wait for.
  const startedIn = generation
  const renderKey = `${startedIn} ${key}`
  const pending = rendering.get(renderKey)
  if (pending) return pending
  const rendered = render()
    .then(({ response, cacheable }) => {
      if (cacheable && startedIn === generation) pages.set(key, response)
      return response
    })
    .finally(() => rendering.delete(renderKey))
  rendering.set(renderKey, rendered)
  return rendered
}

/** A fresh page, without waiting for anything: for the path that answers before Express. */
export function cachedPage(key: string): CachedResponse | undefined {
  const page = pages.get(key)
  return page && isFresh(page) ? page : undefined
}

/**
 * Any change readers can see, from this process or another (content-changes.server.ts), empties
 * the cache. A render that started before the change read the old content: it is answered, but
 * not kept.
 */
let generation = 0
onContentChange(() => {
  generation++
  pages.clear()
})

export function preferredEncoding(acceptEncoding: string | undefined): Encoding {
  const accepted = new Map<string, number>()
  for (const part of (acceptEncoding ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';')
    const q = params.map(param => param.trim()).find(param => param.startsWith('q='))
    accepted.set(name, q ? Number(q.slice(2)) : 1)
  }
  const allows = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0
  if (allows('br')) return 'br'
  if (allows('gzip')) return 'gzip'
  return 'identity'
}

/** If-None-Match against a weak ETag, compared weakly as RFC 9110 says for GET. */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string) {
  if (!ifNoneMatch) return false
  if (ifNoneMatch.trim() === '*') return true
  const bare = (tag: string) => tag.trim().replace(/^W\//, '')
  return ifNoneMatch.split(',').some(tag => bare(tag) === bare(etag))
}
