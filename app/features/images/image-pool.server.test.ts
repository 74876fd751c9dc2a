import assert from 'node:assert/strict'
import { after, test } from 'node:test'

import sharp from 'sharp'

import { animatedGif } from '../../../tests/support/animated-gif'
import { ImagePool, imagePool } from './image-pool.server'
import { prepareImage } from './images.server'
import { ImageRejected } from './processing.server'

// Image work runs in child processes of a bounded pool, never in the process that serves files
// (issue #25): behaviour only here; what it does for readers' response times is in bench/.

after(() => imagePool().close())

const photo = (width: number, red: number) =>
  sharp({ create: { width, height: Math.round(width / 1.5), channels: 3, background: { r: red, g: 90, b: 160 } } })
    .jpeg()
    .toBuffer()

test('uploads given at once are made one at a time per process, in processes other than this one', async t => {
  const pool = new ImagePool({ size: 1 })
  t.after(() => pool.close())
  const uploads = await Promise.all([photo(1200, 10), photo(900, 120), animatedGif({ width: 400, height: 400, frames: 12 })])
  const made = await Promise.all(uploads.map((bytes, n) => pool.process(bytes, `upload-${n}`)))
  assert.deepEqual(pool.stats(), { done: 3, mostAtOnce: 1 })
  for (const { pid } of made) assert.notEqual(pid, process.pid)
  assert.equal(new Set(made.map(({ pid }) => pid)).size, 1, 'one process did all three')
  assert.deepEqual(
    made.map(({ inspected }) => [inspected.width, inspected.height, inspected.extension]),
    [[1200, 800, 'jpg'], [900, 600, 'jpg'], [400, 400, 'gif']]
  )
})

test('a pool of two runs two uploads at once and no more', async t => {
  const pool = new ImagePool({ size: 2 })
  t.after(() => pool.close())
  const uploads = await Promise.all([1, 2, 3, 4].map(n => photo(800, n * 40)))
  await Promise.all(uploads.map((bytes, n) => pool.process(bytes, `upload-${n}`)))
  assert.equal(pool.stats().done, 4)
  assert.ok(pool.stats().mostAtOnce <= 2, `at most two at once, not ${pool.stats().mostAtOnce}`)
  assert.ok(pool.processIds().length <= 2)
})

test('a refusal made in the pool comes back as the same ImageRejected, naming the file', async t => {
  const pool = new ImagePool({ size: 1 })
  t.after(() => pool.close())
  await assert.rejects(pool.process(Buffer.from('Minutes of the comms meeting'), 'minutes.jpg'), (error: unknown) => {
    assert.ok(error instanceof ImageRejected)
    assert.equal(error.message, '“minutes.jpg” is not an image: upload a JPEG, PNG, WebP or GIF file.')
    return true
  })
})

test('an image process that dies mid-upload fails that upload by name, and the next upload gets a new process', async t => {
  const pool = new ImagePool({ size: 1 })
  t.after(() => pool.close())
  const bytes = await photo(1200, 200)
  const doomed = pool.process(bytes, 'ward-round.jpg')
  // The job is sent only once the child says it is ready, which cannot have happened yet.
  const [first] = pool.processIds()
  process.kill(first, 'SIGKILL')
  await assert.rejects(doomed, (error: unknown) => {
    assert.ok(error instanceof ImageRejected)
    assert.match(error.message, /^“ward-round\.jpg” could not be made into an image here \(the image process stopped: SIGKILL\)\. Try again/)
    return true
  })
  const next = await pool.process(bytes, 'ward-round.jpg')
  assert.notEqual(next.pid, first)
})

test('the site’s uploads go through the shared pool', async () => {
  const before = imagePool().stats().done
  const prepared = await prepareImage(await photo(600, 90), 'clinic.jpg')
  assert.equal(imagePool().stats().done, before + 1)
  assert.equal(prepared.variants[0].name, 'full.jpg')
})
