import type { BodyBlock } from '../../domain/markdown.server'
import { keystoneContext, type Context } from '../../server/keystone.server'
import { PUBLISHED } from './items.server'

export type Byline = { name: string; slug: string } | null
export type TagRef = { name: string; slug: string }

export type PostPage = {
  id: string
  title: string
  slug: string
  kind: 'article' | 'recap'
  excerpt: string
  bodyHtml: string
  /** Null only for a post saved before bodies were stored as blocks, until the server's next start. */
  bodyBlocks: BodyBlock[] | null
  publishedAt: string
  author: Byline
  tags: TagRef[]
  chatArchive: { title: string; slug: string } | null
  allowComments: boolean
}

export async function getPostBySlug(slug: string): Promise<PostPage | null> {
  const context = await keystoneContext()
  const [post] = await context.query.Post.findMany({
    where: { ...PUBLISHED, slug: { equals: slug } },
    take: 1,
    query: `id title slug kind excerpt bodyHtml bodyBlocks publishedAt author { name slug } tags { name slug }
      chatArchive { title slug } allowComments`,
  })
  return (post as PostPage | undefined) ?? null
}

/**
 * Posts saved before bodies were stored as blocks get them from their Markdown, once: saving the
 * body again runs the same hooks an editor's save does. Returns how many were rendered.
 */
export async function renderBodiesSavedBeforeBlocks(context: Context): Promise<number> {
  // Keystone cannot filter on a JSON field; the column is NULL only for such posts.
  const stale = await context.prisma.$queryRawUnsafe<{ id: string; body: string }[]>('SELECT "id", "body" FROM "Post" WHERE "bodyBlocks" IS NULL')
  for (const post of stale) await context.sudo().db.Post.updateOne({ where: { id: post.id }, data: { body: post.body } })
  return stale.length
}
