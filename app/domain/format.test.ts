import assert from 'node:assert/strict'
import { test } from 'node:test'

import { formatDate, formatDateTime, pickLocale } from './format'

test('a chat time names its zone: GMT in winter, BST in summer', () => {
  assert.equal(formatDateTime('2026-11-30T12:00:00Z', 'Europe/London'), 'Monday, 30 November 2026 at 12:00 GMT')
  assert.equal(formatDateTime('2026-07-06T11:00:00Z', 'Europe/London'), 'Monday, 6 July 2026 at 12:00 BST')
})

test('dates follow the reader’s locale', () => {
  assert.equal(formatDate('2026-11-30T12:00:00Z', 'Europe/London', 'en-US'), 'November 30, 2026')
  assert.equal(formatDate('2026-11-30T12:00:00Z', 'Europe/London', 'fr-FR'), '30 novembre 2026')
})

test('the locale comes from the first usable Accept-Language entry', () => {
  assert.equal(pickLocale('fr-FR,fr;q=0.9,en;q=0.8'), 'fr-FR')
  assert.equal(pickLocale('not a locale!!, de'), 'de')
  assert.equal(pickLocale(null), 'en-GB')
  assert.equal(pickLocale('*'), 'en-GB')
})
