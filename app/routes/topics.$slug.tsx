import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Fragment } from 'react'
import { Link, useLoaderData } from '@remix-run/react'

import { Countdown } from '../components/countdown'
import { LocalTime } from '../components/local-time'
import { FeaturedImage } from '../components/picture'
import { useSite } from '../components/site-context'
import { formatDateTime } from '../domain/format'
import { chatSummary } from '../domain/schedule'
import { itemImage, seo, siteFromMatches } from '../domain/seo'
import { topicCard } from '../domain/social-card'
import { getTopicBySlug } from '../features/announce/topics.server'
import { previewFromRequest } from '../features/content/preview.server'
import { DraftBanner } from '../components/draft-banner'

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const topic = await getTopicBySlug(params.slug ?? '', previewFromRequest(request, context))
  if (!topic) throw new Response('Not found', { status: 404 })
  const end = new Date(new Date(topic.chatStart).getTime() + topic.durationMinutes * 60 * 1000)
  return { topic, end: end.toISOString(), isOver: end.getTime() < Date.now() }
}

export default function TopicRoute() {
  const { topic, end, isOver } = useLoaderData<typeof loader>()
  const { chatTimeZone, locale } = useSite()
  return (
    <article className="topic">
      <DraftBanner preview={topic.preview} />
      <header>
        <p className="item-label">{isOver ? 'Past chat' : 'Next chat'}</p>
        <h1>{topic.title}</h1>
        <p className="when">
          <time dateTime={topic.chatStart}>{formatDateTime(topic.chatStart, chatTimeZone, locale)}</time>, for{' '}
          {topic.durationMinutes} minutes
        </p>
        <p className="meta">
          Your time: <LocalTime iso={topic.chatStart} withTime />
        </p>
        {!isOver ? <Countdown startIso={topic.chatStart} endIso={end} /> : null}
        <p className="calendar-links">
          <a href={`/topics/${topic.slug}.ics`} download>
            Add to your calendar
          </a>{' '}
          · <a href="/calendar.ics">Subscribe to every chat</a>
        </p>
      </header>
      <FeaturedImage featured={topic.featuredImage} />
      {isOver && topic.chatArchive ? (
        <section className="after-chat" aria-labelledby="after-chat-heading">
          <h2 id="after-chat-heading">After the chat</h2>
          <ul>
            <li>
              <Link to={`/archives/${topic.chatArchive.slug}`}>Read the archived chat</Link>
            </li>
            {topic.chatArchive.recaps.map(recap => (
              <li key={recap.slug}>
                <Link to={`/posts/${recap.slug}`}>{recap.title}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="prose" dangerouslySetInnerHTML={{ __html: topic.descriptionHtml }} />
      {topic.questions.length > 0 ? (
        <section aria-labelledby="questions-heading">
          <h2 id="questions-heading">The questions</h2>
          <ol className="questions">
            {topic.questions.map((question, index) => (
              <li key={index}>
                <strong>Q{index + 1}</strong> {question}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <section aria-labelledby="people-heading">
        <h2 id="people-heading">Who is hosting</h2>
        {topic.host ? <p>Host: {topic.host}</p> : <p>The host will be announced soon.</p>}
        {topic.guests.length > 0 ? (
          <ul>
            {topic.guests.map(guest => (
              <li key={guest}>Guest: {guest}</li>
            ))}
          </ul>
        ) : null}
      </section>
      {!isOver ? (
        <section aria-labelledby="join-heading">
          <h2 id="join-heading">How to join</h2>
          <p>
            Follow{' '}
            {topic.networks.map((network, index) => (
              <Fragment key={network.platform}>
                {index === 0 ? null : index === topic.networks.length - 1 ? ' or ' : ', '}
                <a href={network.followUrl} rel="noopener noreferrer">
                  {topic.hashtag} on {network.name}
                </a>
              </Fragment>
            ))}{' '}
            when the chat starts, and answer each question with its number (A1, A2, …) and the hashtag.
          </p>
        </section>
      ) : null}
      {topic.announcedOn.length > 0 ? (
        <p className="meta announced-on">
          Announced on{' '}
          {topic.announcedOn.map((post, index) => (
            <Fragment key={post.platform}>
              {index === 0 ? null : index === topic.announcedOn.length - 1 ? ' and ' : ', '}
              <a href={post.url} rel="noopener noreferrer">
                {post.name}
              </a>
            </Fragment>
          ))}
          : share the post to spread the word.
        </p>
      ) : null}
    </article>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, location }) => {
  const site = siteFromMatches(matches)
  if (!data) return seo({ site, path: location.pathname, title: 'Not found' })
  const { topic, end } = data
  const image = itemImage(site, { section: 'topics', ...topic }, site => topicCard(site, topic))
  return seo({
    site,
    path: location.pathname,
    title: topic.title,
    description: [
      chatSummary({ hashtag: topic.hashtag, durationMinutes: topic.durationMinutes, networkNames: topic.networks.map(network => network.name) }),
      topic.questions.length ? `${topic.questions.length} question${topic.questions.length === 1 ? '' : 's'}.` : '',
    ]
      .filter(Boolean)
      .join(' '),
    noindex: Boolean(topic.preview),
    image,
    jsonLd: {
      '@type': 'Event',
      name: topic.title,
      startDate: topic.chatStart,
      endDate: end,
      image: image?.url,
      eventAttendanceMode: 'https://schema.org/OnlineEventAttendanceMode',
      eventStatus: 'https://schema.org/EventScheduled',
      location: topic.networks.map(network => ({ '@type': 'VirtualLocation', name: `${topic.hashtag} on ${network.name}`, url: network.followUrl })),
      organizer: { '@type': 'Organization', name: site?.siteName, url: site?.publicUrl },
      description: topic.questions.map((question, index) => `Q${index + 1} ${question}`).join(' '),
    },
  })
}
