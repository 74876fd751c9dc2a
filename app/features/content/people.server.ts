import { keystoneContext } from '../../server/keystone.server'
import { PUBLISHED } from './items.server'

export type AuthorPage = { name: string; slug: string; bio: string; xHandle: string }
export type TagPage = { name: string; slug: string }

/**
 * Only people who have published something have a public page. Asked of the Post and Interview
 * lists, whose rules hide drafts: a filter from the User side would cross into them unchecked.
 */
export async function getAuthorBySlug(slug: string): Promise<AuthorPage | null> {
  const context = await keystoneContext()
  const [author] = await context.query.User.findMany({ where: { slug: { equals: slug } }, take: 1, query: 'name slug bio xHandle' })
  if (!author) return null
  const byAuthor = { ...PUBLISHED, author: { slug: { equals: slug } } }
  const [posts, interviews] = await Promise.all([context.db.Post.count({ where: byAuthor }), context.db.Interview.count({ where: byAuthor })])
  return posts + interviews > 0 ? (author as AuthorPage) : null
}

export async function getTagBySlug(slug: string): Promise<TagPage | null> {
  const context = await keystoneContext()
  const [tag] = await context.query.Tag.findMany({ where: { slug: { equals: slug } }, take: 1, query: 'name slug' })
  return (tag as TagPage | undefined) ?? null
}
