import { pipeline } from 'node:stream/promises'

import type express from 'express'

import { IMAGES_PATH, isImageId } from '../../domain/images'
import { imageStore } from './image-store.server'

// Images are served from the site's own origin (no third party sees who reads what) and never
// change under their name: a replaced image gets a new id. So browsers and CDNs keep them a year.

const VARIANT = /^(?:\d{1,5}|full|preview)\.(?:avif|webp|jpg|png|gif)$/
const IMMUTABLE = 'public, max-age=31536000, immutable'

export const IMAGE_ROUTE = `${IMAGES_PATH}/:id/:variant`

export async function serveImage(req: express.Request<{ id: string; variant: string }>, res: express.Response, next: express.NextFunction) {
  const { id, variant } = req.params
  if (!isImageId(id) || !VARIANT.test(variant)) return void res.status(404).type('text/plain').send('No such image.')
  try {
    const stored = await imageStore().get(`${id}/${variant}`)
    if (!stored) return void res.status(404).set('Cache-Control', 'no-store').type('text/plain').send('No such image.')
    const etag = `"${id}-${variant}"`
    res.set({
      'Content-Type': stored.contentType,
      'Content-Length': String(stored.size),
      'Cache-Control': IMMUTABLE,
      ETag: etag,
      // An image is only ever an image, never a document a browser would run.
      'Content-Security-Policy': "default-src 'none'; sandbox",
      // Feed readers and link previews show a post's images from elsewhere.
      'Cross-Origin-Resource-Policy': 'cross-origin',
    })
    if (req.headers['if-none-match'] === etag) {
      stored.body.destroy()
      return void res.status(304).end()
    }
    if (req.method === 'HEAD') {
      stored.body.destroy()
      return void res.end()
    }
    await pipeline(stored.body, res)
  } catch (error) {
    if (res.headersSent) return void res.destroy()
    next(error)
  }
}
