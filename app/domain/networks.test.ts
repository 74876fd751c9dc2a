import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import { parseChatEmbed } from './chat-embed'
import { blueskyPostUrl, hashtagSearchUrl, hashtagUrl, originalPostUrl, parseHandles, postAnchor, postReference, profileUrl } from './networks'

describe('addresses on each network', () => {
  test('a hashtag links to its page on the network the post was written on', () => {
    assert.equal(hashtagUrl('x', '#mondayhealthchat'), 'https://x.com/hashtag/mondayhealthchat')
    assert.equal(hashtagUrl('bluesky', '#mondayhealthchat'), 'https://bsky.app/hashtag/mondayhealthchat')
    assert.equal(hashtagUrl('mastodon', '#mondayhealthchat', 'wardcomms@nhs.social'), 'https://nhs.social/tags/mondayhealthchat')
  })

  test('a Mastodon mention without a server is someone on the author’s own server', () => {
    assert.equal(profileUrl('mastodon', '@sam', 'wardcomms@nhs.social'), 'https://nhs.social/@sam')
    assert.equal(profileUrl('mastodon', '@sam@mastodon.social', 'wardcomms@nhs.social'), 'https://mastodon.social/@sam')
    assert.equal(profileUrl('bluesky', '@ade-nurse.bsky.social'), 'https://bsky.app/profile/ade-nurse.bsky.social')
    assert.equal(profileUrl('x', '@nurse_posts'), 'https://x.com/nurse_posts')
  })

  test('X originals are made from the handle; the others use the address stored at import', () => {
    assert.equal(originalPostUrl({ platform: 'x', id: '190' }, 'gp_comms'), 'https://x.com/gp_comms/status/190')
    assert.equal(
      originalPostUrl({ platform: 'bluesky', id: 'at://did:plc:a/app.bsky.feed.post/3k', url: 'https://bsky.app/profile/a.bsky.social/post/3k' }, 'a.bsky.social'),
      'https://bsky.app/profile/a.bsky.social/post/3k'
    )
    assert.equal(originalPostUrl({ platform: 'mastodon', id: 'https://nhs.social/users/a/statuses/1', url: '' }, 'a@nhs.social'), null)
  })

  test('an editor’s list of handles keeps each network’s shape', () => {
    assert.deepEqual(parseHandles('@MHC_host, @mhc.bsky.social  @mhc@NHS.social'), ['mhc_host', 'mhc.bsky.social', 'mhc@nhs.social'])
  })

  test('a post’s reference is X’s number, or a short name for an address, usable in an embed line', () => {
    assert.equal(postReference('1900000000000000002'), '1900000000000000002')
    assert.equal(postReference('at://did:plc:abc/app.bsky.feed.post/3kq2abc'), 'bluesky-3kq2abc')
    assert.equal(postReference('https://nhs.social/users/wardcomms/statuses/113500001'), 'mastodon-113500001')
    assert.deepEqual(parseChatEmbed('::chat[sleep/bluesky-3kq2abc]'), { archiveSlug: 'sleep', postId: 'bluesky-3kq2abc' })
    assert.equal(parseChatEmbed('::chat[sleep/at://did:plc:abc/app.bsky.feed.post/3kq2abc]'), null)
  })

  test('anchors stay X’s numbers and become short names for addresses', () => {
    assert.equal(postAnchor('1900000000000000002'), 'post-1900000000000000002')
    assert.equal(postAnchor('at://did:plc:abc/app.bsky.feed.post/3kq2abc'), 'post-bluesky-3kq2abc')
    assert.equal(postAnchor('https://nhs.social/users/wardcomms/statuses/113500001'), 'post-mastodon-113500001')
  })

  test('a Bluesky post’s page comes from its at:// URI, and anything else is no page', () => {
    assert.equal(blueskyPostUrl('at://did:plc:abc/app.bsky.feed.post/3kq2abc'), 'https://bsky.app/profile/did:plc:abc/post/3kq2abc')
    assert.equal(blueskyPostUrl('https://example.org/'), null)
  })

  test('readers follow the hashtag live on each network, Mastodon on the community’s server', () => {
    assert.equal(hashtagSearchUrl('x', '#mondayhealthchat'), 'https://x.com/search?q=%23mondayhealthchat&f=live')
    assert.equal(hashtagSearchUrl('bluesky', 'mondayhealthchat'), 'https://bsky.app/hashtag/mondayhealthchat')
    assert.equal(hashtagSearchUrl('mastodon', '#mondayhealthchat', 'nhs.social'), 'https://nhs.social/tags/mondayhealthchat')
  })
})
