import { env } from '../../server/env.server'
import type { Context } from '../../server/keystone.server'
import { slugify } from '../../domain/slug.server'
import { batchFromFiles, selectChatPosts, type ImportBatch, type ImportFile, type LeftOut } from './sources.server'
import { storeChatImport, type ImportSummary } from './store.server'
import { fetchChatFromXApi } from './x-api.server'

// One import, whatever its source: the CLI (scripts/import.ts) and the Admin UI action both come
// through here, so they read, select, store and analyse a chat the same way.

export type ChatImportRequest = {
  hashtag: string
  start: Date
  end: Date
  title?: string
  slug?: string
  hosts?: string[]
  deletedIds?: string[]
  /** Files to read; without them the chat is fetched from the X API. */
  files?: ImportFile[]
  fetchFromApi?: (request: { query: string; start: Date; end: Date }) => Promise<ImportBatch>
  /** Asks X which of the archive's posts are gone, so they leave the archive too. */
  findUnavailable?: (ids: string[]) => Promise<string[]>
  onProgress?: (stored: number, total: number) => void
}

function defaultArchiveTitle(hashtag: string, start: Date) {
  const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(start)
  return `${hashtag.startsWith('#') ? hashtag : `#${hashtag}`} chat, ${day}`
}

export async function importChat(context: Context, request: ChatImportRequest): Promise<ImportSummary> {
  if (!(request.start < request.end)) {
    throw new Error(`The chat window is empty: --start ${request.start.toISOString()} is not before --end ${request.end.toISOString()}`)
  }
  const hashtag = request.hashtag.startsWith('#') ? request.hashtag : `#${request.hashtag}`
  let batch: ImportBatch
  let source: 'x-api' | 'archive-export'
  if (request.files?.length) {
    const read = batchFromFiles(request.files)
    batch = read
    source = read.source
  } else if (request.fetchFromApi) {
    batch = await request.fetchFromApi({ query: hashtag, start: request.start, end: request.end })
    source = 'x-api'
  } else {
    throw new Error('Nothing to import: give export files, or configure X_BEARER_TOKEN to fetch from the X API.')
  }
  const chat = selectChatPosts(batch, hashtag, request.start, request.end)
  const title = request.title ?? defaultArchiveTitle(hashtag, request.start)
  const slug = request.slug ?? slugify(title)
  let deletedIds = request.deletedIds ?? []
  if (request.findUnavailable) {
    const stored = await context.prisma.chatMessage.findMany({ where: { archive: { slug } }, select: { xId: true } })
    const candidates = [...new Set([...stored.map(row => row.xId), ...chat.posts.map(post => post.xId)])]
    deletedIds = [...deletedIds, ...(await request.findUnavailable(candidates))]
  }
  let leftOut: LeftOut[] = chat.leftOut
  if (deletedIds.length) {
    // A post that is gone is neither stored again nor kept.
    const gone = new Set(deletedIds)
    const goneFromBatch = chat.posts.filter(post => gone.has(post.xId)).map(post => post.xId)
    chat.posts = chat.posts.filter(post => !gone.has(post.xId))
    if (goneFromBatch.length) leftOut = [...leftOut, { reason: 'deleted', postIds: goneFromBatch }]
  }
  return storeChatImport(
    context,
    { ...chat, leftOut },
    {
      slug,
      title,
      hashtag,
      windowStart: request.start,
      windowEnd: request.end,
      source,
      hostHandles: request.hosts,
      deletedIds,
    },
    request.onProgress
  )
}

/** The Admin UI's "Import from X": the archive's own hashtag and window, fetched again as the CLI would. */
export async function importArchiveFromX(context: Context, archiveId: string): Promise<ImportSummary> {
  const archive = await context.prisma.chatArchive.findUniqueOrThrow({ where: { id: archiveId } })
  return importChat(context, {
    hashtag: archive.hashtag,
    start: archive.windowStart,
    end: archive.windowEnd,
    title: archive.title,
    slug: archive.slug,
    fetchFromApi: request => fetchChatFromXApi({ ...request, fullArchive: env.X_SEARCH_ALL === 'true' }),
  })
}
