import assert from 'node:assert/strict'
import { before, test } from 'node:test'

import { parseEnv } from '../../app/server/env.server'
import { prepareSite } from '../../app/server/first-run.server'
import type { Context } from '../../app/server/keystone.server'
import { migratedContext } from '../support/database'

let context: Context

before(async () => {
  context = await migratedContext()
})

const demoEnv = () => parseEnv({ ...process.env, SEED_DEMO_CONTENT: 'true', ADMIN_EMAIL: undefined, ADMIN_PASSWORD: undefined })
/** The site as its first start leaves it (nothing happens if it has started before). */
const firstStart = () => prepareSite(context, demoEnv())

// The first test needs a database never started, so it stays first; the others start the site themselves.

test('the first start seeds demo content and creates an administrator with a generated password', async () => {
  const report = await prepareSite(context, demoEnv())
  assert.equal(report.seeded, true)
  assert.equal(report.admin?.email, 'admin@example.org')
  assert.match(report.admin?.generatedPassword ?? '', /^[\w-]{16}$/)

  const db = context.sudo().db
  assert.equal(await db.Interview.count({ where: { status: { equals: 'published' } } }), 1)
  assert.equal(await db.InterviewQuestion.count(), 4)
  assert.ok((await db.Post.count({ where: { status: { equals: 'published' } } })) >= 2)
  assert.equal(await db.TopicAnnouncement.count(), 2)
  assert.equal(await db.ChatArchive.count(), 1)
  // The demo chat met on X, with answers from Bluesky and Mastodon.
  const byNetwork = await context.prisma.chatMessage.groupBy({ by: ['platform'], _count: true, orderBy: { platform: 'asc' } })
  assert.deepEqual(
    byNetwork.map(group => [group.platform, group._count]),
    [
      ['bluesky', 2],
      ['mastodon', 2],
      ['x', 18],
    ]
  )
})

test('a second start keeps everything and seeds nothing', async () => {
  await firstStart()
  const db = context.sudo().db
  const before = { posts: await db.Post.count(), users: await db.User.count() }
  const report = await prepareSite(context, demoEnv())
  assert.deepEqual(report, { seeded: false, rerendered: 0, admin: null })
  assert.deepEqual({ posts: await db.Post.count(), users: await db.User.count() }, before)
})

test('a start renders the blocks of a post body saved before bodies were stored as blocks', async () => {
  await firstStart()
  const recap = await context.prisma.post.findFirstOrThrow({ where: { slug: 'recap-answering-patients-in-public' } })
  const stored = recap.bodyBlocks
  await context.prisma.$executeRaw`UPDATE "Post" SET "bodyBlocks" = NULL WHERE "id" = ${recap.id}`

  const report = await prepareSite(context, demoEnv())

  assert.equal(report.rerendered, 1)
  const after = await context.prisma.post.findUniqueOrThrow({ where: { id: recap.id } })
  assert.deepEqual(after.bodyBlocks, stored)
  assert.equal((after.bodyBlocks as { chat?: unknown }[]).filter(block => block.chat).length, 3)
})

test('ADMIN_EMAIL and ADMIN_PASSWORD create the administrator when none exists', async () => {
  await firstStart()
  const db = context.sudo().db
  const admins = await db.User.findMany({ where: { role: { equals: 'admin' } } })
  await db.User.deleteMany({ where: admins.map(admin => ({ id: admin.id })) })
  const env = parseEnv({ ...process.env, ADMIN_EMAIL: 'lead@example.org', ADMIN_PASSWORD: 'a long admin passphrase' })

  const report = await prepareSite(context, env)

  assert.deepEqual(report.admin, { email: 'lead@example.org', generatedPassword: undefined })
  const [admin] = await context.sudo().query.User.findMany({
    where: { email: { equals: 'lead@example.org' } },
    query: 'role password { isSet }',
  })
  assert.equal(admin.role, 'admin')
  assert.equal(admin.password.isSet, true)
  // Signing in with it is exercised through the real Admin UI in tests/e2e.
})
