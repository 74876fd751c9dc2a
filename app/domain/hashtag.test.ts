import assert from 'node:assert/strict'
import { test } from 'node:test'

import { bareTag, hashtagText, isHashtag } from './hashtag'

test('a hashtag is spelt one way, however it was typed', () => {
  for (const typed of ['nhschat', '#nhschat', ' #nhschat ']) assert.equal(hashtagText(typed), '#nhschat')
  assert.equal(bareTag('#MondayHealthChat'), 'MondayHealthChat')
})

test('a hashtag is one word of letters, digits and underscores, in any script', () => {
  for (const good of ['#nhschat', 'nhs_chat_2026', '#santé', '#医療']) assert.ok(isHashtag(good), good)
  for (const bad of ['', '#', '#two words', '#nhs-chat', '##nhschat', 'https://x.com']) assert.ok(!isHashtag(bad), bad)
})
