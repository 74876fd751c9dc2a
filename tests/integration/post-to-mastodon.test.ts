import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, test } from 'node:test'

import { MASTODON_LIMIT, mastodonLength, postToMastodon } from '../../app/features/announce/post-to-mastodon.server'
import { startFakeMastodon, type FakeMastodon } from '../support/fake-mastodon'

// The real masto client posting to a local HTTPS server that answers like Mastodon.

let server: FakeMastodon
let slept: number[]
const connection = (more: Partial<Parameters<typeof postToMastodon>[1]> = {}) => ({
  server: server.origin,
  accessToken: server.token,
  dispatcher: server.dispatcher,
  sleep: async (ms: number) => void slept.push(ms),
  ...more,
})
const announcement = 'Tonight 20:00 GMT: sleep after night shifts, with @nhschat. Questions and how to join: https://mondayhealthchat.org/topics/sleep-after-night-shifts #MondayHealthChat'

before(async () => {
  server = await startFakeMastodon({ domain: 'nhs.social' })
})
after(() => server.stop())
beforeEach(() => {
  server.requests.length = 0
  server.posted.length = 0
  server.script.length = 0
  slept = []
})
// The fake remembers Idempotency-Keys as Mastodon does (for an hour), so each test posts its own text.
let serial = 0
const uniqueAnnouncement = () => `${announcement} (${++serial})`

describe('posting an announcement', () => {
  test('posts publicly with the account token and an Idempotency-Key, and returns the status id and address', async () => {
    const text = uniqueAnnouncement()
    const result = await postToMastodon(text, connection())
    assert.equal(server.posted.length, 1)
    const [posted] = server.posted
    assert.deepEqual(result, { id: posted.id, url: posted.url })
    assert.match(result.url, /^https:\/\/nhs\.social\/@community\/\d+$/)
    assert.equal(posted.text, text)
    assert.equal(posted.visibility, 'public')
    const [request] = server.requests
    assert.equal(request.method, 'POST')
    assert.equal(request.path, '/api/v1/statuses')
    assert.equal(request.authorization, `Bearer ${server.token}`)
    assert.match(request.idempotencyKey ?? '', /^[0-9a-f]{64}$/)
  })

  test('a retry after a server error sends the same key, and the announcement is posted once', async () => {
    server.script.push('500', 'drop-connection')
    const result = await postToMastodon(uniqueAnnouncement(), connection({ idempotencyKey: 'topic-42-announcement' }))
    assert.deepEqual(
      server.requests.map(request => request.idempotencyKey),
      ['topic-42-announcement', 'topic-42-announcement', 'topic-42-announcement']
    )
    assert.deepEqual(slept, [1000, 2000])
    assert.equal(server.posted.length, 1)
    assert.equal(result.id, server.posted[0].id)
  })

  test("a rate limit is waited out until Mastodon's reset, then the announcement is posted once with the same key", async () => {
    // The fake's 429 says the limit resets in 3 s (X-RateLimit-Reset).
    server.script.push('429')
    const result = await postToMastodon(uniqueAnnouncement(), connection({ idempotencyKey: 'topic-43-announcement' }))
    assert.deepEqual(
      server.requests.map(request => request.idempotencyKey),
      ['topic-43-announcement', 'topic-43-announcement']
    )
    assert.ok(slept.length >= 2 && slept.length <= 3 && slept.every(ms => ms === 1000), `waited a second at a time until the reset: ${slept}`)
    assert.equal(server.posted.length, 1)
    assert.equal(result.id, server.posted[0].id)
  })

  test('a rate limit that resets only hours later is not waited for: the error says when to post again', async () => {
    const limited = await startFakeMastodon({ domain: 'nhs.social', rateLimitResetIn: 2 * 3600 })
    try {
      limited.script.push('429')
      const host = new URL(limited.origin).host
      await assert.rejects(
        postToMastodon(uniqueAnnouncement(), { ...connection(), server: limited.origin, accessToken: limited.token, dispatcher: limited.dispatcher }),
        (error: Error) => {
          assert.match(error.message, new RegExp(`^${host.replace(/\./g, '\\.')} allows this account no more posts until \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z, in 120 minutes \\(429: rate limit\\)\\. Post the announcement again then\\.$`))
          return true
        }
      )
      assert.equal(limited.requests.length, 1, 'asked once, not again and again')
      assert.equal(limited.posted.length, 0)
      assert.deepEqual(slept, [])
    } finally {
      await limited.stop()
    }
  })

  test('sending the same announcement again returns the status already posted instead of posting twice', async () => {
    const text = uniqueAnnouncement()
    const first = await postToMastodon(text, connection())
    const second = await postToMastodon(text, connection())
    assert.deepEqual(second, first)
    assert.equal(server.posted.length, 1)
    assert.equal(server.requests.length, 2)
  })

  test('a refused token names the server', async () => {
    const host = new URL(server.origin).host
    await assert.rejects(postToMastodon(announcement, connection({ accessToken: 'revoked' })), (error: Error) => {
      assert.match(error.message, new RegExp(`^Mastodon refused the access token for ${host.replace(/\./g, '\\.')} \\(401: The access token is invalid\\)`))
      assert.match(error.message, /MASTODON_ACCESS_TOKEN/)
      return true
    })
    assert.equal(server.posted.length, 0)
  })

  test('without a server and token configured it says which settings are missing', async () => {
    await assert.rejects(postToMastodon(announcement), /needs MASTODON_SERVER .* and MASTODON_ACCESS_TOKEN/)
    await assert.rejects(postToMastodon(announcement, { server: '', accessToken: server.token }), /needs MASTODON_SERVER/)
  })

  test('an announcement over the limit is refused before anything is sent', async () => {
    await assert.rejects(postToMastodon('a'.repeat(501), connection()), { message: 'The Mastodon announcement is 501 characters; Mastodon allows 500.' })
    assert.equal(server.requests.length, 0)
  })
})

describe('counting as Mastodon counts', () => {
  test('text counts its characters as people see them', () => {
    assert.equal(mastodonLength('Sleep well'), 10)
    assert.equal(mastodonLength('Café 👩‍⚕️ 🇬🇧'), 8)
  })

  test('every link counts 23 characters, however long', () => {
    assert.equal(mastodonLength('https://nhs.uk'), 23)
    assert.equal(mastodonLength('Read https://www.nhs.uk/live-well/sleep-and-tiredness/how-to-get-to-sleep/ tonight'), 5 + 23 + 8)
  })

  test("a mention counts its username, not its server", () => {
    assert.equal(mastodonLength('@sampatel@nhs.social hi'), '@sampatel hi'.length)
    assert.equal(mastodonLength('@sam hi'), 7)
    assert.equal(mastodonLength('mail sam@nhs.social'), 'mail sam@nhs.social'.length)
  })

  test('the limit is 500 and the sample announcement fits', () => {
    assert.equal(MASTODON_LIMIT, 500)
    assert.equal(mastodonLength(announcement), announcement.length - 'https://mondayhealthchat.org/topics/sleep-after-night-shifts'.length + 23)
    assert.ok(mastodonLength('x'.repeat(477) + ' https://example.com/' + 'y'.repeat(100)) > MASTODON_LIMIT)
  })
})
