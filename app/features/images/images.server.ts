import { randomBytes } from 'node:crypto'
import type { Readable, Writable } from 'node:stream'
import { finished } from 'node:stream/promises'

import type { BaseKeystoneTypeInfo, StorageStrategy } from '@keystone-6/core/types'

import { imageUrl, isImageExtension, variantName, type ImageExtension, type StoredImage } from '../../domain/images'
import { imagePool } from './image-pool.server'
import { imageStore } from './image-store.server'
import { ImageRejected, MAX_IMAGE_BYTES, type Variant } from './processing.server'

// An image from its bytes to its stored variants. Uploads through Keystone's image() fields are
// checked and turned into variants while the save's input is resolved, but written to storage only
// after the row is saved (`storePreparedImage`): a save refused for any reason stores nothing.

export type PreparedImage = StoredImage & { filesize: number; variants: Variant[] }

/** Ids like Keystone's own: 16 random bytes, base64url. */
export function newImageId() {
  return randomBytes(16).toString('base64url')
}

/** Checked and made into variants in the image pool (image-pool.server.ts), never on the server's own threads. */
export async function prepareImage(bytes: Buffer, fileName: string, id = newImageId()): Promise<PreparedImage> {
  const { inspected, variants } = await imagePool().process(bytes, fileName)
  const full = fullVariant(variants, inspected.extension)
  return { id, extension: inspected.extension, width: inspected.width, height: inspected.height, filesize: full.body.length, variants }
}

/** `full.<extension>`: the original's size in its own format, which storeVariants writes last. */
function fullVariant(variants: Variant[], extension: ImageExtension) {
  const full = variants.find(variant => variant.name === variantName('full', extension))
  if (!full) throw new Error(`No ${variantName('full', extension)} among the variants made (${variants.map(variant => variant.name).join(', ')})`)
  return full
}

/**
 * Every variant, `full.<extension>` last: an image whose full-size file is there is whole. A crash
 * part-way leaves the row without it, which the start-up repair (repair.server.ts) recognises.
 */
export async function storeVariants(image: PreparedImage) {
  const store = imageStore()
  const full = fullVariant(image.variants, image.extension)
  const put = (variant: Variant) => store.put(`${image.id}/${variant.name}`, variant.body, variant.contentType)
  try {
    await Promise.all(image.variants.filter(variant => variant !== full).map(put))
    await put(full)
  } catch (error) {
    // Half an image is no image: whatever was written goes, and the caller reports the failure.
    await store.deleteImages([image.id]).catch(() => {})
    throw new Error(`The image could not be stored in ${store.description}: ${error instanceof Error ? error.message : String(error)}`, { cause: error })
  }
}

const tooLarge = (fileName: string) =>
  new ImageRejected(`“${fileName}” is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB, the most an image can be. Export it smaller and try again.`)

/** An upload as graphql-upload hands it over: `capacitor` is the temporary file it is written to. */
export type Upload = { filename: string; createReadStream(): Readable; capacitor?: Writable }

/**
 * Reads an upload whole. It waits until graphql-upload has written all of it to its temporary file:
 * fs-capacitor's reader, started while the file is still being written, can miss the last write and
 * end empty (about 1 read in 1,000 on this machine; graphql-upload#318), which refused a good image as "empty".
 */
export async function readUpload(upload: Upload): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  try {
    if (upload.capacitor && !upload.capacitor.writableFinished) await finished(upload.capacitor)
    const stream = upload.createReadStream()
    for await (const chunk of stream) {
      size += chunk.length
      if (size > MAX_IMAGE_BYTES) {
        stream.destroy()
        throw tooLarge(upload.filename)
      }
      chunks.push(chunk)
    }
  } catch (error) {
    if (error instanceof ImageRejected) throw error
    // The server's own upload limit (keystone.ts maxFileSize, a little above ours) cut it off: a 413 from graphql-upload.
    if ((error as { status?: number }).status === 413) throw tooLarge(upload.filename)
    throw new ImageRejected(`“${upload.filename}” did not arrive whole (${error instanceof Error ? error.message : String(error)}). Try the upload again.`)
  }
  return Buffer.concat(chunks)
}

// Prepared in a save's input, stored by the same save's afterOperation. A save that fails between
// the two leaves its entry to expire.
const PENDING_MINUTES = 10
const pending = new Map<string, PreparedImage>()

export function holdUntilSaved(image: PreparedImage) {
  pending.set(image.id, image)
  setTimeout(() => pending.delete(image.id), PENDING_MINUTES * 60_000).unref()
}

/** Called once the row naming `id` is saved: writes its variants, prepared when the upload was read. */
export async function storePreparedImage(id: string | null | undefined) {
  const image = id ? pending.get(id) : undefined
  if (!image) return
  pending.delete(image.id)
  await storeVariants(image)
}

function idFromKeystoneKey(key: string) {
  return key.replace(/\.[a-z]+$/, '')
}

/**
 * The storage Keystone's image() fields are configured with. Keystone calls `delete` when an
 * image is replaced or its item deleted, and `url` for the desk's thumbnail. Uploads never reach
 * `put`: `picture()` (app/schema/fields.ts) resolves them itself, so that they are checked and held
 * until the row is saved; a second way in would store without either.
 */
export const keystoneImageStorage: StorageStrategy<BaseKeystoneTypeInfo> = {
  put(key) {
    throw new Error(`Image ${key} reached Keystone's own upload path; image fields are made with picture() in app/schema/fields.ts.`)
  },
  async delete(key) {
    await imageStore().deleteImages([idFromKeystoneKey(key)])
  },
  url(key) {
    const extension = key.slice(key.lastIndexOf('.') + 1)
    // The desk shows thumbnails: a small file, not a 12-megapixel original.
    return imageUrl({ id: idFromKeystoneKey(key) }, 'preview', isImageExtension(extension) ? extension : 'jpg')
  },
}

/** An image field's columns as Prisma reads them: `<field>_id`, `_extension`, `_width`, `_height`, and its alt text `<field>Alt`. */
type ImageRow<Field extends string> = { [K in `${Field}_id` | `${Field}_extension`]: string | null } & { [K in `${Field}_width` | `${Field}_height`]: number | null } & {
  [K in `${Field}Alt`]: string
}

export type DescribedImage = { image: StoredImage; alt: string }

/** The Prisma `select` of an image field and its alt text, for a read function. */
export function imageColumns<Field extends string>(field: Field) {
  return Object.fromEntries([`${field}_id`, `${field}_extension`, `${field}_width`, `${field}_height`, `${field}Alt`].map(key => [key, true])) as {
    [K in keyof ImageRow<Field>]: true
  }
}

/** The image a row holds in `field`, with its alt text, or null when the field is empty. */
export function describedImage<Field extends string>(row: ImageRow<Field>, field: Field): DescribedImage | null {
  // Generic keys lose their value types in TypeScript; the row's shape is ImageRow's.
  const columns = row as Record<string, string | number | null>
  const [id, extension, width, height] = ['_id', '_extension', '_width', '_height'].map(suffix => columns[`${field}${suffix}`])
  if (typeof id !== 'string' || !isImageExtension(extension) || typeof width !== 'number' || typeof height !== 'number') return null
  return { image: { id, extension, width, height }, alt: String(columns[`${field}Alt`] ?? '') }
}

