import type { Context } from '../../server/keystone.server'
import { slugify } from '../../domain/slug.server'
import { chatEnd } from '../../domain/schedule'
import { imageStore } from '../images/image-store.server'
import { archivePhotos, type PhotoDownloadOptions } from './photos.server'
import { batchFromFiles, selectChatPosts, type ImportBatch, type ImportFile, type LeftOut } from './sources.server'
import { ChatImportRefused, refusePostsOfOtherArchives, storeChatImport, storedNetworks, type ArchiveSource, type ImportSummary } from './store.server'
import { configuredFetcher, type NetworkFetch } from './networks.server'
import type { FetchHooks } from './fetch-hooks.server'
import { PLATFORM_NAMES, type Platform } from '../../domain/networks'
import { hashtagText } from '../../domain/hashtag'

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
  /** Files to read; without them the chat is fetched from its networks. */
  files?: ImportFile[]
  /** The networks to gather the hashtag from, into one archive; X alone when not given. */
  networks?: Platform[]
  /** The Mastodon servers whose hashtag timeline is read (each sees only what reached it). */
  mastodonServers?: string[]
  /** How X is read: the configured API unless a caller (the CLI, a test) gives its own. */
  fetchFromApi?: (request: { query: string; start: Date; end: Date }) => Promise<ImportBatch>
  /** How Bluesky and Mastodon are read: the configured clients unless a caller gives its own. */
  fetchers?: Partial<Record<Exclude<Platform, 'x'>, NetworkFetch>>
  /** Progress of each network's fetch, for the desk and the CLI. */
  fetchHooks?: (platform: Platform) => FetchHooks
  /** Asks X which of the archive's posts are gone, so they leave the archive too. */
  findUnavailable?: (ids: string[]) => Promise<string[]>
  onProgress?: (stored: number, total: number) => void
  /** Once the posts are read, before anything is written. */
  onFetched?: (posts: number) => Promise<void>
  /** The topic announcement to link the archive to. */
  topicId?: string
  /** How the chat's photos are downloaded (tests and staging give the agent that trusts their server). */
  photos?: PhotoDownloadOptions
}

function defaultArchiveTitle(hashtag: string, start: Date) {
  const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(start)
  return `${hashtagText(hashtag)} chat, ${day}`
}

export async function importChat(context: Context, request: ChatImportRequest): Promise<ImportSummary> {
  if (!(request.start < request.end)) {
    throw new Error(`The chat window is empty: --start ${request.start.toISOString()} is not before --end ${request.end.toISOString()}`)
  }
  const hashtag = hashtagText(request.hashtag)
  let batch: ImportBatch
  let source: ArchiveSource
  const networks: Platform[] = request.files?.length ? ['x'] : [...new Set(request.networks?.length ? request.networks : ['x' as const])]
  if (request.files?.length) {
    const read = batchFromFiles(request.files)
    batch = read
    source = read.source
  } else {
    batch = await fetchFromNetworks(hashtag, networks, request)
    source = networks.length > 1 ? 'networks' : networks[0] === 'x' ? 'x-api' : networks[0]
  }
  const chat = selectChatPosts(batch, hashtag, request.start, request.end)
  if (!request.files?.length && chat.posts.length === 0) {
    const where = networks.map(network => PLATFORM_NAMES[network]).join(', ')
    throw new ChatImportRefused(
      `No posts with ${hashtag} were found on ${where} between ${request.start.toISOString()} and ${request.end.toISOString()}: nothing was archived. Check the hashtag's spelling and the chat's window.`
    )
  }
  await request.onFetched?.(chat.posts.length)
  const title = request.title ?? defaultArchiveTitle(hashtag, request.start)
  const slug = request.slug ?? slugify(title)
  let deletedIds = request.deletedIds ?? []
  if (request.findUnavailable) {
    const stored = await context.prisma.chatMessage.findMany({ where: { archive: { slug } }, select: { xId: true } })
    // X is asked about its own posts only: the other networks' ids are addresses, not numbers.
    const candidates = [...new Set([...stored.map(row => row.xId), ...chat.posts.map(post => post.xId)])].filter(id => /^\d+$/.test(id))
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
  // Before any photo is downloaded; storeChatImport checks again inside its transaction.
  await refusePostsOfOtherArchives(context.prisma, slug, chat.posts)
  // Before the transaction: downloads are slow and SQLite has one writer. What this import stored
  // goes again if the rows are not written, so a failed import leaves no half archive behind.
  const photos = await archivePhotos(context.prisma, chat.posts, request.photos)
  try {
    const summary = await storeChatImport(
      context,
      { ...chat, posts: photos.posts, problems: [...chat.problems, ...photos.problems], leftOut },
      {
        slug,
        title,
        hashtag,
        windowStart: request.start,
        windowEnd: request.end,
        source,
        hostHandles: request.hosts,
        deletedIds,
        topicId: request.topicId,
        networks,
        mastodonServers: networks.includes('mastodon') ? request.mastodonServers : undefined,
      },
      request.onProgress
    )
    return { ...summary, photos: photos.counts }
  } catch (error) {
    await imageStore()
      .deleteImages(photos.newlyStored)
      .catch(cleanup => console.error(`Photos stored by a failed import could not be removed from ${imageStore().description}:`, cleanup))
    throw error
  }
}

type FetchFromApi = NonNullable<ChatImportRequest['fetchFromApi']>

/** A caller's own reader (the CLI's X search, a test's fake) before the one the environment configures. */
function readerFor(network: Platform, { fetchFromApi, fetchers }: ChatImportRequest): NetworkFetch {
  if (network !== 'x') return fetchers?.[network] ?? configuredFetcher(network)
  return fetchFromApi ? ({ hashtag, start, end }) => fetchFromApi({ query: hashtag, start, end }) : configuredFetcher('x')
}

/**
 * Every network's posts with the hashtag in the window, as one batch. All are read before anything
 * is written: a network that fails halfway fails the import, naming the network, and nothing is kept.
 */
async function fetchFromNetworks(hashtag: string, networks: Platform[], request: ChatImportRequest): Promise<ImportBatch> {
  const batches: ImportBatch[] = []
  for (const network of networks) {
    const hooks = request.fetchHooks?.(network) ?? {}
    try {
      batches.push(await readerFor(network, request)({ hashtag, start: request.start, end: request.end, servers: request.mastodonServers ?? [] }, hooks))
    } catch (error) {
      if (networks.length === 1 || error instanceof ChatImportRefused) throw error
      throw new Error(`${PLATFORM_NAMES[network]}: ${error instanceof Error ? error.message : String(error)} Nothing was archived from any network.`, { cause: error })
    }
  }
  if (batches.length === 1) return batches[0]
  // A source without search matches has its posts kept by their hashtag, as always.
  const matched = batches.flatMap(batch => [...(batch.matchedIds ?? [])])
  return {
    posts: batches.flatMap(batch => batch.posts),
    participants: batches.flatMap(batch => batch.participants),
    problems: batches.flatMap(batch => batch.problems),
    matchedIds: new Set(matched),
  }
}

/** The Admin UI's "Import again": the archive's own hashtag, window, networks and servers, fetched again as the CLI would. */
export async function importArchiveAgain(context: Context, archiveId: string): Promise<ImportSummary> {
  const archive = await context.prisma.chatArchive.findUniqueOrThrow({ where: { id: archiveId } })
  const networks = storedNetworks(archive.networks)
  return importChat(context, {
    hashtag: archive.hashtag,
    start: archive.windowStart,
    end: archive.windowEnd,
    title: archive.title,
    slug: archive.slug,
    networks,
    mastodonServers: mastodonServersOf(archive.mastodonServers),
  })
}

/** The servers an archive names; none leaves the choice to the site's settings (MASTODON_SERVERS). */
const mastodonServersOf = (named: string) => named.split(/[\s,]+/).filter(Boolean)

/** Exported files added to an archive that exists, in its own hashtag and window. */
export async function importFilesIntoArchive(context: Context, archiveId: string, files: ImportFile[]): Promise<ImportSummary> {
  const archive = await context.prisma.chatArchive.findUnique({ where: { id: archiveId } })
  if (!archive) throw new ChatImportRefused(`Archive: there is no chat archive with id "${archiveId}".`)
  return importChat(context, { hashtag: archive.hashtag, start: archive.windowStart, end: archive.windowEnd, title: archive.title, slug: archive.slug, files })
}

type TopicTiming = { chatStart: Date | null; durationMinutes: number | null }

/**
 * A topic's chat as announced: from its start for its duration. No margin, as the CLI takes none:
 * a late answer falls outside and is counted as left out; the editor widens the archive's window
 * and imports again.
 */
function topicChatWindow(topic: TopicTiming): { start: Date; end: Date } | null {
  if (!topic.chatStart) return null
  return { start: topic.chatStart, end: chatEnd({ chatStart: topic.chatStart, durationMinutes: topic.durationMinutes ?? 60 }) }
}

export const topicChatHasEnded = (topic: TopicTiming, now = new Date()) => {
  const window = topicChatWindow(topic)
  return window !== null && window.end <= now
}

/** The handles in a topic's host line, e.g. "Sam Patel (@sampatel) and @cohost" → sampatel, cohost. */
const handlesIn = (text: string) => [...text.matchAll(/@([\w.-]+(?:@[\w.-]+)?)/g)].map(match => match[1].replace(/[.-]+$/, ''))

/**
 * The Admin UI's "Archive this chat" on a topic whose chat has ended: a new archive with the
 * topic's title, address, hashtag and window, linked to the topic, filled from the X API.
 */
export async function archiveTopicChat(
  context: Context,
  topicId: string,
  {
    fetchFromApi,
    fetchers,
    networks: chosen,
    now = new Date(),
  }: {
    fetchFromApi?: FetchFromApi
    fetchers?: ChatImportRequest['fetchers']
    /** The networks the editor ticked; the topic's own otherwise. */
    networks?: Platform[]
    now?: Date
  } = {}
): Promise<ImportSummary> {
  const topic = await context.prisma.topicAnnouncement.findUnique({
    where: { id: topicId },
    select: {
      id: true,
      title: true,
      slug: true,
      hashtag: true,
      host: true,
      networks: true,
      chatStart: true,
      durationMinutes: true,
      chatArchive: { select: { title: true } },
    },
  })
  if (!topic) throw new ChatImportRefused(`There is no topic announcement with id "${topicId}".`)
  if (topic.chatArchive) {
    throw new ChatImportRefused(`“${topic.title}” already has a chat archive, “${topic.chatArchive.title}”: use its Import again to fetch it again.`)
  }
  const window = topicChatWindow(topic)
  if (!window) throw new ChatImportRefused(`“${topic.title}” has no chat start: set Chat starts first.`)
  if (!topicChatHasEnded(topic, now)) {
    throw new ChatImportRefused(`The chat “${topic.title}” ends at ${window.end.toISOString()}: archive it once it has ended.`)
  }
  if (!topic.hashtag) throw new ChatImportRefused(`“${topic.title}” has no hashtag: set Hashtag first.`)
  const taken = await context.prisma.chatArchive.findUnique({ where: { slug: topic.slug }, select: { title: true } })
  if (taken) {
    throw new ChatImportRefused(`The address /archives/${topic.slug} is already taken by the archive “${taken.title}”: link that archive to the topic instead.`)
  }
  const hosts = handlesIn(topic.host)
  const networks = chosen?.length ? chosen : storedNetworks(topic.networks)
  const progress = topicArchiveProgress(context, topic.id)
  try {
    return await importChat(context, {
      hashtag: topic.hashtag,
      ...window,
      title: topic.title,
      slug: topic.slug,
      hosts: hosts.length ? hosts : undefined,
      networks: networks.length ? networks : ['x'],
      fetchFromApi,
      fetchers,
      fetchHooks: progress.hooks,
      onFetched: progress.fetched,
      topicId: topic.id,
    })
  } finally {
    await progress.finish()
  }
}

/** How far a desk's "Archive this chat" has got, as the desk shows it. */
export type ArchiveProgress =
  | { phase: 'fetching'; network: string; pages: number; posts: number }
  | { phase: 'waiting'; network: string; secondsLeft: number }
  | { phase: 'storing'; posts: number }
  | { phase: 'finished' }

/**
 * Progress kept on the topic's row, so the desk can poll it through any process. Written in order,
 * and all written before the import's transaction opens: SQLite has one writer, and a progress
 * write waiting behind the transaction it belongs to would wait for ever.
 */
function topicArchiveProgress(context: Context, topicId: string) {
  let written = Promise.resolve()
  const report = (progress: ArchiveProgress) => {
    written = written.then(() => context.prisma.topicAnnouncement.update({ where: { id: topicId }, data: { archiveProgress: progress } })).then(
      () => {},
      () => {}
    )
    return written
  }
  return {
    hooks: (platform: Platform): FetchHooks => ({
      onPage: ({ pages, posts }) => void report({ phase: 'fetching', network: PLATFORM_NAMES[platform], pages, posts }),
      onRateLimitWait: ({ secondsLeft }) => void report({ phase: 'waiting', network: PLATFORM_NAMES[platform], secondsLeft }),
    }),
    fetched: (posts: number) => report({ phase: 'storing', posts }),
    finish: () => report({ phase: 'finished' }),
  }
}
