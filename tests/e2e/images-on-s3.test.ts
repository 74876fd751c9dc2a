import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { after, before, test } from 'node:test'

import sharp from 'sharp'

import { prepareImage } from '../../app/features/images/images.server'
import { graphql } from '../support/graphql'
import { startS3Server, type S3TestServer } from '../support/s3-server'
import { startServer, type TestServer } from '../support/server'
import { adminSession, newUserSession } from '../support/session'

// The production server configured for S3-compatible storage (a real s3rver on loopback): an
// upload through GraphQL lands in the bucket, readers get it from the site's own /images URLs,
// and replacing or deleting it removes its objects from the bucket.

const BUCKET = 'site-images'
const PREFIX = 'tweetchat/'
let s3: S3TestServer
let server: TestServer

before(async () => {
  s3 = await startS3Server([BUCKET])
  // No demo content: its pictures would share the bucket with the upload under test, and with a
  // missing bucket the first run would stop at them, before the upload is tried.
  server = await startServer({ env: { ...s3.env(BUCKET, { IMAGES_S3_PREFIX: PREFIX }), SEED_DEMO_CONTENT: 'false' } })
})
after(async () => {
  await server?.stop()
  await s3?.stop()
})

const photo = (width: number, height: number, red: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: red, g: 120, b: 60 } } })
    .jpeg()
    .toBuffer()

/** A JPEG to upload, and the variant names the site makes of it (by the same code, so whatever variants it makes). */
async function upload(name: string, width: number, height: number, red: number) {
  const bytes = await photo(width, height, red)
  const variants = (await prepareImage(bytes, name)).variants.map(variant => variant.name)
  return { file: new File([bytes], name, { type: 'image/jpeg' }), keysFor: (id: string) => variants.map(variant => `${PREFIX}${id}/${variant}`).sort() }
}

const IMAGE_FIELDS = 'featuredImage { id extension width height url }'

test('a featured image uploaded over GraphQL is kept in the bucket, served from the site, and its old variants go when it is replaced', async () => {
  const editor = await newUserSession(server, 'editor')
  const harbour = await upload('harbour.jpg', 1200, 800, 200)
  const { data: created } = await graphql(server, `mutation($data: PostCreateInput!) { createPost(data: $data) { id ${IMAGE_FIELDS} } }`, {
    cookie: editor.cookie,
    variables: { data: { title: 'The harbour at dawn', featuredImage: { upload: harbour.file }, featuredImageAlt: 'Boats in a harbour at dawn' } },
  })
  const first = created.createPost.featuredImage
  assert.deepEqual({ extension: first.extension, width: first.width, height: first.height }, { extension: 'jpg', width: 1200, height: 800 })
  assert.deepEqual(await s3.keys(BUCKET), harbour.keysFor(first.id))
  assert.ok(harbour.keysFor(first.id).includes(`${PREFIX}${first.id}/960.webp`))
  assert.equal(fs.existsSync(path.join(path.dirname(server.databaseFile), 'images')), false, 'nothing is written to the local images folder')

  const webp = await fetch(new URL(`/images/${first.id}/960.webp`, server.baseUrl))
  assert.equal(webp.status, 200)
  assert.equal(webp.headers.get('content-type'), 'image/webp')
  assert.equal(webp.headers.get('cache-control'), 'public, max-age=31536000, immutable')
  const served = Buffer.from(await webp.arrayBuffer())
  assert.equal(Number(webp.headers.get('content-length')), served.length)
  const metadata = await sharp(served).metadata()
  assert.deepEqual({ format: metadata.format, width: metadata.width, height: metadata.height }, { format: 'webp', width: 960, height: 640 })

  // Keystone's url is the desk's 480 px preview; the original's size is full.jpg.
  assert.equal(first.url, `/images/${first.id}/preview.jpg`)
  const full = await fetch(new URL(`/images/${first.id}/full.jpg`, server.baseUrl))
  assert.equal(full.status, 200)
  assert.equal(full.headers.get('content-type'), 'image/jpeg')
  assert.equal(full.headers.get('cache-control'), 'public, max-age=31536000, immutable')
  assert.equal((await sharp(Buffer.from(await full.arrayBuffer())).metadata()).width, 1200)
  assert.equal((await fetch(new URL(`/images/${first.id}/1600.webp`, server.baseUrl))).status, 404, 'no variant wider than the original')

  const wide = await upload('harbour-wide.jpg', 2000, 1000, 40)
  const { data: updated } = await graphql(server, `mutation($id: ID!, $data: PostUpdateInput!) { updatePost(where: { id: $id }, data: $data) { ${IMAGE_FIELDS} } }`, {
    cookie: editor.cookie,
    variables: { id: created.createPost.id, data: { featuredImage: { upload: wide.file } } },
  })
  const second = updated.updatePost.featuredImage
  assert.notEqual(second.id, first.id)
  assert.deepEqual(await s3.keys(BUCKET), wide.keysFor(second.id), 'only the new image’s variants are left')
  assert.equal((await fetch(new URL(`/images/${first.id}/960.webp`, server.baseUrl))).status, 404)
  assert.equal((await fetch(new URL(`/images/${second.id}/1600.avif`, server.baseUrl))).headers.get('content-type'), 'image/avif')

  const { cookie } = await adminSession(server)
  await graphql(server, 'mutation($id: ID!) { deletePost(where: { id: $id }) { id } }', { cookie, variables: { id: created.createPost.id } })
  assert.deepEqual(await s3.keys(BUCKET), [], 'deleting the post deletes its image')
})

test('a bucket that does not exist fails the upload with a message naming the bucket and the endpoint', async () => {
  const misconfigured = await startServer({ env: { ...s3.env('no-such-bucket'), SEED_DEMO_CONTENT: 'false' } })
  try {
    const editor = await newUserSession(misconfigured, 'editor')
    const answer = await graphql(misconfigured, `mutation($data: PostCreateInput!) { createPost(data: $data) { id ${IMAGE_FIELDS} } }`, {
      cookie: editor.cookie,
      allowErrors: true,
      variables: { data: { title: 'Nowhere to keep it', featuredImage: { upload: (await upload('lost.jpg', 800, 600, 90)).file }, featuredImageAlt: 'A field' } },
    })
    const message = answer.errors?.map(error => error.message).join('\n') ?? ''
    assert.ok(message.includes(`the S3 bucket "no-such-bucket" at ${s3.endpoint}`), message)
    assert.match(message, /the bucket does not exist \(NoSuchBucket\)\. Create it, or correct IMAGES_S3_BUCKET/)
  } finally {
    await misconfigured.stop()
  }
})
