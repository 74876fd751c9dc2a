import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { chromium } from 'playwright-core'
import sharp from 'sharp'

import { prepareImage } from '../app/features/images/images.server'
import { graphql } from '../tests/support/graphql'
import { startServer } from '../tests/support/server'
import { newUserSession } from '../tests/support/session'
import { bareServer, load } from './load'

// npm run bench:images — what images cost, each beside a baseline measured in the same run:
//  1. a 12-megapixel photo from upload to its 13 variants, against decoding and re-encoding it once;
//  2. the bytes a reader's browser fetches for a post's featured image at 375 and 1280 px wide,
//     against the original file;
//  3. a post page with a featured image against the same post without one, and an image variant
//     served by the site against the same bytes from a bare Node server.
// Writes bench/results/images.json.

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

/** A 4000 × 3000 photo-like JPEG: smooth gradients under fine noise, as a camera gives, with EXIF. */
async function twelveMegapixelPhoto() {
  const width = 4000
  const height = 3000
  const noise = Buffer.alloc(width * height * 3)
  let seed = 7
  for (let i = 0; i < noise.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    noise[i] = seed >> 23
  }
  const gradient = Buffer.from(
    `<svg width="${width}" height="${height}"><defs><linearGradient id="g" x2="1" y2="1"><stop offset="0" stop-color="#1d4e89"/><stop offset="0.5" stop-color="#f4d35e"/><stop offset="1" stop-color="#ee964b"/></linearGradient></defs>` +
      `<rect width="100%" height="100%" fill="url(#g)"/><circle cx="2000" cy="1500" r="900" fill="#ffffff" fill-opacity="0.35"/></svg>`
  )
  return sharp(gradient)
    .composite([{ input: await sharp(noise, { raw: { width, height, channels: 3 } }).blur(1.2).png().toBuffer(), blend: 'overlay' }])
    .jpeg({ quality: 88 })
    .withExif({ IFD0: { Make: 'BenchPhone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1' } })
    .toBuffer()
}

const photo = await twelveMegapixelPhoto()
console.log(`12-megapixel photo: ${kb(photo.length)}`)

// 1. Upload to variants.
const reencode: number[] = []
const variants: number[] = []
let variantCount = 0
for (let round = 0; round < 3; round++) {
  let started = performance.now()
  await sharp(photo).autoOrient().jpeg({ quality: 82, mozjpeg: true }).toBuffer()
  reencode.push(performance.now() - started)
  started = performance.now()
  const prepared = await prepareImage(photo, 'bench.jpg')
  variants.push(performance.now() - started)
  variantCount = prepared.variants.length
}
const upload = {
  photoBytes: photo.length,
  variants: variantCount,
  reencodeOnceMs: Math.round(median(reencode)),
  allVariantsMs: Math.round(median(variants)),
  ratio: Number((median(variants) / median(reencode)).toFixed(1)),
}
console.log(`Upload to ${variantCount} variants: ${upload.allVariantsMs} ms (median of 3), ${upload.ratio}× one re-encode of the original (${upload.reencodeOnceMs} ms)`)

const server = await startServer()
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] })
try {
  const editor = await newUserSession(server, 'editor')
  const started = performance.now()
  const { data } = await graphql<{ createPost: { slug: string; featuredImage: { id: string } } }>(
    server,
    'mutation($data: PostCreateInput!) { createPost(data: $data) { slug featuredImage { id } } }',
    {
      cookie: editor.cookie,
      variables: {
        data: {
          title: 'A photo from the ward',
          body: 'What the new signs look like.',
          status: 'published',
          featuredImage: { upload: new File([new Uint8Array(photo)], 'ward.jpg', { type: 'image/jpeg' }) },
          featuredImageAlt: 'A bright gradient photo',
        },
      },
    }
  )
  const uploadThroughDeskMs = Math.round(performance.now() - started)
  console.log(`The same photo uploaded through GraphQL and saved: ${uploadThroughDeskMs} ms`)
  const { slug, featuredImage } = data.createPost
  const { data: plain } = await graphql<{ createPost: { slug: string } }>(server, 'mutation($data: PostCreateInput!) { createPost(data: $data) { slug } }', {
    cookie: editor.cookie,
    variables: { data: { title: 'A post without a photo', body: 'What the new signs look like.', status: 'published' } },
  })

  // 2. Bytes a reader fetches.
  const bytesSent: { width: number; files: string[]; bytes: number; ofOriginal: string }[] = []
  for (const width of [375, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 900 } })
    const page = await context.newPage()
    const responses: Promise<{ path: string; bytes: number }>[] = []
    page.on('response', response => {
      const url = new URL(response.url())
      if (url.pathname.startsWith(`/images/${featuredImage.id}/`)) responses.push(response.body().then(body => ({ path: url.pathname, bytes: body.length })))
    })
    await page.goto(`${server.baseUrl}/posts/${slug}`, { waitUntil: 'networkidle' })
    const fetched = await Promise.all(responses)
    const bytes = fetched.reduce((total, file) => total + file.bytes, 0)
    bytesSent.push({ width, files: fetched.map(file => path.basename(file.path)), bytes, ofOriginal: `${((100 * bytes) / photo.length).toFixed(1)}%` })
    console.log(`At ${width} px: ${fetched.map(file => path.basename(file.path)).join(', ')}, ${kb(bytes)} (${((100 * bytes) / photo.length).toFixed(1)}% of the ${kb(photo.length)} original)`)
    await context.close()
  }

  // 3. Pages and image serving under load.
  const withImage = await load(`${server.baseUrl}/posts/${slug}`)
  const withoutImage = await load(`${server.baseUrl}/posts/${plain.createPost.slug}`)
  const variantPath = `/images/${featuredImage.id}/960.avif`
  const variantFile = path.join(path.dirname(server.databaseFile), 'images', featuredImage.id, '960.avif')
  const served = await load(`${server.baseUrl}${variantPath}`)
  const bare = await bareServer(variantFile, { 'Content-Type': 'image/avif' })
  const bareServed = await load(bare.url)
  await bare.close()
  const pages = {
    postWithImage: withImage,
    postWithoutImage: withoutImage,
    pageRatio: Number((withImage.rps / withoutImage.rps).toFixed(2)),
    variant: { path: variantPath, bytes: fs.statSync(variantFile).size, ...served },
    bareNodeVariant: bareServed,
    variantOfBareNode: `${Math.round((100 * served.rps) / bareServed.rps)}%`,
  }
  console.log(`Post with a featured image: ${withImage.rps} req/s (p99 ${withImage.p99} ms), ${pages.pageRatio}× the same post without (${withoutImage.rps} req/s)`)
  console.log(`A 960 px AVIF variant from the site: ${served.rps} req/s, ${pages.variantOfBareNode} of bare Node serving the same bytes (${bareServed.rps} req/s)`)

  const report = { machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`, node: process.version, at: new Date().toISOString(), upload: { ...upload, uploadThroughDeskMs }, bytesSent, pages }
  fs.mkdirSync(path.join('bench', 'results'), { recursive: true })
  fs.writeFileSync(path.join('bench', 'results', 'images.json'), `${JSON.stringify(report, null, 2)}\n`)
} finally {
  await browser.close()
  await server.stop()
}
