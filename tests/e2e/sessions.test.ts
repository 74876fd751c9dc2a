import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { graphql } from '../support/graphql'
import { startServer, type TestServer } from '../support/server'
import { adminSession, mintSessionCookie, newUserSession } from '../support/session'

// Editors' sessions: the cookie Keystone sets on an https site, signing out, and password rules,
// all through GraphQL over HTTP against the production server. The site is configured as
// https (PUBLIC_URL) but served over plain HTTP here; only the headers are read. Signing in with
// a password is tested here (and in the Admin UI, tests/e2e/editor.test.ts); the other files
// start signed in with a cookie from tests/support/session.ts, which the last test checks.

let server: TestServer
before(async () => {
  server = await startServer({ env: { PUBLIC_URL: 'https://chat.example.test' } })
})
after(() => server?.stop())

const SIGN_IN = `mutation($email: String!, $password: String!) {
  authenticateUserWithPassword(email: $email, password: $password) { ... on UserAuthenticationWithPasswordSuccess { item { id } } }
}`
const WHO = '{ authenticatedItem { ... on User { id email role } } }'

async function signInWithPassword() {
  const { sessionCookie } = await graphql(server, SIGN_IN, { variables: { email: server.adminEmail, password: server.adminPassword } })
  assert.ok(sessionCookie, 'signing in sets the session cookie')
  return sessionCookie
}

test('the session cookie is HttpOnly, SameSite=Lax, Secure on an https site, and expires', async () => {
  const attributes = (await signInWithPassword()).split(';').slice(1).map(part => part.trim().toLowerCase())
  assert.ok(attributes.includes('httponly'), 'scripts cannot read it')
  assert.ok(attributes.includes('samesite=lax'), 'other sites cannot send it with a form post')
  assert.ok(attributes.includes('secure'), 'never sent over plain HTTP')
  assert.ok(attributes.includes('path=/'))
  assert.ok(attributes.some(part => part.startsWith('max-age=') && Number(part.slice(8)) > 0), 'it has a lifetime')
})

test('signing out clears the cookie, and the browser that held it is signed out', async () => {
  const { cookie } = await adminSession(server)
  assert.equal((await graphql(server, WHO, { cookie })).data?.authenticatedItem?.email, server.adminEmail)
  const { data, sessionCookie } = await graphql(server, 'mutation { endSession }', { cookie })
  assert.equal(data?.endSession, true)
  assert.ok(sessionCookie, 'the answer replaces the cookie')
  const cleared = sessionCookie.split(';')[0]
  assert.equal(cleared, 'keystonejs-session=', 'with an empty one')
  assert.match(sessionCookie, /max-age=0|expires=thu, 01 jan 1970/i, 'that expires at once')
  assert.equal((await graphql(server, WHO, { cookie: cleared })).data?.authenticatedItem, null)
})

test('a password needs 10 characters and must not be a common one', async () => {
  const { cookie } = await adminSession(server)
  const create = (password: string) =>
    graphql(server, `mutation($data: UserCreateInput!) { createUser(data: $data) { id } }`, {
      cookie,
      variables: { data: { name: 'New editor', email: `new.${password.length}.${Date.now()}@example.org`, password, role: 'editor' } },
      allowErrors: true,
    })
  assert.match((await create('short')).errors?.[0]?.message ?? '', /at least 10 characters/)
  assert.match((await create('qwertyuiop')).errors?.[0]?.message ?? '', /too common/)
  assert.ok((await create('a long and unusual passphrase')).data?.createUser?.id, 'a good one is accepted')
})

test('a minted session cookie is one the server accepts as its user, and a forged one is not', async () => {
  const passwordCookie = (await signInWithPassword()).split(';')[0]
  const admin = await adminSession(server)
  const fromPassword = (await graphql(server, WHO, { cookie: passwordCookie })).data.authenticatedItem
  assert.deepEqual((await graphql(server, WHO, { cookie: admin.cookie })).data.authenticatedItem, fromPassword)
  const contributor = await newUserSession(server, 'contributor')
  assert.deepEqual((await graphql(server, WHO, { cookie: contributor.cookie })).data.authenticatedItem, { id: contributor.id, email: contributor.email, role: 'contributor' })
  const forged = await mintSessionCookie({ sessionSecret: `not ${server.sessionSecret}` }, admin.id)
  assert.equal((await graphql(server, WHO, { cookie: forged })).data.authenticatedItem, null)
})
