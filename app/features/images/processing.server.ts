import sharp, { type Metadata, type Sharp } from 'sharp'

import { CONTENT_TYPES, variantFormats, variantName, variantWidths, type ImageExtension, type VariantFormat } from '../../domain/images'

// Checking an upload and making its variants, with sharp (libvips). An upload is refused here,
// with a message naming the file and what is wrong, before anything is stored. Every variant is
// encoded afresh, so none keeps the original's EXIF, GPS or XMP: a photo taken on a ward can carry
// where and when it was taken, and a reader must never be sent that.

/** Larger uploads are refused; a 12-megapixel phone photo is 3 to 6 MB. */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024
/** About 7,000 × 7,000. A tiny file can declare a huge canvas (a decompression bomb): it is refused from its header, before decoding. */
const MAX_IMAGE_PIXELS = 50_000_000

export class ImageRejected extends Error {
  override name = 'ImageRejected'
}

const SHARP_FORMATS: Record<string, ImageExtension> = { jpeg: 'jpg', png: 'png', webp: 'webp', gif: 'gif' }

function megabytes(bytes: number) {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** SVG is XML and may carry script and links: refused whatever its name, sniffed from its first bytes. */
function looksLikeSvg(bytes: Buffer) {
  const start = bytes.subarray(0, 1024).toString('utf8').replace(/^\uFEFF/, '').trimStart().toLowerCase()
  return start.startsWith('<svg') || (start.startsWith('<?xml') && start.includes('<svg')) || (start.startsWith('<!doctype svg'))
}

export type InspectedImage = { extension: ImageExtension; width: number; height: number; frames: number }

/** What an upload is, from its bytes; refused with the reason when it is not an image this site keeps. */
export async function inspectImage(bytes: Buffer, fileName: string): Promise<InspectedImage> {
  const name = `“${fileName}”`
  if (bytes.length === 0) throw new ImageRejected(`${name} is empty.`)
  if (bytes.length > MAX_IMAGE_BYTES) {
    throw new ImageRejected(`${name} is ${megabytes(bytes.length)}, over the ${MAX_IMAGE_BYTES / 1024 / 1024} MB limit for images. Export it smaller and try again.`)
  }
  if (looksLikeSvg(bytes)) {
    throw new ImageRejected(`${name} is an SVG drawing. SVG files can carry scripts, so they are not accepted: export it as PNG or JPEG.`)
  }
  let metadata: Metadata
  try {
    metadata = await sharp(bytes).metadata()
  } catch {
    throw new ImageRejected(`${name} is not an image: upload a JPEG, PNG, WebP or GIF file.`)
  }
  const extension = metadata.format ? SHARP_FORMATS[metadata.format] : undefined
  if (!extension) {
    const what = metadata.format === 'svg' ? 'an SVG drawing, which can carry scripts' : `a ${metadata.format?.toUpperCase() ?? 'kind of'} file`
    throw new ImageRejected(`${name} is ${what}; upload a JPEG, PNG, WebP or GIF file.`)
  }
  // An animation's height here is one frame's (sharp reads a single page unless asked for all), and
  // only that frame is ever decoded (makeVariants), so one frame is what the budget counts.
  const { width = 0, height = 0 } = metadata
  const pixels = width * height
  if (!width || !height) throw new ImageRejected(`${name} does not say how large it is: it may be damaged. Export it again and try again.`)
  if (pixels > MAX_IMAGE_PIXELS) {
    throw new ImageRejected(`${name} is ${width} × ${height} pixels (${Math.round(pixels / 1e6)} megapixels); images up to ${MAX_IMAGE_PIXELS / 1e6} megapixels can be uploaded.`)
  }
  // EXIF orientations 5 to 8 turn the picture a quarter: its upright size is the other way round.
  const turned = (metadata.orientation ?? 1) >= 5
  return { extension, width: turned ? height : width, height: turned ? width : height, frames: metadata.pages ?? 1 }
}

const PREVIEW_WIDTH = 480

export type Variant = { name: string; contentType: string; body: Buffer }

function encode(pipeline: Sharp, format: VariantFormat, fullSize: boolean) {
  switch (format) {
    case 'avif':
      return pipeline.avif({ quality: 55, effort: 2 })
    case 'webp':
      return pipeline.webp({ quality: 78 })
    case 'jpg':
      // mozjpeg saves a quarter of the bytes readers download, but takes five times as long on a
      // 12-megapixel original, which readers are never sent (only the desk and link previews show it).
      return pipeline.jpeg({ quality: 82, mozjpeg: !fullSize })
    case 'png':
      return pipeline.png({ compressionLevel: 9 })
    case 'gif':
      return pipeline.gif()
  }
}

/**
 * Every variant of an inspected upload: its widths in each format, and its own size in its own
 * format. Decoding the whole file here is also the check that it is complete: a file cut short
 * is refused, not stored half grey.
 */
export async function makeVariants(bytes: Buffer, image: InspectedImage, fileName: string): Promise<Variant[]> {
  // An animation is kept as its first frame (decision 012). Its cost grew with every frame, in
  // every variant: a 78 KB GIF of 45 frames at 1000 × 1000 took 20 s of CPU (issue #25), where its
  // first frame takes a fraction of a second. And a picture that moves on its own, without a way to
  // pause it, is what WCAG 2.2.2 asks pages not to have: the site's <picture> offers none.
  const source = sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'warning', pages: 1 })
    // Turned upright by its EXIF orientation, which is then dropped with the rest of the metadata.
    .autoOrient()
  const jobs: { name: string; format: VariantFormat; width?: number }[] = [
    { name: variantName('full', image.extension), format: image.extension },
    { name: variantName('preview', image.extension), format: image.extension, width: Math.min(PREVIEW_WIDTH, image.width) },
  ]
  for (const width of variantWidths(image.width)) {
    for (const format of variantFormats(image.extension)) jobs.push({ name: variantName(width, format), format, width })
  }
  try {
    return await Promise.all(
      jobs.map(async job => {
        const resized = job.width && job.width < image.width ? source.clone().resize({ width: job.width }) : source.clone()
        return { name: job.name, contentType: CONTENT_TYPES[job.format], body: await encode(resized, job.format, !job.width).toBuffer() }
      })
    )
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
    throw new ImageRejected(`“${fileName}” could not be read to the end (${reason}): the file is damaged or cut short. Export it again and try again.`)
  }
}
