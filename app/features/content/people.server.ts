import { keystoneContext } from '../../server/keystone.server'
import { published } from '../../domain/publishing'

export type AuthorPage = { name: string; slug: string; bio: string; xHandle: string }
export type TagPage = { name: string; slug: string }

const anyPublished = () => ({ where: published(), take: 1, select: { id: true } })

/** Only people who have published something have a public page. */
export async function getAuthorBySlug(slug: string): Promise<AuthorPage | null> {
  const { prisma } = await keystoneContext()
  const author = await prisma.user.findUnique({
    where: { slug },
    select: { name: true, slug: true, bio: true, xHandle: true, posts: anyPublished(), interviews: anyPublished() },
  })
  if (!author || author.posts.length + author.interviews.length === 0) return null
  return { name: author.name, slug: author.slug, bio: author.bio, xHandle: author.xHandle }
}

/** Only tags on something published have a page: a tag used only by drafts would name what is coming. */
export async function getTagBySlug(slug: string): Promise<TagPage | null> {
  const { prisma } = await keystoneContext()
  const tag = await prisma.tag.findUnique({ where: { slug }, select: { name: true, slug: true, posts: anyPublished(), interviews: anyPublished() } })
  if (!tag || tag.posts.length + tag.interviews.length === 0) return null
  return { name: tag.name, slug: tag.slug }
}
