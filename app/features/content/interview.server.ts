import { keystoneContext } from '../../server/keystone.server'
import { showsItem } from '../../server/surrogate-keys.server'
import { isoDate } from './items.server'
import { previewState, type PreviewState } from '../../domain/publishing'
import { itemFilter, type Preview } from './preview.server'
import type { Byline, TagRef } from './post.server'
import { FEATURED_IMAGE_COLUMNS, withFeaturedImage, type FeaturedImage } from '../images/images.server'

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
  featuredImage: FeaturedImage
  /** Set when the page is a preview: what the banner says. */
  preview: PreviewState | null
}

export async function getInterviewBySlug(slug: string, preview?: Preview): Promise<InterviewPage | null> {
  const { prisma } = await keystoneContext()
  const interview = await prisma.interview.findFirst({
    where: itemFilter('interview', slug, preview),
    select: {
      id: true, title: true, slug: true, introductionHtml: true, intervieweeName: true, intervieweeRole: true, intervieweeXHandle: true,
      publishedAt: true, allowComments: true, status: true,
      ...FEATURED_IMAGE_COLUMNS,
      author: { select: { name: true, slug: true } },
      tags: { select: { name: true, slug: true } },
      questions: { orderBy: { position: 'asc' }, select: { position: true, questionHtml: true, answerHtml: true } },
    },
  })
  showsItem('interview', interview?.id)
  if (!interview) return null
  const { status: _status, ...fields } = interview
  return { ...withFeaturedImage(fields), publishedAt: isoDate(interview.publishedAt), preview: preview ? previewState(interview) : null }
}
