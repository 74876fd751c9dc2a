import type { Agent } from 'node:https'

import { ApiPartialResponseError, ApiRequestError, ApiResponseError, TwitterApi, type ITwitterApiClientPlugin } from 'twitter-api-v2'

import { env } from '../../server/env.server'
import { sleeper, waitOutRateLimit, type FetchHooks } from './fetch-hooks.server'
import { batchFromXPages, type ImportBatch } from './sources.server'
import { X_REQUEST_FIELDS, XPageSchema, type XPage } from './x-v2-schema'

// Fetches a chat from the X API v2 with the real twitter-api-v2 client: search in the chat's
// window, every page to the end, waiting out rate limits (with a countdown) and retrying
// transient failures, then the parents a thread needs that the search did not return.

export type XClientOptions = {
  /** A bearer token reads; user-context credentials also post. */
  bearerToken?: string
  credentials?: { appKey: string; appSecret: string; accessToken: string; accessSecret: string }
  apiBase: string
  httpAgent?: Agent
}

/**
 * twitter-api-v2 always calls https://api.x.com/2/; this plugin sends each request to `apiBase`
 * instead, so staging and tests can point the real client at another server.
 */
function apiBasePlugin(apiBase: string): ITwitterApiClientPlugin {
  const base = new URL(apiBase.endsWith('/') ? apiBase : `${apiBase}/`)
  return {
    onBeforeRequest({ computedParams }) {
      const url = computedParams.url
      const path = url.pathname.replace(/^\/2\//, '')
      url.protocol = base.protocol
      url.host = base.host
      url.pathname = `${base.pathname}${path}`
    },
  }
}

export function createXClient({ bearerToken, credentials, apiBase, httpAgent }: XClientOptions): TwitterApi {
  const plugins = new URL(apiBase).host === 'api.x.com' ? [] : [apiBasePlugin(apiBase)]
  const settings = { plugins, ...(httpAgent ? { httpAgent } : {}) }
  if (credentials) return new TwitterApi(credentials, settings)
  if (!bearerToken) throw new Error('An X client needs a bearer token or user-context credentials.')
  return new TwitterApi(bearerToken, settings).readOnly as TwitterApi
}


const FIELDS = {
  expansions: X_REQUEST_FIELDS.expansions.join(','),
  'tweet.fields': X_REQUEST_FIELDS['tweet.fields'].join(','),
  'user.fields': X_REQUEST_FIELDS['user.fields'].join(','),
  'media.fields': X_REQUEST_FIELDS['media.fields'].join(','),
}

function rateLimitReset(error: ApiResponseError): Date {
  const header = error.headers?.['x-rate-limit-reset']
  const seconds = error.rateLimit?.reset ?? (header ? Number(header) : NaN)
  return Number.isFinite(seconds) ? new Date(seconds * 1000) : new Date(Date.now() + 60_000)
}

function explain(error: unknown, endpoint: string): Error {
  if (error instanceof ApiResponseError) {
    if (error.code === 401) return new Error('X refused the bearer token (401): check X_BEARER_TOKEN.')
    if (error.code === 403 && endpoint.includes('search/all')) {
      return new Error(
        'X refused full-archive search (403 on /2/tweets/search/all): this account has no full-archive access. ' +
          'Set X_SEARCH_ALL=false or pass --search-recent to use recent search, which covers the last 7 days.'
      )
    }
    const detail = (error.data as { detail?: string; title?: string })?.detail ?? (error.data as { title?: string })?.title ?? error.message
    return new Error(`X answered ${error.code} on ${endpoint}: ${detail}`)
  }
  return error instanceof Error ? error : new Error(String(error))
}

/** One GET with rate-limit waits and retries; throws a plain-language error when it gives up. */
async function getPage(client: TwitterApi, endpoint: string, query: Record<string, string>, hooks: FetchHooks): Promise<XPage> {
  const sleep = sleeper(hooks)
  const maxRetries = hooks.maxRetries ?? 5
  for (let attempt = 0; ; attempt++) {
    try {
      // twitter-api-v2 sets no timeout of its own; a hung request would hang the import.
      const response = await client.v2.get(endpoint, query, { fullResponse: true, timeout: 30_000 })
      const page = XPageSchema.safeParse(response.data)
      if (!page.success) throw new Error(`X answered ${endpoint} with an unexpected shape: ${page.error.issues[0].path.join('.')} ${page.error.issues[0].message}`)
      return page.data
    } catch (error) {
      if (error instanceof ApiResponseError && (error.rateLimitError || error.code === 429)) {
        await waitOutRateLimit(rateLimitReset(error), hooks)
        continue
      }
      // 5xx answers, failed connections and responses cut off midway (three separate error classes).
      const transient =
        (error instanceof ApiResponseError && error.code >= 500) || error instanceof ApiRequestError || error instanceof ApiPartialResponseError
      if (transient && attempt < maxRetries) {
        await sleep(1000 * 2 ** attempt)
        continue
      }
      throw explain(error, endpoint)
    }
  }
}

export type ChatSearch = { query: string; start: Date; end: Date; fullArchive: boolean }

/** Every page of a search in [start, end), newest first as X returns them. */
export async function fetchChatPages(client: TwitterApi, search: ChatSearch, hooks: FetchHooks = {}): Promise<XPage[]> {
  const endpoint = search.fullArchive ? 'tweets/search/all' : 'tweets/search/recent'
  const pages: XPage[] = []
  let posts = 0
  let nextToken: string | undefined
  do {
    const page = await getPage(
      client,
      endpoint,
      {
        query: search.query,
        start_time: search.start.toISOString(),
        end_time: search.end.toISOString(),
        max_results: '100',
        ...FIELDS,
        ...(nextToken ? { next_token: nextToken } : {}),
      },
      hooks
    )
    pages.push(page)
    posts += page.data?.length ?? 0
    hooks.onPage?.({ pages: pages.length, posts })
    nextToken = page.meta?.next_token
  } while (nextToken)
  return pages
}

/** Posts by id, 100 at a time; deleted or protected ones come back as `errors`, not failures. */
export async function fetchPostsByIds(client: TwitterApi, ids: string[], hooks: FetchHooks = {}): Promise<XPage[]> {
  const pages: XPage[] = []
  for (let index = 0; index < ids.length; index += 100) {
    pages.push(await getPage(client, 'tweets', { ids: ids.slice(index, index + 100).join(','), ...FIELDS }, hooks))
  }
  return pages
}

/** The chat as an import batch: the search, plus the reply parents its threads need. */
export async function fetchChat(client: TwitterApi, search: ChatSearch, hooks: FetchHooks = {}): Promise<ImportBatch> {
  const pages = await fetchChatPages(client, search, hooks)
  const have = new Set(pages.flatMap(page => [...(page.data ?? []), ...(page.includes?.tweets ?? [])].map(post => post.id)))
  const missingParents = [
    ...new Set(
      pages.flatMap(page =>
        (page.data ?? []).flatMap(post => post.referenced_tweets?.filter(ref => ref.type === 'replied_to' && !have.has(ref.id)).map(ref => ref.id) ?? [])
      )
    ),
  ]
  const lookups = missingParents.length ? await fetchPostsByIds(client, missingParents, hooks) : []
  const batch = batchFromXPages([...pages, ...lookups], `X API ${search.fullArchive ? 'search/all' : 'search/recent'}`)
  return { ...batch, matchedIds: new Set(pages.flatMap(page => (page.data ?? []).map(post => post.id))) }
}

/** The CLI's and Admin UI's entry: configured from the environment. */
export async function fetchChatFromXApi(request: { query: string; start: Date; end: Date; fullArchive: boolean } & FetchHooks): Promise<ImportBatch> {
  if (!env.X_BEARER_TOKEN) {
    throw new Error('X_BEARER_TOKEN is not set: set it to fetch from the X API, or give export files to import instead.')
  }
  const client = createXClient({ bearerToken: env.X_BEARER_TOKEN, apiBase: env.X_API_BASE })
  const { query, start, end, fullArchive, ...hooks } = request
  return fetchChat(client, { query, start, end, fullArchive }, hooks)
}

/** Of the given post ids, those X reports as gone (deleted, or the account suspended or protected). */
async function findUnavailablePosts(client: TwitterApi, ids: string[], hooks: FetchHooks = {}): Promise<string[]> {
  const pages = await fetchPostsByIds(client, ids, hooks)
  const found = new Set(pages.flatMap(page => (page.data ?? []).map(post => post.id)))
  return ids.filter(id => !found.has(id))
}

/** The CLI's --remove-deleted: configured from the environment like fetchChatFromXApi. */
export async function findUnavailablePostsViaXApi(ids: string[], hooks: FetchHooks = {}): Promise<string[]> {
  if (!env.X_BEARER_TOKEN) throw new Error('X_BEARER_TOKEN is not set: --remove-deleted asks the X API which posts still exist.')
  return findUnavailablePosts(createXClient({ bearerToken: env.X_BEARER_TOKEN, apiBase: env.X_API_BASE }), ids, hooks)
}
