import { statelessSessions } from '@keystone-6/core/session'
import type { KeystoneContext } from '@keystone-6/core/types'
import Database from 'better-sqlite3'

import type { Role } from '../../app/server/session'
import { graphql } from './graphql'
import type { TestServer } from './server'

// Signing in without a password: the cookie a sign-in would set, sealed here with the server's
// secret. Signing in itself is tested once through the Admin UI (tests/e2e/editor.test.ts) and
// once over GraphQL (tests/e2e/sessions.test.ts); every other test starts signed in.

/** keystone.ts: SESSION_MAX_AGE_DAYS, which the test server leaves at its default of 30. */
const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60

type UserSession = { id: string; email: string; cookie: string }

/**
 * The `keystonejs-session=…` cookie of a user, as authenticateUserWithPassword makes it: Keystone's
 * own statelessSessions seals `{ itemId }` with @hapi/iron, and @keystone-6/auth reads the user's
 * name and role afresh on each request.
 */
export async function mintSessionCookie(server: Pick<TestServer, 'sessionSecret'>, userId: string): Promise<string> {
  let setCookie = ''
  // start() needs no more of a request's context than the response it sets the cookie on.
  const context = { res: { setHeader: (_name: string, value: string) => (setCookie = value) } } as unknown as KeystoneContext
  await statelessSessions({ secret: server.sessionSecret, maxAge: SESSION_MAX_AGE_SECONDS }).start({ context, data: { itemId: userId } })
  return setCookie.split(';')[0]
}

/** The administrator the server made at its first start (ADMIN_EMAIL), found in its database file. */
export async function adminSession(server: TestServer): Promise<UserSession> {
  const database = new Database(server.databaseFile, { readonly: true, fileMustExist: true })
  let admin: { id: string } | undefined
  try {
    admin = database.prepare('select id from User where email = ?').get(server.adminEmail) as { id: string } | undefined
  } finally {
    database.close()
  }
  if (!admin) throw new Error(`${server.adminEmail} is not in ${server.databaseFile}`)
  return { id: admin.id, email: server.adminEmail, cookie: await mintSessionCookie(server, admin.id) }
}

let users = 0

/** A new user of the role, created by the administrator over GraphQL (so with a slug and a hashed password), and their session. */
export async function newUserSession(server: TestServer, role: Role): Promise<UserSession> {
  const number = ++users
  const user = { name: `${role[0].toUpperCase()}${role.slice(1)} ${number}`, email: `${role}.${number}.${Date.now()}@example.org` }
  const { cookie } = await adminSession(server)
  const { data: created } = await graphql<{ createUser: { id: string } }>(server, 'mutation($data: UserCreateInput!) { createUser(data: $data) { id } }', {
    cookie,
    variables: { data: { ...user, role, password: 'correct horse battery staple' } },
  })
  return { id: created.createUser.id, email: user.email, cookie: await mintSessionCookie(server, created.createUser.id) }
}
