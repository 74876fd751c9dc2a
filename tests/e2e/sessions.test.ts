import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'

import { startServer, type TestServer } from '../support/server'

// Editors' sessions: the cookie Keystone sets on an https site, signing out, and password rules,
// all through GraphQL over HTTP against the production server. The site is configured as
// https (PUBLIC_URL) but served over plain HTTP here; only the headers are read.

let server: TestServer
before(async () => {
  server = await startServer({ env: { PUBLIC_URL: 'https://chat.example.test' } })
})
after(() => server?.stop())

async function graphql(query: string, { cookie, variables }: { cookie?: string; variables?: Record<string, unknown> } = {}) {
  const response = await fetch(new URL('/api/graphql', server.baseUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
    body: JSON.stringify({ query, variables }),
  })
  const sessionCookie = response.headers.getSetCookie().find(value => value.startsWith('keystonejs-session='))
  return { body: (await response.json()) as { data?: Record<string, any>; errors?: { message: string }[] }, sessionCookie }
}

const SIGN_IN = `mutation($email: String!, $password: String!) {
  authenticateUserWithPassword(email: $email, password: $password) { ... on UserAuthenticationWithPasswordSuccess { item { id } } }
}`
const WHO = '{ authenticatedItem { ... on User { email } } }'

async function signIn() {
  const { sessionCookie } = await graphql(SIGN_IN, { variables: { email: server.adminEmail, password: server.adminPassword } })
  assert.ok(sessionCookie, 'signing in sets the session cookie')
  return sessionCookie
}

test('the session cookie is HttpOnly, SameSite=Lax, Secure on an https site, and expires', async () => {
  const attributes = (await signIn()).split(';').slice(1).map(part => part.trim().toLowerCase())
  assert.ok(attributes.includes('httponly'), 'scripts cannot read it')
  assert.ok(attributes.includes('samesite=lax'), 'other sites cannot send it with a form post')
  assert.ok(attributes.includes('secure'), 'never sent over plain HTTP')
  assert.ok(attributes.includes('path=/'))
  assert.ok(attributes.some(part => part.startsWith('max-age=') && Number(part.slice(8)) > 0), 'it has a lifetime')
})

test('signing out clears the cookie, and the browser that held it is signed out', async () => {
  const cookie = (await signIn()).split(';')[0]
  assert.equal((await graphql(WHO, { cookie })).body.data?.authenticatedItem?.email, server.adminEmail)
  const { body, sessionCookie } = await graphql('mutation { endSession }', { cookie })
  assert.equal(body.data?.endSession, true)
  assert.ok(sessionCookie, 'the answer replaces the cookie')
  const cleared = sessionCookie.split(';')[0]
  assert.equal(cleared, 'keystonejs-session=', 'with an empty one')
  assert.match(sessionCookie, /max-age=0|expires=thu, 01 jan 1970/i, 'that expires at once')
  assert.equal((await graphql(WHO, { cookie: cleared })).body.data?.authenticatedItem, null)
})

test('a password needs 10 characters and must not be a common one', async () => {
  const cookie = (await signIn()).split(';')[0]
  const create = (password: string) =>
    graphql(`mutation($data: UserCreateInput!) { createUser(data: $data) { id } }`, {
      cookie,
      variables: { data: { name: 'New editor', email: `new.${password.length}.${Date.now()}@example.org`, password, role: 'editor' } },
    })
  assert.match((await create('short')).body.errors?.[0]?.message ?? '', /at least 10 characters/)
  assert.match((await create('qwertyuiop')).body.errors?.[0]?.message ?? '', /too common/)
  assert.ok((await create('a long and unusual passphrase')).body.data?.createUser?.id, 'a good one is accepted')
})
