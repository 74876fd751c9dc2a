import { keystoneContext } from '../../server/keystone.server'
import { showsItem } from '../../server/surrogate-keys.server'
import { isoDate, PUBLISHED } from './items.server'
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
  const { prisma } = await keystoneContext()
  const interview = await prisma.interview.findFirst({
    where: { ...PUBLISHED, slug },
    select: {
      id: true, title: true, slug: true, introductionHtml: true, intervieweeName: true, intervieweeRole: true, intervieweeXHandle: true,
      publishedAt: true, allowComments: true,
      author: { select: { name: true, slug: true } },
      tags: { select: { name: true, slug: true } },
      questions: { orderBy: { position: 'asc' }, select: { position: true, questionHtml: true, answerHtml: true } },
    },
  })
  showsItem('interview', interview?.id)
  return interview && { ...interview, publishedAt: isoDate(interview.publishedAt) }
}
