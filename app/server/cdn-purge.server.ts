// Pages name what they show in `Surrogate-Key` / `Cache-Tag`; after a write the same keys are
// purged from the CDN in front. Content writes must never wait on, or fail because of, the CDN:
// `purge()` only records keys, and a background loop sends them, retrying for a few minutes before
// giving up with one log line (a key left unpurged only lives until the page's s-maxage).
//
// The request shapes, as documented (checked when this was written):
// - Fastly, "purge multiple surrogate keys": POST https://api.fastly.com/service/{service_id}/purge,
//   keys in a JSON body {"surrogate_keys": [...]} or a `Surrogate-Key: a b c` header, up to 256
//   per request, authenticated by `Fastly-Key`.
//   https://www.fastly.com/documentation/reference/api/purging/#bulk-purge-tag
//   We send both forms with the same keys, so a Fastly-compatible purger (a Varnish or proxy
//   in tests and staging) that reads only the header gets them too.
// - Cloudflare, purge by cache-tags: POST https://api.cloudflare.com/client/v4/zones/{zone_id}/purge_cache
//   with {"tags": [...]} and `Authorization: Bearer <API token>`.
//   https://developers.cloudflare.com/api/go/resources/cache/methods/purge (same endpoint for every client)
//   The per-request limit was 30 tags for years; the current limits table says 100 "operations"
//   per request: https://developers.cloudflare.com/cache/how-to/purge-cache/ . 30 is safe under both.
//   Free plans may send only 5 purge requests a minute, which is why a burst goes out as one request
//   and a request the CDN refuses outright (400, 401, 403…) is not retried.

export type CdnPurgeConfig = { style: 'fastly' | 'cloudflare'; url: string; token?: string }

const STYLES = ['fastly', 'cloudflare'] as const

const MAX_KEYS_PER_REQUEST: Record<CdnPurgeConfig['style'], number> = { fastly: 256, cloudflare: 30 }

/** The purge target named by the environment, or undefined when there is no CDN to purge. */
export function cdnPurgeConfigFrom(env: { CDN_PURGE_URL?: string; CDN_PURGE_STYLE?: string; CDN_PURGE_TOKEN?: string }): CdnPurgeConfig | undefined {
  const url = env.CDN_PURGE_URL?.trim()
  if (!url) return undefined
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    throw new Error(`CDN_PURGE_URL must be an http:// or https:// URL (got "${url}")`)
  }
  const style = env.CDN_PURGE_STYLE?.trim()
  if (!STYLES.includes(style as CdnPurgeConfig['style'])) {
    throw new Error(
      `CDN_PURGE_STYLE must be "fastly" or "cloudflare" when CDN_PURGE_URL is set (got ${style ? `"${style}"` : 'nothing'})`
    )
  }
  const token = env.CDN_PURGE_TOKEN?.trim()
  return { style: style as CdnPurgeConfig['style'], url, ...(token ? { token } : {}) }
}

export type CdnPurgeOptions = {
  fetch?: typeof globalThis.fetch
  /** The wait before each retry; a key is dropped after the last. */
  retryDelaysMs?: readonly number[]
  log?: (message: string) => void
  /** Keys per request; by default the CDN's documented limit. */
  batchSize?: number
  /** How long one request may take, body included. */
  timeoutMs?: number
}

type Outcome = { ok: true } | { ok: false; error: string; retryAfterMs?: number; permanent?: boolean }

// Fastly allows printable ASCII only; a space would split a key in two in the Surrogate-Key header.
const VALID_KEY = /^[\x21-\x7e]+$/

// setTimeout fires at once for delays past 2^31-1 ms, so an absurd Retry-After is capped.
const LONGEST_RETRY_AFTER_MS = 60 * 60 * 1000

export class CdnPurgeQueue {
  readonly #config: CdnPurgeConfig
  readonly #fetch: typeof globalThis.fetch
  readonly #retryDelaysMs: readonly number[]
  readonly #log: (message: string) => void
  readonly #batchSize: number
  readonly #timeoutMs: number

  #pending = new Set<string>()
  #inFlight: readonly string[] = []
  /** The next flush: an immediate after purge(), or a timer before a retry. */
  #scheduled: NodeJS.Immediate | NodeJS.Timeout | undefined
  #flushing = false
  /** Failed attempts in a row; the CDN is one endpoint, so failures are its, not a key's. */
  #failures = 0
  #sent = 0
  #failed = 0
  #closed = false
  readonly #abort = new AbortController()
  readonly #idleWaiters = new Set<() => void>()

  constructor(
    config: CdnPurgeConfig,
    { fetch = globalThis.fetch, retryDelaysMs = [1000, 5000, 30000, 120000], log = console.warn, batchSize, timeoutMs = 10_000 }: CdnPurgeOptions = {}
  ) {
    this.#config = config
    this.#fetch = fetch
    this.#retryDelaysMs = retryDelaysMs
    this.#log = log
    this.#batchSize = Math.max(1, batchSize ?? MAX_KEYS_PER_REQUEST[config.style])
    this.#timeoutMs = timeoutMs
  }

  /** Queues keys for purging and returns at once; never throws. */
  purge(keys: Iterable<string>): void {
    if (this.#closed) return
    try {
      for (const key of keys) {
        if (VALID_KEY.test(key)) this.#pending.add(key)
        else this.#log(`CDN purge: ignoring key ${JSON.stringify(key)} (keys are printable ASCII without spaces)`)
      }
    } catch (error) {
      this.#log(`CDN purge: could not read the keys to purge: ${describe(error)}`)
    }
    // A flush already under way or waiting to retry takes the new keys with it.
    if (this.#pending.size === 0 || this.#scheduled || this.#flushing) return
    // The next turn of the event loop, not the next microtask: the writes of one save (several
    // awaited hooks) land in the same request.
    this.#scheduled = setImmediate(() => this.#startFlush()).unref()
  }

  /**
   * Resolves true once nothing is pending or in flight (every key sent or given up), or false
   * when `timeoutMs` passes first. Its own timer is not unref()ed: a CLI awaiting it stays alive
   * that long, which is the point.
   */
  drain(timeoutMs = 10_000): Promise<boolean> {
    if (this.#idle()) return Promise.resolve(true)
    return new Promise(resolve => {
      const done = () => {
        clearTimeout(timer)
        this.#idleWaiters.delete(done)
        resolve(true)
      }
      const timer = setTimeout(() => {
        this.#idleWaiters.delete(done)
        resolve(false)
      }, timeoutMs)
      this.#idleWaiters.add(done)
    })
  }

  /** Stops for good: aborts a request in flight and forgets what is pending, saying so. */
  close(): void {
    if (this.#closed) return
    this.#closed = true
    clearTimeout(this.#scheduled as NodeJS.Timeout)
    clearImmediate(this.#scheduled as NodeJS.Immediate)
    this.#scheduled = undefined
    this.#abort.abort(new Error('the purge queue was closed'))
    const unsent = new Set([...this.#inFlight, ...this.#pending])
    if (unsent.size) this.#giveUp([...unsent], 'the purge queue was closed before they were sent')
    this.#pending.clear()
    this.#notifyIfIdle()
  }

  /** Keys purged, keys given up on, and keys waiting or in flight. */
  stats(): { sent: number; failed: number; pending: number } {
    return { sent: this.#sent, failed: this.#failed, pending: this.#pending.size + this.#inFlight.length }
  }

  #startFlush() {
    this.#scheduled = undefined
    this.#flushing = true
    void this.#flush().finally(() => {
      this.#flushing = false
      this.#notifyIfIdle()
    })
  }

  async #flush() {
    while (this.#pending.size > 0 && !this.#closed) {
      const batch = [...this.#pending].slice(0, this.#batchSize)
      for (const key of batch) this.#pending.delete(key)
      this.#inFlight = batch
      const outcome = await this.#send(batch)
      this.#inFlight = []
      if (this.#closed) return
      if (outcome.ok) {
        this.#failures = 0
        this.#sent += batch.length
        continue
      }
      this.#failures++
      if (outcome.permanent || this.#failures > this.#retryDelaysMs.length) {
        this.#giveUp(batch, `after ${this.#failures} attempt(s): ${outcome.error}`)
        this.#failures = 0
        continue
      }
      // The failed keys go first, with any purged meanwhile, so the retry is one request.
      this.#pending = new Set([...batch, ...this.#pending])
      const delay = outcome.retryAfterMs ?? this.#retryDelaysMs[this.#failures - 1]
      this.#scheduled = setTimeout(() => this.#startFlush(), delay).unref()
      return
    }
  }

  async #send(keys: readonly string[]): Promise<Outcome> {
    const { style, url, token } = this.#config
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' }
    let body: string
    if (style === 'fastly') {
      headers['surrogate-key'] = keys.join(' ')
      if (token) headers['fastly-key'] = token
      body = JSON.stringify({ surrogate_keys: keys })
    } else {
      if (token) headers.authorization = `Bearer ${token}`
      body = JSON.stringify({ tags: keys })
    }
    // Not AbortSignal.timeout(): AbortSignal.any() holds its sources weakly in Node 20, so a
    // garbage-collected timeout signal never fired and a hanging CDN held the request forever.
    const timeout = new AbortController()
    const timer = setTimeout(() => timeout.abort(new DOMException(`Timeout: no answer within ${this.#timeoutMs} ms`, 'TimeoutError')), this.#timeoutMs).unref()
    try {
      const response = await this.#fetch(url, { method: 'POST', headers, body, signal: AbortSignal.any([this.#abort.signal, timeout.signal]) })
      // Read to the end either way, so the connection is free for the next request.
      const text = await response.text()
      if (response.ok) return { ok: true }
      const error = `HTTP ${response.status}${text.trim() ? `: ${text.trim().slice(0, 200)}` : ''}`
      if (response.status === 429) return { ok: false, error, retryAfterMs: retryAfterMs(response.headers.get('retry-after')) }
      // A refused request (bad token, bad zone, malformed key) fails the same way next time.
      const permanent = response.status >= 400 && response.status < 500 && response.status !== 408
      return { ok: false, error, permanent }
    } catch (error) {
      return { ok: false, error: describe(error) }
    } finally {
      clearTimeout(timer)
    }
  }

  #giveUp(keys: readonly string[], why: string) {
    this.#failed += keys.length
    this.#log(`CDN purge gave up on ${keys.length} key(s) [${keys.join(' ')}] at ${this.#config.url} ${why}`)
  }

  #idle() {
    return this.#pending.size === 0 && this.#inFlight.length === 0 && !this.#scheduled && !this.#flushing
  }

  #notifyIfIdle() {
    if (!this.#idle()) return
    for (const done of [...this.#idleWaiters]) done()
  }
}

/** Retry-After is either seconds or an HTTP date. */
function retryAfterMs(value: string | null): number | undefined {
  if (value === null) return undefined
  const ms = /^\s*\d+\s*$/.test(value) ? Number(value) * 1000 : Date.parse(value) - Date.now()
  return Number.isNaN(ms) ? undefined : Math.min(Math.max(ms, 0), LONGEST_RETRY_AFTER_MS)
}

/** fetch reports network failures as "fetch failed" with the reason in `cause`. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause = error.cause instanceof Error ? `: ${(error.cause as NodeJS.ErrnoException).code ?? error.cause.message}` : ''
  return `${error.message}${cause}`
}
