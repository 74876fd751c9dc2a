import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { ChatPostView } from '../components/chat'
import { LocalTime } from '../components/local-time'
import { seo, siteFromMatches } from '../domain/seo'
import type { RouteHandle } from '../root'
import { getArchiveTranscript } from '../features/archive/archive.server'

// The whole chat, threaded. It has its own page so the archive page stays light: a large chat's
// transcript is most of its weight, and most readers come for the questions and answers.

// A thousand posts would be a thousand components to hydrate; the page needs no script.
export const handle: RouteHandle = { hydrate: false }

export async function loader({ params }: LoaderFunctionArgs) {
  const archive = await getArchiveTranscript(params.slug ?? '')
  if (!archive) throw new Response('Not found', { status: 404 })
  return { archive }
}

export default function TranscriptRoute() {
  const { archive } = useLoaderData<typeof loader>()
  return (
    <article className="archive">
      <header>
        <p className="item-label">Chat transcript</p>
        <h1>{archive.title}</h1>
        <p className="meta">
          <LocalTime iso={archive.windowStart} withTime /> · {archive.hashtag} · {archive.transcript.length} posts from {archive.contributors} people
        </p>
        <p className="meta">
          <Link to={`/archives/${archive.slug}`}>Back to the archive: numbers, questions and links</Link>
        </p>
      </header>
      <ol className="chat-posts transcript">
        {archive.transcript.map(post => (
          <ChatPostView key={post.id} post={post} />
        ))}
      </ol>
    </article>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, location }) => {
  const site = siteFromMatches(matches)
  if (!data) return seo({ site, path: location.pathname, title: 'Not found' })
  const { archive } = data
  return seo({
    site,
    path: location.pathname,
    title: `Transcript: ${archive.title}`,
    description: `Every post of the chat on ${archive.hashtag}, ${archive.transcript.length} in all, threaded.`,
  })
}
