import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'

import sharp from 'sharp'

import { openPage } from '../support/browser'
import { graphql } from '../support/graphql'
import { useServerAndBrowser } from '../support/server'
import { newUserSession } from '../support/session'

// A featured image from the editor's upload to the reader's screen: stored as variants without
// the photo's metadata, drawn at the size the screen needs, served from the site with immutable
// caching, and gone from storage when it is replaced.

const e2e = useServerAndBrowser()

/** A 3000 × 2000 photo as a phone saves it: EXIF with the camera and where it was taken. */
async function wardPhoto() {
  const bytes = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#2b6cb0' } })
    .composite([{ input: Buffer.from('<svg width="3000" height="2000"><circle cx="1500" cy="1000" r="700" fill="#f6e05e"/></svg>') }])
    .jpeg({ quality: 90 })
    .withExif({ IFD0: { Make: 'WardPhone', Model: 'X1' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 0/1' } })
    .toBuffer()
  assert.ok((await sharp(bytes).metadata()).exif, 'the test photo carries EXIF')
  return new File([new Uint8Array(bytes)], 'flu-clinic.jpg', { type: 'image/jpeg' })
}

const POST_FIELDS = 'id slug featuredImage { id url width height extension } featuredImageAlt'
type PostAnswer = { id: string; slug: string; featuredImage: { id: string; url: string; width: number; height: number; extension: string } | null }

async function publishPostWithImage(cookie: string, title: string) {
  const { data } = await graphql<{ createPost: PostAnswer }>(e2e.server, `mutation($data: PostCreateInput!) { createPost(data: $data) { ${POST_FIELDS} } }`, {
    cookie,
    variables: {
      data: {
        title,
        excerpt: 'Four Saturdays of walk-in vaccination.',
        body: 'The clinic ran on **four** Saturdays.\n\n'.repeat(40),
        status: 'published',
        featuredImage: { upload: await wardPhoto() },
        featuredImageAlt: 'A yellow circle on a blue ground, the clinic’s poster',
      },
    },
  })
  return data.createPost
}

const imagesFolder = () => path.join(path.dirname(e2e.server.databaseFile), 'images')
const get = (url: string) => fetch(new URL(url, e2e.server.baseUrl))

test('an uploaded featured image is kept as variants without its EXIF and GPS, served from the site for a year', async () => {
  const editor = await newUserSession(e2e.server, 'editor')
  const post = await publishPostWithImage(editor.cookie, 'The Saturday flu clinic')
  assert.deepEqual([post.featuredImage?.width, post.featuredImage?.height, post.featuredImage?.extension], [3000, 2000, 'jpg'])

  const stored = fs.readdirSync(path.join(imagesFolder(), post.featuredImage!.id)).sort()
  assert.deepEqual(stored, ['1600.avif', '1600.jpg', '1600.webp', '240.avif', '240.jpg', '240.webp', '480.avif', '480.jpg', '480.webp', '960.avif', '960.jpg', '960.webp', 'full.jpg', 'preview.jpg'])

  // Keystone's url, which the desk shows as a thumbnail, is a small preview, not the original.
  assert.equal(post.featuredImage!.url, `/images/${post.featuredImage!.id}/preview.jpg`)
  assert.equal((await sharp(Buffer.from(await (await get(post.featuredImage!.url)).arrayBuffer())).metadata()).width, 480)

  const full = await get(`/images/${post.featuredImage!.id}/full.jpg`)
  assert.equal(full.status, 200)
  assert.equal(full.headers.get('content-type'), 'image/jpeg')
  assert.equal(full.headers.get('cache-control'), 'public, max-age=31536000, immutable')
  const served = await sharp(Buffer.from(await full.arrayBuffer())).metadata()
  assert.deepEqual([served.width, served.height, served.exif, served.xmp], [3000, 2000, undefined, undefined])

  const avif = await get(`/images/${post.featuredImage!.id}/480.avif`)
  assert.equal(avif.headers.get('content-type'), 'image/avif')
  assert.equal((await sharp(Buffer.from(await avif.arrayBuffer())).metadata()).width, 480)
  assert.equal((await get(`/images/${post.featuredImage!.id}/2400.avif`)).status, 404)
})

test('the post page offers AVIF and WebP at each width, holds the image’s space, and a phone fetches the small AVIF', async () => {
  const editor = await newUserSession(e2e.server, 'editor')
  const post = await publishPostWithImage(editor.cookie, 'What the clinic taught us')
  const id = post.featuredImage!.id

  const { page } = await openPage(e2e.browser, e2e.server.baseUrl, { width: 375 })
  const imageRequests: string[] = []
  page.on('request', request => {
    if (request.url().includes(`/images/${id}/`)) imageRequests.push(new URL(request.url()).pathname)
  })
  await page.goto(`/posts/${post.slug}`, { waitUntil: 'networkidle' })
  const picture = page.locator('.featured-image')
  assert.deepEqual(
    await picture.locator('source').evaluateAll(sources => sources.map(source => source.getAttribute('type'))),
    ['image/avif', 'image/webp']
  )
  const img = page.getByRole('img', { name: 'A yellow circle on a blue ground, the clinic’s poster' })
  assert.equal(await img.getAttribute('width'), '3000')
  assert.equal(await img.getAttribute('height'), '2000')
  assert.equal(await img.getAttribute('loading'), 'eager')
  assert.match((await picture.locator('source[type="image/avif"]').getAttribute('srcset')) ?? '', new RegExp(`/images/${id}/480\\.avif 480w`))
  // 343 CSS pixels on a 1× phone: the 480 variant, in the newest format the browser reads.
  assert.deepEqual(imageRequests, [`/images/${id}/480.avif`])
  const box = await img.boundingBox()
  assert.ok(box && Math.abs(box.height - (box.width * 2) / 3) < 1, 'drawn at its own proportions')
  await page.context().close()
})

test('replacing a featured image removes the old one’s variants from storage', async () => {
  const editor = await newUserSession(e2e.server, 'editor')
  const post = await publishPostWithImage(editor.cookie, 'A poster, replaced')
  const oldId = post.featuredImage!.id
  const { data } = await graphql<{ updatePost: PostAnswer }>(e2e.server, `mutation($id: ID!, $data: PostUpdateInput!) { updatePost(where: { id: $id }, data: $data) { ${POST_FIELDS} } }`, {
    cookie: editor.cookie,
    variables: { id: post.id, data: { featuredImage: { upload: await wardPhoto() } } },
  })
  assert.notEqual(data.updatePost.featuredImage!.id, oldId)
  assert.equal(fs.existsSync(path.join(imagesFolder(), oldId)), false)
  assert.equal((await get(`/images/${oldId}/full.jpg`)).status, 404)
  assert.equal((await get(`/images/${oldId}/480.avif`)).status, 404)
  assert.equal((await get(data.updatePost.featuredImage!.url)).status, 200)
})

test('a featured image without alt text is refused by name, and nothing is stored', async () => {
  const editor = await newUserSession(e2e.server, 'editor')
  const before = fs.existsSync(imagesFolder()) ? fs.readdirSync(imagesFolder()).length : 0
  const answer = await graphql(e2e.server, 'mutation($data: PostCreateInput!) { createPost(data: $data) { id } }', {
    cookie: editor.cookie,
    allowErrors: true,
    variables: { data: { title: 'No description', featuredImage: { upload: await wardPhoto() } } },
  })
  assert.match(answer.errors?.[0]?.message ?? '', /Featured image: alt text is required with an image/)
  assert.equal(fs.existsSync(imagesFolder()) ? fs.readdirSync(imagesFolder()).length : 0, before)
})
