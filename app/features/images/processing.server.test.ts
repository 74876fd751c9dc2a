import assert from 'node:assert/strict'
import { test } from 'node:test'

import sharp from 'sharp'

import { animatedGif } from '../../../tests/support/animated-gif'
import { ImageRejected, inspectImage, makeVariants, MAX_IMAGE_BYTES } from './processing.server'

// What the site keeps of an upload, and what it refuses: the message names the file and says what to do.

const photo = (width = 1200, height = 800) =>
  sharp({ create: { width, height, channels: 3, background: '#336699' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'WardPhone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1' } })
    .toBuffer()

async function refusal(bytes: Buffer, name: string) {
  try {
    const inspected = await inspectImage(bytes, name)
    await makeVariants(bytes, inspected, name)
  } catch (error) {
    assert.ok(error instanceof ImageRejected, `refused as an ImageRejected, not ${String(error)}`)
    return error.message
  }
  assert.fail(`${name} was accepted`)
}

test('every variant is encoded afresh, without the camera’s EXIF or GPS', async () => {
  const bytes = await photo()
  const variants = await makeVariants(bytes, await inspectImage(bytes, 'ward.jpg'), 'ward.jpg')
  assert.deepEqual(
    variants.map(variant => variant.name),
    ['full.jpg', 'preview.jpg', '240.avif', '240.webp', '240.jpg', '480.avif', '480.webp', '480.jpg', '960.avif', '960.webp', '960.jpg', '1200.avif', '1200.webp', '1200.jpg']
  )
  for (const variant of variants) {
    const metadata = await sharp(variant.body).metadata()
    assert.equal(metadata.exif, undefined, `${variant.name} keeps no EXIF`)
  }
})

test('a photo taken sideways is kept upright, with its upright size', async () => {
  const sideways = await sharp(await photo(1200, 800)).withMetadata({ orientation: 6 }).toBuffer()
  const inspected = await inspectImage(sideways, 'sideways.jpg')
  assert.deepEqual([inspected.width, inspected.height], [800, 1200])
  const [full] = await makeVariants(sideways, inspected, 'sideways.jpg')
  const metadata = await sharp(full.body).metadata()
  assert.deepEqual([metadata.width, metadata.height, metadata.orientation], [800, 1200, undefined])
})

test('an SVG is refused, whatever its name says, because it can carry script', async () => {
  const svg = Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>')
  assert.match(await refusal(svg, 'poster.png'), /^“poster\.png” is an SVG drawing\. SVG files can carry scripts/)
})

test('a file that is not an image is refused, naming the formats that are accepted', async () => {
  assert.equal(await refusal(Buffer.from('Minutes of the comms meeting'), 'minutes.jpg'), '“minutes.jpg” is not an image: upload a JPEG, PNG, WebP or GIF file.')
})

test('an image in another format (TIFF) is refused by name', async () => {
  const tiff = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } }).tiff().toBuffer()
  assert.match(await refusal(tiff, 'scan.tiff'), /^“scan\.tiff” is a TIFF file; upload a JPEG, PNG, WebP or GIF file\.$/)
})

test('a small file declaring a huge canvas (a decompression bomb) is refused from its header', async () => {
  const bomb = await sharp({ create: { width: 12000, height: 12000, channels: 3, background: '#000' } }).png({ compressionLevel: 9 }).toBuffer()
  assert.ok(bomb.length < 2 * 1024 * 1024, 'the bomb itself is small')
  assert.equal(await refusal(bomb, 'bomb.png'), '“bomb.png” is 12000 × 12000 pixels (144 megapixels); images up to 50 megapixels can be uploaded.')
})

test('a file cut short is refused rather than stored half grey', async () => {
  const bytes = await photo()
  assert.match(await refusal(bytes.subarray(0, Math.floor(bytes.length / 2)), 'cut.jpg'), /^“cut\.jpg” could not be read to the end \(.+\): the file is damaged or cut short/)
})

test('a file over the size limit is refused before it is decoded', async () => {
  assert.match(await refusal(Buffer.alloc(MAX_IMAGE_BYTES + 1, 0xff), 'huge.jpg'), /^“huge\.jpg” is 20\.0 MB, over the 20 MB limit for images\. Export it smaller/)
})

test('an animated GIF is kept as its first frame, however many frames it has', async () => {
  // 45 frames of 1000 × 1000: 20 s of CPU when every frame was kept (issue #25).
  const gif = await animatedGif({ width: 1000, height: 1000, frames: 45 })
  const inspected = await inspectImage(gif, 'reaction.gif')
  assert.deepEqual(inspected, { extension: 'gif', width: 1000, height: 1000, frames: 45 })
  const variants = await makeVariants(gif, inspected, 'reaction.gif')
  assert.deepEqual(
    variants.map(variant => variant.name),
    ['full.gif', 'preview.gif', '240.webp', '240.gif', '480.webp', '480.gif', '960.webp', '960.gif', '1000.webp', '1000.gif']
  )
  for (const variant of variants) {
    const { pages, width } = await sharp(variant.body).metadata()
    assert.equal(pages ?? 1, 1, `${variant.name} is one frame`)
    assert.ok(width! <= 1000)
  }
  const [first] = variants
  const original = await sharp(gif).raw().toBuffer()
  assert.deepEqual(await sharp(first.body).raw().toBuffer(), original, 'full.gif is the first frame as it was')
})
