import { createHash } from 'node:crypto'

import { RichText, type AppBskyActorDefs, type AppBskyFeedDefs, type AppBskyFeedPost, type AppBskyRichtextFacet } from '@atproto/api'

// Builds Bluesky post views shaped as the App View returns them (app.bsky.feed.defs#postView),
// with records as clients write them (app.bsky.feed.post): facets detected from the text by the
// official RichText, so their offsets are UTF-8 bytes exactly as real posts carry them.

export type PostView = AppBskyFeedDefs.PostView
export type PostRecord = AppBskyFeedPost.Record
type Facet = AppBskyRichtextFacet.Main

export type BlueskyAccount = { did: string; handle: string; displayName?: string; avatar?: string }

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567'
const base32 = (bytes: Uint8Array) => {
  let bits = 0
  let value = 0
  let out = ''
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  return bits > 0 ? out + BASE32[(value << (5 - bits)) & 31] : out
}

/** A CIDv1 (sha-256) of the given content, as atproto writes them: dag-cbor for records, raw for blobs. */
export function cidOf(content: string, codec: 'dag-cbor' | 'raw' = 'dag-cbor'): string {
  const digest = createHash('sha256').update(content).digest()
  return `b${base32(new Uint8Array([0x01, codec === 'dag-cbor' ? 0x71 : 0x55, 0x12, 0x20, ...digest]))}`
}

/** A did:plc made from the handle, so the same handle always has the same DID. */
const didFor = (handle: string) => `did:plc:${base32(createHash('sha256').update(handle).digest()).slice(0, 24)}`

// Handles of every account built, so a mention in a later post's text resolves to its DID.
const directory = new Map<string, string>()

export function blueskyAccount(handle: string, displayName?: string, options: { avatar?: string; did?: string } = {}): BlueskyAccount {
  const did = options.did ?? didFor(handle)
  directory.set(handle.toLowerCase(), did)
  return {
    did,
    handle,
    ...(displayName ? { displayName } : {}),
    avatar: options.avatar ?? `https://cdn.bsky.app/img/avatar/plain/${did}/${cidOf(`avatar ${handle}`, 'raw')}@jpeg`,
  }
}

const didOfHandle = (handle: string) => directory.get(handle.toLowerCase())

const TID_CHARS = '234567abcdefghijklmnopqrstuvwxyz'
let clock = 0
/** A record key as Bluesky makes them: a TID from the creation time in microseconds. */
function tid(at: Date) {
  let value = (BigInt(at.getTime()) * 1000n + BigInt(clock++ % 1000)) << 10n
  let out = ''
  for (let index = 0; index < 13; index++) {
    out = TID_CHARS[Number(value & 31n)] + out
    value >>= 5n
  }
  return out
}

/** Facets as the Bluesky app computes them (links, #tags, @mentions), mentions resolved to known accounts. */
function facetsFor(text: string): Facet[] {
  const rich = new RichText({ text })
  rich.detectFacetsWithoutResolution()
  return (rich.facets ?? []).flatMap(facet => {
    const features = facet.features.flatMap(feature => {
      if (feature.$type !== 'app.bsky.richtext.facet#mention') return [feature]
      const did = didOfHandle(String((feature as AppBskyRichtextFacet.Mention).did))
      return did ? [{ ...feature, did }] : []
    })
    return features.length ? [{ ...facet, features }] : []
  })
}

const profile = (account: BlueskyAccount): AppBskyActorDefs.ProfileViewBasic => ({
  did: account.did,
  handle: account.handle,
  ...(account.displayName ? { displayName: account.displayName } : {}),
  ...(account.avatar ? { avatar: account.avatar } : {}),
  labels: [],
  createdAt: '2023-04-01T09:00:00.000Z',
})

const strongRef = (post: { uri: string; cid: string }) => ({ uri: post.uri, cid: post.cid })

type ImageInput = { alt: string; url?: string; width?: number; height?: number }

export type PostInput = {
  author: BlueskyAccount
  text: string
  createdAt: string | Date
  /** When the App View saw it; a second after createdAt unless given. */
  indexedAt?: string
  /** The parent: a post view, or only its reference (a post the network no longer has). */
  replyTo?: PostView | { uri: string; cid: string; root?: { uri: string; cid: string } }
  quote?: PostView
  images?: ImageInput[]
  video?: { alt?: string; thumbnail?: string; playlist?: string; presentation?: 'default' | 'gif' }
  external?: { uri: string; title: string; description: string }
  /** Given facets instead of those detected from the text (an empty list for none). */
  facets?: Facet[]
  tags?: string[]
  counts?: { likes?: number; reposts?: number; replies?: number; quotes?: number }
  rkey?: string
  /** A createdAt as the author's client wrote it, even one that does not parse. */
  rawCreatedAt?: string
}

const blob = (seed: string, mimeType: string, size: number) => ({ $type: 'blob', ref: { $link: cidOf(seed, 'raw') }, mimeType, size })

function embeds(input: PostInput, did: string) {
  const quoteRecord = input.quote ? { $type: 'app.bsky.embed.record', record: strongRef(input.quote) } : undefined
  const quoteView = input.quote
    ? {
        $type: 'app.bsky.embed.record#viewRecord',
        uri: input.quote.uri,
        cid: input.quote.cid,
        author: input.quote.author,
        value: input.quote.record,
        labels: [],
        likeCount: input.quote.likeCount ?? 0,
        replyCount: input.quote.replyCount ?? 0,
        repostCount: input.quote.repostCount ?? 0,
        quoteCount: input.quote.quoteCount ?? 0,
        indexedAt: input.quote.indexedAt,
        embeds: input.quote.embed ? [input.quote.embed] : [],
      }
    : undefined
  let mediaRecord: Record<string, unknown> | undefined
  let mediaView: Record<string, unknown> | undefined
  if (input.images?.length) {
    const images = input.images.map((image, index) => {
      const seed = `${input.text} image ${index}`
      return { image, seed, cid: cidOf(seed, 'raw') }
    })
    mediaRecord = {
      $type: 'app.bsky.embed.images',
      images: images.map(({ image, seed }) => ({
        alt: image.alt,
        image: blob(seed, 'image/jpeg', 245_000),
        aspectRatio: { width: image.width ?? 1200, height: image.height ?? 800 },
      })),
    }
    mediaView = {
      $type: 'app.bsky.embed.images#view',
      images: images.map(({ image, cid }) => ({
        thumb: image.url ?? `https://cdn.bsky.app/img/feed_thumbnail/plain/${did}/${cid}@jpeg`,
        fullsize: image.url ?? `https://cdn.bsky.app/img/feed_fullsize/plain/${did}/${cid}@jpeg`,
        alt: image.alt,
        aspectRatio: { width: image.width ?? 1200, height: image.height ?? 800 },
      })),
    }
  } else if (input.video) {
    const cid = cidOf(`${input.text} video`, 'raw')
    mediaRecord = {
      $type: 'app.bsky.embed.video',
      video: blob(`${input.text} video`, 'video/mp4', 4_200_000),
      ...(input.video.alt ? { alt: input.video.alt } : {}),
      aspectRatio: { width: 1280, height: 720 },
      ...(input.video.presentation ? { presentation: input.video.presentation } : {}),
    }
    mediaView = {
      $type: 'app.bsky.embed.video#view',
      cid,
      playlist: input.video.playlist ?? `https://video.bsky.app/watch/${encodeURIComponent(did)}/${cid}/playlist.m3u8`,
      thumbnail: input.video.thumbnail ?? `https://video.bsky.app/watch/${encodeURIComponent(did)}/${cid}/thumbnail.jpg`,
      ...(input.video.alt ? { alt: input.video.alt } : {}),
      aspectRatio: { width: 1280, height: 720 },
      ...(input.video.presentation ? { presentation: input.video.presentation } : {}),
    }
  } else if (input.external) {
    mediaRecord = { $type: 'app.bsky.embed.external', external: { ...input.external } }
    mediaView = { $type: 'app.bsky.embed.external#view', external: { ...input.external } }
  }
  if (quoteRecord && mediaRecord) {
    return {
      record: { $type: 'app.bsky.embed.recordWithMedia', record: quoteRecord, media: mediaRecord },
      view: { $type: 'app.bsky.embed.recordWithMedia#view', record: { $type: 'app.bsky.embed.record#view', record: quoteView }, media: mediaView },
    }
  }
  if (quoteRecord) return { record: quoteRecord, view: { $type: 'app.bsky.embed.record#view', record: quoteView } }
  if (mediaRecord) return { record: mediaRecord, view: mediaView }
  return undefined
}

/** One post as searchPosts and getPostThread return it. */
export function blueskyPost(input: PostInput): PostView {
  const created = new Date(input.createdAt)
  const createdAt = input.rawCreatedAt ?? created.toISOString()
  const rkey = input.rkey ?? tid(created)
  const uri = `at://${input.author.did}/app.bsky.feed.post/${rkey}`
  const facets = input.facets ?? facetsFor(input.text)
  const parent = input.replyTo
  const reply = parent
    ? {
        root: 'record' in parent ? ((parent.record as PostRecord).reply?.root ?? strongRef(parent)) : (parent.root ?? strongRef(parent)),
        parent: strongRef(parent),
      }
    : undefined
  const embed = embeds(input, input.author.did)
  const record: PostRecord = {
    $type: 'app.bsky.feed.post',
    text: input.text,
    createdAt,
    langs: ['en'],
    ...(facets.length ? { facets } : {}),
    ...(reply ? { reply } : {}),
    ...(embed ? { embed: embed.record as PostRecord['embed'] } : {}),
    ...(input.tags ? { tags: input.tags } : {}),
  }
  return {
    $type: 'app.bsky.feed.defs#postView',
    uri,
    cid: cidOf(JSON.stringify(record)),
    author: profile(input.author),
    record,
    ...(embed ? { embed: embed.view as PostView['embed'] } : {}),
    replyCount: input.counts?.replies ?? 0,
    repostCount: input.counts?.reposts ?? 0,
    likeCount: input.counts?.likes ?? 0,
    quoteCount: input.counts?.quotes ?? 0,
    bookmarkCount: 0,
    indexedAt: input.indexedAt ?? new Date((Number.isNaN(created.getTime()) ? Date.parse('2026-11-23T12:00:00Z') : created.getTime()) + 1000).toISOString(),
    viewer: { threadMuted: false, embeddingDisabled: false },
    labels: [],
  }
}

/** The byte range of `part` in `text`, counted in UTF-8 as facets are. */
export function byteRange(text: string, part: string): { byteStart: number; byteEnd: number } {
  const at = text.indexOf(part)
  if (at < 0) throw new Error(`"${part}" is not in "${text}"`)
  const byteStart = Buffer.byteLength(text.slice(0, at))
  return { byteStart, byteEnd: byteStart + Buffer.byteLength(part) }
}
