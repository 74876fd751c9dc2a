import assert from 'node:assert/strict'
import { createHmac } from 'node:crypto'
import { test } from 'node:test'

import { previewState } from '../../domain/publishing'
import { env } from '../../server/env.server'
import type { Session } from '../../server/session'
import { isPreviewUrl, itemFilter, previewFromRequest, previewPath, previewToken } from './preview.server'

const NOW = new Date('2026-12-03T12:00:00Z')
const DAY = 24 * 60 * 60 * 1000
const session = (role: Session['data']['role']): Session => ({ listKey: 'User', itemId: 'user-1', data: { name: 'Sam', role } })
const request = (path: string) => new Request(`http://localhost${path}`)

/** The Response a loader would throw, or what it returned. */
function outcome(path: string, loadContext: unknown = {}) {
  try {
    return previewFromRequest(request(path), loadContext, NOW)
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status
    throw thrown
  }
}

test('a private link names its item until it expires, then answers 410', () => {
  const token = previewToken('interview', 'abc123', 'a-chat', new Date(NOW.getTime() + 7 * DAY))
  assert.deepEqual(outcome(previewPath('interview', 'a-chat', token)), { by: 'link', list: 'interview', id: 'abc123', slug: 'a-chat' })
  const expired = previewToken('interview', 'abc123', 'a-chat', new Date(NOW.getTime() - 1000))
  assert.equal(outcome(previewPath('interview', 'a-chat', expired)), 410)
})

test('a private link shows nothing at any address but its own', () => {
  const token = previewToken('post', 'abc123', 'post-a', new Date(NOW.getTime() + DAY))
  assert.equal(outcome(previewPath('post', 'post-b', token)), 404, 'another post')
  assert.equal(outcome(previewPath('interview', 'post-a', token)), 404, 'another section, same slug')
  assert.equal(outcome(previewPath('topic', 'post-a', token)), 404, 'a topic')
  assert.equal(outcome(`/posts/post-a/more?preview=${token}`), 404, 'a longer path')
  assert.equal(outcome(`/?preview=${token}`), 404, 'the home page')
  assert.deepEqual(outcome(`/posts/post-a/?preview=${token}`), { by: 'link', list: 'post', id: 'abc123', slug: 'post-a' }, 'its own address, with a trailing slash')
})

test('a link made before tokens named their address no longer works', () => {
  const expiry = Math.floor((NOW.getTime() + DAY) / 1000)
  const payload = `post.abc123.${expiry}`
  const v1 = `${payload}.${createHmac('sha256', env.sessionSecret).update(`preview-link:${payload}`).digest('base64url')}`
  assert.equal(outcome(`/posts/post-a?preview=${v1}`), 404)
})

test('a token changed in any part, or signed with another secret, is a 404', () => {
  const token = previewToken('post', 'abc123', 'x', new Date(NOW.getTime() + DAY))
  const [list, id, expiry, signature] = token.split('.')
  for (const forged of [
    [list, 'other-id', expiry, signature],
    ['interview', id, expiry, signature],
    [list, id, String(Number(expiry) + 3600), signature],
    [list, id, expiry, `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`],
    [list, id, expiry],
  ]) {
    assert.equal(outcome(`/posts/x?preview=${forged.join('.')}`), 404, forged.join('.'))
  }
  const otherSecret = previewToken('post', 'abc123', 'x', new Date(NOW.getTime() + DAY), 'another-secret-that-is-long-enough-0123456789')
  assert.equal(outcome(`/posts/x?preview=${otherSecret}`), 404)
})

test('?preview without a value is for the signed-in team only', () => {
  assert.equal(outcome('/posts/x?preview'), 404)
  assert.deepEqual(outcome('/posts/x?preview', { session: session('editor') }), { by: 'team', session: session('editor') })
  assert.equal(outcome('/posts/x'), undefined)
  assert.ok(isPreviewUrl('/posts/x?page=2&preview'))
  assert.ok(!isPreviewUrl('/posts/preview?previewed=1'))
})

test('who may preview what: editors anything, contributors their own posts and interviews, a link its one item', () => {
  assert.deepEqual(itemFilter('post', 'x', { by: 'team', session: session('editor') }), { slug: 'x' })
  const own = itemFilter('post', 'x', { by: 'team', session: session('contributor') })
  assert.ok('OR' in own && own.OR.some(filter => 'author' in filter && filter.author.id === 'user-1'))
  assert.ok('status' in itemFilter('topic', 'x', { by: 'team', session: session('contributor') }), 'contributors see published topics only')
  assert.deepEqual(itemFilter('post', 'x', { by: 'link', list: 'post', id: 'abc', slug: 'x' }), { id: 'abc', slug: 'x' })
  assert.deepEqual(itemFilter('post', 'y', { by: 'link', list: 'post', id: 'abc', slug: 'x' }), { id: { in: [] } })
  assert.deepEqual(itemFilter('topic', 'x', { by: 'link', list: 'post', id: 'abc', slug: 'x' }), { id: { in: [] } })
})

test('the banner tells a draft, a scheduled item and a published one apart', () => {
  assert.deepEqual(previewState({ status: 'draft', publishedAt: null }, NOW), { state: 'draft' })
  assert.deepEqual(previewState({ status: 'published', publishedAt: new Date(NOW.getTime() + 60_000) }, NOW), { state: 'scheduled', publishedAt: '2026-12-03T12:01:00.000Z' })
  assert.deepEqual(previewState({ status: 'published', publishedAt: NOW }, NOW), { state: 'published' })
})
