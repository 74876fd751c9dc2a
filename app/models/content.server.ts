import { keystoneContext } from '../lib/keystone.server'

// The one way public pages read published content: the session-less context, so Keystone's access
// rules apply, with an explicit field list per page.

const PUBLISHED = { status: { equals: 'published' } } as const

export type Byline = { name: string; xHandle: string } | null
export type TagRef = { name: string; slug: string }

export type ItemSummary = {
  kind: 'post' | 'interview'
  title: string
  slug: string
  href: string
  excerpt: string
  publishedAt: string
  label: string
}

export type PostPage = {
  title: string
  slug: string
  kind: 'article' | 'recap'
  excerpt: string
  bodyHtml: string
  publishedAt: string
  author: Byline
  tags: TagRef[]
}

export type InterviewPage = {
  title: string
  slug: string
  introductionHtml: string
  intervieweeName: string
  intervieweeRole: string
  intervieweeXHandle: string
  publishedAt: string
  author: Byline
  tags: TagRef[]
  questions: { position: number; questionHtml: string; answerHtml: string }[]
}

export async function getLatestItems({ take = 20 } = {}): Promise<ItemSummary[]> {
  const context = await keystoneContext()
  const [posts, interviews] = await Promise.all([
    context.query.Post.findMany({
      where: PUBLISHED,
      orderBy: { publishedAt: 'desc' },
      take,
      query: 'title slug excerpt publishedAt kind',
    }),
    context.query.Interview.findMany({
      where: PUBLISHED,
      orderBy: { publishedAt: 'desc' },
      take,
      query: 'title slug intervieweeName intervieweeRole publishedAt',
    }),
  ])
  const items: ItemSummary[] = [
    ...posts.map(post => ({
      kind: 'post' as const,
      title: post.title,
      slug: post.slug,
      href: `/posts/${post.slug}`,
      excerpt: post.excerpt,
      publishedAt: post.publishedAt,
      label: post.kind === 'recap' ? 'Chat recap' : 'Article',
    })),
    ...interviews.map(interview => ({
      kind: 'interview' as const,
      title: interview.title,
      slug: interview.slug,
      href: `/interviews/${interview.slug}`,
      excerpt: [interview.intervieweeName, interview.intervieweeRole].filter(Boolean).join(', '),
      publishedAt: interview.publishedAt,
      label: 'Interview',
    })),
  ]
  return items.sort((a, b) => b.publishedAt.localeCompare(a.publishedAt)).slice(0, take)
}

export async function getPostBySlug(slug: string): Promise<PostPage | null> {
  const context = await keystoneContext()
  const [post] = await context.query.Post.findMany({
    where: { ...PUBLISHED, slug: { equals: slug } },
    take: 1,
    query: 'title slug kind excerpt bodyHtml publishedAt author { name xHandle } tags { name slug }',
  })
  return (post as PostPage | undefined) ?? null
}

export async function getInterviewBySlug(slug: string): Promise<InterviewPage | null> {
  const context = await keystoneContext()
  const [interview] = await context.query.Interview.findMany({
    where: { ...PUBLISHED, slug: { equals: slug } },
    take: 1,
    query: `title slug introductionHtml intervieweeName intervieweeRole intervieweeXHandle publishedAt
      author { name xHandle } tags { name slug }
      questions(orderBy: { position: asc }) { position questionHtml answerHtml }`,
  })
  return (interview as InterviewPage | undefined) ?? null
}
