import { LRUCache } from 'lru-cache'

import { archiveCard, cardPath, cardVersion, interviewCard, parseCardPath, postCard, siteCard, topicCard, type CardAddress, type CardContent } from '../../domain/social-card'
import { getTopicBySlug } from '../announce/topics.server'
import { getArchiveBySlug } from '../archive/archive.server'
import { getInterviewBySlug } from '../content/interview.server'
import { getPostBySlug } from '../content/post.server'
import { getSiteSettings } from '../content/site.server'
import { drawCard } from './draw-card.server'

// The answer to /cards/…: the card of a published item (a draft has none, like its page), read
// through the same functions as the item's page, so the page's cache keys (Surrogate-Key) and
// its publishing rule apply to the card too.

/** What the card of this address shows now, or null when there is no such published item. */
async function currentContent(address: CardAddress): Promise<CardContent | null> {
  const site = await getSiteSettings()
  switch (address.section) {
    case 'site':
      return siteCard(site)
    case 'posts': {
      const post = await getPostBySlug(address.slug)
      return post && postCard(site, post)
    }
    case 'interviews': {
      const interview = await getInterviewBySlug(address.slug)
      return interview && interviewCard(site, interview)
    }
    case 'topics': {
      const topic = await getTopicBySlug(address.slug)
      return topic && topicCard(site, topic)
    }
    case 'archives': {
      const archive = await getArchiveBySlug(address.slug)
      return archive && archiveCard(site, { ...archive, questionCount: archive.questions.length })
    }
  }
}

/**
 * Drawn cards by version: a version names what the card shows, so a kept card is never stale.
 * Any change empties the response cache, a comment's approval too; this keeps the drawing.
 */
const drawn = new LRUCache<string, Promise<Buffer>>({ max: 100 })

function drawnCard(content: CardContent) {
  const version = cardVersion(content)
  let png = drawn.get(version)
  if (!png) {
    png = drawCard(content)
    drawn.set(version, png)
    png.catch(() => drawn.delete(version))
  }
  return png
}

export type CardAnswer = { png: Buffer } | { moved: string } | null

/**
 * The card at a path below /cards/: its PNG when the path's version is the current one; the
 * current address when the path names an older version or none (a link preview that kept an
 * old address still finds the card); null when there is no such card.
 */
export async function cardAt(path: string): Promise<CardAnswer> {
  const address = parseCardPath(path)
  if (!address) return null
  const content = await currentContent(address)
  if (!content) return null
  if (address.version !== cardVersion(content)) return { moved: address.section === 'site' ? cardPath(content) : cardPath(content, address) }
  return { png: await drawnCard(content) }
}
