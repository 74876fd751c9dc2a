import assert from 'node:assert/strict'
import { test } from 'node:test'

import { imageIdFromUrl, imageSources, variantFormats, variantWidths } from './images'

test('an image is kept at the standard widths below its own, and at its own when that is not wider than 1600', () => {
  assert.deepEqual(variantWidths(4000), [240, 480, 960, 1600])
  assert.deepEqual(variantWidths(1200), [240, 480, 960, 1200])
  assert.deepEqual(variantWidths(480), [240, 480])
  assert.deepEqual(variantWidths(100), [100])
})

test('a GIF keeps its animation in WebP and GIF; AVIF is offered for everything else', () => {
  assert.deepEqual(variantFormats('jpg'), ['avif', 'webp', 'jpg'])
  assert.deepEqual(variantFormats('png'), ['avif', 'webp', 'png'])
  assert.deepEqual(variantFormats('webp'), ['avif', 'webp'])
  assert.deepEqual(variantFormats('gif'), ['webp', 'gif'])
})

test('a picture offers each format at every width, the original’s format last as the <img>', () => {
  const { sources, fallback } = imageSources({ id: 'abcdefgh12345678', extension: 'png', width: 1000, height: 500 })
  assert.deepEqual(
    sources.map(source => source.type),
    ['image/avif', 'image/webp']
  )
  assert.equal(sources[0].srcSet, '/images/abcdefgh12345678/240.avif 240w, /images/abcdefgh12345678/480.avif 480w, /images/abcdefgh12345678/960.avif 960w, /images/abcdefgh12345678/1000.avif 1000w')
  assert.equal(fallback.src, '/images/abcdefgh12345678/1000.png')
})

test('only the site’s own image addresses name an image', () => {
  assert.equal(imageIdFromUrl('/images/abcdefgh12345678/full.jpg'), 'abcdefgh12345678')
  assert.equal(imageIdFromUrl('/images/abcdefgh12345678/960.avif'), 'abcdefgh12345678')
  assert.equal(imageIdFromUrl('https://example.org/images/abcdefgh12345678/full.jpg'), undefined)
  assert.equal(imageIdFromUrl('/images/../../etc/passwd'), undefined)
  assert.equal(imageIdFromUrl('/images/abcdefgh12345678/full.svg'), undefined)
})
