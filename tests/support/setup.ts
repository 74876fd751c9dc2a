import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import './offline.mjs'
import { postgresTemplate } from './migrated-template'
import { createDatabase } from './throwaway-postgres'

// Loaded before every test file (node --import): each test file runs in its own process with its
// own database, so no two files share state. By default that is an SQLite file (a copy of one
// migrated once, tests/support/migrated-template.ts); with TEST_POSTGRES_URL (scripts/test-postgresql.ts
// sets it) a fresh database on that server, copied from a template migrated there once.
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetchat-test-'))
process.env.DATABASE_URL = process.env.TEST_POSTGRES_URL
  ? await createDatabase(process.env.TEST_POSTGRES_URL, `test_${process.pid}_${Date.now()}`, await postgresTemplate(process.env.TEST_POSTGRES_URL))
  : `file:${path.join(directory, 'test.db')}`
process.env.IMAGES_FOLDER = path.join(directory, 'images')
process.env.NODE_ENV = 'test'
process.env.SEED_DEMO_CONTENT ??= 'false'
process.env.PUBLIC_URL ??= 'http://localhost:3000'
process.env.SESSION_SECRET ??= 'test-secret-that-is-long-enough-for-iron-0123456789'
process.on('exit', () => fs.rmSync(directory, { recursive: true, force: true }))

