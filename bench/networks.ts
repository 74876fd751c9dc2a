import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

// npm run bench:networks — one chat of 1,000 posts on each network, read through each network's
// real client from a local server that answers like it (the tests' fakes), and stored in one
// transaction: X alone (the baseline, measured in the same run), Bluesky alone, Mastodon read
// from two servers that each saw the whole chat, and all three gathered into one archive. The
// fakes answer at once, so the figures are this site's own cost (clients, parsing, merging,
// storing, analysing), not the networks' latency. Writes bench/results/networks.json.

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetchat-bench-networks-'))
Object.assign(process.env, {
  NODE_ENV: 'test',
  DATABASE_URL: `file:${path.join(directory, 'bench.db')}`,
  IMAGES_FOLDER: path.join(directory, 'images'),
  SESSION_SECRET: 'bench-secret-that-is-long-enough-0123456789',
  SEED_DEMO_CONTENT: 'false',
})

const { fetchChatFromBluesky } = await import('../app/features/chat-import/bluesky.server')
const { importChat } = await import('../app/features/chat-import/import.server')
type ImportRequest = Parameters<typeof importChat>[1]
const { fetchChatFromMastodon } = await import('../app/features/chat-import/mastodon.server')
const { createXClient, fetchChat } = await import('../app/features/chat-import/x-api.server')
const { disconnectKeystoneContext } = await import('../app/server/keystone.server')
const { blueskyAccount, blueskyPost } = await import('../tests/support/bluesky-posts')
const { migratedContext } = await import('../tests/support/database')
const { startFakeBluesky } = await import('../tests/support/fake-bluesky')
const { fakeAccount, fakeStatus, startFakeMastodon } = await import('../tests/support/fake-mastodon')
const { startFakeXApi } = await import('../tests/support/fake-x-api')
const { syntheticChat } = await import('../tests/support/synthetic-chat')

const POSTS = 1000
const RUNS = 3
const start = new Date('2026-11-23T12:00:00Z')
const end = new Date(start.getTime() + 60 * 60_000)
const at = (n: number) => new Date(start.getTime() + Math.floor((n * 60 * 60_000) / POSTS))

// The same evening on each network: a host asking six questions, answers by number and by reply.
const x = syntheticChat({ posts: POSTS, seed: 5, start })
const blueskyPeople = Array.from({ length: 80 }, (_, n) => blueskyAccount(`person${n}.bsky.social`, `Person ${n}`))
const blueskyHost = blueskyAccount('mhc.bsky.social', 'Monday Health Chat')
const blueskyPosts: ReturnType<typeof blueskyPost>[] = []
const mastodonPeople = Array.from({ length: 80 }, (_, n) => fakeAccount(`person${n}@${n % 2 ? 'mastodon.social' : 'nhs.social'}`, `Person ${n}`))
const mastodonHost = fakeAccount('mhc@nhs.social', 'Monday Health Chat')
const statuses: ReturnType<typeof fakeStatus>[] = []
for (let n = 0; n < POSTS; n++) {
  const question = n % 160 === 0 ? n / 160 + 1 : null
  const text = question ? `Q${question} What would you change first? #mondayhealthchat` : `A${Math.floor(n / 160) + 1} Our team’s answer number ${n}, with a link https://www.nhs.uk/conditions/ #mondayhealthchat`
  const replyToBluesky = !question && n % 3 === 0 ? blueskyPosts.at(-1) : undefined
  blueskyPosts.push(blueskyPost({ author: question ? blueskyHost : blueskyPeople[n % 80], createdAt: at(n), text, ...(replyToBluesky ? { replyTo: replyToBluesky } : {}) }))
  const replyToMastodon = !question && n % 3 === 0 ? statuses.at(-1) : undefined
  statuses.push(fakeStatus({ by: question ? mastodonHost : mastodonPeople[n % 80], at: at(n), text, ...(replyToMastodon ? { inReplyTo: replyToMastodon } : {}) }))
}

const xApi = await startFakeXApi({ pages: x.pages, users: x.users })
const bluesky = await startFakeBluesky({ posts: blueskyPosts })
const nhsSocial = await startFakeMastodon({ domain: 'nhs.social', statuses })
const mastodonSocial = await startFakeMastodon({ domain: 'mastodon.social', statuses })
const context = await migratedContext()

const fetchers: Pick<ImportRequest, 'fetchFromApi' | 'fetchers'> = {
  fetchFromApi: request => fetchChat(createXClient({ bearerToken: xApi.token, apiBase: xApi.baseUrl, httpAgent: xApi.agent }), { ...request, fullArchive: false }),
  fetchers: {
    bluesky: (request, hooks) => fetchChatFromBluesky(request, bluesky.connection, hooks),
    mastodon: (request, hooks) => fetchChatFromMastodon({ ...request, servers: [nhsSocial.origin, mastodonSocial.origin] }, { dispatcher: nhsSocial.dispatcher }, hooks),
  },
}

type Case = { name: string; networks: ImportRequest['networks'] }
const cases: Case[] = [
  { name: 'X (baseline)', networks: ['x'] },
  { name: 'Bluesky', networks: ['bluesky'] },
  { name: 'Mastodon, two servers', networks: ['mastodon'] },
  { name: 'X, Bluesky and Mastodon together', networks: ['x', 'bluesky', 'mastodon'] },
]

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const rows: { case: string; posts: number; seconds: number; postsPerSecond: number; vsX: number }[] = []
let run = 0
for (const { name, networks } of cases) {
  const seconds: number[] = []
  let posts = 0
  for (let attempt = 0; attempt < RUNS; attempt++) {
    // A fresh archive each time, so every run stores every post.
    const began = performance.now()
    const summary = await importChat(context, { hashtag: '#mondayhealthchat', start, end, slug: `bench-${++run}`, networks, ...fetchers })
    seconds.push((performance.now() - began) / 1000)
    posts = summary.created
    await context.prisma.chatMessage.deleteMany({})
  }
  rows.push({ case: name, posts, seconds: Number(median(seconds).toFixed(2)), postsPerSecond: Math.round(posts / median(seconds)), vsX: 0 })
}
const baseline = rows[0].seconds / rows[0].posts
for (const row of rows) row.vsX = Number((row.seconds / row.posts / baseline).toFixed(2))

console.log(`\nReading and storing a ${POSTS.toLocaleString('en-GB')}-post chat from each network (median of ${RUNS}; vsX = seconds per post against X's)`)
console.table(rows)
const report = {
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
  node: process.version,
  at: new Date().toISOString(),
  postsPerNetwork: POSTS,
  rows,
}
fs.mkdirSync(path.join('bench', 'results'), { recursive: true })
fs.writeFileSync(path.join('bench', 'results', 'networks.json'), `${JSON.stringify(report, null, 2)}\n`)

await Promise.all([xApi.stop(), bluesky.stop(), nhsSocial.stop(), mastodonSocial.stop()])
await disconnectKeystoneContext()
fs.rmSync(directory, { recursive: true, force: true })
