import assert from 'node:assert/strict'
import { test } from 'node:test'

import { parseChatEmbed } from './chat-embed'
import { applyFormatting, chatEmbedLine, insertBlock } from './markdown-editing'

test('bold and italic wrap the selection, or select a placeholder to type over', () => {
  assert.deepEqual(applyFormatting({ text: 'a word here', start: 2, end: 6 }, 'bold'), { text: 'a **word** here', start: 4, end: 8 })
  assert.deepEqual(applyFormatting({ text: 'ab', start: 1, end: 1 }, 'italic'), { text: 'a_italic text_b', start: 2, end: 13 })
})

test('a link keeps its text and selects the address to type', () => {
  const edit = applyFormatting({ text: 'see the NHS site', start: 8, end: 11 }, 'link')
  assert.equal(edit.text, 'see the [NHS](https://) site')
  assert.equal(edit.text.slice(edit.start, edit.end), 'https://')
})

test('headings, lists and quotes mark each line the selection touches, once', () => {
  assert.equal(applyFormatting({ text: 'intro\ntitle', start: 8, end: 8 }, 'heading').text, 'intro\n## title')
  assert.equal(applyFormatting({ text: '## title', start: 3, end: 3 }, 'heading').text, '## title')
  const list = applyFormatting({ text: 'one\ntwo\nthree', start: 0, end: 13 }, 'numberedList')
  assert.equal(list.text, '1. one\n2. two\n3. three')
  assert.equal(list.text.slice(list.start, list.end), 'one\n2. two\n3. three')
  assert.equal(applyFormatting({ text: 'a\nb', start: 0, end: 3 }, 'bulletedList').text, '- a\n- b')
  assert.equal(applyFormatting({ text: 'said', start: 0, end: 0 }, 'quote').text, '> said')
})

test('an embed line is one the grammar reads back', () => {
  for (const ref of [{ archiveSlug: 'sleep-chat' }, { archiveSlug: 'sleep-chat', question: 2 }, { archiveSlug: 'sleep-chat', postId: '1234567890' }]) {
    assert.deepEqual(parseChatEmbed(chatEmbedLine(ref)), ref)
  }
  assert.throws(() => chatEmbedLine({ archiveSlug: 'Not A Slug' }), /Not A Slug/)
})

test('a block goes on its own paragraph wherever the cursor is', () => {
  assert.deepEqual(insertBlock({ text: 'first line', start: 5, end: 5 }, '::chat[a]'), { text: 'first\n\n::chat[a]\n\n line', start: 18, end: 18 })
  assert.equal(insertBlock({ text: '', start: 0, end: 0 }, '::chat[a]').text, '::chat[a]\n')
  assert.equal(insertBlock({ text: 'para\n\n', start: 6, end: 6 }, '::chat[a]').text, 'para\n\n::chat[a]\n')
})
