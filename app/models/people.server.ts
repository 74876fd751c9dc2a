import { keystoneContext } from '../lib/keystone.server'

export type AuthorPage = { name: string; slug: string; bio: string; xHandle: string }
export type TagPage = { name: string; slug: string }

/** Only people who have published something have a public page. */
export async function getAuthorBySlug(slug: string): Promise<AuthorPage | null> {
  const context = await keystoneContext()
  const published = { some: { status: { equals: 'published' } } }
  const [author] = await context.query.User.findMany({
    where: { slug: { equals: slug }, OR: [{ posts: published }, { interviews: published }] },
    take: 1,
    query: 'name slug bio xHandle',
  })
  return (author as AuthorPage | undefined) ?? null
}

export async function getTagBySlug(slug: string): Promise<TagPage | null> {
  const context = await keystoneContext()
  const [tag] = await context.query.Tag.findMany({ where: { slug: { equals: slug } }, take: 1, query: 'name slug' })
  return (tag as TagPage | undefined) ?? null
}
