import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import sharp from 'sharp'

import { animatedGif } from '../tests/support/animated-gif'
import { graphql } from '../tests/support/graphql'
import { startServer, type TestServer } from '../tests/support/server'
import { newUserSession } from '../tests/support/session'

// npm run bench:images (second part) — whether uploads slow down readers. An image variant and a
// page are fetched over and over, first with nothing else happening (the baseline), then while
// three worst-case uploads are processed at once: animated GIFs of 1000 × 1000 pixels and 45
// frames (issue #25: one took 20 s of CPU, and a 240 px WebP took 15 s to be served meanwhile).
// Reports p50/p99 of both phases. Writes bench/results/images-under-uploads.json.

const READERS = 4
const PACE_MS = 100
const BASELINE_MS = Number(process.env.BENCH_SECONDS ?? 10) * 1000
const UPLOADS = 3

type Sample = { image: number[]; page: number[] }

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] * 10) / 10 : NaN
}
const figures = (values: number[]) => ({ requests: values.length, p50: percentile(values, 50), p99: percentile(values, 99), max: percentile(values, 100) })

async function timedGet(url: string) {
  const started = performance.now()
  const response = await fetch(url)
  await response.arrayBuffer()
  if (!response.ok) throw new Error(`${url} answered ${response.status}`)
  return performance.now() - started
}

/** READERS readers, each fetching the image then the page every PACE_MS (a steady stream of readers, not a flood), until `until` settles. */
async function read(server: TestServer, imagePath: string, pagePath: string, until: Promise<unknown>): Promise<Sample> {
  const sample: Sample = { image: [], page: [] }
  let done = false
  void until.finally(() => (done = true))
  await Promise.all(
    Array.from({ length: READERS }, async () => {
      while (!done) {
        const next = performance.now() + PACE_MS
        sample.image.push(await timedGet(`${server.baseUrl}${imagePath}`))
        sample.page.push(await timedGet(`${server.baseUrl}${pagePath}`))
        await new Promise(resolve => setTimeout(resolve, Math.max(0, next - performance.now())))
      }
    })
  )
  return sample
}

const server = await startServer()
try {
  const editor = await newUserSession(server, 'editor')
  const upload = (bytes: Buffer, name: string, type: string) =>
    graphql<{ createImage: { id: string; file: { id: string } } }>(server, 'mutation($data: ImageCreateInput!) { createImage(data: $data) { id file { id } } }', {
      cookie: editor.cookie,
      variables: { data: { alt: name, file: { upload: new File([new Uint8Array(bytes)], name, { type }) } } },
    })
  const photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#336699' } }).jpeg().toBuffer()
  const { data } = await upload(photo, 'reader.jpg', 'image/jpeg')
  const imagePath = `/images/${data.createImage.file.id}/240.webp`
  const pagePath = '/'
  // Warm: the page cached, the connections open, as in any running site.
  await read(server, imagePath, pagePath, timedGet(`${server.baseUrl}${pagePath}`))

  const baseline = await read(server, imagePath, pagePath, new Promise(resolve => setTimeout(resolve, BASELINE_MS)))

  const gif = await animatedGif({ width: 1000, height: 1000, frames: 45 })
  const uploadsStarted = performance.now()
  const uploadMs: number[] = []
  const uploads = Promise.all(
    Array.from({ length: UPLOADS }, (_, n) =>
      upload(gif, `reaction-${n}.gif`, 'image/gif').then(() => uploadMs.push(Math.round(performance.now() - uploadsStarted)))
    )
  )
  const during = await read(server, imagePath, pagePath, uploads)
  await uploads

  const report = {
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`,
    node: process.version,
    at: new Date().toISOString(),
    readers: `${READERS}, each an image and a page every ${PACE_MS} ms`,
    image: imagePath.replace(data.createImage.file.id, '<id>'),
    page: pagePath,
    upload: { what: `${UPLOADS} animated GIFs at once, 1000 × 1000 px, 45 frames`, bytes: gif.length, finishedAfterMs: uploadMs.sort((a, b) => a - b) },
    baseline: { image: figures(baseline.image), page: figures(baseline.page) },
    duringUploads: { image: figures(during.image), page: figures(during.page) },
  }
  for (const [phase, sample] of [['no uploads', report.baseline], [`${UPLOADS} uploads`, report.duringUploads]] as const) {
    for (const kind of ['image', 'page'] as const) {
      const { requests, p50, p99, max } = sample[kind]
      console.log(`${phase.padEnd(10)} ${kind.padEnd(5)} p50 ${p50} ms, p99 ${p99} ms, max ${max} ms (${requests} requests)`)
    }
  }
  console.log(`Uploads finished after ${report.upload.finishedAfterMs.join(', ')} ms`)
  fs.mkdirSync(path.join('bench', 'results'), { recursive: true })
  fs.writeFileSync(path.join('bench', 'results', 'images-under-uploads.json'), `${JSON.stringify(report, null, 2)}\n`)
} finally {
  await server.stop()
}
