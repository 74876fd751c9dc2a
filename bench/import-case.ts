import { performance } from 'node:perf_hooks'

import { importChat } from '../app/features/chat-import/import.server'
import { env } from '../app/server/env.server'
import { disconnectKeystoneContext, keystoneContext } from '../app/server/keystone.server'
import { applyMigrations } from '../app/server/migrations.server'
import { syntheticChat } from '../tests/support/synthetic-chat'

// One import benchmark case, in its own process so its peak memory is its own.
//   bulk N   the real importer (batched createMany in one transaction, then analysis)
//   naive N  one Keystone createOne per post, the path the importer exists to avoid

const [mode, sizeText] = process.argv.slice(2)
const size = Number(sizeText)
await applyMigrations(env.database)
const context = await keystoneContext()
const chat = syntheticChat({ posts: size, seed: size })

// Warm both paths the same way (Prisma's query compiler, Keystone's resolvers, SQLite's page cache),
// so the comparison is of the paths, not of who paid for the first query.
await context.prisma.$transaction(async tx => tx.chatMessage.count())
await context.sudo().db.ChatArchive.count()

const started = performance.now()
if (mode === 'bulk') {
  await importChat(context, {
    hashtag: '#mondayhealthchat',
    start: chat.start,
    end: chat.end,
    slug: 'bench',
    files: [{ name: 'bench.json', content: JSON.stringify(chat.pages) }],
  })
} else {
  const db = context.sudo().db
  const archive = await db.ChatArchive.createOne({ data: { title: 'bench', hashtag: '#mondayhealthchat', windowStart: chat.start, windowEnd: chat.end } })
  const people = new Map<string, string>()
  for (const user of chat.users) {
    people.set(user.id, (await db.Participant.createOne({ data: { xUserId: user.id, handle: user.username, displayName: user.name } })).id)
  }
  for (const post of chat.posts) {
    await db.ChatMessage.createOne({
      data: {
        xId: post.id,
        archive: { connect: { id: archive.id } },
        author: { connect: { id: people.get(post.author_id)! } },
        text: post.text,
        postedAt: new Date(post.created_at),
        kind: post.referenced_tweets?.[0]?.type === 'retweeted' ? 'retweet' : post.referenced_tweets ? 'reply' : 'original',
        inReplyToId: post.referenced_tweets?.find(ref => ref.type === 'replied_to')?.id ?? '',
        entities: JSON.parse(JSON.stringify(post.entities ?? {})),
        metrics: post.public_metrics ?? {},
      },
    })
  }
}
const seconds = (performance.now() - started) / 1000
const stored = await context.prisma.chatMessage.count()
await disconnectKeystoneContext()
process.stdout.write(JSON.stringify({ mode, size, stored, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 }))
