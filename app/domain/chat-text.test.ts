import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import { pointsAtRedacted, redactPostText, segmentPostText } from './chat-text'

const noEntities = { urls: [] }

describe('a post’s text on each network', () => {
  test('a Bluesky link written without its scheme is linked where its facet points', () => {
    const text = 'Café ☕ chats welcome nhs.uk/nhs-services… #mondayhealthchat'
    const entities = { urls: [{ url: 'nhs.uk/nhs-services…', expandedUrl: 'https://www.nhs.uk/nhs-services/', displayUrl: 'nhs.uk/nhs-services…' }] }
    const segments = segmentPostText(text, entities, { platform: 'bluesky' })
    assert.deepEqual(
      segments.filter(segment => segment.type !== 'text'),
      [
        { type: 'link', text: 'nhs.uk/nhs-services…', href: 'https://www.nhs.uk/nhs-services/' },
        { type: 'hashtag', text: '#mondayhealthchat', href: 'https://bsky.app/hashtag/mondayhealthchat' },
      ]
    )
    assert.equal(segments.map(segment => segment.text).join(''), text)
  })

  test('a Bluesky mention is a whole domain handle', () => {
    const [mention] = segmentPostText('@ade-nurse.bsky.social pinning it works', noEntities, { platform: 'bluesky' })
    assert.deepEqual(mention, { type: 'mention', text: '@ade-nurse.bsky.social', href: 'https://bsky.app/profile/ade-nurse.bsky.social' })
  })

  test('Mastodon mentions link to the author’s server, or to the server they name', () => {
    const segments = segmentPostText('@sam and @jo@mastodon.social agreed', noEntities, { platform: 'mastodon', authorHandle: 'wardcomms@nhs.social' })
    assert.deepEqual(
      segments.filter(segment => segment.type === 'mention').map(segment => segment.type === 'mention' && segment.href),
      ['https://nhs.social/@sam', 'https://mastodon.social/@jo']
    )
  })

  test('an X post reads as it always did', () => {
    const entities = { urls: [{ url: 'https://t.co/abc', expandedUrl: 'https://www.nhs.uk/', displayUrl: 'nhs.uk' }] }
    assert.deepEqual(segmentPostText('@gp_comms see https://t.co/abc #chat', entities), [
      { type: 'mention', text: '@gp_comms', href: 'https://x.com/gp_comms' },
      { type: 'text', text: ' see ' },
      { type: 'link', text: 'nhs.uk', href: 'https://www.nhs.uk/' },
      { type: 'text', text: ' ' },
      { type: 'hashtag', text: '#chat', href: 'https://x.com/hashtag/chat' },
    ])
  })

  test('a redacted Mastodon participant is hidden when mentioned from their own server without it', () => {
    const redactedHandles = new Set(['sam@nhs.social'])
    assert.equal(redactPostText('thanks @sam!', noEntities, { platform: 'mastodon', authorHandle: 'wardcomms@nhs.social', redactedHandles }), 'thanks @a participant!')
    assert.equal(redactPostText('thanks @sam!', noEntities, { platform: 'mastodon', authorHandle: 'jo@mastodon.social', redactedHandles }), 'thanks @sam!')
  })

  test('links to a redacted participant’s profile or post are recognised on every network', () => {
    const redacted = new Set(['gp_comms', 'ade-nurse.bsky.social', 'sam@nhs.social'])
    assert.ok(pointsAtRedacted('https://x.com/gp_comms/status/1', redacted))
    assert.ok(pointsAtRedacted('https://bsky.app/profile/ade-nurse.bsky.social/post/3k', redacted))
    assert.ok(pointsAtRedacted('https://nhs.social/@sam/1135', redacted))
    assert.ok(pointsAtRedacted('https://nhs.social/users/sam/statuses/1135', redacted))
    assert.ok(!pointsAtRedacted('https://mastodon.social/@sam', redacted))
    assert.ok(!pointsAtRedacted('https://www.nhs.uk/@sam', new Set(['gp_comms'])))
  })
})
