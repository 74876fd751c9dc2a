import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, test } from 'node:test'

import Database from 'better-sqlite3'

import { FIDELITY_END, FIDELITY_START, fidelityChat } from '../support/chat-fidelity'
import { startFakeXApi, type FakeXApi } from '../support/fake-x-api'
import { syntheticChat } from '../support/synthetic-chat'
import { runScript, scriptEnv } from '../support/cli'

// `npm run import` as an editor runs it: a separate process, its own database, and (without
// files) the X API, here the local fake trusted through NODE_EXTRA_CA_CERTS. Each test has a
// database of its own.

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetchat-cli-'))
const chat = syntheticChat({ posts: 300, seed: 21 })
const window = ['--hashtag', '#mondayhealthchat', '--start', chat.start.toISOString(), '--end', chat.end.toISOString()]
const pagesFile = path.join(scratch, 'pages.json')
fs.writeFileSync(pagesFile, JSON.stringify(chat.pages))
let api: FakeXApi
/** What the CLI needs to fetch from the fake X API. */
let apiEnv: Record<string, string>

let databases = 0
const newDatabase = () => path.join(scratch, `cli-${++databases}.db`)

const importCli = (databaseFile: string, args: string[], extraEnv: Record<string, string> = {}) =>
  runScript('import', args, { ...scriptEnv(`file:${databaseFile}`), ...extraEnv })

/** The chat fetched from the X API into the slug from-api, as the first test does it. */
const importFromApi = (databaseFile: string) => importCli(databaseFile, [...window, '--slug', 'from-api', '--host', '@mhc_host'], apiEnv)

const count = (databaseFile: string, sql: string) => {
  const db = new Database(databaseFile, { readonly: true })
  try {
    return (db.prepare(sql).get() as { n: number }).n
  } finally {
    db.close()
  }
}

before(async () => {
  // X still has every post but the first two, which their authors deleted.
  api = await startFakeXApi({ pages: chat.pages, users: chat.users, posts: new Map(chat.posts.slice(2).map(post => [post.id, post])) })
  apiEnv = api.env
})
after(async () => {
  await api.stop()
  fs.rmSync(scratch, { recursive: true, force: true })
})

test('--help documents every option', async () => {
  const { stdout } = await importCli(newDatabase(), ['--help'])
  for (const option of ['--hashtag', '--start', '--end', '--title', '--slug', '--host', '--deleted', '--remove-deleted', '--search-all', '--search-recent']) {
    assert.match(stdout, new RegExp(`^\\s+${option}\\b`, 'm'), `${option} is documented`)
  }
})

test('without files it fetches the chat from the X API and prints the archive’s address', async () => {
  const databaseFile = newDatabase()
  const asked = api.requests.length
  const { stdout } = await importFromApi(databaseFile)
  assert.match(stdout, /Archived 300 posts \(300 new, 0 updated, 0 unchanged\)/)
  assert.match(stdout, /6 questions found/)
  assert.match(stdout, /took \d+\.\d\d s/)
  assert.equal(stdout.trim().split('\n').at(-1), 'https://chat.example.org/archives/from-api')
  assert.equal(api.requests.slice(asked).filter(request => request.path === '/2/tweets/search/recent').length, 3)
  assert.equal(count(databaseFile, "select count(*) as n from ChatMessage"), 300)
})

test('with files it reads them instead, and a second run adds nothing', async () => {
  const databaseFile = newDatabase()
  await importFromApi(databaseFile)
  const { stdout } = await importCli(databaseFile, [...window, '--slug', 'from-api', pagesFile])
  assert.match(stdout, /Archived 300 posts \(0 new, 0 updated, 300 unchanged\)/)
  assert.equal(count(databaseFile, "select count(*) as n from ChatMessage"), 300)
})

test('--remove-deleted asks X which posts are gone and removes them', async () => {
  const databaseFile = newDatabase()
  await importFromApi(databaseFile)
  const asked = api.requests.length
  const { stdout } = await importCli(databaseFile, [...window, '--slug', 'from-api', '--remove-deleted', pagesFile], apiEnv)
  assert.match(stdout, /Archived 298 posts \(0 new, 0 updated, 298 unchanged, 2 removed\)/)
  assert.equal(count(databaseFile, `select count(*) as n from ChatMessage where xId in ('${chat.posts[0].id}', '${chat.posts[1].id}')`), 0)
  assert.equal(api.requests.slice(asked).filter(request => request.path === '/2/tweets').length, 3)
})

test('the summary says how many posts were left out and why', async () => {
  const file = path.join(scratch, 'fidelity.json')
  fs.writeFileSync(file, JSON.stringify(fidelityChat(1_880_000_000_000_000_000n).pages))
  const { stdout } = await importCli(newDatabase(), ['--hashtag', '#mondayhealthchat', '--start', FIDELITY_START.toISOString(), '--end', FIDELITY_END.toISOString(), '--slug', 'fidelity', file])
  assert.match(stdout, /Archived 12 posts \(12 new, 0 updated, 0 unchanged\)/)
  assert.match(stdout, /1 reposts/)
  assert.match(stdout, /^ {2}left out: 1 post outside the chat's window \(replied to from the chat, or posted before or after it\)$/m)
})

test('a bad argument is named and nothing is written', async () => {
  await assert.rejects(importCli(newDatabase(), ['--hashtag', '#x', '--start', 'yesterday', '--end', chat.end.toISOString()]), (error: { stderr: string }) => {
    assert.match(error.stderr, /--start must be an ISO date and time with a zone/)
    assert.match(error.stderr, /nothing was written/)
    return true
  })
})

test('posts another archive holds are refused, naming that archive, and nothing is written', async () => {
  const databaseFile = newDatabase()
  await importCli(databaseFile, [...window, '--slug', 'first', '--title', 'First chat', pagesFile])
  await assert.rejects(importCli(databaseFile, [...window, '--slug', 'second', pagesFile]), (error: { stderr: string }) => {
    assert.match(error.stderr, /Import failed, nothing was written: Nothing was imported into \/archives\/second: the archive “First chat” \(\/archives\/first\) already holds 300 posts \d+(, \d+){19} and 280 more/)
    return true
  })
  assert.equal(count(databaseFile, "select count(*) as n from ChatArchive where slug = 'second'"), 0)
  assert.equal(count(databaseFile, "select count(*) as n from ChatMessage m join ChatArchive a on m.archive = a.id where a.slug = 'first'"), 300)
})

test('a missing file is named', async () => {
  await assert.rejects(importCli(newDatabase(), [...window, path.join(scratch, 'nope.json')]), (error: { stderr: string }) => /nope\.json: cannot be read \(ENOENT\)/.test(error.stderr))
})

test('without files or a token it says what is missing', async () => {
  await assert.rejects(importCli(newDatabase(), window), (error: { stderr: string }) => /X_BEARER_TOKEN is not set/.test(error.stderr))
})
