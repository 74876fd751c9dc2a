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
  const files = filesIn(variables)
  const response = await fetch(new URL('/api/graphql', server.baseUrl), {
    method: 'POST',
    headers: files.length
      ? // Apollo refuses a multipart request without a header a plain HTML form cannot send (CSRF).
        { 'apollo-require-preflight': 'true', ...(cookie ? { Cookie: cookie } : {}) }
      : { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
    body: files.length ? multipartBody(query, variables, files) : JSON.stringify({ query, variables }),
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

/** Where the variables hold files (a File in place of an Upload), as dotted paths. */
function filesIn(value: unknown, at = 'variables'): { path: string; file: File }[] {
  if (value instanceof File) return [{ path: at, file: value }]
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, inner]) => filesIn(inner, `${at}.${key}`))
  return []
}

/** The GraphQL multipart request (github.com/jaydenseric/graphql-multipart-request-spec), as the Admin UI sends an upload. */
function multipartBody(query: string, variables: Record<string, unknown>, files: { path: string; file: File }[]) {
  const form = new FormData()
  form.set('operations', JSON.stringify({ query, variables }, (_key, value: unknown) => (value instanceof File ? null : value)))
  form.set('map', JSON.stringify(Object.fromEntries(files.map((file, index) => [String(index), [file.path]]))))
  files.forEach((file, index) => form.set(String(index), file.file))
  return form
}
