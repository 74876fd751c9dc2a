import { keystoneContext } from '../../server/keystone.server'
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
    query: `id title slug kind excerpt bodyHtml publishedAt author { name slug } tags { name slug }
      chatArchive { title slug } allowComments`,
  })
  return (post as PostPage | undefined) ?? null
}
