import { createHash } from 'node:crypto'
import https, { type Agent } from 'node:https'

import sharp from 'sharp'

import type { ChatMedia, ChatPost } from '../../domain/chat-analysis'
import { isImageExtension, type StoredImage } from '../../domain/images'
import { env } from '../../server/env.server'
import { AddressNotAllowed, outboundConnection, type AllowedHost } from '../../server/outbound-address.server'
import type { Context } from '../../server/keystone.server'
import { imageStore } from '../images/image-store.server'
import { prepareImage, storeVariants } from '../images/images.server'
import { MAX_IMAGE_BYTES } from '../images/processing.server'
import type { ImportProblem } from './sources.server'

// A photo posted in a chat (an infographic, a slide) is X's to delete; the archive keeps its own
// copy. At import, each photo, and each video's or GIF's preview image, is downloaded and stored
// like an upload (checked, stripped of its metadata, made into variants), under an id derived from
// its address: importing again finds it stored and downloads nothing. A photo that cannot be had is
// a problem of the import, never its failure: the post keeps its description, as before.
//
// Downloaded with node:https rather than fetch: an https.Agent is how this code already trusts
// another certificate (the X client's httpAgent, for staging and tests); Node 20's fetch takes one
// only through undici, which is not a dependency.

export type PhotoDownloadOptions = {
  /** Trusts the certificate of a server other than X's (tests, staging); otherwise Node's own CAs and NODE_EXTRA_CA_CERTS. */
  agent?: Agent
  /** How many photos are fetched and turned into variants at once. */
  concurrency?: number
  /** For the whole download, redirects included. */
  timeoutMs?: number
  /** Hosts inside the network a photo's address may name; OUTBOUND_ALLOWED_HOSTS unless given. */
  allowedHosts?: readonly AllowedHost[]
}

export type ArchivedPhotos = {
  posts: ChatPost[]
  problems: ImportProblem[]
  /** Images this import stored, to remove if the import then fails. */
  newlyStored: string[]
  /** What the import did with the chat's photos, for its summary. */
  counts: PhotoCounts
}

export type PhotoCounts = {
  /** Photos the archive holds a copy of after this import (each address once). */
  archived: number
  /** Of those, downloaded by this import; the rest were stored already. */
  downloaded: number
  /** Photos that could not be had, listed among the problems. */
  failed: number
  milliseconds: number
}

const KEPT_TYPES = new Set(['photo', 'video', 'animated_gif'])
const MAX_REDIRECTS = 3

/** The same address always gives the same id: 24 base64url characters of its SHA-256. */
export function archivedPhotoId(url: string) {
  return createHash('sha256').update(url).digest('base64url').slice(0, 24)
}

class PhotoUnavailable extends Error {
  override name = 'PhotoUnavailable'
}

// A photo's address is the data's: connections are checked (outboundConnection) and never pooled,
// since a kept-alive socket would be reused without that check.
const photoAgent = new https.Agent({ keepAlive: false })

/**
 * One GET, over https only, to a public address (each redirect checked again), given up after
 * `timeoutMs` or past the size an image may have.
 */
function downloadPhoto(address: string, options: PhotoDownloadOptions = {}, redirects = 0, signal = AbortSignal.timeout(options.timeoutMs ?? 20_000)): Promise<Buffer> {
  const { agent = photoAgent, timeoutMs = 20_000, allowedHosts = env.OUTBOUND_ALLOWED_HOSTS } = options
  let url: URL
  try {
    url = new URL(address)
  } catch {
    return Promise.reject(new PhotoUnavailable('its address is not a web address'))
  }
  if (url.protocol !== 'https:') return Promise.reject(new PhotoUnavailable('its address is not https'))
  let connection: ReturnType<typeof outboundConnection>
  try {
    connection = outboundConnection(url, allowedHosts)
  } catch (error) {
    return Promise.reject(error)
  }
  return new Promise<Buffer>((resolve, reject) => {
    const request = https.get(url, { agent, ...connection, signal, headers: { accept: 'image/*' } }, response => {
      const status = response.statusCode ?? 0
      if (status >= 300 && status < 400 && response.headers.location) {
        response.resume()
        if (redirects >= MAX_REDIRECTS) return reject(new PhotoUnavailable(`more than ${MAX_REDIRECTS} redirects`))
        return resolve(downloadPhoto(new URL(response.headers.location, url).href, options, redirects + 1, signal))
      }
      if (status !== 200) {
        response.resume()
        return reject(new PhotoUnavailable(`the server answered ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''}`))
      }
      const declared = Number(response.headers['content-length'])
      const tooLarge = () => new PhotoUnavailable(`it is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB`)
      if (declared > MAX_IMAGE_BYTES) {
        response.destroy()
        return reject(tooLarge())
      }
      const chunks: Buffer[] = []
      let size = 0
      response.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size > MAX_IMAGE_BYTES) {
          response.destroy()
          reject(tooLarge())
        } else chunks.push(chunk)
      })
      response.on('end', () => resolve(Buffer.concat(chunks)))
      response.on('error', error => reject(new PhotoUnavailable(`it did not arrive whole (${error.message})`)))
    })
    request.on('error', error => {
      // Said as it is, without the errno or timing that would describe the network behind it.
      if (error instanceof AddressNotAllowed) return reject(error)
      const timedOut = error.name === 'AbortError' || error.name === 'TimeoutError'
      reject(new PhotoUnavailable(timedOut ? `no answer within ${timeoutMs / 1000} s` : `it could not be fetched (${(error as NodeJS.ErrnoException).code ?? error.message})`))
    })
  })
}

/** Runs `work` on every item, at most `limit` at a time. */
async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0
  const worker = async () => {
    while (next < items.length) await work(items[next++])
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

function isStoredImage(value: unknown): value is StoredImage {
  const image = value as StoredImage | undefined
  return !!image && typeof image.id === 'string' && isImageExtension(image.extension) && image.width > 0 && image.height > 0
}

/** The image under `id`, if its variants are in the store (a photo stored by an earlier import, or one that failed after storing it). */
async function findStored(id: string): Promise<StoredImage | null> {
  const store = imageStore()
  const full = (await store.list(`${id}/`)).find(key => /\/full\.[a-z]+$/.test(key))
  if (!full) return null
  const extension = full.slice(full.lastIndexOf('.') + 1)
  const object = await store.get(full)
  if (!object || !isImageExtension(extension)) return null
  const chunks: Buffer[] = []
  for await (const chunk of object.body) chunks.push(chunk as Buffer)
  const { width, height } = await sharp(Buffer.concat(chunks)).metadata()
  return width && height ? { id, extension, width, height } : null
}

type MediaOwner = { media: ChatMedia[]; authorXId: string; postId: string }

function mediaOwners(posts: ChatPost[]): MediaOwner[] {
  return posts.flatMap(post => [
    { media: post.media, authorXId: post.authorXId, postId: post.xId },
    ...(post.repostOf ? [{ media: post.repostOf.media, authorXId: post.repostOf.authorXId, postId: post.repostOf.xId }] : []),
  ])
}

const CHUNK = 500

/**
 * The posts with their photos stored and recorded in their media (`stored`). Photos of redacted
 * participants are left alone: redaction removed them (removeParticipantPhotos) and an import
 * must not bring them back.
 */
export async function archivePhotos(prisma: Context['prisma'], posts: ChatPost[], options: PhotoDownloadOptions = {}): Promise<ArchivedPhotos> {
  const owners = mediaOwners(posts).filter(owner => owner.media.some(media => media.url && KEPT_TYPES.has(media.type)))
  const started = performance.now()
  if (owners.length === 0) return { posts, problems: [], newlyStored: [], counts: { archived: 0, downloaded: 0, failed: 0, milliseconds: 0 } }
  const authors = [...new Set(owners.map(owner => owner.authorXId))]
  const redacted = new Set(
    (await prisma.participant.findMany({ where: { xUserId: { in: authors }, redacted: true }, select: { xUserId: true } })).map(person => person.xUserId)
  )
  const wanted = owners.filter(owner => !redacted.has(owner.authorXId))

  // What earlier imports of these posts recorded, by address.
  const known = new Map<string, StoredImage>()
  const ids = [...new Set(posts.map(post => post.xId))]
  for (let index = 0; index < ids.length; index += CHUNK) {
    const rows = await prisma.chatMessage.findMany({ where: { xId: { in: ids.slice(index, index + CHUNK) } }, select: { media: true, repostOf: true } })
    for (const row of rows) {
      const media = [...((row.media ?? []) as ChatMedia[]), ...(((row.repostOf as { media?: ChatMedia[] } | null)?.media ?? []) as ChatMedia[])]
      for (const entry of media) if (entry.url && isStoredImage(entry.stored)) known.set(entry.url, entry.stored)
    }
  }

  const postsByUrl = new Map<string, string[]>()
  for (const owner of wanted) {
    for (const media of owner.media) {
      if (!media.url || !KEPT_TYPES.has(media.type)) continue
      postsByUrl.set(media.url, [...(postsByUrl.get(media.url) ?? []), owner.postId])
    }
  }

  const stored = new Map<string, StoredImage>()
  const problems: ImportProblem[] = []
  const newlyStored: string[] = []
  let downloaded = 0
  const store = imageStore()
  await eachLimited([...postsByUrl.keys()], options.concurrency ?? 3, async url => {
    const id = archivedPhotoId(url)
    const earlier = known.get(url)
    // Recorded and still there (an archive deleted since may have taken it).
    if (earlier?.id === id && (await store.list(`${id}/`)).length > 0) return void stored.set(url, earlier)
    try {
      const found = await findStored(id)
      if (found) return void stored.set(url, found)
      const bytes = await downloadPhoto(url, options)
      downloaded += 1
      const image = await prepareImage(bytes, url, id)
      await storeVariants(image)
      newlyStored.push(id)
      stored.set(url, { id, extension: image.extension, width: image.width, height: image.height })
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      const postIds = [...new Set(postsByUrl.get(url))]
      problems.push({
        source: 'photos',
        detail: `A photo in post ${postIds.join(', ')} was not archived, so the post shows only its description: ${reason}`,
        resourceId: url,
        postIds,
      })
    }
  })

  const withStored = (owner: { media: ChatMedia[]; authorXId: string }) =>
    owner.media.map(media => {
      const image = media.url && !redacted.has(owner.authorXId) ? stored.get(media.url) : undefined
      return image ? { ...media, stored: image } : media
    })
  return {
    posts: posts.map(post => ({
      ...post,
      media: withStored(post),
      ...(post.repostOf ? { repostOf: { ...post.repostOf, media: withStored(post.repostOf) } } : {}),
    })),
    problems: problems.sort((a, b) => (a.resourceId ?? '').localeCompare(b.resourceId ?? '')),
    newlyStored,
    counts: { archived: stored.size, downloaded, failed: problems.length, milliseconds: Math.round(performance.now() - started) },
  }
}

const withoutStored = (media: ChatMedia[]) => media.map(({ stored: _stored, ...rest }) => rest)
const storedIds = (media: ChatMedia[] | undefined) => (media ?? []).flatMap(entry => (entry.stored ? [entry.stored.id] : []))

/**
 * Redaction: a participant's photos leave storage, and their posts' media no longer name them
 * (the descriptions stay, hidden like the rest of the post). Their retweeted originals count too.
 * Files go first: should clearing the entries fail, saving the participant again finishes the job.
 */
export async function removeParticipantPhotos(prisma: Context['prisma'], participant: { id: string; xUserId: string }) {
  const own = await prisma.chatMessage.findMany({ where: { authorId: participant.id }, select: { id: true, media: true } })
  const retweets = (await prisma.chatMessage.findMany({ where: { kind: 'retweet', NOT: { authorId: participant.id } }, select: { id: true, repostOf: true } })).filter(
    row => (row.repostOf as { authorXId?: string } | null)?.authorXId === participant.xUserId
  )
  const ownWithPhotos = own.filter(row => storedIds(row.media as ChatMedia[]).length > 0)
  const retweetsWithPhotos = retweets.filter(row => storedIds((row.repostOf as { media?: ChatMedia[] }).media).length > 0)
  const ids = [
    ...new Set([
      ...ownWithPhotos.flatMap(row => storedIds(row.media as ChatMedia[])),
      ...retweetsWithPhotos.flatMap(row => storedIds((row.repostOf as { media?: ChatMedia[] }).media)),
    ]),
  ]
  if (ids.length === 0) return
  await imageStore().deleteImages(ids)
  for (const row of ownWithPhotos) await prisma.chatMessage.update({ where: { id: row.id }, data: { media: withoutStored(row.media as ChatMedia[]) } })
  for (const row of retweetsWithPhotos) {
    const repostOf = row.repostOf as { media: ChatMedia[] }
    await prisma.chatMessage.update({ where: { id: row.id }, data: { repostOf: { ...repostOf, media: withoutStored(repostOf.media) } } })
  }
}

/**
 * Of these images, those a post of another archive also shows (a photo retweeted into a later
 * chat has the same address, so the same id). The media columns are JSON text on SQLite and
 * jsonb on PostgreSQL (which writes `"id": "…"` with a space): searched as text for the quoted
 * id, a 24-character hash found nowhere else. LIKE's `_` matching any character can only keep a
 * file, never remove one.
 */
async function usedByOtherArchives(prisma: Context['prisma'], archiveId: string, ids: string[]): Promise<Set<string>> {
  const postgres = env.database.provider === 'postgresql'
  const media = postgres ? `CAST("media" AS TEXT) || COALESCE(CAST("repostOf" AS TEXT), '')` : `"media" || COALESCE("repostOf", '')`
  const [archive, pattern] = postgres ? ['$1', '$2'] : ['?', '?']
  const used = new Set<string>()
  for (const id of ids) {
    const rows = await prisma.$queryRawUnsafe<unknown[]>(
      `SELECT 1 FROM "ChatMessage" WHERE "archive" <> ${archive} AND ${media} LIKE ${pattern} LIMIT 1`,
      archiveId,
      `%"${id}"%`
    )
    if (rows.length) used.add(id)
  }
  return used
}

/** Deleting an archive: its posts' photos leave storage and their entries, before the archive goes. */
export async function removeArchivePhotos(prisma: Context['prisma'], archiveId: string) {
  const rows = await prisma.chatMessage.findMany({ where: { archiveId }, select: { id: true, media: true, repostOf: true } })
  const withPhotos = rows.filter(row => storedIds(row.media as ChatMedia[]).length + storedIds((row.repostOf as { media?: ChatMedia[] } | null)?.media).length > 0)
  const ids = [...new Set(withPhotos.flatMap(row => [...storedIds(row.media as ChatMedia[]), ...storedIds((row.repostOf as { media?: ChatMedia[] } | null)?.media)]))]
  if (ids.length === 0) return
  const shared = await usedByOtherArchives(prisma, archiveId, ids)
  await imageStore().deleteImages(ids.filter(id => !shared.has(id)))
  for (const row of withPhotos) {
    const repostOf = row.repostOf as { media?: ChatMedia[] } | null
    await prisma.chatMessage.update({
      where: { id: row.id },
      data: { media: withoutStored(row.media as ChatMedia[]), ...(repostOf?.media ? { repostOf: { ...repostOf, media: withoutStored(repostOf.media) } } : {}) },
    })
  }
}
