import assert from 'node:assert/strict'
import { once } from 'node:events'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, test, type TestContext } from 'node:test'

import Database from 'better-sqlite3'
import sharp from 'sharp'

import { variantFormats, variantName, variantWidths, isImageExtension } from '../../app/domain/images'
import { graphql } from '../support/graphql'
import { startS3Server, type S3TestServer } from '../support/s3-server'
import { startServer, type TestServer } from '../support/server'
import { newUserSession } from '../support/session'

// Crash safety of uploads (issue #25): the production server killed with SIGKILL while uploads
// are in flight, again and again, with each store. After every restart no row names an image
// that is not whole, no file of an uploaded image is named by no row, and no upload file is left
// in the temporary folder. Each kill waits for an event, alternately an upload arriving (its
// temporary file appears) and its variants being written to the store.

const KILLS = 5
const BUCKET = 'crash-images'
/** An uploaded image's id (Keystone's, 16 bytes in base64url): what the repair may remove. */
const UPLOAD_ID = /^[A-Za-z0-9_-]{22}$/

let s3: S3TestServer
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetchat-upload-crash-'))
before(async () => {
  s3 = await startS3Server([BUCKET])
})
after(async () => {
  await s3?.stop()
  fs.rmSync(scratch, { recursive: true, force: true })
})

const photo = (red: number) =>
  sharp({ create: { width: 1600, height: 1000, channels: 3, background: { r: red, g: 110, b: 70 } } })
    .jpeg()
    .toBuffer()

type Store = { name: string; env(temporary: string): Record<string, string>; keys(server: TestServer): Promise<string[]>; writes(server: TestServer): string }

const localFolder: Store = {
  name: 'the local folder',
  env: temporary => ({ TMPDIR: temporary }),
  async keys(server) {
    const folder = path.join(path.dirname(server.databaseFile), 'images')
    if (!fs.existsSync(folder)) return []
    return fs.readdirSync(folder).flatMap(id => fs.readdirSync(path.join(folder, id)).map(name => `${id}/${name}`))
  },
  writes: server => path.join(path.dirname(server.databaseFile), 'images'),
}

const bucket: Store = {
  name: 'an S3 bucket',
  env: temporary => ({ TMPDIR: temporary, ...s3.env(BUCKET) }),
  keys: () => s3.keys(BUCKET),
  writes: () => s3.directory,
}

/** Resolves at the first file created or changed under `folder` (made first if need be). */
function firstWriteUnder(folder: string) {
  fs.mkdirSync(folder, { recursive: true })
  const watcher = fs.watch(folder, { recursive: true })
  return {
    written: once(watcher, 'change').then(() => watcher.close()),
    cancel: () => watcher.close(),
  }
}

/** Uploads without pause (new Image items and a post's featured image replaced) until the server dies. */
function uploadUntilKilled(server: TestServer, cookie: string, postId: string, photos: Buffer[]) {
  let n = 0
  const file = () => new File([new Uint8Array(photos[n++ % photos.length])], `ward-${n}.jpg`, { type: 'image/jpeg' })
  const forever = async (upload: () => Promise<unknown>) => {
    for (;;) {
      try {
        await upload()
      } catch {
        if (server.child.exitCode !== null || server.child.signalCode !== null) return
      }
    }
  }
  const createImage = () =>
    graphql(server, 'mutation($data: ImageCreateInput!) { createImage(data: $data) { id } }', { cookie, variables: { data: { alt: 'A ward', file: { upload: file() } } } })
  const replaceFeatured = () =>
    graphql(server, 'mutation($id: ID!, $data: PostUpdateInput!) { updatePost(where: { id: $id }, data: $data) { id } }', {
      cookie,
      variables: { id: postId, data: { featuredImage: { upload: file() }, featuredImageAlt: 'A ward' } },
    })
  return Promise.all([forever(createImage), forever(createImage), forever(replaceFeatured)])
}

/** Every image a row names, with its columns, read from the database file. */
function namedImages(databaseFile: string) {
  const database = new Database(databaseFile, { readonly: true, fileMustExist: true })
  try {
    const columns = [
      ['Image', 'file'],
      ['Post', 'featuredImage'],
      ['Interview', 'featuredImage'],
      ['Interview', 'intervieweePhoto'],
      ['TopicAnnouncement', 'featuredImage'],
    ].flatMap(([table, field]) =>
      database
        .prepare(`select "${field}_id" as id, "${field}_extension" as extension, "${field}_width" as width from "${table}" where "${field}_id" is not null`)
        .all() as { id: string; extension: string; width: number }[]
    )
    return { images: columns, imageRows: (database.prepare('select count(*) as count from "Image"').get() as { count: number }).count }
  } finally {
    database.close()
  }
}

function filesUnder(folder: string): string[] {
  if (!fs.existsSync(folder)) return []
  return fs.readdirSync(folder, { recursive: true, withFileTypes: true }).filter(entry => entry.isFile()).map(entry => path.join(entry.parentPath, entry.name))
}

async function assertSettled(t: TestContext, server: TestServer, store: Store, temporary: string, cookie: string) {
  const { images, imageRows } = namedImages(server.databaseFile)
  const keys = await store.keys(server)
  assert.deepEqual(keys.filter(key => key.endsWith('.partial')), [], 'no partly written file')
  const stored = new Map<string, Set<string>>()
  for (const key of keys) {
    const [id, name] = key.split('/')
    stored.set(id, (stored.get(id) ?? new Set()).add(name))
  }
  const dangling = images.filter(image => {
    const { extension } = image
    if (!isImageExtension(extension)) return true
    const expected = [
      variantName('full', extension),
      variantName('preview', extension),
      ...variantWidths(image.width).flatMap(width => variantFormats(extension).map(format => variantName(width, format))),
    ]
    return !expected.every(name => stored.get(image.id)?.has(name))
  })
  assert.deepEqual(dangling, [], 'every image a row names is whole')
  const named = new Set(images.map(image => image.id))
  assert.deepEqual([...stored.keys()].filter(id => UPLOAD_ID.test(id) && !named.has(id)), [], 'no uploaded image is named by no row')
  assert.deepEqual(filesUnder(temporary), [], 'no upload file is left in the temporary folder')
  const { data } = await graphql<{ imagesCount: number }>(server, '{ imagesCount }', { cookie })
  assert.equal(data.imagesCount, imageRows)
  for (const image of images.slice(0, 5)) {
    const response = await fetch(`${server.baseUrl}/images/${image.id}/${variantName('full', image.extension as 'jpg')}`)
    assert.equal(response.status, 200)
    await response.arrayBuffer()
  }
  t.diagnostic(`${images.length} images named, ${stored.size} stored`)
}

async function killLoop(t: TestContext, store: Store) {
  const temporary = fs.mkdtempSync(path.join(scratch, 'tmp-'))
  const photos = await Promise.all([40, 90, 140, 190].map(photo))
  let server = await startServer({ env: { ...store.env(temporary), SEED_DEMO_CONTENT: 'false' } })
  const repairs: string[] = []
  try {
    const editor = await newUserSession(server, 'editor')
    const { data } = await graphql<{ createPost: { id: string } }>(server, 'mutation { createPost(data: { title: "Ward photos" }) { id } }', { cookie: editor.cookie })
    const kept: string[] = []
    for (let kill = 1; kill <= KILLS; kill++) {
      // A whole upload before each kill, which every restart must keep.
      const { data: whole } = await graphql<{ createImage: { file: { id: string } } }>(server, 'mutation($data: ImageCreateInput!) { createImage(data: $data) { file { id } } }', {
        cookie: editor.cookie,
        variables: { data: { alt: 'Kept', file: { upload: new File([new Uint8Array(photos[kill % photos.length])], `kept-${kill}.jpg`, { type: 'image/jpeg' }) } } },
      })
      kept.push(whole.createImage.file.id)
      // Alternately: an upload's body arriving, and its variants reaching the store.
      const event = kill % 2 ? firstWriteUnder(temporary) : firstWriteUnder(store.writes(server))
      const uploading = uploadUntilKilled(server, editor.cookie, data.createPost.id, photos)
      await event.written
      const exited = once(server.child, 'exit')
      server.child.kill('SIGKILL')
      await exited
      await uploading
      server = await startServer({ after: server, env: { ...store.env(temporary), SEED_DEMO_CONTENT: 'false' } })
      repairs.push(...server.output().split('\n').filter(line => line.includes('left by an interrupted run') || line.includes('a stopped server left')))
      await assertSettled(t, server, store, temporary, editor.cookie)
      const named = new Set(namedImages(server.databaseFile).images.map(image => image.id))
      assert.deepEqual(kept.filter(id => !named.has(id)), [], 'every whole upload is kept')
    }
  } finally {
    await server.stop()
  }
  t.diagnostic(repairs.join('\n'))
  assert.ok(repairs.length > 0, 'at least one kill left something to settle')
}

test('killed during uploads to the local folder, the server settles what was left at every restart', t => killLoop(t, localFolder))

test('killed during uploads to an S3 bucket, the server settles what was left at every restart', t => killLoop(t, bucket))
