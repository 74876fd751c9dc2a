import { keystoneContext } from '../../server/keystone.server'
import { PUBLISHED } from './items.server'
import type { Byline, TagRef } from './post.server'

export type InterviewPage = {
  id: string
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
  allowComments: boolean
}

export async function getInterviewBySlug(slug: string): Promise<InterviewPage | null> {
  const context = await keystoneContext()
  const [interview] = await context.query.Interview.findMany({
    where: { ...PUBLISHED, slug: { equals: slug } },
    take: 1,
    query: `id title slug introductionHtml intervieweeName intervieweeRole intervieweeXHandle publishedAt
      author { name slug } tags { name slug }
      questions(orderBy: { position: asc }) { position questionHtml answerHtml } allowComments`,
  })
  return (interview as InterviewPage | undefined) ?? null
}
