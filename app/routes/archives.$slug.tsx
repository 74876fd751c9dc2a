import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Fragment } from 'react'

import { ChatAnswerView, ChatPostView, PostsPerMinuteChart } from '../components/chat'
import { CommentsSection } from '../components/comments'
import { LocalTime } from '../components/local-time'
import { isWebAddress } from '../domain/chat-text'
import type { NetworkStats } from '../domain/chat-analysis'
import { PLATFORM_NAMES, PLATFORMS, type Platform } from '../domain/networks'
import { commentAction, loadComments } from '../features/comments/comment-route.server'
import { itemImage, seo, siteFromMatches } from '../domain/seo'
import { archiveCard } from '../domain/social-card'
import type { RouteHandle } from '../root'
import { getArchivePage } from '../features/archive/archive.server'

// A large chat is a long page; it needs no script (see RouteHandle in root.tsx).
export const handle: RouteHandle = { hydrate: false }

export async function loader({ params, request }: LoaderFunctionArgs) {
  const archive = await getArchivePage(params.slug ?? '')
  if (!archive) throw new Response('Not found', { status: 404 })
  const comments = await loadComments(request, { list: 'chatArchive', id: archive.id }, archive.allowComments)
  return { archive, comments }
}

export async function action(args: ActionFunctionArgs) {
  const archive = await getArchivePage(args.params.slug ?? '')
  if (!archive) throw new Response('Not found', { status: 404 })
  return commentAction(args, { list: 'chatArchive', id: archive.id })
}

export default function ArchiveRoute() {
  const { archive, comments } = useLoaderData<typeof loader>()
  const { stats } = archive
  return (
    <article className="archive">
      <header>
        <p className="item-label">Chat archive</p>
        <h1>{archive.title}</h1>
        <p className="meta">
          <LocalTime iso={archive.windowStart} withTime /> · {archive.hashtag}
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
        <nav aria-label="In this archive" className="archive-nav">
          <a href="#questions">Questions</a> · <a href="#links">Links shared</a> ·{' '}
          <Link to={`/archives/${archive.slug}/transcript`}>Transcript</Link> ·{' '}
          <a href={`/archives/${archive.slug}.json`}>JSON</a> · <a href={`/archives/${archive.slug}.csv`}>CSV</a>
        </nav>
      </header>

      <section aria-labelledby="stats-heading">
        <h2 id="stats-heading">The chat in numbers</h2>
        <dl className="stats">
          <div><dt>Posts</dt><dd>{stats.posts}</dd></div>
          <div><dt>Contributors</dt><dd>{stats.contributors}</dd></div>
          <div><dt>New this week</dt><dd>{stats.newContributors}</dd></div>
          <div><dt>Returning</dt><dd>{stats.returningContributors}</dd></div>
          <div><dt>Replies</dt><dd>{stats.replies}</dd></div>
          <div><dt>Reposts</dt><dd>{stats.retweets}</dd></div>
          <div><dt>Quotes</dt><dd>{stats.quotes}</dd></div>
          <div><dt>Busiest minute</dt><dd>{stats.peakPostsPerMinute}</dd></div>
        </dl>
        <PostsPerMinuteChart counts={stats.postsPerMinute} label="Posts per minute during the chat" />
        <NetworkNumbers byNetwork={stats.byNetwork ?? {}} />
        {stats.topContributors.length > 0 ? (
          <>
            <h3>Most active</h3>
            <ol className="top-contributors">
              {stats.topContributors.map((person, index) => (
                <li key={index}>
                  <bdi>{person.name}</bdi>
                  {person.handle ? (
                    <span className="meta">
                      {' @'}
                      <bdi>{person.handle}</bdi>
                    </span>
                  ) : null}
                  : {person.posts} posts
                </li>
              ))}
            </ol>
          </>
        ) : null}
      </section>

      <section aria-labelledby="questions">
        <h2 id="questions">Questions and answers</h2>
        {archive.questions.length === 0 ? <p>No numbered questions were found in this chat.</p> : null}
        {archive.questions.map(question => (
          <section key={question.number} className="chat-question" aria-labelledby={`q${question.number}`}>
            <h3 id={`q${question.number}`}>Q{question.number}</h3>
            {question.post ? (
              <div className="chat-question-post">
                <ChatPostView post={question.post} as="div" />
              </div>
            ) : null}
            <p className="meta">{question.answers.length === 1 ? '1 answer' : `${question.answers.length} answers`}</p>
            <ol className="chat-posts chat-answers">
              {question.answers.map(answer => (
                <ChatAnswerView key={answer.post.id} answer={answer} />
              ))}
            </ol>
          </section>
        ))}
      </section>

      <section aria-labelledby="links">
        <h2 id="links">Links shared</h2>
        {archive.links.length === 0 ? (
          <p>No links were shared.</p>
        ) : (
          <ol className="shared-links">
            {archive.links.map(link => (
              <li key={link.url}>
                {/* Archives imported before links were checked may hold any scheme. */}
                {isWebAddress(link.url) ? (
                  <a href={link.url} rel="noopener noreferrer nofollow ugc">
                    <bdi>{link.url.replace(/^https?:\/\//, '')}</bdi>
                  </a>
                ) : (
                  <bdi>{link.url}</bdi>
                )}{' '}
                <span className="meta">
                  shared by{' '}
                  {link.sharedBy.map((handle, index) => (
                    <Fragment key={index}>
                      {index > 0 ? ', ' : null}
                      <bdi>{handle.includes(' ') ? handle : `@${handle}`}</bdi>
                    </Fragment>
                  ))}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="transcript">
        <h2 id="transcript">Transcript</h2>
        <p>
          Every post of the chat, {archive.postCount} in all, with replies under the posts they answer:{' '}
          <Link to={`/archives/${archive.slug}/transcript`}>read the whole transcript</Link>.
        </p>
      </section>
      <CommentsSection comments={comments} />
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
    title: archive.title,
    image: itemImage(site, { section: 'archives', slug: archive.slug }, site => archiveCard(site, { ...archive, questionCount: archive.questions.length })),
    description: `The archived chat on ${archive.hashtag}: ${archive.stats.posts} posts from ${archive.stats.contributors} people, ${archive.questions.length} questions.`,
  })
}

/** The numbers of each network, where the chat met beyond X; contributors whose handles are linked count once in the totals. */
function NetworkNumbers({ byNetwork }: { byNetwork: Partial<Record<Platform, NetworkStats>> }) {
  const networks = PLATFORMS.filter(platform => byNetwork[platform])
  if (networks.length === 0 || (networks.length === 1 && networks[0] === 'x')) return null
  return (
    <>
      <div className="table-scroll" role="region" aria-label="Numbers by network" tabIndex={0}>
        <table className="network-stats">
          <caption>By network</caption>
          <thead>
            <tr>
              <th scope="col">Network</th>
              <th scope="col">Posts</th>
              <th scope="col">Contributors</th>
              <th scope="col">Replies</th>
              <th scope="col">Reposts</th>
              <th scope="col">Quotes</th>
            </tr>
          </thead>
          <tbody>
            {networks.map(platform => {
              const numbers = byNetwork[platform]!
              return (
                <tr key={platform}>
                  <th scope="row">{PLATFORM_NAMES[platform]}</th>
                  <td>{numbers.posts}</td>
                  <td>{numbers.contributors}</td>
                  <td>{numbers.replies}</td>
                  <td>{platform === 'bluesky' ? '–' : numbers.retweets}</td>
                  <td>{numbers.quotes}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      {byNetwork.bluesky ? <p className="meta">Bluesky’s search does not return reposts, so reposts on Bluesky are not counted.</p> : null}
      {networks.length > 1 ? <p className="meta">A person whose handles on several networks the team has linked counts once among the contributors above the table.</p> : null}
    </>
  )
}
