import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'

import pg from 'pg'

import { graphql } from '../support/graphql'
import { postgresUnavailable, startServersOnPostgres, type PostgresTestServer, type ServersOnPostgres } from '../support/postgres-servers'

// Two production server processes on one PostgreSQL database, as behind nginx: what one process
// is told, the other must know. A save made through one empties the other's response cache
// (NOTIFY after commit, app/server/content-changes.server.ts), even after its LISTEN connection
// was cut; and a reader's comment allowance is one between them (app/server/rate-limits.server.ts).

const HOME_POST = '/posts/a-home-for-the-monday-health-chat'
const RECAP = '/posts/recap-answering-patients-in-public'
/** The reader's address, as nginx names it in X-Forwarded-For (TRUST_PROXY=loopback). */
const READER = '203.0.113.9'

describe('two server processes on one PostgreSQL database', { skip: postgresUnavailable() }, () => {
  let cluster: ServersOnPostgres
  let a: PostgresTestServer
  let b: PostgresTestServer
  before(async () => {
    cluster = await startServersOnPostgres(2, { env: { COMMENT_MIN_SECONDS: '0', TRUST_PROXY: 'loopback' } })
    ;[a, b] = cluster.servers
  })
  after(() => cluster?.stop())

  /** The page's heading, as an anonymous reader gets it (so through the response cache). */
  async function headingOn(server: PostgresTestServer, path: string) {
    const response = await fetch(new URL(path, server.baseUrl))
    assert.equal(response.status, 200, `${server.baseUrl}${path}`)
    return /<h1[^>]*>([^<]*)<\/h1>/.exec(await response.text())?.[1]
  }

  /** Asks every 20 ms until `check` holds; how long that took, or a failure after `withinMs`. */
  async function until(what: string, withinMs: number, check: () => Promise<boolean> | boolean) {
    const started = performance.now()
    for (;;) {
      if (await check()) return Math.round(performance.now() - started)
      if (performance.now() - started > withinMs) assert.fail(`${what}: not within ${withinMs} ms`)
      await new Promise(resolve => setTimeout(resolve, 20))
    }
  }

  /** Renames the post through `server`'s GraphQL API, as an editor saving in the Admin UI. */
  async function renamePost(server: PostgresTestServer, path: string, title: string) {
    const { cookie } = await cluster.adminSession()
    const slug = path.split('/').at(-1)
    await graphql(server, 'mutation($slug: String!, $title: String!) { updatePost(where: { slug: $slug }, data: { title: $title }) { id } }', {
      cookie,
      variables: { slug, title },
    })
  }

  test('a post renamed through one process shows on the other within a second', async t => {
    const before = await headingOn(b, HOME_POST)
    assert.equal(await headingOn(b, HOME_POST), before, 'the page is in B’s cache')
    const title = `Renamed through process A ${Date.now()}`
    await renamePost(a, HOME_POST, title)
    const delay = await until('the new title on B', 1000, async () => (await headingOn(b, HOME_POST)) === title)
    t.diagnostic(`the new title showed on B ${delay} ms after A answered the save`)
  })

  test('a burst of comments across both processes gets one allowance of five', async t => {
    const page = await (await fetch(new URL(RECAP, b.baseUrl))).text()
    const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(page)?.[1] ?? assert.fail(`no ${name} in the form`)
    const form = { startedAt: hidden('startedAt'), startedSignature: hidden('startedSignature'), parentId: '', website: '', email: '' }
    const answers = await Promise.all(
      Array.from({ length: 8 }, async (_, n) => {
        const server = n % 2 === 0 ? a : b
        const response = await fetch(new URL(RECAP, server.baseUrl), {
          method: 'POST',
          redirect: 'manual',
          headers: { Origin: server.baseUrl, 'X-Forwarded-For': READER },
          body: new URLSearchParams({ ...form, name: 'Burst Reader', body: `Burst comment ${n}, sent through ${server === a ? 'A' : 'B'}.` }),
        })
        const text = await response.text()
        if (response.status === 303) return `${server === a ? 'A' : 'B'} accepted`
        assert.equal(response.status, 400, text.slice(0, 500))
        assert.match(text, /You have sent several comments in a short time/)
        return `${server === a ? 'A' : 'B'} refused`
      })
    )
    t.diagnostic(answers.join(', '))
    // Both processes create the limits table on their first comment, at once: one that loses the
    // race and counts in memory gives the reader a sixth comment.
    assert.doesNotMatch(a.output() + b.output(), /counting in memory/)
    assert.equal(answers.filter(answer => answer.endsWith('accepted')).length, 5, answers.join(', '))
    assert.equal(answers.filter(answer => answer.endsWith('refused')).length, 3, answers.join(', '))
  })

  test('a process whose LISTEN connection is cut reconnects, and hears the next change', async t => {
    const admin = new pg.Client({ connectionString: cluster.databaseUrl })
    await admin.connect()
    t.after(() => admin.end())
    const listening = async () =>
      (await admin.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE query LIKE 'LISTEN%' ORDER BY backend_start")).rows.map(row => row.pid)
    const [ofA, ofB, ...others] = await listening()
    assert.ok(ofA && ofB && others.length === 0, 'one LISTEN connection per process')
    // B started once A was listening, so its connection is the newer one.
    const { rows } = await admin.query<{ ended: boolean }>('SELECT pg_terminate_backend($1) AS ended', [ofB])
    assert.equal(rows[0].ended, true)

    const reconnected = await until('B listening again', 5000, () => b.output().includes('Change notifications are back'))
    assert.match(b.output(), /Lost the change-notification connection/)
    const now = await listening()
    assert.equal(now.length, 2)
    assert.ok(now.includes(ofA) && !now.includes(ofB), 'A kept its connection, B has a new one')

    const before = await headingOn(b, RECAP)
    assert.equal(await headingOn(b, RECAP), before, 'the page is in B’s cache')
    const title = `Renamed after B reconnected ${Date.now()}`
    await renamePost(a, RECAP, title)
    const delay = await until('the new title on B', 3000, async () => (await headingOn(b, RECAP)) === title)
    t.diagnostic(`B listened again ${reconnected} ms after the cut; the new title showed on B ${delay} ms after A answered the save`)
  })
})
