import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { LocalTime } from '../components/local-time'
import { seo, siteFromMatches } from '../lib/seo'
import { getArchiveBySlug } from '../models/archive.server'

export async function loader({ params }: LoaderFunctionArgs) {
  const archive = await getArchiveBySlug(params.slug ?? '')
  if (!archive) throw new Response('Not found', { status: 404 })
  return { archive }
}

export default function ArchiveRoute() {
  const { archive } = useLoaderData<typeof loader>()
  return (
    <article className="archive">
      <header>
        <p className="item-label">Chat archive</p>
        <h1>{archive.title}</h1>
        <p className="meta">
          <LocalTime iso={archive.windowStart} withTime /> · {archive.hashtag} · {archive.messages.length} posts
        </p>
        {archive.topic ? (
          <p className="meta">
            Announced as <Link to={`/topics/${archive.topic.slug}`}>{archive.topic.title}</Link>
          </p>
        ) : null}
        {archive.recaps.map(recap => (
          <p key={recap.slug} className="meta">
            Recap: <Link to={`/posts/${recap.slug}`}>{recap.title}</Link>
          </p>
        ))}
      </header>
      <h2>Transcript</h2>
      <ol className="transcript">
        {archive.messages.map(message => (
          <li key={message.xId} id={`post-${message.xId}`} className={message.inReplyToId ? 'reply' : undefined}>
            <p className="chat-author">
              <strong>{message.author?.displayName ?? 'a participant'}</strong>
              {message.author?.handle ? <span className="meta"> @{message.author.handle}</span> : null}{' '}
              <span className="meta">
                <LocalTime iso={message.postedAt} withTime />
              </span>
            </p>
            <p className="chat-text">{message.text}</p>
          </li>
        ))}
      </ol>
    </article>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, location }) => {
  const site = siteFromMatches(matches)
  if (!data) return seo({ site, path: location.pathname, title: 'Not found' })
  return seo({
    site,
    path: location.pathname,
    title: data.archive.title,
    description: `The archived chat on ${data.archive.hashtag}: ${data.archive.messages.length} posts.`,
  })
}
