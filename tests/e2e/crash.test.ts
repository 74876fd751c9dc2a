import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, test, type TestContext } from 'node:test'

import Database from 'better-sqlite3'

import { applyMigrations } from '../../app/server/migrations.server'
import { syntheticChat } from '../support/synthetic-chat'
import { startServer, type TestServer } from '../support/server'
import { scriptEnv } from '../support/cli'

// Crash safety: the import CLI and the production server killed with SIGKILL (no handler, no
// cleanup) while they write. What SQLite finds on the next open must be a whole database: an
// import there in full or not at all, and every comment a reader was told about, whole.

const POSTS = 10_000
const chat = syntheticChat({ posts: POSTS, seed: POSTS })
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetchat-crash-'))
const pagesFile = path.join(scratch, 'pages.json')
fs.writeFileSync(pagesFile, JSON.stringify(chat.pages))
after(() => fs.rmSync(scratch, { recursive: true, force: true }))

// The CLI draws its progress bar only on a terminal; this makes its stderr count as one, so the
// test can read how far the import has got.
const AS_TERMINAL = 'data:text/javascript,Object.defineProperty(process.stderr,"isTTY",{value:true})'

function runImport(databaseFile: string) {
  const child = spawn(
    process.execPath,
    ['--import', AS_TERMINAL, '--import', 'tsx', 'scripts/import.ts', '--hashtag', '#mondayhealthchat', '--start', chat.start.toISOString(), '--end', chat.end.toISOString(), '--slug', 'crash', pagesFile],
    {
      env: scriptEnv(`file:${databaseFile}`),
      stdio: ['ignore', 'pipe', 'pipe'],
    }
  )
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', chunk => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', chunk => (stderr += chunk))
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>
  return { child, exited, stdout: () => stdout, stderr: () => stderr }
}
type ImportRun = ReturnType<typeof runImport>

/** Resolves once the progress bar shows at least `posts` stored (inside the import's transaction). */
function progressReached(run: ImportRun, posts: number) {
  return new Promise<void>((resolve, reject) => {
    const onData = () => {
      const counts = [...run.stderr().matchAll(/Storing posts.*?(\d+)\/\d+/g)].map(match => Number(match[1]))
      if (counts.some(count => count >= posts)) {
        run.child.stderr!.off('data', onData)
        resolve()
      }
    }
    run.child.stderr!.on('data', onData)
    void run.exited.then(() => reject(new Error(`The import ended before storing ${posts} posts:\n${run.stderr()}${run.stdout()}`)))
  })
}

/**
 * Resolves at the first page of the import's commit reaching disk: the database file growing
 * (rollback-journal mode) or the write-ahead log filling (WAL mode). Before that moment the
 * transaction lives in memory; the commit is when a kill could tear something.
 */
function commitWriting(run: ImportRun, databaseFile: string) {
  const sizeBefore = fs.statSync(databaseFile).size
  const size = (file: string) => fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0
  return new Promise<void>((resolve, reject) => {
    const watcher = fs.watch(path.dirname(databaseFile), () => {
      if (size(databaseFile) > sizeBefore || size(`${databaseFile}-wal`) >= 64 * 1024) {
        watcher.close()
        resolve()
      }
    })
    void run.exited.then(() => {
      watcher.close()
      reject(new Error(`The import ended before its commit was seen:\n${run.stderr()}${run.stdout()}`))
    })
  })
}

/** Opened read-write, as the next process would, so SQLite recovers whatever the kill left. */
function inspectImport(databaseFile: string) {
  const db = new Database(databaseFile)
  try {
    const number = (sql: string) => (db.prepare(sql).get() as { n: number }).n
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      archives: db.prepare('select (select count(*) from ChatMessage m where m.archive = a.id) as posts from ChatArchive a').all() as { posts: number }[],
      posts: number('select count(*) as n from ChatMessage'),
      distinctPosts: number('select count(distinct xId) as n from ChatMessage'),
      participants: number('select count(*) as n from Participant'),
    }
  } finally {
    db.close()
  }
}

const EVERYTHING = { integrity: 'ok', archives: [{ posts: POSTS }], posts: POSTS, distinctPosts: POSTS, participants: new Set(chat.posts.map(post => post.author_id)).size }
const NOTHING = { integrity: 'ok', archives: [], posts: 0, distinctPosts: 0, participants: 0 }

async function killImportWhen(
  t: TestContext,
  moment: (run: ImportRun, databaseFile: string) => Promise<void>,
  outcomes: (typeof NOTHING | typeof EVERYTHING)[]
) {
  const databaseFile = path.join(fs.mkdtempSync(path.join(scratch, 'import-')), 'site.db')
  await applyMigrations(databaseFile)
  const run = runImport(databaseFile)
  await moment(run, databaseFile)
  run.child.kill('SIGKILL')
  const size = (suffix: string) => fs.statSync(databaseFile + suffix, { throwIfNoEntry: false })?.size ?? 'none'
  t.diagnostic(`killed with the database at ${size('')} bytes, its -wal at ${size('-wal')}, its -journal at ${size('-journal')}`)
  assert.deepEqual(await run.exited, [null, 'SIGKILL'])
  assert.doesNotMatch(run.stdout(), /Archived/, 'the import was killed before it finished')

  const afterKill = inspectImport(databaseFile)
  t.diagnostic(`after the kill the archive holds ${afterKill.posts} posts`)
  assert.deepEqual(afterKill, outcomes.find(outcome => outcome.posts === afterKill.posts) ?? outcomes[0])

  const again = runImport(databaseFile)
  assert.deepEqual(await again.exited, [0, null], again.stderr())
  assert.match(again.stdout(), /Archived 10000 posts/)
  assert.deepEqual(inspectImport(databaseFile), EVERYTHING)
}

test('an import killed while storing posts leaves no trace, and runs again in full', t =>
  killImportWhen(t, run => progressReached(run, POSTS / 2), [NOTHING]))

test('an import killed while its commit is being written is all there or not at all, and runs again in full', t =>
  // Killed before its last page is down the import is rolled back, after it the import is whole.
  killImportWhen(t, commitWriting, [NOTHING, EVERYTHING]))

const RECAP = '/posts/recap-answering-patients-in-public'
const BURST = 200
const KILL_AFTER = 50

test('a server killed during a burst of comments comes back with every acknowledged comment, whole', async t => {
  // Each reader posts from their own address (TRUST_PROXY reads X-Forwarded-For), so the per-address
  // rate limit lets the whole burst through.
  const env = { COMMENT_MIN_SECONDS: '0', TRUST_PROXY: 'loopback' }
  let server: TestServer = await startServer({ env })
  try {
    const page = await (await fetch(new URL(RECAP, server.baseUrl))).text()
    const hidden = (name: string) => page.match(new RegExp(`name="${name}" value="([^"]+)"`))?.[1] ?? assert.fail(`no ${name} in the form`)
    const form = { startedAt: hidden('startedAt'), startedSignature: hidden('startedSignature'), parentId: '', website: '' }

    const crashed = server
    const acknowledged = new Set<number>()
    const answers = await Promise.all(
      Array.from({ length: BURST }, async (_, n) => {
        try {
          const response = await fetch(new URL(RECAP, crashed.baseUrl), {
            method: 'POST',
            redirect: 'manual',
            headers: { Origin: crashed.baseUrl, 'X-Forwarded-For': `198.51.100.${n}` },
            body: new URLSearchParams({ ...form, name: `Reader ${n}`, email: `reader${n}@example.org`, body: `Crash burst comment ${n}, written in full.` }),
          })
          await response.body?.cancel()
          if (response.status === 303 && response.headers.get('Location')?.includes('notice=pending')) {
            acknowledged.add(n)
            if (acknowledged.size === KILL_AFTER) crashed.child.kill('SIGKILL')
          }
          return response.status
        } catch {
          return 'no answer'
        }
      })
    )
    await (crashed.child.signalCode ? Promise.resolve() : once(crashed.child, 'exit'))
    assert.equal(crashed.child.signalCode, 'SIGKILL')
    assert.ok(acknowledged.size >= KILL_AFTER, `${acknowledged.size} comments acknowledged: ${answers.join(' ')}`)
    assert.ok(answers.includes('no answer'), 'the kill came in the middle of the burst')

    t.diagnostic(`${acknowledged.size} comments acknowledged before the kill, ${answers.filter(answer => answer === 'no answer').length} unanswered`)
    server = await startServer({ after: crashed, env })
    assert.equal((await fetch(new URL(RECAP, server.baseUrl))).status, 200)

    const db = new Database(server.databaseFile)
    try {
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok')
      assert.equal((db.prepare("select count(*) as n from Comment where authorName = '' or body = '' or bodyHtml = ''").get() as { n: number }).n, 0, 'no comment is half-written')
      const recap = db.prepare('select id from Post where slug = ?').get(RECAP.split('/').at(-1)) as { id: string }
      const rows = db.prepare("select post, authorName, email, body, bodyHtml, status from Comment where body like 'Crash burst comment %'").all() as Record<string, string>[]
      const stored = rows.map(row => Number(row.body.match(/^Crash burst comment (\d+),/)![1]))
      assert.equal(new Set(stored).size, rows.length, 'no comment is stored twice')
      t.diagnostic(`${rows.length} comments stored`)
      for (const n of acknowledged) assert.ok(stored.includes(n), `acknowledged comment ${n} is stored`)
      for (const [index, row] of rows.entries()) {
        const n = stored[index]
        assert.deepEqual(
          { ...row, bodyHtml: row.bodyHtml.includes(`Crash burst comment ${n}, written in full.`) },
          { post: recap.id, authorName: `Reader ${n}`, email: `reader${n}@example.org`, body: `Crash burst comment ${n}, written in full.`, bodyHtml: true, status: 'pending' }
        )
      }
    } finally {
      db.close()
    }
  } finally {
    await server.stop()
  }
})
