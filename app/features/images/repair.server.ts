import type { Context } from '../../server/keystone.server'
import { isImageExtension, variantName } from '../../domain/images'
import { imageStore } from './image-store.server'

// What a crash during uploads leaves, settled before the server opens. A row is saved before its
// variants are stored (decision 012), so a process killed between the two leaves rows naming an
// image that is not there, or only partly (variants are written with `full.<ext>` last: an image
// without it is not whole). And a deletion or replacement killed between the commit and the
// removal of the old variants leaves files no row names. Both are settled here:
// - an `Image` row (a picture inside a Markdown body) without its image is deleted: a body naming
//   it shows a broken image either way, and a row would be counted and listed in the desk as if
//   it were there; the editor uploads it again;
// - a featured image or portrait without its image is cleared, with its alt text kept, so that the
//   page shows no image rather than a broken one and the editor can upload it again;
// - files of an uploaded image no row names are deleted; so are `*.partial` files.
// Chat photos (ids of 24 characters, archivedPhotoId) are named from chat posts' media, not from
// these columns, and are the chat import's to remove (photos.server.ts): they are left alone.
// Sharp edge: with several processes, one starting while another has just saved an upload and is
// storing its variants (a second or two) would take that upload for a crash's leftovers.

/** Every picture() field of the schema (app/schema/content.ts), as Prisma names the model. A new one must be added here, or its images would be taken for orphans. */
const PICTURE_FIELDS = [
  { model: 'post', field: 'featuredImage' },
  { model: 'interview', field: 'intervieweePhoto' },
  { model: 'interview', field: 'featuredImage' },
  { model: 'topicAnnouncement', field: 'featuredImage' },
  { model: 'image', field: 'file', deleteRow: true },
] as const

/** Keystone's image ids and newImageId's: 16 random bytes in base64url. */
const UPLOAD_ID = /^[A-Za-z0-9_-]{22}$/

export type ImageRepair = { rowsDeleted: number; imagesCleared: number; orphansDeleted: number; partialFilesDeleted: number }

type Row = { id: string } & Record<string, string | null>
type Model = {
  findMany(args: unknown): Promise<Row[]>
  updateMany(args: unknown): Promise<unknown>
  deleteMany(args: unknown): Promise<unknown>
}

export async function settleImagesLeftByACrash(context: Context): Promise<ImageRepair> {
  const store = imageStore()
  const partialFilesDeleted = await store.discardUnfinishedWrites()
  const variantsById = new Map<string, Set<string>>()
  for (const key of await store.listAll()) {
    const [id, name] = key.split('/')
    if (!variantsById.has(id)) variantsById.set(id, new Set())
    variantsById.get(id)!.add(name)
  }

  const prisma = context.prisma as unknown as Record<string, Model>
  const named = new Set<string>()
  const incomplete = new Set<string>()
  let rowsDeleted = 0
  let imagesCleared = 0
  for (const { model, field, ...how } of PICTURE_FIELDS) {
    const [idColumn, extensionColumn] = [`${field}_id`, `${field}_extension`]
    const rows = await prisma[model].findMany({ where: { [idColumn]: { not: null } }, select: { id: true, [idColumn]: true, [extensionColumn]: true } })
    const missing: Row[] = []
    for (const row of rows) {
      const imageId = row[idColumn]!
      const extension = row[extensionColumn]
      const whole = isImageExtension(extension) && variantsById.get(imageId)?.has(variantName('full', extension))
      if (whole) named.add(imageId)
      else missing.push(row)
    }
    if (missing.length === 0) continue
    for (const row of missing) incomplete.add(row[idColumn]!)
    const where = { id: { in: missing.map(row => row.id) } }
    if ('deleteRow' in how) {
      await prisma[model].deleteMany({ where })
      rowsDeleted += missing.length
    } else {
      const columns = ['id', 'extension', 'filesize', 'width', 'height'].map(column => [`${field}_${column}`, null])
      await prisma[model].updateMany({ where, data: Object.fromEntries(columns) })
      imagesCleared += missing.length
    }
  }

  const unnamed = [...variantsById.keys()].filter(id => UPLOAD_ID.test(id) && !named.has(id))
  // An incomplete image's folder may hold nothing but partial files, now gone, and so not be listed.
  await store.deleteImages([...new Set([...unnamed, ...incomplete])])
  return { rowsDeleted, imagesCleared, orphansDeleted: unnamed.filter(id => !incomplete.has(id)).length, partialFilesDeleted }
}

export function reportImageRepair(repair: ImageRepair) {
  const done = [
    repair.rowsDeleted && `deleted ${repair.rowsDeleted} Image item(s) whose upload had not been stored`,
    repair.imagesCleared && `cleared ${repair.imagesCleared} featured image(s) or portrait(s) whose upload had not been stored (upload them again)`,
    repair.orphansDeleted && `removed the files of ${repair.orphansDeleted} image(s) no item names`,
    repair.partialFilesDeleted && `removed ${repair.partialFilesDeleted} partly written file(s)`,
  ].filter(Boolean)
  if (done.length) console.log(`› Images left by an interrupted run: ${done.join('; ')}`)
}
