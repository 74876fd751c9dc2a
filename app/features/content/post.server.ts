import type { BodyBlock } from '../../domain/markdown.server'
import { keystoneContext, type Context } from '../../server/keystone.server'
import { listKey, showsItem, shows } from '../../server/surrogate-keys.server'
import { isoDate } from './items.server'
import { previewState, type PreviewState } from '../../domain/publishing'
import { itemFilter, type Preview } from './preview.server'
import { FEATURED_IMAGE_COLUMNS, withFeaturedImage, type FeaturedImage } from '../images/images.server'

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
  featuredImage: FeaturedImage
  /** Set when the page is a preview: what the banner says. */
  preview: PreviewState | null
}

export async function getPostBySlug(slug: string, preview?: Preview): Promise<PostPage | null> {
  const { prisma } = await keystoneContext()
  const post = await prisma.post.findFirst({
    where: itemFilter('post', slug, preview),
    select: {
      id: true, title: true, slug: true, kind: true, excerpt: true, bodyHtml: true, bodyBlocks: true, publishedAt: true, allowComments: true, status: true,
      ...FEATURED_IMAGE_COLUMNS,
      author: { select: { name: true, slug: true } },
      tags: { select: { name: true, slug: true } },
      chatArchive: { select: { title: true, slug: true } },
    },
  })
  showsItem('post', post?.id)
  if (!post) return null
  if (post.chatArchive) shows(listKey('archive'))
  const { status: _status, ...fields } = post
  return {
    ...withFeaturedImage(fields),
    kind: post.kind === 'recap' ? 'recap' : 'article',
    // Written by the Post list's hooks from renderMarkdownDocument.
    bodyBlocks: post.bodyBlocks as BodyBlock[] | null,
    publishedAt: isoDate(post.publishedAt),
    preview: preview ? previewState(post) : null,
  }
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
