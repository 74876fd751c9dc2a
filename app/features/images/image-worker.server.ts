import sharp from 'sharp'

import { ImageRejected, inspectImage, makeVariants } from './processing.server'

// The process an image pool (image-pool.server.ts) forks: it checks one upload at a time and makes
// its variants, on libuv and libvips threads of its own, so the server's thread pool stays free
// to read the files it serves. It exits with its parent: when the server dies, so does its channel.

type Job = { job: number; bytes: Uint8Array; fileName: string }

// One core per child: the pool has cores − 1 children, which leaves the server a core of its own.
sharp.concurrency(1)

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)

async function run({ job, bytes, fileName }: Job) {
  try {
    const buffer = asBuffer(bytes)
    const inspected = await inspectImage(buffer, fileName)
    const variants = await makeVariants(buffer, inspected, fileName)
    process.send!({ job, pid: process.pid, inspected, variants })
  } catch (error) {
    process.send!({ job, pid: process.pid, rejected: error instanceof ImageRejected, message: error instanceof Error ? error.message : String(error) })
  }
}

process.on('message', (job: Job) => void run(job))
process.on('disconnect', () => process.exit(0))
process.send!({ ready: true })
