import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { TagList } from '../components/item-list'
import { CommentsSection } from '../components/comments'
import { LocalTime } from '../components/local-time'
import { FeaturedImage, Picture } from '../components/picture'
import { commentAction, loadComments } from '../features/comments/comment-route.server'
import { commentsJsonLd, itemImage, seo, siteFromMatches } from '../domain/seo'
import { interviewCard } from '../domain/social-card'
import { getInterviewBySlug } from '../features/content/interview.server'
import { previewFromRequest } from '../features/content/preview.server'
import { DraftBanner } from '../components/draft-banner'

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const interview = await getInterviewBySlug(params.slug ?? '', previewFromRequest(request, context))
  if (!interview) throw new Response('Not found', { status: 404 })
  // No one comments on a preview: the form would post to a page readers cannot see yet.
  const comments = await loadComments(request, { list: 'interview', id: interview.id }, interview.allowComments && !interview.preview)
  return { interview, comments }
}

export async function action(args: ActionFunctionArgs) {
  const interview = await getInterviewBySlug(args.params.slug ?? '')
  if (!interview) throw new Response('Not found', { status: 404 })
  return commentAction(args, { list: 'interview', id: interview.id })
}

export default function InterviewRoute() {
  const { interview, comments } = useLoaderData<typeof loader>()
  return (
    <article className="interview">
      <DraftBanner preview={interview.preview} />
      <header>
        <p className="item-label">Interview</p>
        <h1>{interview.title}</h1>
        <p className="meta">
          {interview.author ? (
            <>
              Interview by{' '}
              <Link to={`/authors/${interview.author.slug}`}>
                <bdi>{interview.author.name}</bdi>
              </Link>{' '}
              ·{' '}
            </>
          ) : null}
          {/* Empty only in the preview of a draft. */}
          {interview.publishedAt ? <LocalTime iso={interview.publishedAt} /> : 'Not published yet'}
        </p>
      </header>
      <FeaturedImage featured={interview.featuredImage} />
      <aside className="interviewee" aria-label="About the interviewee">
        {interview.intervieweePhoto ? (
          <Picture
            image={interview.intervieweePhoto.image}
            alt={interview.intervieweePhoto.alt}
            sizes="6rem"
            displayWidth={96}
            className="interviewee-photo"
          />
        ) : null}
        <p>
          <strong>
            <bdi>{interview.intervieweeName}</bdi>
          </strong>
          {interview.intervieweeRole ? (
            <>
              , <bdi>{interview.intervieweeRole}</bdi>
            </>
          ) : null}
        </p>
        {interview.intervieweeXHandle ? (
          <p>
            On X:{' '}
            <a href={`https://x.com/${interview.intervieweeXHandle}`} rel="noopener noreferrer">
              @<bdi>{interview.intervieweeXHandle}</bdi>
            </a>
          </p>
        ) : null}
      </aside>
      <div className="prose" dangerouslySetInnerHTML={{ __html: interview.introductionHtml }} />
      <dl className="qa">
        {interview.questions.map(pair => (
          <div key={pair.position} className="qa-pair">
            <dt>
              <span className="qa-speaker">Q</span>
              <div dangerouslySetInnerHTML={{ __html: pair.questionHtml }} />
            </dt>
            <dd>
              <span className="qa-speaker">{interview.intervieweeName.split(' ')[0]}</span>
              <div className="prose" dangerouslySetInnerHTML={{ __html: pair.answerHtml }} />
            </dd>
          </div>
        ))}
      </dl>
      <footer>
        <TagList tags={interview.tags} />
      </footer>
      <CommentsSection comments={comments} />
    </article>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, location }) => {
  const site = siteFromMatches(matches)
  if (!data) return seo({ site, path: location.pathname, title: 'Not found' })
  const { interview } = data
  const description = `An interview with ${interview.intervieweeName}${interview.intervieweeRole ? `, ${interview.intervieweeRole}` : ''}.`
  const image = itemImage(site, { section: 'interviews', ...interview }, site => interviewCard(site, interview))
  return seo({
    site,
    path: location.pathname,
    title: interview.title,
    description,
    type: 'article',
    publishedTime: interview.publishedAt,
    author: interview.author?.name,
    noindex: Boolean(interview.preview),
    image,
    jsonLd: {
      '@type': 'BlogPosting',
      headline: interview.title,
      description,
      datePublished: interview.publishedAt,
      image: image?.url,
      author: interview.author ? { '@type': 'Person', name: interview.author.name } : undefined,
      about: { '@type': 'Person', name: interview.intervieweeName, jobTitle: interview.intervieweeRole || undefined },
      ...commentsJsonLd(data.comments.items),
    },
  })
}
