import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import { promisify } from 'node:util'

import { postgresUnavailable, startServersOnPostgres, type ServersOnPostgres } from '../support/postgres-servers'
import { freePort } from '../support/server'

// The nginx configuration the operators' guide shows (docs/operators.md), read from the guide
// itself so the two cannot drift, run with Debian's nginx in front of two production processes on
// one PostgreSQL database. A release is deployed by restarting one process at a time: readers
// asking all the while must not see one failed request.

const execFileAsync = promisify(execFile)
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find(candidate => fs.existsSync(candidate))
const READERS = 8
const PATHS = ['/', '/posts', '/posts/a-home-for-the-monday-health-chat', '/archives/answering-patients-in-public', '/rss.xml', '/healthz']

/** The guide's configuration with its public listener swapped for a loopback port and the two app ports for ours. */
function configurationFromTheGuide(port: number, appPorts: number[]) {
  const guide = fs.readFileSync('docs/operators.md', 'utf8')
  const block = /```nginx\n([\s\S]*?)```/.exec(guide)?.[1]
  assert.ok(block, 'docs/operators.md shows an nginx configuration')
  let configuration = block.replace(/^ {2}/gm, '')
  const swap = (pattern: RegExp, replacement: string) => {
    assert.match(configuration, pattern, `the guide's configuration has ${String(pattern)}`)
    configuration = configuration.replace(pattern, replacement)
  }
  swap(/listen 443 ssl http2;/, `listen 127.0.0.1:${port};`)
  swap(/^\s*ssl_certificate .*\n/m, '')
  swap(/^\s*ssl_certificate_key .*\n/m, '')
  swap(/127\.0\.0\.1:3001/, `127.0.0.1:${appPorts[0]}`)
  swap(/127\.0\.0\.1:3002/, `127.0.0.1:${appPorts[1]}`)
  return configuration
}

/**
 * Debian's nginx with the configuration, as a daemon: the command returns once its sockets listen
 * (nginx binds them before it forks), which is the moment to send requests.
 */
async function startNginx(configuration: string): Promise<{ stop(): Promise<void> }> {
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetchat-nginx-'))
  const conf = path.join(prefix, 'nginx.conf')
  const temp = (name: string) => `${name}_temp_path ${path.join(prefix, name)};`
  fs.writeFileSync(
    conf,
    [
      // As root, workers would switch to "nobody", who cannot write the temp folders made here.
      process.getuid?.() === 0 ? 'user root;' : '',
      'worker_processes 1;',
      `pid ${path.join(prefix, 'nginx.pid')};`,
      `error_log ${path.join(prefix, 'error.log')} warn;`,
      'events { worker_connections 1024; }',
      'http {',
      'access_log off;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp),
      configuration,
      '}',
    ].join('\n')
  )
  const nginx = (...args: string[]) => execFileAsync(NGINX!, ['-p', prefix, '-c', conf, ...args])
  try {
    await nginx()
  } catch (error) {
    const log = fs.existsSync(path.join(prefix, 'error.log')) ? fs.readFileSync(path.join(prefix, 'error.log'), 'utf8') : ''
    throw new Error(`nginx did not start: ${String(error)}\n${log}`, { cause: error })
  }
  return {
    async stop() {
      await nginx('-s', 'stop').catch(() => {})
      fs.rmSync(prefix, { recursive: true, force: true })
    },
  }
}

describe('nginx in front of two processes, as the operators’ guide sets it up', { skip: postgresUnavailable() || (!NGINX && "needs Debian's nginx (.ci/run installs it)") }, () => {
  let cluster: ServersOnPostgres
  let nginx: Awaited<ReturnType<typeof startNginx>>
  let base: string
  before(async () => {
    cluster = await startServersOnPostgres(2, { env: { TRUST_PROXY: 'loopback' } })
    const port = await freePort()
    nginx = await startNginx(configurationFromTheGuide(port, cluster.servers.map(server => Number(new URL(server.baseUrl).port))))
    base = `http://127.0.0.1:${port}`
  })
  after(async () => {
    await nginx?.stop()
    await cluster?.stop()
  })

  test('readers get every page through it from both processes', async () => {
    for (const pagePath of PATHS) {
      const response = await fetch(new URL(pagePath, base))
      assert.equal(response.status, 200, pagePath)
      await response.arrayBuffer()
    }
  })

  test('restarting one process at a time while readers keep asking fails no request', { timeout: 180_000 }, async () => {
    const tally = { requests: 0, failures: [] as string[] }
    let restarting = true
    const reader = async (index: number) => {
      for (let sequence = index; restarting; sequence++) {
        const pagePath = PATHS[sequence % PATHS.length]
        try {
          const response = await fetch(new URL(pagePath, base))
          await response.arrayBuffer()
          if (response.status !== 200) tally.failures.push(`${response.status} ${pagePath}`)
        } catch (error) {
          tally.failures.push(`${pagePath}: ${String(error)}`)
        }
        tally.requests++
      }
    }
    const readers = Array.from({ length: READERS }, (_, index) => reader(index))
    try {
      for (const server of cluster.servers) {
        const before = tally.requests
        await server.restart()
        // The next is restarted only once readers have been answered with this one back.
        const answered = tally.requests
        while (tally.requests < answered + READERS * 2) await new Promise(resolve => setImmediate(resolve))
        assert.ok(tally.requests > before, 'readers were answered while the process restarted')
      }
    } finally {
      restarting = false
      await Promise.all(readers)
    }
    console.log(`${tally.requests} requests through nginx while each of 2 processes restarted in turn; ${tally.failures.length} failed`)
    assert.deepEqual(tally.failures.slice(0, 5), [])
    assert.ok(tally.requests >= 100, `${tally.requests} requests`)
  })
})
