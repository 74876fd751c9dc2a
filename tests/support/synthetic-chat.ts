import sharp from 'sharp'

import type { XPage, XPost, XUser } from '../../app/features/chat-import/x-v2-schema'

// A chat of any size in the X API v2 page format, for tests and benchmarks: a host asks six
// questions evenly through the hour, participants answer with "A<n>", reply to each other, share
// links, and retweet. Deterministic for a given size and seed.

export type SyntheticChat = { pages: XPage[]; posts: XPost[]; users: XUser[]; start: Date; end: Date }

function random(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

export function syntheticChat({
  posts: count,
  participants = Math.max(10, Math.round(count / 12)),
  start = new Date('2026-11-23T12:00:00Z'),
  hashtag = 'mondayhealthchat',
  seed = 7,
  idBase = 1_900_000_000_000_000_000n,
  pageSize = 100,
}: {
  posts: number
  participants?: number
  start?: Date
  hashtag?: string
  seed?: number
  idBase?: bigint
  pageSize?: number
}): SyntheticChat {
  const next = random(seed)
  const end = new Date(start.getTime() + 60 * 60_000)
  const users: XUser[] = [{ id: '5000', username: 'mhc_host', name: 'Monday Health Chat' }]
  for (let n = 1; n < participants; n++) users.push({ id: String(5000 + n), username: `person_${n}`, name: `Person ${n}` })
  const posts: XPost[] = []
  const questionIds: string[] = []
  const stepMs = (60 * 60_000) / Math.max(1, count)
  for (let n = 0; n < count; n++) {
    const id = String(idBase + BigInt(n))
    const created = new Date(start.getTime() + Math.floor(n * stepMs)).toISOString()
    const questionNumber = questionIds.length + 1
    if (questionNumber <= 6 && n >= Math.floor(((questionNumber - 1) * count) / 6)) {
      questionIds.push(id)
      posts.push({
        id,
        text: `Q${questionNumber} What is your experience of topic ${questionNumber}? #${hashtag}`,
        author_id: '5000',
        created_at: created,
        conversation_id: id,
        entities: { hashtags: [{ start: 0, end: 0, tag: hashtag }] },
        public_metrics: { like_count: 3, retweet_count: 1, reply_count: 0, quote_count: 0 },
      })
      continue
    }
    const author = users[1 + Math.floor(next() * (users.length - 1))]
    const roll = next()
    const currentQuestion = questionIds.length
    const base: XPost = {
      id,
      text: '',
      author_id: author.id,
      created_at: created,
      conversation_id: id,
      entities: { hashtags: [{ start: 0, end: 0, tag: hashtag }] },
      public_metrics: { like_count: Math.floor(next() * 5), retweet_count: 0, reply_count: 0, quote_count: 0 },
    }
    if (roll < 0.55) {
      base.text = `A${currentQuestion} Here is what we do, number ${n}. #${hashtag}`
      if (next() < 0.2) {
        const url = `https://example.org/evidence/${Math.floor(next() * 40)}`
        base.text += ' https://t.co/abc'
        base.entities!.urls = [{ start: 0, end: 0, url: 'https://t.co/abc', expanded_url: url, display_url: url.replace('https://', '') }]
      }
    } else if (roll < 0.85 && posts.length > 0) {
      const parent = posts[Math.max(0, posts.length - 1 - Math.floor(next() * 10))]
      base.text = `@${users.find(user => user.id === parent.author_id)?.username ?? 'someone'} good point, ${n} #${hashtag}`
      base.referenced_tweets = [{ type: 'replied_to', id: parent.id }]
      base.in_reply_to_user_id = parent.author_id
      base.conversation_id = parent.conversation_id
    } else if (posts.length > 0) {
      const original = posts[posts.length - 1]
      base.text = `RT @${users.find(user => user.id === original.author_id)?.username}: ${original.text.slice(0, 100)}`
      base.referenced_tweets = [{ type: 'retweeted', id: original.id }]
    } else {
      base.text = `Hello everyone #${hashtag}`
    }
    posts.push(base)
  }
  // Search answers newest first, a page at a time, with the authors of that page included.
  const newestFirst = [...posts].reverse()
  const pages: XPage[] = []
  for (let index = 0; index < newestFirst.length; index += pageSize) {
    const data = newestFirst.slice(index, index + pageSize)
    const authorIds = new Set(data.map(post => post.author_id))
    pages.push({
      data,
      includes: { users: users.filter(user => authorIds.has(user.id)) },
      meta: {
        result_count: data.length,
        ...(index + pageSize < newestFirst.length ? { next_token: `page-${index / pageSize + 1}` } : {}),
      },
    })
  }
  return { pages, posts, users, start, end }
}

type AttachedMedia = { type: string; url?: string; preview_image_url?: string; alt_text?: string }

/** The chat's pages with media attached to the given posts, as X's `attachments` and `includes.media` give it. */
export function withMedia(pages: XPage[], attached: Record<string, AttachedMedia>): XPage[] {
  const key = (postId: string) => `3_${postId}`
  return pages.map(page => {
    const data = (page.data ?? []).map((post): XPost => (attached[post.id] ? { ...post, attachments: { media_keys: [key(post.id)] } } : post))
    const media = (page.data ?? []).flatMap(post => (attached[post.id] ? [{ ...attached[post.id], media_key: key(post.id) }] : []))
    return { ...page, data, includes: { ...page.includes, media } }
  })
}

/** A made-up EXIF GPS position (the Thames at Westminster), which no stored variant may keep. */
const GPS_EXIF = { IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 0/1' } }

/** Real images as a chat's posts carry them, made with sharp: a chart with a GPS position, a slide, a video's still, and a web page that is not an image. */
export async function chatPhotoFiles() {
  const solid = (width: number, height: number, background: string) => sharp({ create: { width, height, channels: 3, background } })
  return {
    'chart.jpg': { body: await solid(1200, 800, '#2a6f97').withExif(GPS_EXIF).jpeg().toBuffer(), contentType: 'image/jpeg' },
    'slide.png': { body: await solid(640, 480, '#f4d35e').png().toBuffer(), contentType: 'image/png' },
    'still.jpg': { body: await solid(800, 450, '#333333').jpeg().toBuffer(), contentType: 'image/jpeg' },
    'export.jpg': { body: await solid(500, 500, '#ee964b').jpeg().toBuffer(), contentType: 'image/jpeg' },
    'notes.html': { body: '<!doctype html><title>Not a photo</title>', contentType: 'text/html' },
  }
}
