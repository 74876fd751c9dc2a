import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, test } from 'node:test'

import { BLUESKY_LIMIT, blueskyLength, postToBluesky } from '../../app/features/announce/post-to-bluesky.server'
import { blueskyAccount, byteRange } from '../support/bluesky-posts'
import { startFakeBluesky, type FakeBluesky } from '../support/fake-bluesky'

// Announcing as the community's account, with the real @atproto/api client against a local
// server that answers like Bluesky and checks each record against app.bsky.feed.post.

const priya = blueskyAccount('priya.bsky.social', 'Priya Shah, RN')
let bluesky: FakeBluesky

before(async () => {
  bluesky = await startFakeBluesky({ accounts: [priya] })
})
after(() => bluesky.stop())
beforeEach(() => {
  bluesky.requests.length = 0
  bluesky.posted.length = 0
})

describe('posting an announcement', () => {
  test('the link and the hashtag become facets at their UTF-8 byte offsets', async () => {
    const text = 'Lundi: Café ☕ & sleep 👩🏽‍⚕️ with #mondayhealthchat at 8pm GMT. Questions: https://mondayhealthchat.org/topics/sleep-and-shift-work'
    const result = await postToBluesky(text, bluesky.connection)
    assert.equal(bluesky.posted.length, 1)
    const [{ record, repo, collection }] = bluesky.posted
    assert.equal(repo, bluesky.account.did)
    assert.equal(collection, 'app.bsky.feed.post')
    assert.equal(record.text, text)
    assert.ok(!Number.isNaN(Date.parse(record.createdAt)))
    assert.deepEqual(record.facets, [
      { index: byteRange(text, '#mondayhealthchat'), features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'mondayhealthchat' }] },
      {
        index: byteRange(text, 'https://mondayhealthchat.org/topics/sleep-and-shift-work'),
        features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://mondayhealthchat.org/topics/sleep-and-shift-work' }],
      },
    ])
    assert.notEqual(record.facets?.[0].index.byteStart, text.indexOf('#mondayhealthchat'), 'offsets are bytes, not string indexes')
    const rkey = result.uri.split('/').at(-1)
    assert.deepEqual(result, { uri: bluesky.posted[0].uri, cid: bluesky.posted[0].cid, url: `https://bsky.app/profile/chatcommunity.bsky.social/post/${rkey}` })
    assert.match(result.uri, new RegExp(`^at://${bluesky.account.did}/app\\.bsky\\.feed\\.post/`))
  })

  test("a mention becomes a facet naming the person's DID; a handle that does not resolve stays plain text", async () => {
    await postToBluesky('Hosted by @priya.bsky.social with @nobody-here.bsky.social #mondayhealthchat', bluesky.connection)
    const [{ record }] = bluesky.posted
    const mentions = (record.facets ?? []).flatMap(facet => facet.features.filter(feature => feature.$type === 'app.bsky.richtext.facet#mention'))
    assert.deepEqual(mentions, [{ $type: 'app.bsky.richtext.facet#mention', did: priya.did }])
    assert.deepEqual(
      bluesky.requests.filter(sent => sent.nsid === 'com.atproto.identity.resolveHandle').map(sent => sent.query.handle).sort(),
      ['nobody-here.bsky.social', 'priya.bsky.social']
    )
  })

  test('a wrong app password is refused with the handle and what to check, and nothing is posted', async () => {
    await assert.rejects(postToBluesky('Tonight #mondayhealthchat', { ...bluesky.connection, password: 'wrong-pass-word-here' }), /Bluesky refused the sign-in for chatcommunity\.bsky\.social .*BLUESKY_APP_PASSWORD/s)
    assert.equal(bluesky.posted.length, 0)
  })

  test('without a configured account it names the missing settings', async () => {
    await assert.rejects(postToBluesky('Tonight #mondayhealthchat'), /BLUESKY_HANDLE and BLUESKY_APP_PASSWORD are not set: Announcing on Bluesky needs a Bluesky account/)
  })
})

describe('the length limit', () => {
  test('is counted in graphemes: an emoji with a skin tone and a profession counts once', () => {
    assert.equal(BLUESKY_LIMIT, 300)
    assert.equal(blueskyLength('👩🏽‍⚕️'), 1)
    assert.equal(blueskyLength('Café ☕'), 6)
    assert.equal(blueskyLength('x'.repeat(300)), 300)
  })

  test('a text just at the limit is posted', async () => {
    const text = `${'é'.repeat(282)} #mondayhealthchat`
    assert.equal(blueskyLength(text), 300)
    await postToBluesky(text, bluesky.connection)
    assert.equal(bluesky.posted.length, 1)
  })

  test('an over-long text is refused before signing in, naming its length', async () => {
    const text = `${'👩🏽‍⚕️'.repeat(290)} #mondayhealthchat`
    await assert.rejects(postToBluesky(text, bluesky.connection), /^Error: The Bluesky announcement is 308 characters long; Bluesky allows 300\. Shorten it by 8\.$/)
    assert.equal(bluesky.requests.length, 0)
  })
})
