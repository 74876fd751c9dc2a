import { AppBskyRichtextFacet, RichText } from '@atproto/api'

import { blueskyPostUrl } from '../../domain/networks'
import { blueskyConnectionFromEnv, signInToBluesky, withRetries, type BlueskyConnection } from '../chat-import/bluesky.server'

// Posts an announcement as the community's Bluesky account. Links, hashtags and mentions become
// rich-text facets (byte ranges into the UTF-8 text) through the client's own RichText, as the
// Bluesky app makes them: without facets they would show as plain, unclickable text.

/** A post's text is at most 300 graphemes (app.bsky.feed.post's maxGraphemes). */
export const BLUESKY_LIMIT = 300

/** The length Bluesky measures: graphemes, so an emoji with skin tone counts once. */
export const blueskyLength = (text: string) => new RichText({ text }).graphemeLength

export type BlueskyPosted = { uri: string; cid: string; url: string }

export async function postToBluesky(text: string, connection: BlueskyConnection = blueskyConnectionFromEnv('Announcing on Bluesky')): Promise<BlueskyPosted> {
  const length = blueskyLength(text)
  if (length > BLUESKY_LIMIT) {
    throw new Error(`The Bluesky announcement is ${length} characters long; Bluesky allows ${BLUESKY_LIMIT}. Shorten it by ${length - BLUESKY_LIMIT}.`)
  }
  if (!text.trim()) throw new Error('The Bluesky announcement is empty.')
  const agent = await signInToBluesky(connection)
  const rich = new RichText({ text })
  await rich.detectFacets(agent)
  // A mention of a handle that does not resolve keeps an empty DID, which the PDS refuses: it
  // stays plain text instead.
  const facets = rich.facets
    ?.map(facet => ({ ...facet, features: facet.features.filter(feature => !AppBskyRichtextFacet.isMention(feature) || feature.did) }))
    .filter(facet => facet.features.length > 0)
  // Only a rate limit is waited out and tried again: a post that failed after reaching Bluesky
  // may still have been made, and a second try would post it twice.
  const posted = await withRetries(
    () => agent.post({ text: rich.text, ...(facets?.length ? { facets } : {}), createdAt: new Date().toISOString() }),
    {},
    () => `Posting the announcement as ${connection.identifier} at ${connection.service} failed`,
    false
  )
  return { uri: posted.uri, cid: posted.cid, url: blueskyPostUrl(posted.uri, agent.session?.handle) ?? posted.uri }
}
