import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, test } from 'node:test'

import Database from 'better-sqlite3'

import { blueskyChat } from '../support/bluesky-chat'
import { startFakeBluesky, type FakeBluesky } from '../support/fake-bluesky'
import { sampleMastodonChat, startFakeMastodon, type FakeMastodon } from '../support/fake-mastodon'
import { runScript, scriptEnv } from '../support/cli'

// `npm run import --platform …` as an editor runs it: a separate process with its own database,
// reading Bluesky and two Mastodon servers (the local fakes, trusted through NODE_EXTRA_CA_CERTS).

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetchat-cli-networks-'))
const bluesky = blueskyChat()
const mastodon = sampleMastodonChat(bluesky.start)
const window = ['--hashtag', '#mondayhealthchat', '--start', bluesky.start.toISOString(), '--end', bluesky.end.toISOString()]
let blueskyServer: FakeBluesky
let nhsSocial: FakeMastodon
let mastodonSocial: FakeMastodon
let databases = 0

before(async () => {
  blueskyServer = await startFakeBluesky({ posts: bluesky.posts })
  nhsSocial = await startFakeMastodon({ domain: 'nhs.social', statuses: mastodon.servers['nhs.social'] })
  mastodonSocial = await startFakeMastodon({ domain: 'mastodon.social', statuses: mastodon.servers['mastodon.social'] })
})
after(async () => {
  await Promise.all([blueskyServer?.stop(), nhsSocial?.stop(), mastodonSocial?.stop()])
  fs.rmSync(scratch, { recursive: true, force: true })
})

function importCli(args: string[]) {
  const databaseFile = path.join(scratch, `cli-${++databases}.db`)
  // One test certificate serves every fake, so Bluesky's NODE_EXTRA_CA_CERTS trusts the Mastodon servers too.
  const done = runScript('import', args, { ...scriptEnv(`file:${databaseFile}`), ...blueskyServer.env })
  return { done, databaseFile }
}

test('gathers the chat from Bluesky and the Mastodon servers named into one archive, with each network’s numbers', async () => {
  const { done, databaseFile } = importCli([...window, '--slug', 'everywhere', '--platform', 'bluesky', '--platform', 'mastodon', '--server', nhsSocial.origin, '--server', mastodonSocial.origin, '--host', '@mondayhealthchat.bsky.social', '--host', '@nhschat@nhs.social'])
  const { stdout } = await done
  assert.match(stdout, /^ {2}Bluesky: \d+ posts from \d+ people$/m)
  assert.match(stdout, /^ {2}Mastodon: \d+ posts from \d+ people$/m)
  assert.match(stdout, /https:\/\/chat\.example\.org\/archives\/everywhere$/m)
  const db = new Database(databaseFile, { readonly: true })
  try {
    const byPlatform = db.prepare('SELECT platform, COUNT(*) AS n FROM ChatMessage GROUP BY platform ORDER BY platform').all() as { platform: string; n: number }[]
    assert.deepEqual(byPlatform.map(row => row.platform), ['bluesky', 'mastodon'])
    const archive = db.prepare('SELECT source, networks, mastodonServers FROM ChatArchive').get() as { source: string; networks: string; mastodonServers: string }
    assert.deepEqual([archive.source, JSON.parse(archive.networks)], ['networks', ['bluesky', 'mastodon']])
    assert.equal(archive.mastodonServers, `${nhsSocial.origin} ${mastodonSocial.origin}`)
  } finally {
    db.close()
  }
})

test('refuses a network it does not know, naming it, before reading anything', async () => {
  const requestsBefore = blueskyServer.requests.length
  const { done } = importCli([...window, '--platform', 'bluesky', '--platform', 'threads'])
  await assert.rejects(done, (error: { stderr: string }) => {
    assert.match(error.stderr, /--platform threads is not a network: use x, bluesky or mastodon/)
    return true
  })
  assert.equal(blueskyServer.requests.length, requestsBefore)
})
