import assert from 'node:assert/strict'
import { test } from 'node:test'

import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'

import type { PostView } from '../features/archive/archive.server'
import { ChatPostView } from './chat'
import { SiteDataProvider, type RootData } from './site-context'

// Participants' names, handles and texts are theirs to write, direction overrides included: the
// markup isolates each, so one cannot reorder the line around it (seen in Chromium for comment
// names in tests/e2e/bidi-isolation.test.ts).

const RLO = '\u202E'
const SITE: RootData = { siteName: 'Site', tagline: '', disclaimer: '', publicUrl: '', locale: 'en-GB', chatTimeZone: 'Europe/London' }

const post: PostView = {
  id: '1',
  platform: 'x',
  kind: 'retweet',
  postedAt: '2026-12-07T20:00:00.000Z',
  editedAt: null,
  network: null,
  author: { name: `Ana${RLO}evil`, handle: `ana${RLO}x`, initials: 'A', redacted: false },
  segments: [{ type: 'text', text: `A1 ${RLO}reversed` }],
  media: [{ type: 'photo', altText: `A chart${RLO}`, image: null }],
  url: null,
  depth: 0,
  repostedBy: { name: `Ben${RLO}`, handle: `ben${RLO}` },
}

const html = renderToStaticMarkup(createElement(SiteDataProvider, { value: SITE }, createElement(ChatPostView, { post })))

test("a chat post's author name and handle are each isolated", () => {
  assert.ok(html.includes(`<strong><bdi>Ana${RLO}evil</bdi></strong>`), html)
  assert.ok(html.includes(`@<bdi>ana${RLO}x</bdi>`), html)
})

test("who reposted a chat post is isolated, name and handle", () => {
  assert.ok(html.includes(`Reposted by <bdi>Ben${RLO}</bdi> @<bdi>ben${RLO}</bdi>`), html)
})

test("a chat post's text is a paragraph of its own direction", () => {
  assert.match(html, /<p class="chat-text" dir="auto"><span>A1 \u202Ereversed<\/span><\/p>/)
})

test("a photo's description shown in place of the photo is isolated", () => {
  assert.ok(html.includes(`Image: <bdi>A chart${RLO}</bdi>`), html)
})
