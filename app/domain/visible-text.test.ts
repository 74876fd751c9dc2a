import assert from 'node:assert/strict'
import { test } from 'node:test'

import { hasVisibleText } from './visible-text'

const INVISIBLE = {
  'zero-width space': '\u200B',
  'zero-width non-joiner and joiner': '\u200C\u200D',
  'word joiner': '\u2060',
  'byte-order mark': '\uFEFF',
  'soft hyphen': '\u00AD',
  'bidi overrides and isolates': '\u202E\u202D\u2066\u2069',
  'left-to-right and right-to-left marks': '\u200E\u200F',
  'Mongolian vowel separator': '\u180E',
  'Hangul filler': '\u3164',
  'variation selector': '\uFE0F',
  'tag characters': '\u{E0041}\u{E007F}',
  'braille blank': '\u2800',
  'white space of every kind': ' \t\n\u00A0\u2003\u3000',
}

test('text of invisible characters only has no visible text', () => {
  for (const [what, text] of Object.entries(INVISIBLE)) assert.equal(hasVisibleText(text), false, what)
  assert.equal(hasVisibleText(Object.values(INVISIBLE).join('')), false, 'all of them together')
  assert.equal(hasVisibleText(''), false)
})

test('one visible character among invisible ones is visible text', () => {
  for (const text of ['\u200BA\u200B', 'Zoë', '\u202Eأحمد', '1', '.', '😀', '李']) assert.equal(hasVisibleText(text), true, JSON.stringify(text))
})
