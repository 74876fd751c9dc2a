import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'

import { ensureLocalSessionSecret, parseEnv } from './env.server'

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetchat-env-'))
const databaseUrl = `file:${path.join(scratch, 'site.db')}`

test('defaults serve the demo on port 3000 with a SQLite file under ./data', () => {
  const env = parseEnv({ SESSION_SECRET: 'x'.repeat(32) })
  assert.equal(env.PORT, 3000)
  assert.deepEqual(env.database, { provider: 'sqlite', file: path.resolve('data/tweetchat.db') })
  assert.equal(env.publicUrl, 'http://localhost:3000')
  assert.equal(env.X_API_BASE, 'https://api.x.com/2/')
})

test('production refuses to start without a session secret, and says how to make one', () => {
  assert.throws(
    () => parseEnv({ NODE_ENV: 'production', DATABASE_URL: databaseUrl }),
    /SESSION_SECRET is not set.*openssl rand -hex 32/s
  )
})

test('a short session secret is refused', () => {
  assert.throws(() => parseEnv({ SESSION_SECRET: 'too-short' }), /SESSION_SECRET must be at least 32 characters/)
})

test('outside production a missing secret is generated once by start-up and kept beside the database', () => {
  const secretFile = path.join(scratch, '.session-secret')
  parseEnv({ DATABASE_URL: databaseUrl })
  assert.equal(fs.existsSync(secretFile), false, 'parsing the environment writes nothing')
  ensureLocalSessionSecret(parseEnv({ DATABASE_URL: databaseUrl }).database)
  const first = parseEnv({ DATABASE_URL: databaseUrl }).sessionSecret
  const second = parseEnv({ DATABASE_URL: databaseUrl }).sessionSecret
  assert.equal(first.length, 64)
  assert.equal(first, second)
})

test('a wrong variable is named with what is wrong', () => {
  assert.throws(() => parseEnv({ PORT: 'eighty', SESSION_SECRET: 'x'.repeat(32) }), /PORT: /)
  assert.throws(() => parseEnv({ DATABASE_URL: 'mysql://db', SESSION_SECRET: 'x'.repeat(32) }), /DATABASE_URL: must be an SQLite URL .* or a PostgreSQL URL/)
  assert.throws(() => parseEnv({ ADMIN_PASSWORD: 'short', SESSION_SECRET: 'x'.repeat(32) }), /ADMIN_PASSWORD: must be at least 10 characters/)
})

test('a postgres:// DATABASE_URL selects PostgreSQL', () => {
  const url = 'postgres://tweetchat:secret@db.internal:5432/tweetchat'
  assert.deepEqual(parseEnv({ DATABASE_URL: url, SESSION_SECRET: 'x'.repeat(32) }).database, { provider: 'postgresql', url })
})

test('PUBLIC_URL is the canonical base, without a trailing slash', () => {
  const env = parseEnv({ PUBLIC_URL: 'https://chat.example.org/', SESSION_SECRET: 'x'.repeat(32) })
  assert.equal(env.publicUrl, 'https://chat.example.org')
})

test('by default no host inside the network may be named by imported data', () => {
  assert.deepEqual(parseEnv({ SESSION_SECRET: 'x'.repeat(32) }).OUTBOUND_ALLOWED_HOSTS, [])
})

test('OUTBOUND_ALLOWED_HOSTS names the entry that is not a host or host:port', () => {
  assert.throws(
    () => parseEnv({ SESSION_SECRET: 'x'.repeat(32), OUTBOUND_ALLOWED_HOSTS: '127.0.0.1:4431 https://media.internal/' }),
    /OUTBOUND_ALLOWED_HOSTS: "https:\/\/media.internal\/" is not a host or host:port/
  )
})
