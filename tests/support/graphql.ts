import type { TestServer } from './server'

// The one GraphQL client of the tests: a POST to a test server's /api/graphql, as the Admin UI
// and any outside client send it, signed in when given a session cookie.

type GraphQLError = { message: string; extensions?: Record<string, unknown> }

export type GraphQLAnswer<T = any> = {
  status: number
  data: T
  errors?: GraphQLError[]
  /** The `keystonejs-session` Set-Cookie header of the answer, attributes included, when it sets one. */
  sessionCookie?: string
  /** The body as the server sent it, for tests that look for what it must not contain. */
  text: string
}

export async function graphql<T = any>(
  server: Pick<TestServer, 'baseUrl'>,
  query: string,
  {
    variables = {},
    cookie,
    allowErrors = false,
  }: {
    variables?: Record<string, unknown>
    /** `keystonejs-session=…`, from signing in or from mintSessionCookie. */
    cookie?: string
    /** Return an answer with errors instead of throwing: for tests about what is refused. */
    allowErrors?: boolean
  } = {}
): Promise<GraphQLAnswer<T>> {
  const response = await fetch(new URL('/api/graphql', server.baseUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
    body: JSON.stringify({ query, variables }),
  })
  const text = await response.text()
  let body: { data?: T; errors?: GraphQLError[] }
  try {
    body = JSON.parse(text) as typeof body
  } catch {
    throw new Error(`GraphQL answered ${response.status} with something other than JSON: ${text.slice(0, 500)}`)
  }
  if (body.errors && !allowErrors) throw new Error(`GraphQL (${response.status}): ${body.errors.map(error => error.message).join('\n')}`)
  return {
    status: response.status,
    data: (body.data ?? null) as T,
    errors: body.errors,
    sessionCookie: response.headers.getSetCookie().find(value => value.startsWith('keystonejs-session=')),
    text,
  }
}
