import type { StoredImage } from '../../domain/images'
import { imageIdsInMarkdown } from '../../domain/markdown.server'
import { describedImage } from '../images/images.server'

// The Markdown pipeline is pure: whoever renders a body (a save, the editor's preview) reads the
// site's images it names first, so each is drawn at its own size with its variants.

type ImageRows = {
  image: {
    findMany(args: {
      where: { file_id: { in: string[] } }
      select: { file_id: true; file_extension: true; file_width: true; file_height: true }
    }): Promise<{ file_id: string | null; file_extension: string | null; file_width: number | null; file_height: number | null }[]>
  }
}

/** The `Image` rows a body shows (`/images/<id>/…`, the id being the stored file's), by that id. */
export async function readBodyImages(prisma: ImageRows, markdown: string): Promise<Map<string, StoredImage>> {
  const ids = imageIdsInMarkdown(markdown)
  if (!ids.length) return new Map()
  const rows = await prisma.image.findMany({
    where: { file_id: { in: ids } },
    select: { file_id: true, file_extension: true, file_width: true, file_height: true },
  })
  // The body's own alt text is the one drawn; the row's is for the desk.
  const images = rows.map(row => describedImage({ ...row, fileAlt: '' }, 'file')?.image)
  return new Map(images.filter(image => image !== undefined).map(image => [image.id, image]))
}
