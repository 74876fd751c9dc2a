import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { promisify } from 'node:util'

import { sampleMastodonChat, startFakeMastodon, type FakeMastodon } from '../support/fake-mastodon'

// The environment's Mastodon settings are read once, when a process starts: each case runs the
// configured import in its own Node process, trusting the fakes' certificate through
// NODE_EXTRA_CA_CERTS as a CLI or server process would.

const root = path.resolve(import.meta.dirname, '..', '..')
const chat = sampleMastodonChat()
let home: FakeMastodon
let other: FakeMastodon

before(async () => {
  home = await startFakeMastodon({ domain: 'nhs.social', statuses: chat.servers['nhs.social'], timelinesNeedSignIn: true })
  other = await startFakeMastodon({ domain: 'mastodon.social', statuses: chat.servers['mastodon.social'] })
})
after(async () => {
  await home.stop()
  await other.stop()
})

const SCRIPT = `
const { fetchChatFromConfiguredMastodon } = await import(${JSON.stringify(path.join(root, 'app/features/chat-import/mastodon.server.ts'))})
const servers = JSON.parse(process.argv[1])
try {
  const batch = await fetchChatFromConfiguredMastodon({ hashtag: ${JSON.stringify(chat.hashtag)}, start: new Date(${JSON.stringify(chat.start)}), end: new Date(${JSON.stringify(chat.end)}), ...(servers.length ? { servers } : {}) })
  console.log(JSON.stringify({ posts: batch.posts.length, matched: batch.matchedIds.size }))
} catch (error) {
  console.log(JSON.stringify({ error: error.message }))
}
`

async function importWith(env: Record<string, string>, servers: string[] = []) {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SCRIPT, JSON.stringify(servers)], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', DATABASE_URL: process.env.DATABASE_URL ?? '', NODE_EXTRA_CA_CERTS: home.env.NODE_EXTRA_CA_CERTS, ...env },
  })
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as { posts?: number; matched?: number; error?: string }
}

test('reads the servers of MASTODON_SERVERS, signed in on MASTODON_SERVER only', async () => {
  const result = await importWith({
    MASTODON_SERVERS: `${home.origin} ${other.origin}`,
    MASTODON_SERVER: home.origin,
    MASTODON_ACCESS_TOKEN: home.token,
  })
  // Every post of the sample but the boost, which Mastodon's tag timelines leave out.
  assert.deepEqual(result, { posts: 7, matched: 7 })
  assert.ok(home.requests.length > 0 && home.requests.every(request => request.authorization === `Bearer ${home.token}`))
  assert.ok(other.requests.length > 0 && other.requests.every(request => request.authorization === null))
})

test('the servers the editor names replace MASTODON_SERVERS', async () => {
  other.requests.length = 0
  const result = await importWith({ MASTODON_SERVERS: home.origin }, [other.origin])
  assert.deepEqual(result, { posts: 6, matched: 6 })
  assert.ok(other.requests.length > 0)
})

test('says so when no server is named anywhere', async () => {
  const result = await importWith({})
  assert.match(result.error ?? '', /^No Mastodon server is named: give the servers to read \(--server mastodon\.social\) or set MASTODON_SERVERS/)
})
