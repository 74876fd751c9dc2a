import { parseArgs } from 'node:util'

import { z } from 'zod'

import { announceTopic } from '../app/features/announce/announce.server'
import { env } from '../app/server/env.server'
import { disconnectKeystoneContext, keystoneContext } from '../app/server/keystone.server'
import { applyMigrations } from '../app/server/migrations.server'

const HELP = `Post a topic announcement to X, once.

Usage:
  npm run announce -- --topic SLUG [--dry-run]

The text comes from "Announcement post template" in Site settings, filled in with the topic and
measured as X measures it (at most 280; links count 23). Needs the community account's
user-context credentials: X_API_KEY, X_API_SECRET, X_ACCESS_TOKEN, X_ACCESS_SECRET.

Options:
  --topic SLUG   the topic announcement to post (required; it must be published)
  --dry-run      print what would be posted, and its length, without posting
  --help         show this text
`

async function main() {
  const { values } = parseArgs({ options: { topic: { type: 'string' }, 'dry-run': { type: 'boolean' }, help: { type: 'boolean' } } })
  if (values.help) return void process.stdout.write(HELP)
  const slug = z.string({ error: '--topic is required: npm run announce -- --topic SLUG' }).min(1).parse(values.topic)
  await applyMigrations(env.database)
  const result = await announceTopic(await keystoneContext(), slug, { dryRun: values['dry-run'] })
  await disconnectKeystoneContext()
  console.log(result.text)
  console.log(
    result.posted
      ? `\nPosted to X as ${result.postId} (${result.weightedLength}/280).`
      : `\nDry run: not posted (${result.weightedLength}/280 as X counts).`
  )
}

main().catch(async error => {
  console.error(`Not posted: ${error instanceof z.ZodError ? error.issues[0].message : error instanceof Error ? error.message : error}`)
  await disconnectKeystoneContext().catch(() => {})
  process.exit(1)
})
