// How a stored image is named and offered to browsers. Every image (uploaded in the desk or saved
// from a chat) is kept as a set of variants made once, at upload: a few widths, each in AVIF, WebP
// and the original's own format. The names follow from the image's id, format and width alone, so
// a page needs only the row's columns to write its srcset, never a listing of the storage.

/**
 * The widths a variant is made at (never wider than the original): 240 for portraits and
 * thumbnails, 480 for a phone, 960 for the article column at 1.5×, 1600 for 800 CSS px at 2×.
 */
const IMAGE_WIDTHS = [240, 480, 960, 1600] as const

/** The formats Keystone's image() field accepts, which are the ones kept as uploaded. */
const IMAGE_EXTENSIONS = ['jpg', 'png', 'webp', 'gif'] as const
export type ImageExtension = (typeof IMAGE_EXTENSIONS)[number]
export type VariantFormat = 'avif' | 'webp' | ImageExtension

export type StoredImage = {
  id: string
  extension: ImageExtension
  width: number
  height: number
}

export const CONTENT_TYPES: Record<VariantFormat, string> = {
  avif: 'image/avif',
  webp: 'image/webp',
  jpg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
}

export const IMAGES_PATH = '/images'

/** How wide an image in the article column is drawn: the column (42rem less padding), or the screen. */
export const ARTICLE_IMAGE_SIZES = '(min-width: 42rem) 40rem, calc(100vw - 2rem)'

// An id is Keystone's (22 base64url characters) or an archived photo's (its source's, hashed).
const IMAGE_ID = /^[A-Za-z0-9_-]{8,64}$/

export function isImageId(value: string) {
  return IMAGE_ID.test(value)
}

export function isImageExtension(value: unknown): value is ImageExtension {
  return typeof value === 'string' && (IMAGE_EXTENSIONS as readonly string[]).includes(value)
}

/** The widths kept for an image `width` pixels wide: the standard ones below it, and its own if that is not wider than the largest. */
export function variantWidths(width: number): number[] {
  const below = IMAGE_WIDTHS.filter(candidate => candidate < width)
  return width <= IMAGE_WIDTHS[IMAGE_WIDTHS.length - 1] ? [...below, width] : below
}

/**
 * Newest formats first, the original's last as the fallback. A GIF is kept as GIF and WebP: its
 * first frame since decision 012 was revised, its animation before, under the same names.
 */
export function variantFormats(extension: ImageExtension): VariantFormat[] {
  if (extension === 'gif') return ['webp', 'gif']
  if (extension === 'webp') return ['avif', 'webp']
  return ['avif', 'webp', extension]
}

/**
 * The name of one variant within the image's folder: `960.webp`; `full.jpg` for the original's
 * size; `preview.jpg` at most 480 wide in the original's format, for the desk's thumbnails.
 */
export function variantName(width: number | 'full' | 'preview', format: VariantFormat) {
  return `${width}.${format}`
}

export function imageUrl(image: Pick<StoredImage, 'id'>, width: number | 'full' | 'preview', format: VariantFormat) {
  return `${IMAGES_PATH}/${image.id}/${variantName(width, format)}`
}

/** The original's size, without its metadata: what the desk shows and what a social card links. */
export function fullSizeUrl(image: Pick<StoredImage, 'id' | 'extension'>) {
  return imageUrl(image, 'full', image.extension)
}

export type ImageSource = { type: string; srcSet: string }

/** What a <picture> offers: one srcset per format, newest first; the last is the <img>'s own. */
export function imageSources(image: StoredImage): { sources: ImageSource[]; fallback: { src: string; srcSet: string } } {
  const widths = variantWidths(image.width)
  const srcSetFor = (format: VariantFormat) => widths.map(width => `${imageUrl(image, width, format)} ${width}w`).join(', ')
  const formats = variantFormats(image.extension)
  const fallbackFormat = formats[formats.length - 1]
  return {
    sources: formats.slice(0, -1).map(format => ({ type: CONTENT_TYPES[format], srcSet: srcSetFor(format) })),
    fallback: { src: imageUrl(image, widths[widths.length - 1], fallbackFormat), srcSet: srcSetFor(fallbackFormat) },
  }
}

/** The height an image has when drawn `width` wide, for width/height attributes that hold its space. */
export function scaledHeight(image: Pick<StoredImage, 'width' | 'height'>, width: number) {
  return Math.round((image.height * width) / image.width)
}

/** `/images/<id>/<variant>` in a Markdown body or a link: the id of one of this site's images. */
export function imageIdFromUrl(url: string): string | undefined {
  const match = /^\/images\/([A-Za-z0-9_-]{8,64})\/(?:\d+|full|preview)\.(?:avif|webp|jpg|png|gif)$/.exec(url)
  return match?.[1]
}
