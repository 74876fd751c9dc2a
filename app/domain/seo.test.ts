import assert from 'node:assert/strict'
import { test } from 'node:test'

import type { MetaDescriptor } from '@remix-run/node'

import { featuredImage, itemImage, seo, type SiteMeta } from './seo'
import { postCard } from './social-card'

const site: SiteMeta = { siteName: 'The Monday Health Chat', publicUrl: 'https://chat.example.org', tagline: 'A weekly tweet chat', chatTimeZone: 'Europe/London' }

/** The content of the tag with this property or name. */
function tag(meta: MetaDescriptor[], key: string) {
  const found = meta.filter(entry => ('property' in entry && entry.property === key) || ('name' in entry && entry.name === key))
  assert.ok(found.length <= 1, `${key} is written once`)
  return (found[0] as { content?: string } | undefined)?.content
}

const post = { section: 'posts' as const, slug: 'writing-for-patients', title: 'Writing for patients', kind: 'article' as const, publishedAt: '2026-11-23T12:00:00.000Z' }

test('a page without an image of its own shows the site’s card, large', () => {
  const meta = seo({ site, path: '/about', title: 'About' })
  assert.match(tag(meta, 'og:image') ?? '', /^https:\/\/chat\.example\.org\/cards\/site\.[0-9a-z]{11}\.png$/)
  assert.equal(tag(meta, 'twitter:image'), tag(meta, 'og:image'))
  assert.equal(tag(meta, 'og:image:width'), '1200')
  assert.equal(tag(meta, 'og:image:height'), '630')
  assert.equal(tag(meta, 'og:image:alt'), 'The Monday Health Chat. A weekly tweet chat')
  assert.equal(tag(meta, 'twitter:image:alt'), tag(meta, 'og:image:alt'))
  assert.equal(tag(meta, 'twitter:card'), 'summary_large_image')
})

test('without the site’s data (an error before the root loader) there is no image, and the card is the small summary', () => {
  const meta = seo({ site: undefined, path: '/broken', title: 'Error' })
  assert.equal(tag(meta, 'og:image'), undefined)
  assert.equal(tag(meta, 'twitter:image'), undefined)
  assert.equal(tag(meta, 'twitter:card'), 'summary')
})

test('an item without a featured image shows its own card, whose address changes with what it shows', () => {
  const image = itemImage(site, { ...post, featuredImage: null, preview: null }, site => postCard(site, post))
  assert.ok(image)
  assert.match(image.url, /^https:\/\/chat\.example\.org\/cards\/posts\/writing-for-patients\.[0-9a-z]{11}\.png$/)
  assert.equal(image.alt, 'The Monday Health Chat. Post: Writing for patients. 23 November 2026')
  const meta = seo({ site, path: '/posts/writing-for-patients', title: post.title, image })
  assert.equal(tag(meta, 'og:image'), image.url)
  assert.equal(tag(meta, 'og:image:alt'), image.alt)

  const renamed = { ...post, title: 'Writing for patients, again' }
  assert.notEqual(itemImage(site, renamed, site => postCard(site, renamed))?.url, image.url)
  const same = { ...post }
  assert.equal(itemImage(site, same, site => postCard(site, same))?.url, image.url, 'the same content, the same address')
  const renamedSite = { ...site, siteName: 'Monday Health' }
  assert.notEqual(itemImage(renamedSite, post, site => postCard(site, post))?.url.split('/').pop(), image.url.split('/').pop(), 'the site’s name is on the card')
})

test('an item with a featured image shows the image itself: at most 1600 wide, in its own format, with its alt text', () => {
  const featured = { image: { id: 'AbCdEfGhIjKlMnOpQrStUv', extension: 'jpg' as const, width: 3000, height: 2000 }, alt: 'Two nurses at a laptop' }
  const image = itemImage(site, { ...post, featuredImage: featured }, site => postCard(site, post))
  assert.deepEqual(image, { url: 'https://chat.example.org/images/AbCdEfGhIjKlMnOpQrStUv/1600.jpg', width: 1600, height: 1067, alt: 'Two nurses at a laptop' })
  // Narrower than 1600: its own width, which is its widest variant.
  assert.deepEqual(featuredImage(site, { image: { ...featured.image, extension: 'png', width: 1000, height: 500 }, alt: 'A chart' }), {
    url: 'https://chat.example.org/images/AbCdEfGhIjKlMnOpQrStUv/1000.png',
    width: 1000,
    height: 500,
    alt: 'A chart',
  })
  // A WebP original has no JPEG variant: WebP is what link previews get (never AVIF).
  assert.match(featuredImage(site, { image: { ...featured.image, extension: 'webp' }, alt: 'x' }).url, /\/1600\.webp$/)
})

test('a draft’s preview names no card of its own: that address answers only for published items', () => {
  assert.equal(itemImage(site, { ...post, preview: { state: 'draft' } }, site => postCard(site, post)), undefined)
  const meta = seo({ site, path: '/posts/writing-for-patients', title: post.title, noindex: true, image: undefined })
  assert.match(tag(meta, 'og:image') ?? '', /\/cards\/site\./)
})
