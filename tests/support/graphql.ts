import type { TestServer } from './server'

/** The administrator's session cookie (`name=value`), from signing in over GraphQL. */
export async function adminSessionCookie(server: TestServer): Promise<string> {
  const response = await fetch(new URL('/api/graphql', server.baseUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($email: String!, $password: String!) { authenticateUserWithPassword(email: $email, password: $password) { __typename } }',
      variables: { email: server.adminEmail, password: server.adminPassword },
    }),
  })
  const cookie = response.headers.getSetCookie().find(value => value.startsWith('keystonejs-session='))
  if (!cookie) throw new Error(`The administrator could not sign in: ${await response.text()}`)
  return cookie.split(';')[0]
}

/** The administrator, signed in: a function that sends GraphQL with their session. */
export async function adminGraphql(server: TestServer) {
  const cookie = await adminSessionCookie(server)
  return async <T = any>(query: string, variables: Record<string, unknown> = {}, { allowErrors = false } = {}) => {
    const response = await fetch(new URL('/api/graphql', server.baseUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookie },
      body: JSON.stringify({ query, variables }),
    })
    const result = (await response.json()) as { data: T; errors?: { message: string }[] }
    if (result.errors && !allowErrors) throw new Error(`GraphQL: ${result.errors.map(error => error.message).join('\n')}`)
    return result
  }
}
