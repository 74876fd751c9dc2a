import { parseArgs } from 'node:util'

import { z } from 'zod'

import { PLATFORM_NAMES, PLATFORMS } from '../app/domain/networks'
import { announceTopic } from '../app/features/announce/announce.server'
import { env } from '../app/server/env.server'
import { disconnectKeystoneContext, keystoneContext } from '../app/server/keystone.server'
import { applyMigrations } from '../app/server/migrations.server'

const HELP = `Post a topic announcement to X, Bluesky and Mastodon, once on each.

Usage:
  npm run announce -- --topic SLUG [--network x|bluesky|mastodon ...] [--dry-run]

The text comes from "Announcement post template" in Site settings, filled in with the topic and
measured as each network measures it: X at most 280 (links count 23), Bluesky 300 graphemes,
Mastodon 500 (links count 23). Each network needs the community account's credentials:
  x         X_API_KEY, X_API_SECRET, X_ACCESS_TOKEN, X_ACCESS_SECRET (user context)
  bluesky   BLUESKY_HANDLE and BLUESKY_APP_PASSWORD (at BLUESKY_SERVICE)
  mastodon  MASTODON_SERVER and MASTODON_ACCESS_TOKEN (with write:statuses)

Options:
  --topic SLUG      the topic announcement to post (required; it must be published)
  --network NAME    where to post: x (the default), bluesky or mastodon; repeat for several
  --dry-run         print what would be posted, and its length, without posting
  --help            show this text
`

const ArgsSchema = z.object({
  topic: z.string({ error: '--topic is required: npm run announce -- --topic SLUG' }).min(1),
  network: z.array(z.enum(PLATFORMS, { error: issue => `--network ${String(issue.input)} is not a network: use x, bluesky or mastodon` })).optional(),
  'dry-run': z.boolean().optional(),
})

async function main() {
  const { values } = parseArgs({
    options: { topic: { type: 'string' }, network: { type: 'string', multiple: true }, 'dry-run': { type: 'boolean' }, help: { type: 'boolean' } },
  })
  if (values.help) return void process.stdout.write(HELP)
  const args = ArgsSchema.parse(values)
  await applyMigrations(env.database)
  const context = await keystoneContext()
  let failed = false
  // Each network on its own: one that refuses does not stop the others, and says why.
  for (const network of [...new Set(args.network ?? ['x' as const])]) {
    const name = PLATFORM_NAMES[network]
    try {
      const result = await announceTopic(context, args.topic, { dryRun: args['dry-run'], network })
      console.log(result.text)
      const length = `${result.weightedLength}/${result.limit}`
      console.log(
        result.posted
          ? `\nPosted to ${name} as ${result.postId} (${length}).`
          : `\nDry run: not posted${network === 'x' ? '' : ` to ${name}`} (${length} as ${name} counts).`
      )
    } catch (error) {
      failed = true
      console.error(`Not posted to ${name}: ${error instanceof Error ? error.message : error}`)
    }
  }
  await disconnectKeystoneContext()
  if (failed) process.exitCode = 1
}

main().catch(async error => {
  console.error(`Not posted: ${error instanceof z.ZodError ? error.issues[0].message : error instanceof Error ? error.message : error}`)
  await disconnectKeystoneContext().catch(() => {})
  process.exit(1)
})
