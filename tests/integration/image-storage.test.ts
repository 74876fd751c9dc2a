import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buffer } from 'node:stream/consumers'
import { after, before, describe, test } from 'node:test'

import sharp from 'sharp'

import { localFolderStore, type ImageStore } from '../../app/features/images/image-store.server'
import { newImageId, prepareImage } from '../../app/features/images/images.server'
import { s3Store } from '../../app/features/images/s3-store.server'
import { parseEnv, type ImagesS3 } from '../../app/server/env.server'
import { startS3Server, S3RVER_KEY, type S3TestServer } from '../support/s3-server'
import { freePort } from '../support/server'

// One behaviour, two stores: the same suite runs against a local folder and against a real
// S3-compatible server (s3rver) on loopback, through the ImageStore interface the site uses.

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetchat-image-storage-'))
let s3: S3TestServer
before(async () => {
  s3 = await startS3Server(['images', 'shared'])
})
after(async () => {
  await s3?.stop()
  fs.rmSync(scratch, { recursive: true, force: true })
})

function s3Settings(overrides: Partial<ImagesS3> = {}): ImagesS3 {
  return { bucket: 'images', endpoint: s3.endpoint, region: 'us-east-1', ...S3RVER_KEY, forcePathStyle: true, prefix: '', ...overrides }
}

const photo = () =>
  sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 200, g: 90, b: 40 } } })
    .jpeg()
    .toBuffer()

const read = async (store: ImageStore, key: string) => {
  const stored = await store.get(key)
  assert.ok(stored, `${key} is in ${store.description}`)
  return { ...stored, bytes: await buffer(stored.body) }
}

const stores: { name: string; make(): ImageStore }[] = [
  { name: 'a local folder', make: () => localFolderStore(fs.mkdtempSync(path.join(scratch, 'folder-'))) },
  // A prefix of its own per store: the tests of one never see the objects of another.
  { name: 'an S3-compatible bucket', make: () => s3Store(s3Settings({ prefix: `${path.basename(fs.mkdtempSync(path.join(scratch, 'prefix-')))}/` })) },
]

for (const { name, make } of stores) {
  describe(`image storage in ${name}`, () => {
    test('the variants of a real image go in and come back byte for byte, with their content type and size', async () => {
      const store = make()
      const image = await prepareImage(await photo(), 'harbour.jpg')
      for (const variant of image.variants) await store.put(`${image.id}/${variant.name}`, variant.body, variant.contentType)

      assert.deepEqual((await store.list(`${image.id}/`)).sort(), image.variants.map(variant => `${image.id}/${variant.name}`).sort())
      for (const variant of image.variants) {
        const stored = await read(store, `${image.id}/${variant.name}`)
        assert.equal(stored.contentType, variant.contentType)
        assert.equal(stored.size, variant.body.length)
        assert.ok(stored.bytes.equals(variant.body), `${variant.name} comes back unchanged`)
      }
    })

    test('a missing variant or image is null, not an error', async () => {
      const store = make()
      const id = newImageId()
      await store.put(`${id}/full.jpg`, Buffer.from('jpeg bytes'), 'image/jpeg')
      assert.equal(await store.get(`${id}/960.webp`), null)
      assert.equal(await store.get(`${newImageId()}/full.jpg`), null)
      assert.deepEqual(await store.list(`${newImageId()}/`), [])
    })

    test('listing an image does not take in another whose id starts the same', async () => {
      const store = make()
      const id = newImageId()
      await store.put(`${id}/full.png`, Buffer.from('a'), 'image/png')
      await store.put(`${id}x/full.png`, Buffer.from('b'), 'image/png')
      assert.deepEqual(await store.list(`${id}/`), [`${id}/full.png`])
      assert.deepEqual(await store.list(id), [`${id}/full.png`])
    })

    test('deleting images removes every variant of each and nothing else; deleting one that is not there is fine', async () => {
      const store = make()
      const [gone, alsoGone, kept] = [newImageId(), newImageId(), newImageId()]
      for (const id of [gone, alsoGone, kept]) {
        for (const variant of ['full.jpg', '480.avif', '480.webp']) await store.put(`${id}/${variant}`, Buffer.from(`${id} ${variant}`), 'image/jpeg')
      }
      await store.deleteImages([gone, alsoGone, newImageId()])
      assert.deepEqual(await store.list(`${gone}/`), [])
      assert.deepEqual(await store.list(`${alsoGone}/`), [])
      assert.equal(await store.get(`${gone}/full.jpg`), null)
      assert.equal((await store.list(`${kept}/`)).length, 3)
      await store.deleteImages([])
    })

    test('an image with more objects than one listing page or one delete request holds is listed and deleted whole', async () => {
      const store = make()
      const id = newImageId()
      const names = Array.from({ length: 1005 }, (_, n) => `${n}.webp`)
      // A few at a time: a thousand requests at once would measure the server, not the store.
      for (let start = 0; start < names.length; start += 50) {
        await Promise.all(names.slice(start, start + 50).map(variant => store.put(`${id}/${variant}`, Buffer.from(variant), 'image/webp')))
      }
      assert.equal((await store.list(`${id}/`)).length, names.length)
      await store.deleteImages([id])
      assert.deepEqual(await store.list(`${id}/`), [])
    })

    test('a key that is not an image id and variant is refused before anything is written', async () => {
      const store = make()
      await assert.rejects(store.put('../../etc/passwd', Buffer.from('x'), 'text/plain'), /Not an image key: \.\.\/\.\.\/etc\/passwd/)
      await assert.rejects(store.get('short/full.jpg'), /Not an image key/)
    })
  })
}

describe('S3-compatible storage specifically', () => {
  test('the prefix keeps one site’s images apart from another’s in the same bucket', async () => {
    const siteA = s3Store(s3Settings({ bucket: 'shared', prefix: 'site-a/images/' }))
    const siteB = s3Store(s3Settings({ bucket: 'shared', prefix: 'site-b/' }))
    const id = newImageId()
    await siteA.put(`${id}/full.jpg`, Buffer.from('site a'), 'image/jpeg')
    await siteB.put(`${id}/full.jpg`, Buffer.from('site b'), 'image/jpeg')
    assert.deepEqual(await s3.keys('shared'), [`site-a/images/${id}/full.jpg`, `site-b/${id}/full.jpg`])
    assert.deepEqual(await siteA.list(`${id}/`), [`${id}/full.jpg`])

    await siteA.deleteImages([id])
    assert.deepEqual(await s3.keys('shared'), [`site-b/${id}/full.jpg`])
    assert.equal((await read(siteB, `${id}/full.jpg`)).bytes.toString(), 'site b')
  })

  test('a bucket that does not exist is named, with the endpoint, in every operation', async () => {
    const store = s3Store(s3Settings({ bucket: 'no-such-bucket' }))
    const id = newImageId()
    const expected = (error: Error) => {
      assert.ok(error.message.includes(`the S3 bucket "no-such-bucket" at ${s3.endpoint}`), error.message)
      assert.match(error.message, /the bucket does not exist \(NoSuchBucket\)\. Create it, or correct IMAGES_S3_BUCKET/)
      return true
    }
    await assert.rejects(store.put(`${id}/full.jpg`, Buffer.from('x'), 'image/jpeg'), expected)
    await assert.rejects(store.get(`${id}/full.jpg`), expected, 'a missing bucket is not a missing image')
    await assert.rejects(store.list(`${id}/`), expected)
    await assert.rejects(store.deleteImages([id]), expected)
  })

  test('credentials the server does not know are reported with the variables to check', async () => {
    const store = s3Store(s3Settings({ accessKeyId: 'NOT-A-KEY', secretAccessKey: 'whatever' }))
    await assert.rejects(store.put(`${newImageId()}/full.jpg`, Buffer.from('x'), 'image/jpeg'), (error: Error) => {
      assert.ok(error.message.includes(`the S3 bucket "images" at ${s3.endpoint}`), error.message)
      assert.match(error.message, /refused the credentials \(InvalidAccessKeyId/)
      assert.match(error.message, /Check IMAGES_S3_ACCESS_KEY_ID and IMAGES_S3_SECRET_ACCESS_KEY/)
      return true
    })
  })

  test('a server that is not running is reported as unreachable at its endpoint', async () => {
    const endpoint = `http://127.0.0.1:${await freePort()}`
    const store = s3Store(s3Settings({ endpoint }))
    await assert.rejects(store.get(`${newImageId()}/full.jpg`), (error: Error) => {
      assert.ok(error.message.includes(`the S3 bucket "images" at ${endpoint}`), error.message)
      assert.match(error.message, /could not be reached \(.*ECONNREFUSED.*\)\. Check IMAGES_S3_ENDPOINT/)
      return true
    })
  })
})

describe('choosing the store from the environment', () => {
  const base = { SESSION_SECRET: 'x'.repeat(32), DATABASE_URL: `file:${path.join(scratch, 'site.db')}` }

  test('without IMAGES_S3_BUCKET images stay in a folder beside the database', () => {
    const env = parseEnv(base)
    assert.equal(env.imagesS3, null)
    assert.equal(env.IMAGES_FOLDER, path.join(scratch, 'images'))
  })

  test('a bucket with an endpoint uses path-style addressing and us-east-1 unless told otherwise', () => {
    const env = parseEnv({ ...base, ...s3.env('images', { IMAGES_S3_PREFIX: 'tweetchat/images' }) })
    assert.deepEqual(env.imagesS3, {
      bucket: 'images',
      endpoint: s3.endpoint,
      region: 'us-east-1',
      ...S3RVER_KEY,
      forcePathStyle: true,
      prefix: 'tweetchat/images/',
    })
    const onAws = parseEnv({ ...base, IMAGES_S3_BUCKET: 'site-images', IMAGES_S3_REGION: 'eu-west-2', IMAGES_S3_ACCESS_KEY_ID: 'AKIA', IMAGES_S3_SECRET_ACCESS_KEY: 's' })
    assert.equal(onAws.imagesS3?.forcePathStyle, false)
    assert.equal(onAws.imagesS3?.endpoint, undefined)
    const r2 = parseEnv({ ...base, ...s3.env('images', { IMAGES_S3_REGION: 'auto', IMAGES_S3_FORCE_PATH_STYLE: 'false' }) })
    assert.equal(r2.imagesS3?.region, 'auto')
    assert.equal(r2.imagesS3?.forcePathStyle, false)
  })

  test('a bucket without its keys stops the boot, naming the missing variables', () => {
    assert.throws(
      () => parseEnv({ ...base, IMAGES_S3_BUCKET: 'site-images' }),
      /IMAGES_S3_BUCKET is set \(site-images\) but IMAGES_S3_ACCESS_KEY_ID and IMAGES_S3_SECRET_ACCESS_KEY are not/
    )
    assert.throws(
      () => parseEnv({ ...base, IMAGES_S3_BUCKET: 'site-images', IMAGES_S3_ACCESS_KEY_ID: 'AKIA' }),
      /but IMAGES_S3_SECRET_ACCESS_KEY is not/
    )
  })

  test('S3 settings without a bucket, or a malformed bucket, endpoint or prefix, are refused by name', () => {
    assert.throws(() => parseEnv({ ...base, IMAGES_S3_ENDPOINT: 'http://127.0.0.1:9000' }), /IMAGES_S3_ENDPOINT is set but IMAGES_S3_BUCKET is not/)
    assert.throws(() => parseEnv({ ...base, ...s3.env('Site_Images') }), /IMAGES_S3_BUCKET: must be a bucket name/)
    assert.throws(() => parseEnv({ ...base, ...s3.env('images', { IMAGES_S3_ENDPOINT: 'minio:9000' }) }), /IMAGES_S3_ENDPOINT: /)
    for (const prefix of ['/images/', 'site/../images/', 'site//images']) {
      assert.throws(() => parseEnv({ ...base, ...s3.env('images', { IMAGES_S3_PREFIX: prefix }) }), /IMAGES_S3_PREFIX: must be folder names/, prefix)
    }
    assert.throws(() => parseEnv({ ...base, ...s3.env('images', { IMAGES_S3_FORCE_PATH_STYLE: 'yes' }) }), /IMAGES_S3_FORCE_PATH_STYLE: /)
  })
})
