import assert from 'node:assert/strict'
import { once } from 'node:events'
import { test } from 'node:test'

import { WriteStream } from 'fs-capacitor'

import { readUpload } from './images.server'

// graphql-upload writes each upload to a temporary file (an fs-capacitor WriteStream) while the
// resolver may already be reading it. These uploads are written the way a small image arrives: one
// chunk, landing just after the read has begun.
async function arrivingUpload(bytes: Buffer) {
  const capacitor = new WriteStream()
  await once(capacitor, 'ready')
  const upload = { filename: 'chart.png', createReadStream: () => capacitor.createReadStream(), capacitor }
  setImmediate(() => capacitor.end(bytes))
  return { upload, capacitor }
}

test('an upload still being written is read whole, every time', async () => {
  const bytes = Buffer.alloc(300, 7)
  const short: number[] = []
  // Reading while the write lands came back empty about once in a thousand uploads.
  for (let attempt = 0; attempt < 3000; attempt++) {
    const { upload, capacitor } = await arrivingUpload(bytes)
    const read = await readUpload(upload)
    capacitor.release()
    if (!read.equals(bytes)) short.push(read.length)
  }
  assert.deepEqual(short, [], 'every upload read with all its 300 bytes')
})

test('an upload the server cut off at its size limit is refused as too large, naming the file', async () => {
  const capacitor = new WriteStream()
  const upload = { filename: 'poster.png', createReadStream: () => capacitor.createReadStream(), capacitor }
  const reading = readUpload(upload)
  capacitor.destroy(Object.assign(new Error('File truncated as it exceeds the byte size limit.'), { status: 413 }))
  await assert.rejects(reading, { name: 'ImageRejected', message: /“poster\.png” is larger than 20 MB/ })
})
