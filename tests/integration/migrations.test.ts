import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'

import Database from 'better-sqlite3'

import { env } from '../../app/server/env.server'
import { applyMigrations, pendingSchemaChanges } from '../../app/server/migrations.server'

test("the committed migrations produce exactly the schema Keystone generates for this test's database", async () => {
  assert.equal(await pendingSchemaChanges(env.database), '', `${env.database.provider}: schema.ts changed: run npm run db:migration -- NAME`)
})

test('migrations create a fresh database, then apply nothing the second time', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tweetchat-migrate-')), 'nested', 'site.db')
  const first = await applyMigrations(file)
  assert.ok(first.length >= 1)
  assert.deepEqual(await applyMigrations(file), [])
  const db = new Database(file, { readonly: true })
  const tables = db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]
  db.close()
  assert.equal(new Database(file, { readonly: true }).pragma('journal_mode', { simple: true }), 'wal', 'SQLite runs in WAL mode')
  for (const list of ['User', 'Post', 'Interview', 'TopicAnnouncement', 'ChatArchive', 'ChatMessage', 'Participant', 'Comment', 'Tag', 'SiteSettings']) {
    assert.ok(tables.some(table => table.name === list), `table ${list} exists`)
  }
})
