import { randomUUID } from 'node:crypto'
import { isDeepStrictEqual } from 'node:util'

import { analyseChat, type ChatPost, type ChatStats } from '../../domain/chat-analysis'
import { readChatPosts } from '../archive/chat-posts.server'
import { findPatientDetails } from '../../domain/confidentiality'
import { env } from '../../server/env.server'
import { contentChanged } from '../../server/content-changes.server'
import type { Context } from '../../server/keystone.server'
import { itemKey, listKey } from '../../server/surrogate-keys.server'
import { isPlatform, parseHandles, type Platform } from '../../domain/networks'
import type { PhotoCounts } from './photos.server'
import { describeLeftOut, type ChatParticipant, type ImportBatch, type ImportProblem, type LeftOut } from './sources.server'

// Stores an import in bulk through Prisma, in ONE transaction: participants and posts are
// upserted by X id in batches (never one Keystone mutation per post), deleted posts removed, and
// the archive's analysis recomputed from everything it now holds. A failure anywhere rolls
// everything back, so a crash or a bad file leaves the database as it was.

/** Where an import's posts came from, as the archive's `source` records it. */
export type ArchiveSource = 'x-api' | 'archive-export' | 'manual' | 'bluesky' | 'mastodon' | 'networks'

export type ArchiveTarget = {
  slug: string
  title: string
  hashtag: string
  windowStart: Date
  windowEnd: Date
  source: ArchiveSource
  /** Handles of the host and co-hosts; otherwise the archive's own setting, or inferred. */
  hostHandles?: string[]
  /** X ids to remove from the archive (deleted at the author's request). */
  deletedIds?: string[]
  /** The topic announcement whose chat this is, linked in the same transaction. */
  topicId?: string
  /** The networks this import read; the archive remembers every network it has gathered from. */
  networks: Platform[]
  /** The Mastodon servers it read, remembered for the next import. */
  mastodonServers?: string[]
}

export type ImportSummary = {
  archiveId: string
  slug: string
  hashtag: string
  created: number
  updated: number
  unchanged: number
  removed: number
  participants: number
  questions: number
  stats: ChatStats
  problems: ImportProblem[]
  /** Posts the source gave that the archive does not keep, by reason. */
  leftOut: LeftOut[]
  /** Writing the rows and the analysis; photos are fetched before, and timed in `photos`. */
  milliseconds: number
  /** Set by importChat, which archives the photos before the rows are written. */
  photos?: PhotoCounts
}

type Progress = (stored: number, total: number) => void

const CHUNK = 500

/** An archive's or topic's `networks` column as the networks it names. */
export const storedNetworks = (value: unknown): Platform[] => (Array.isArray(value) ? value.filter(isPlatform) : [])

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const result: T[][] = []
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size))
  return result
}

// As JSON would store them (no undefined), compared by value: PostgreSQL's jsonb reorders keys.
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value ?? null))
const sameJson = (a: unknown, b: unknown) => isDeepStrictEqual(asJson(a), asJson(b))

export async function storeChatImport(
  context: Context,
  batch: ImportBatch & { leftOut?: LeftOut[] },
  target: ArchiveTarget,
  onProgress: Progress = () => {}
): Promise<ImportSummary> {
  const started = performance.now()
  const prisma = context.prisma
  const leftOut = batch.leftOut ?? []
  // Editors see these beside the archive in the Admin UI, with the API's own partial errors.
  const problems: ImportProblem[] = [
    ...batch.problems,
    ...leftOut.map(group => ({ source: 'chat selection', detail: describeLeftOut(group, target.hashtag), postIds: group.postIds })),
  ]
  const summary = await prisma.$transaction(
    async tx => {
      // Checked again inside the transaction: another import may have committed since importChat's check.
      await refusePostsOfOtherArchives(tx, target.slug, batch.posts)
      const existingArchive = await tx.chatArchive.findUnique({ where: { slug: target.slug } })
      const archive =
        existingArchive ??
        (await tx.chatArchive.create({
          data: {
            slug: target.slug,
            title: target.title,
            hashtag: target.hashtag,
            windowStart: target.windowStart,
            windowEnd: target.windowEnd,
            source: target.source,
            hostHandles: (target.hostHandles ?? []).map(handle => `@${handle.replace(/^@/, '')}`).join(' '),
            topicId: target.topicId,
            networks: target.networks,
            mastodonServers: (target.mastodonServers ?? []).join(' '),
          },
        }))

      const participantIds = await upsertParticipants(tx, batch.participants)

      let created = 0
      let updated = 0
      let unchanged = 0
      const total = batch.posts.length
      for (const slice of chunks(batch.posts)) {
        const existing = await tx.chatMessage.findMany({
          where: { xId: { in: slice.map(post => post.xId) } },
          select: { id: true, xId: true, text: true, editedAt: true, metrics: true, media: true, repostOf: true, archiveId: true, authorId: true },
        })
        const byXId = new Map(existing.map(row => [row.xId, row]))
        const fresh = slice.filter(post => !byXId.has(post.xId))
        if (fresh.length > 0) {
          await insertMessages(tx, fresh, archive.id, participantIds)
          created += fresh.length
        }
        for (const post of slice) {
          const row = byXId.get(post.xId)
          if (!row) continue
          const authorId = participantIds.get(post.authorXId) ?? row.authorId
          // Re-imports refresh metrics, edits, photos and retweets' originals; an unchanged post costs no write.
          const editedAt = post.editedAt ? new Date(post.editedAt) : null
          if (
            row.text === post.text &&
            (row.editedAt?.getTime() ?? null) === (editedAt?.getTime() ?? null) &&
            sameJson(row.metrics, post.metrics) &&
            sameJson(row.media, post.media) &&
            (!post.repostOf || sameJson(row.repostOf, post.repostOf)) &&
            row.archiveId === archive.id &&
            row.authorId === authorId
          ) {
            unchanged += 1
            continue
          }
          await tx.chatMessage.update({
            where: { id: row.id },
            data: {
              text: post.text,
              editedAt,
              metrics: post.metrics,
              media: post.media,
              // An original once known is kept when a later source (an export, say) lacks it.
              ...(post.repostOf ? { repostOf: post.repostOf } : {}),
              archiveId: archive.id,
              authorId,
              confidentialityFlag: confidentialityFlag(post.text),
            },
          })
          updated += 1
        }
        onProgress(created + updated + unchanged, total)
      }

      const removed = target.deletedIds?.length
        ? (await tx.chatMessage.deleteMany({ where: { archiveId: archive.id, xId: { in: target.deletedIds } } })).count
        : 0

      // Everything the archive now holds, old imports included, is analysed afresh.
      const analysis = await analyseStoredArchive(tx, archive, target.hostHandles)
      const { stats, ...derived } = analysis
      await tx.chatArchive.update({
        where: { id: archive.id },
        data: {
          stats,
          analysis: derived,
          importProblems: problems,
          importedAt: new Date(),
          source: target.source,
          ...(target.topicId ? { topicId: target.topicId } : {}),
          // Every network the archive has gathered from, so Import again reads them all.
          networks: [...new Set([...storedNetworks(archive.networks), ...target.networks])],
          ...(target.mastodonServers?.length ? { mastodonServers: target.mastodonServers.join(' ') } : {}),
        },
      })
      return {
        archiveId: archive.id,
        slug: archive.slug,
        hashtag: archive.hashtag,
        created,
        updated,
        unchanged,
        removed,
        participants: batch.participants.length,
        questions: analysis.questions.length,
        stats,
        problems: batch.problems,
        leftOut,
        milliseconds: Math.round(performance.now() - started),
      }
    },
    { timeout: 10 * 60 * 1000, maxWait: 60 * 1000 }
  )
  // Written around Keystone's hooks, so announced here, once committed. Participants are shared
  // by every archive they spoke in. A linked topic's page and the last chat link to the archive.
  contentChanged([
    itemKey('archive', summary.archiveId),
    listKey('archive'),
    'participants',
    ...(target.topicId ? [itemKey('topic', target.topicId), listKey('topic')] : []),
  ])
  return summary
}

type Transaction = Parameters<Parameters<Context['prisma']['$transaction']>[0]>[0]

/** What an editor asked for that cannot be done; the message says why, and nothing was written. */
export class ChatImportRefused extends Error {
  name = 'ChatImportRefused'
}

const IDS_NAMED = 20

/**
 * A post belongs to one archive (`xId` is unique, `archive` to-one). Taking a post another archive
 * holds would move it silently and leave that archive's numbers, pages and exports disagreeing, so
 * the import is refused, naming each archive and the posts it holds. Posts in no archive are adopted.
 */
export async function refusePostsOfOtherArchives(db: Pick<Transaction, 'chatMessage'>, slug: string, posts: Pick<ChatPost, 'xId'>[]) {
  const held = new Map<string, { title: string; slug: string; postIds: string[] }>()
  for (const slice of chunks([...new Set(posts.map(post => post.xId))])) {
    const rows = await db.chatMessage.findMany({
      where: { xId: { in: slice }, archive: { slug: { not: slug } } },
      select: { xId: true, archive: { select: { id: true, title: true, slug: true } } },
    })
    for (const { xId, archive } of rows) {
      if (!archive) continue
      const entry = held.get(archive.id) ?? { title: archive.title, slug: archive.slug, postIds: [] }
      entry.postIds.push(xId)
      held.set(archive.id, entry)
    }
  }
  if (held.size === 0) return
  const named = [...held.values()].map(({ title, slug: other, postIds }) => {
    const ids = postIds.sort()
    const more = ids.length > IDS_NAMED ? ` and ${ids.length - IDS_NAMED} more` : ''
    return `the archive “${title}” (/archives/${other}) already holds ${ids.length === 1 ? 'post' : `${ids.length} posts`} ${ids.slice(0, IDS_NAMED).join(', ')}${more}`
  })
  throw new ChatImportRefused(
    `Nothing was imported into /archives/${slug}: ${named.join('; ')}. A post belongs to one archive: import into that archive, or leave its posts out of the file or the chat's window.`
  )
}

const MESSAGE_COLUMNS = ['id', 'platform', 'xId', 'url', 'editedAt', 'archive', 'author', 'text', 'postedAt', 'kind', 'inReplyToId', 'conversationId', 'referencedId', 'entities', 'media', 'metrics', 'repostOf', 'confidentialityFlag']

/** Imported posts get the same patient-details check as comments, flagged for editors. */
const confidentialityFlag = (text: string) => findPatientDetails(text).map(finding => finding.reason).join(' ')

/**
 * A DateTime as Prisma's adapter stores it, so raw rows sort and compare with the rest: text with
 * an offset on SQLite; on PostgreSQL the UTC time, whose `Z` a timestamp column takes as UTC.
 */
const storedDateTime = (iso: string) =>
  env.database.provider === 'sqlite' ? new Date(iso).toISOString().replace('Z', '+00:00') : new Date(iso).toISOString()

/** The n-th (0-based) bound value in a raw statement, in the database's own syntax. */
const placeholder = (index: number) => (env.database.provider === 'postgresql' ? `$${index + 1}` : '?')

/**
 * New posts as one multi-row INSERT per batch, through Prisma's raw API in the same transaction.
 * Measured on 10,000 posts (bench/import.ts): 0.5 s, against 3.4 s for `createMany`, whose
 * per-row query compilation dominates. Columns are the ones Keystone maps in schema.prisma.
 */
async function insertMessages(tx: Transaction, posts: ChatPost[], archiveId: string, participantIds: Map<string, string>) {
  const values: unknown[] = []
  for (const post of posts) {
    values.push(
      randomUUID(),
      post.platform,
      post.xId,
      post.url ?? '',
      post.editedAt ? storedDateTime(post.editedAt) : null,
      archiveId,
      participantIds.get(post.authorXId) ?? null,
      post.text,
      storedDateTime(post.postedAt),
      post.kind,
      post.inReplyToId,
      post.conversationId,
      post.referencedId,
      JSON.stringify(post.entities),
      JSON.stringify(post.media),
      JSON.stringify(post.metrics),
      post.repostOf ? JSON.stringify(post.repostOf) : null,
      confidentialityFlag(post.text)
    )
  }
  const width = MESSAGE_COLUMNS.length
  const rows = posts.map((_, row) => `(${MESSAGE_COLUMNS.map((_, column) => placeholder(row * width + column)).join(', ')})`)
  await tx.$executeRawUnsafe(
    `INSERT INTO "ChatMessage" (${MESSAGE_COLUMNS.map(column => `"${column}"`).join(', ')}) VALUES ${rows.join(', ')}`,
    ...values
  )
}

/** Creates new participants and refreshes names; never touches `redacted`, so redaction survives re-imports. */
async function upsertParticipants(tx: Transaction, participants: ChatParticipant[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>()
  for (const slice of chunks(participants)) {
    const existing = await tx.participant.findMany({
      where: { xUserId: { in: slice.map(person => person.xUserId) } },
      select: { id: true, xUserId: true, handle: true, displayName: true, avatarUrl: true, profileUrl: true },
    })
    const byXId = new Map(existing.map(row => [row.xUserId, row]))
    const fresh = slice.filter(person => !byXId.has(person.xUserId))
    if (fresh.length) await tx.participant.createMany({ data: fresh.map(person => ({ ...person, profileUrl: person.profileUrl ?? '' })) })
    for (const person of slice) {
      const row = byXId.get(person.xUserId)
      const profileUrl = person.profileUrl ?? ''
      if (
        row &&
        (row.handle !== person.handle ||
          row.displayName !== person.displayName ||
          (person.avatarUrl && row.avatarUrl !== person.avatarUrl) ||
          (profileUrl && row.profileUrl !== profileUrl))
      ) {
        await tx.participant.update({
          where: { id: row.id },
          data: {
            handle: person.handle,
            displayName: person.displayName,
            ...(person.avatarUrl ? { avatarUrl: person.avatarUrl } : {}),
            ...(profileUrl ? { profileUrl } : {}),
          },
        })
      }
    }
    const all = await tx.participant.findMany({ where: { xUserId: { in: slice.map(person => person.xUserId) } }, select: { id: true, xUserId: true } })
    for (const row of all) ids.set(row.xUserId, row.id)
  }
  return ids
}

type StoredArchive = { id: string; hashtag: string; windowStart: Date; windowEnd: Date; hostHandles: string }

/**
 * The person behind each linked account, as editors linked them ("Same person as"): accounts
 * linked to each other, however the links run (chains, loops), are one person, named by the
 * smallest of their ids. An account linked to nobody is its own person and is not in the map.
 */
export async function peopleOf(tx: Pick<Transaction, 'participant'>): Promise<Map<string, string>> {
  const links = await tx.participant.findMany({
    where: { samePersonAsId: { not: null } },
    select: { xUserId: true, samePersonAs: { select: { xUserId: true } } },
  })
  const parent = new Map<string, string>()
  const find = (id: string): string => {
    const up = parent.get(id) ?? id
    if (up === id) return id
    const root = find(up)
    parent.set(id, root)
    return root
  }
  for (const { xUserId, samePersonAs } of links) {
    if (!samePersonAs) continue
    const [a, b] = [find(xUserId), find(samePersonAs.xUserId)]
    if (a !== b) parent.set(a < b ? b : a, a < b ? a : b)
  }
  return new Map([...new Set(links.flatMap(row => [row.xUserId, row.samePersonAs?.xUserId ?? row.xUserId]))].map(id => [id, find(id)]))
}

/**
 * An archive's questions, threads, links and statistics, from the posts it holds now: after an
 * import, and when an editor links one person's handles on several networks.
 */
async function analyseStoredArchive(tx: Transaction, archive: StoredArchive, hostHandles?: string[]) {
  const posts = await readChatPosts(tx, archive.id)
  const handles = hostHandles?.length ? hostHandles.map(h => h.replace(/^@/, '').toLowerCase()) : parseHandles(archive.hostHandles)
  const hostIds = handles.length
    ? (await tx.participant.findMany({ where: { handle: { in: handles.flatMap(h => [h, h.toLowerCase()]) } }, select: { xUserId: true, handle: true } }))
        .filter(person => handles.includes(person.handle.toLowerCase()))
        .map(person => person.xUserId)
    : []
  const earlier = await tx.chatMessage.findMany({
    where: { archive: { hashtag: archive.hashtag, windowStart: { lt: archive.windowStart } } },
    select: { author: { select: { xUserId: true } } },
    distinct: ['authorId'],
  })
  const personOf = await peopleOf(tx)
  const person = (id: string) => personOf.get(id) ?? id
  return analyseChat(posts, {
    hosts: hostIds,
    windowStart: archive.windowStart,
    windowEnd: archive.windowEnd,
    earlierContributors: new Set(earlier.flatMap(row => (row.author ? [person(row.author.xUserId)] : []))),
    personOf,
  })
}

/**
 * Counts again every archive a participant spoke in, once an editor has linked (or unlinked) their
 * handle to another network's: linked handles are one contributor, and a linked host asks questions
 * from any of them.
 */
export async function reanalyseArchivesOf(context: Context, participantIds: string[]): Promise<void> {
  const archives = await context.prisma.chatArchive.findMany({
    where: { messages: { some: { authorId: { in: participantIds } } } },
    select: { id: true, hashtag: true, windowStart: true, windowEnd: true, hostHandles: true },
  })
  if (archives.length === 0) return
  await context.prisma.$transaction(
    async tx => {
      for (const archive of archives) {
        const { stats, ...derived } = await analyseStoredArchive(tx, archive)
        await tx.chatArchive.update({ where: { id: archive.id }, data: { stats, analysis: derived } })
      }
    },
    { timeout: 10 * 60 * 1000, maxWait: 60 * 1000 }
  )
  contentChanged([...archives.map(archive => itemKey('archive', archive.id)), listKey('archive')])
}
