import assert from 'node:assert/strict'
import http from 'node:http'
import { after, before, describe, test } from 'node:test'

import { startServer, type TestServer } from '../support/server'

// A form post from another site, or from nowhere a browser would name, against the production
// server: every page that takes a POST answers the site's own 403 page, inside the layout, and
// the log gets one line, never a stack trace. Hostile and malformed Origin and Referer values
// included: Remix's own check used to throw on some (ERR_INVALID_URL) and answer 500.

let server: TestServer
before(async () => {
  server = await startServer()
})
after(() => server?.stop())

const POST = '/posts/a-home-for-the-monday-health-chat'
const INTERVIEW = '/interviews/why-a-weekly-chat-a-conversation-with-one-of-our-hosts'
const ARCHIVE = '/archives/answering-patients-in-public'
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' }
const COMMENT = new URLSearchParams({ name: 'Mallory', email: '', body: 'Posted from elsewhere', website: '', parentId: '', startedAt: '0', startedSignature: '' }).toString()

/** Sent with node:http, as written: fetch() would refuse or tidy some of these headers. */
function post(path: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  const { hostname, port } = new URL(server.baseUrl)
  return new Promise((resolve, reject) => {
    const request = http.request({ hostname, port, path, method: 'POST', headers: { ...FORM, ...headers } }, response => {
      const chunks: Buffer[] = []
      response.on('data', chunk => chunks.push(chunk))
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }))
    })
    request.on('error', reject)
    request.end(COMMENT)
  })
}

const own = () => new URL(server.baseUrl)

const REFUSED: { what: string; path?: string; headers: () => Record<string, string> }[] = [
  { what: 'an Origin of another site', headers: () => ({ Origin: 'https://evil.example' }) },
  { what: 'an Origin that extends this host and port into another domain', headers: () => ({ Origin: `${own().origin}.evil.example` }) },
  { what: 'an Origin whose port runs into another domain', headers: () => ({ Origin: `http://${own().hostname}:${own().port}evil.example` }) },
  { what: 'an Origin of this host over another scheme', headers: () => ({ Origin: `https://${own().host}` }) },
  { what: 'an Origin of this host on another port', headers: () => ({ Origin: `http://${own().hostname}:1` }) },
  { what: 'an Origin with a path after this origin', headers: () => ({ Origin: `${own().origin}/posts` }) },
  { what: 'an Origin of garbage', headers: () => ({ Origin: '%%% not :// a url [' }) },
  { what: 'an Origin of "null" and nothing else', headers: () => ({ Origin: 'null' }) },
  { what: 'an Origin of "null" from a cross-site frame', headers: () => ({ Origin: 'null', 'Sec-Fetch-Site': 'cross-site' }) },
  { what: 'no Origin and Sec-Fetch-Site same-site', headers: () => ({ 'Sec-Fetch-Site': 'same-site' }) },
  { what: 'no Origin and a Referer on another site', headers: () => ({ Referer: 'https://evil.example/page' }) },
  { what: 'no Origin and a Referer that extends this host into another domain', headers: () => ({ Referer: `${own().origin}.evil.example${POST}` }) },
  { what: 'no Origin and a Referer of garbage', headers: () => ({ Referer: ':::garbage:::' }) },
  { what: 'no Origin, Sec-Fetch-Site or Referer at all', headers: () => ({}) },
  { what: 'an Origin of another site sent to an interview', path: INTERVIEW, headers: () => ({ Origin: 'https://evil.example' }) },
  { what: 'an Origin of another site sent to an archive', path: ARCHIVE, headers: () => ({ Origin: 'https://evil.example' }) },
  { what: 'an Origin of another site sent to a page without a form', path: '/', headers: () => ({ Origin: 'https://evil.example' }) },
  { what: 'a hostile Origin sent to the data address scripts post to', path: `${POST}.data`, headers: () => ({ Origin: `${own().origin}.evil.example` }) },
]

describe('a POST from another site gets the site’s 403 page', () => {
  for (const { what, path = POST, headers } of REFUSED) {
    test(`${what}`, async () => {
      const answer = await post(path, headers())
      assert.equal(answer.status, 403, answer.text.slice(0, 300))
      assert.match(answer.text, /<h1>Not accepted<\/h1>/)
      assert.ok(!answer.text.includes('Posted from elsewhere'), 'nothing of the post is echoed')
    })
  }
})

test('the 403 page is drawn inside the layout, with the site’s name and disclaimer, and kept by no cache', async () => {
  const answer = await post(POST, { Origin: 'https://evil.example' })
  assert.match(answer.text, /class="site-name"/)
  assert.match(answer.text, /class="disclaimer"/)
  assert.match(answer.text, /<title>Not accepted<\/title>/)
  assert.equal(answer.headers['cache-control'], 'private, no-cache')
  assert.equal(answer.headers['surrogate-key'], undefined)
  assert.equal(answer.headers['set-cookie'], undefined)
})

test('a refused POST leaves one line in the log and no stack trace', async () => {
  const before = server.output().length
  const noted = new Promise<void>(resolve => {
    const listen = () => {
      if (server.output().slice(before).includes('\n')) {
        server.child.stderr!.off('data', listen)
        server.child.stdout!.off('data', listen)
        resolve()
      }
    }
    server.child.stderr!.on('data', listen)
    server.child.stdout!.on('data', listen)
  })
  const answer = await post(POST, { Origin: `${own().origin}.evil.example` })
  assert.equal(answer.status, 403)
  await noted
  const logged = server.output().slice(before)
  assert.equal(logged.trimEnd().split('\n').length, 1, logged)
  assert.match(logged, /^Refused a cross-site POST to "\/posts\/a-home-for-the-monday-health-chat" \(Origin "http:\/\/localhost:\d+\.evil\.example"/)
  assert.doesNotMatch(logged, /\n\s+at |ERR_INVALID_URL|Error:/)
})

describe('a POST from this site reaches the comment form', () => {
  // The form's own checks answer (its start time here was not signed): the request got past the edge.
  const ACCEPTED: { what: string; headers: () => Record<string, string> }[] = [
    { what: 'with its Origin', headers: () => ({ Origin: own().origin }) },
    { what: 'with Sec-Fetch-Site same-origin and no Origin', headers: () => ({ 'Sec-Fetch-Site': 'same-origin' }) },
    { what: 'with only a Referer on this site', headers: () => ({ Referer: `${own().origin}${POST}` }) },
    { what: 'with its Origin and a forged X-Forwarded-Host, which Remix alone answered with 500', headers: () => ({ Origin: own().origin, 'X-Forwarded-Host': 'evil.example' }) },
  ]
  for (const { what, headers } of ACCEPTED) {
    test(what, async () => {
      const answer = await post(POST, headers())
      assert.equal(answer.status, 400, answer.text.slice(0, 300))
      assert.match(answer.text, /This form had expired/)
    })
  }
})
