import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { formatDate } from '../lib/format'
import { getInterviewBySlug } from '../models/content.server'
import { getSiteSettings } from '../models/site.server'

export async function loader({ params }: LoaderFunctionArgs) {
  const [interview, settings] = await Promise.all([
    getInterviewBySlug(params.slug ?? ''),
    getSiteSettings(),
  ])
  if (!interview) throw new Response('Not found', { status: 404 })
  return { interview, siteName: settings.siteName, timeZone: settings.chatTimeZone }
}

export default function InterviewRoute() {
  const { interview, timeZone } = useLoaderData<typeof loader>()
  return (
    <article className="interview">
      <header>
        <p className="item-label">Interview</p>
        <h1>{interview.title}</h1>
        <p className="interviewee">
          <strong>{interview.intervieweeName}</strong>
          {interview.intervieweeRole ? <>, {interview.intervieweeRole}</> : null}
          {interview.intervieweeXHandle ? <> (@{interview.intervieweeXHandle})</> : null}
        </p>
        <p className="meta">
          {interview.author ? <>Interview by {interview.author.name} · </> : null}
          <time dateTime={interview.publishedAt}>{formatDate(interview.publishedAt, timeZone)}</time>
        </p>
      </header>
      <div className="prose" dangerouslySetInnerHTML={{ __html: interview.introductionHtml }} />
      <dl className="qa">
        {interview.questions.map(pair => (
          <div key={pair.position} className="qa-pair">
            <dt dangerouslySetInnerHTML={{ __html: pair.questionHtml }} />
            <dd className="prose" dangerouslySetInnerHTML={{ __html: pair.answerHtml }} />
          </div>
        ))}
      </dl>
      <p>
        <Link to="/">← All posts</Link>
      </p>
    </article>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: `${data.interview.title} · ${data.siteName}` },
        { name: 'description', content: `An interview with ${data.interview.intervieweeName}` },
      ]
    : [{ title: 'Not found' }]
