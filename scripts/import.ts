import fs from 'node:fs/promises'
import { parseArgs } from 'node:util'

import cliProgress from 'cli-progress'
import { z } from 'zod'

import { env } from '../app/server/env.server'
import { importChat } from '../app/features/chat-import/import.server'
import { describeLeftOut } from '../app/features/chat-import/sources.server'
import type { FetchHooks } from '../app/features/chat-import/fetch-hooks.server'
import { fetchChatFromXApi, findUnavailablePostsViaXApi } from '../app/features/chat-import/x-api.server'
import { PLATFORM_NAMES, PLATFORMS, type Platform } from '../app/domain/networks'
import { disconnectKeystoneContext, keystoneContext } from '../app/server/keystone.server'
import { applyMigrations } from '../app/server/migrations.server'
import { HASHTAG_EXAMPLE, HASHTAG_PATTERN } from '../app/domain/hashtag'

const HELP = `Archive a chat from X, Bluesky and Mastodon, or from exported X files.

Usage:
  npm run import -- --hashtag '#tag' --start ISO --end ISO [options] [FILE ...]

With FILE arguments the files are read: saved X API v2 response pages (one page, an array of
pages, or one page per line) or an X account archive export (data/tweets.js with its
data/account.js), detected by content. Without files the chat is fetched from each network
named by --platform (X by default) and gathered into one archive:
  x         the X API at X_API_BASE with X_BEARER_TOKEN
  bluesky   Bluesky's search at BLUESKY_SERVICE, signed in as BLUESKY_HANDLE with BLUESKY_APP_PASSWORD
  mastodon  the hashtag timeline of each --server (default MASTODON_SERVERS)

Options:
  --hashtag TAG      the chat's hashtag, with or without # (required)
  --start ISO        start of the chat window, inclusive, e.g. 2026-11-23T12:00:00Z (required)
  --end ISO          end of the chat window, exclusive (required)
  --title TEXT       the archive's title (default: "#tag chat, 23 November 2026")
  --slug SLUG        the archive's address (default: made from the title); importing again
                     into the same slug updates that archive
  --platform NAME    x, bluesky or mastodon; repeat to gather the chat from several networks
                     into one archive (default: x)
  --server HOST      a Mastodon server whose hashtag timeline is read, e.g. nhs.social; repeat
                     for several (each sees only the posts that reached it)
  --host HANDLE      the host or a co-host, whose "Q1 …" posts are the questions, on any
                     network (@mhc_host, @mhc.bsky.social, @mhc@nhs.social); repeat for
                     several (default: the archive's setting, or whoever posted the first Q1)
  --deleted FILE     post ids to remove from the archive, one per line or a JSON array
  --remove-deleted   ask the X API which of the archive's posts no longer exist (deleted,
                     suspended or protected) and remove them
  --search-all       use full-archive search (GET /2/tweets/search/all); the default comes from
                     X_SEARCH_ALL. Needs an account with full-archive access
  --search-recent    use recent search (GET /2/tweets/search/recent, the last 7 days only)
  --help             show this text

Examples:
  npm run import -- --hashtag '#mondayhealthchat' --start 2026-11-23T12:00:00Z \\
    --end 2026-11-23T13:00:00Z --host @mhc_host saved-pages.json
  npm run import -- --hashtag mondayhealthchat --start 2026-11-23T12:00:00Z \\
    --end 2026-11-23T13:00:00Z export/data/tweets.js export/data/account.js
  npm run import -- --hashtag mondayhealthchat --start 2026-11-23T12:00:00Z \\
    --end 2026-11-23T13:00:00Z --platform x --platform bluesky --platform mastodon \\
    --server mastodon.social --server nhs.social
`

const IsoDate = (flag: string) =>
  z.iso
    .datetime({ offset: true, error: `${flag} must be an ISO date and time with a zone, e.g. 2026-11-23T12:00:00Z` })
    .transform(value => new Date(value))

const ArgsSchema = z.object({
  hashtag: z.string({ error: '--hashtag is required' }).regex(HASHTAG_PATTERN, `--hashtag must be one hashtag, e.g. ${HASHTAG_EXAMPLE}`),
  start: IsoDate('--start'),
  end: IsoDate('--end'),
  title: z.string().min(1).optional(),
  slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, '--slug uses lowercase letters, digits and single hyphens').optional(),
  host: z
    .array(z.string().regex(/^@?(?:\w{1,15}|[\w-]+(?:\.[\w-]+)+|\w+@[\w-]+(?:\.[\w-]+)+)$/, '--host must be a handle: @mhc_host on X, @mhc.bsky.social on Bluesky, @mhc@nhs.social on Mastodon'))
    .optional(),
  platform: z.array(z.enum(PLATFORMS, { error: issue => `--platform ${String(issue.input)} is not a network: use x, bluesky or mastodon` })).optional(),
  server: z.array(z.string().regex(/^(?:https:\/\/)?[\w.-]+(?::\d+)?\/?$/, '--server must be a Mastodon server, e.g. nhs.social or https://nhs.social')).optional(),
  deleted: z.string().optional(),
  'remove-deleted': z.boolean().optional(),
  'search-all': z.boolean().optional(),
  'search-recent': z.boolean().optional(),
})

async function readDeletedIds(file: string): Promise<string[]> {
  const text = await fs.readFile(file, 'utf8').catch(error => {
    throw new Error(`--deleted ${file}: ${error.message}`)
  })
  const ids = text.trim().startsWith('[') ? (JSON.parse(text) as unknown[]).map(String) : text.split(/\s+/).filter(Boolean)
  const bad = ids.find(id => !/^\d{1,25}$/.test(id) && !/^at:\/\/\S+$/.test(id) && !/^https:\/\/\S+$/.test(id))
  if (bad) throw new Error(`--deleted ${file}: "${bad}" is not a post id (an X number, a Bluesky at:// URI or a Mastodon status URI)`)
  return ids
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      hashtag: { type: 'string' },
      start: { type: 'string' },
      end: { type: 'string' },
      title: { type: 'string' },
      slug: { type: 'string' },
      host: { type: 'string', multiple: true },
      platform: { type: 'string', multiple: true },
      server: { type: 'string', multiple: true },
      deleted: { type: 'string' },
      'remove-deleted': { type: 'boolean' },
      'search-all': { type: 'boolean' },
      'search-recent': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  })
  if (values.help) {
    process.stdout.write(HELP)
    return
  }
  const parsed = ArgsSchema.safeParse(values)
  if (!parsed.success) {
    throw new Error(`${parsed.error.issues.map(issue => issue.message).join('\n')}\n\nSee npm run import -- --help`)
  }
  const args = parsed.data
  const files = await Promise.all(
    positionals.map(async name => ({
      name,
      content: await fs.readFile(name, 'utf8').catch(error => {
        throw new Error(`${name}: cannot be read (${error.code ?? error.message})`)
      }),
    }))
  )
  const fullArchive = args['search-all'] ? true : args['search-recent'] ? false : env.X_SEARCH_ALL === 'true'

  await applyMigrations(env.database)
  const context = await keystoneContext()
  const bar = new cliProgress.SingleBar(
    { format: 'Storing posts  [{bar}] {value}/{total}  {percentage}%', hideCursor: true, noTTYOutput: false },
    cliProgress.Presets.shades_classic
  )
  let barStarted = false
  const fetchProgress = (platform: Platform): FetchHooks => ({
    onPage: ({ pages, posts }) => process.stderr.write(`\r${PLATFORM_NAMES[platform]}: fetched ${pages} pages, ${posts} posts   `),
    onRateLimitWait: ({ secondsLeft, resetAt }) =>
      process.stderr.write(`\rRate limited by ${PLATFORM_NAMES[platform]}: waiting ${secondsLeft} s, until ${resetAt.toISOString()}   `),
  })
  const summary = await importChat(context, {
    hashtag: args.hashtag,
    start: args.start,
    end: args.end,
    title: args.title,
    slug: args.slug,
    hosts: args.host,
    deletedIds: args.deleted ? await readDeletedIds(args.deleted) : undefined,
    findUnavailable: args['remove-deleted'] ? ids => findUnavailablePostsViaXApi(ids) : undefined,
    files,
    networks: args.platform,
    mastodonServers: args.server,
    fetchFromApi: files.length ? undefined : request => fetchChatFromXApi({ ...request, fullArchive, ...fetchProgress('x') }),
    fetchHooks: fetchProgress,
    onProgress: (stored, total) => {
      if (!barStarted && process.stderr.isTTY) {
        bar.start(total, 0)
        barStarted = true
      }
      if (barStarted) bar.update(stored)
    },
  })
  if (barStarted) bar.stop()
  await disconnectKeystoneContext()

  const { stats } = summary
  console.log(
    [
      '',
      `Archived ${stats.posts} posts (${summary.created} new, ${summary.updated} updated, ${summary.unchanged} unchanged${summary.removed ? `, ${summary.removed} removed` : ''})`,
      `  ${stats.originals} originals, ${stats.replies} replies, ${stats.retweets} reposts, ${stats.quotes} quotes`,
      `  ${stats.contributors} participants (${stats.newContributors} new), ${summary.questions} questions found`,
      ...Object.entries(stats.byNetwork ?? {})
        .filter(() => Object.keys(stats.byNetwork ?? {}).length > 1)
        .map(([platform, numbers]) => `  ${PLATFORM_NAMES[platform as Platform]}: ${numbers.posts} posts from ${numbers.contributors} people`),
      ...(summary.photos?.archived || summary.photos?.failed
        ? [`  ${summary.photos.archived} photos archived (${summary.photos.downloaded} downloaded in ${(summary.photos.milliseconds / 1000).toFixed(2)} s)${summary.photos.failed ? `, ${summary.photos.failed} could not be` : ''}`]
        : []),
      ...(summary.problems.length ? [`  ${summary.problems.length} problems (posts a network reports as unavailable, photos not archived), kept in the archive's import problems`] : []),
      ...summary.leftOut.map(group => `  left out: ${describeLeftOut(group, summary.hashtag)}`),
      `  took ${(summary.milliseconds / 1000).toFixed(2)} s`,
      '',
      `${env.publicUrl}/archives/${summary.slug}`,
    ].join('\n')
  )
}

main().catch(async error => {
  console.error(`\nImport failed, nothing was written: ${error instanceof Error ? error.message : error}`)
  await disconnectKeystoneContext().catch(() => {})
  process.exit(1)
})
