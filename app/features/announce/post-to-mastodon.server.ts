import { createHash } from 'node:crypto'

import { MastoHttpError, MastoTimeoutError } from 'masto'
import twitterText from 'twitter-text'

import { env } from '../../server/env.server'
import { sleeper, waitOutRateLimitOrGiveUp } from '../chat-import/fetch-hooks.server'
import { connectionFailure, createMastodonClient, MastodonError, mastodonRateLimitReset, parseMastodonServer } from '../chat-import/mastodon.server'

// Posting a topic announcement from the community's Mastodon account, once: the request carries an
// Idempotency-Key (Mastodon keeps them for an hour), so a retry after a lost answer returns the
// status already made instead of posting it twice.

/** Mastodon's default limit; servers may allow more, none allows less. */
export const MASTODON_LIMIT = 500

// Account::MENTION_RE: `@user@server` counts as `@user`.
const MENTION = /(?<![=/\p{L}\p{N}_])@([a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)(?:@[\p{L}\p{N}_]+(?:[.-]+[\p{L}\p{N}_]+)*)?/giu
const URL_LENGTH = 23

/** A text's length as Mastodon counts it: every link 23 characters, a mention only its username, characters as people see them. */
export function mastodonLength(text: string): number {
  // Links first, as Mastodon does, so an address with an "@" in it is not read as a mention.
  let countable = ''
  let from = 0
  for (const { indices } of twitterText.extractUrlsWithIndices(text, { extractUrlsWithoutProtocol: false })) {
    countable += text.slice(from, indices[0]) + 'x'.repeat(URL_LENGTH)
    from = indices[1]
  }
  countable += text.slice(from)
  countable = countable.replace(MENTION, '@$1')
  return [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(countable)].length
}

export type MastodonPostingConnection = {
  server: string
  accessToken: string
  dispatcher?: unknown
  /** The same key makes Mastodon return the status it already posted; by default one made from the text. */
  idempotencyKey?: string
  sleep?: (milliseconds: number) => Promise<void>
  maxRetries?: number
}

/** Posts `text` publicly from the account whose token is given (by default MASTODON_SERVER's MASTODON_ACCESS_TOKEN). */
export async function postToMastodon(text: string, connection?: MastodonPostingConnection): Promise<{ id: string; url: string }> {
  const given = connection ?? {
    server: env.MASTODON_SERVER ?? '',
    accessToken: env.MASTODON_ACCESS_TOKEN ?? '',
  }
  if (!given.server || !given.accessToken) {
    throw new MastodonError(
      'Posting to Mastodon needs MASTODON_SERVER (the community account\'s server, e.g. https://nhs.social) and MASTODON_ACCESS_TOKEN (an access token of that account with write:statuses).'
    )
  }
  const length = mastodonLength(text)
  if (length === 0) throw new MastodonError('The Mastodon announcement is empty.')
  if (length > MASTODON_LIMIT) throw new MastodonError(`The Mastodon announcement is ${length} characters; Mastodon allows ${MASTODON_LIMIT}.`)
  const server = parseMastodonServer(given.server)
  const client = createMastodonClient(server, { accessToken: given.accessToken, dispatcher: given.dispatcher })
  const idempotencyKey = given.idempotencyKey ?? createHash('sha256').update(`${server.url}\n${text}`).digest('hex')
  const sleep = sleeper(given)
  const maxRetries = given.maxRetries ?? 3
  for (let attempt = 0; ; attempt++) {
    try {
      const status = await client.v1.statuses.create({ status: text, visibility: 'public' }, { requestInit: { headers: { 'Idempotency-Key': idempotencyKey } } })
      return { id: status.id, url: status.url ?? status.uri }
    } catch (error) {
      if (error instanceof MastoHttpError && error.statusCode === 401) {
        throw new MastodonError(`Mastodon refused the access token for ${server.host} (401${error.message ? `: ${error.message}` : ''}): check MASTODON_ACCESS_TOKEN, an access token of the community account on ${server.host} with write:statuses.`)
      }
      if (error instanceof MastoHttpError && error.statusCode === 403) {
        throw new MastodonError(`${server.host} does not let this account post (403${error.message ? `: ${error.message}` : ''}): the token needs the write:statuses scope.`)
      }
      if (error instanceof MastoHttpError && error.statusCode === 429) {
        // Mastodon allows an account 300 posts in three hours; its reset says when the next is allowed.
        // Waiting is safe: the Idempotency-Key makes the next try return a status the first one made.
        const resetAt = mastodonRateLimitReset(error)
        await waitOutRateLimitOrGiveUp(
          resetAt,
          { sleep },
          minutesLeft =>
            new MastodonError(
              `${server.host} allows this account no more posts until ${resetAt.toISOString()}, in ${minutesLeft} minute${minutesLeft > 1 ? 's' : ''} (429: rate limit). Post the announcement again then.`
            ),
          // Out of tries, no reset is waited for.
          attempt < maxRetries ? undefined : 0
        )
        continue
      }
      if (error instanceof MastoHttpError && error.statusCode === 422) {
        throw new MastodonError(`${server.host} refused the announcement: ${error.message}`)
      }
      const connection = connectionFailure(error)
      // Safe to send again: the Idempotency-Key makes Mastodon answer with the status if the first try made it.
      const transient = (error instanceof MastoHttpError && error.statusCode >= 500) || error instanceof MastoTimeoutError || (connection && !/^(ENOTFOUND|EAI_)/.test(connection.code))
      if (transient && attempt < maxRetries) {
        await sleep(1000 * 2 ** attempt)
        continue
      }
      if (connection) throw new MastodonError(`${server.host} could not be reached to post the announcement: ${connection.message}.`)
      if (error instanceof MastoHttpError) throw new MastodonError(`${server.host} answered ${error.statusCode} to the announcement${error.message ? `: ${error.message}` : ''}.`)
      throw new MastodonError(`${server.host} does not answer like a Mastodon server: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
}
