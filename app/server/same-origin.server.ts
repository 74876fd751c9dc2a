import type http from 'node:http'

// Cross-site request forgery is refused by asking the browser where a form came from (OWASP's
// "verifying origin with standard headers"), not with a per-reader token: a token would make every
// page with a form different for each reader, and so impossible to cache. The check runs once, at
// the server's edge, for every POST to the site (app/server/public-site.server.ts), before Remix
// sees the request: Remix's own check parses `Origin` with `new URL` and answers 500 with a stack
// trace in the log for a value it cannot parse (`http://host:port.evil.example`).

const firstValue = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)

function originOf(address: string): string | null {
  // `new URL('null').origin` and the like never match one of ours, but some values throw.
  return URL.canParse(address) ? new URL(address).origin : null
}

/**
 * Whether a POST came from one of `ownOrigins` (the address it was sent to, and PUBLIC_URL): by
 * its `Origin` header, else `Sec-Fetch-Site`, else the `Referer`. A request naming none of them is
 * refused: every browser that runs the site's forms sends at least one.
 */
export function isSameOriginPost(headers: http.IncomingHttpHeaders, ownOrigins: string[]): boolean {
  const allowed = new Set(ownOrigins.map(originOf).filter(origin => origin !== null))
  // Compared as given: a browser sends the serialised origin, so anything else is not ours.
  const origin = firstValue(headers.origin)
  if (origin && origin !== 'null') return allowed.has(origin)
  const fetchSite = firstValue(headers['sec-fetch-site'])
  if (fetchSite) return fetchSite === 'same-origin'
  const referer = firstValue(headers.referer)
  const refererOrigin = referer ? originOf(referer) : null
  return refererOrigin !== null && allowed.has(refererOrigin)
}

/** One line for the log about a refused request; header values are the sender's, so quoted and cut short. */
export function crossSiteNote(method: string, path: string, headers: http.IncomingHttpHeaders): string {
  const quoted = (value: string | string[] | undefined) => JSON.stringify((firstValue(value) ?? '').slice(0, 120))
  return `Refused a cross-site ${method} to ${JSON.stringify(path.slice(0, 200))} (Origin ${quoted(headers.origin)}, Sec-Fetch-Site ${quoted(headers['sec-fetch-site'])}, Referer ${quoted(headers.referer)})`
}
