import type { TextSegment } from '../domain/chat-text'
import { PLATFORM_NAMES, postAnchor } from '../domain/networks'
import type { AnswerView, PostView } from '../features/archive/archive.server'
import { LocalTime } from './local-time'
import { Picture } from './picture'

// An archived post as readable HTML: placeholder avatar (no request to X), name, handle, time,
// text with its links, its photos (saved at import) or their descriptions, and a link to the original.
// Names, handles, descriptions and texts are participants' own: each is isolated (<bdi>, or
// dir="auto" on the text's paragraph), so a direction override in one cannot reorder the rest.

function PostText({ segments }: { segments: TextSegment[] }) {
  return (
    <>
      {segments.map((segment, index) =>
        segment.type === 'text' || !segment.href ? (
          <span key={index}>{segment.text}</span>
        ) : (
          <a key={index} href={segment.href} rel="noopener noreferrer nofollow ugc">
            {segment.text}
          </a>
        )
      )}
    </>
  )
}

// The post's column: the page's 42rem less the avatar and its gap, the whole screen less them on a phone.
const PHOTO_SIZES = '(min-width: 44rem) 38rem, calc(100vw - 4.5rem)'

function ChatMediaItem({ media, handle }: { media: PostView['media'][number]; handle: string | null }) {
  const video = media.type === 'video' || media.type === 'animated_gif'
  if (!media.image) {
    return (
      <li>
        {video ? 'Video' : 'Image'}: {media.altText ? <bdi>{media.altText}</bdi> : 'no description was given'}
      </li>
    )
  }
  const by = handle ? `@${handle}` : 'a participant'
  const alt = media.altText || `${video ? 'Video' : 'Image'} posted by ${by}, no description given`
  return (
    <li className="chat-photo">
      <Picture image={media.image} alt={video ? `Still from a video: ${alt}` : alt} sizes={PHOTO_SIZES} />
    </li>
  )
}

const KIND_NOTE: Partial<Record<PostView['kind'], string>> = { retweet: 'Repost', quote: 'Quote' }

export function ChatPostView({ post, as: Tag = 'li' }: { post: PostView; as?: 'li' | 'div' }) {
  return (
    <Tag className={`chat-post depth-${Math.min(post.depth, 4)}`} id={postAnchor(post.id)} data-network={post.platform}>
      <span className="avatar" aria-hidden="true" data-redacted={post.author.redacted || undefined}>
        {post.author.initials}
      </span>
      <div className="chat-post-body">
        {post.repostedBy ? (
          <p className="chat-reposted-by meta">
            Reposted by <bdi>{post.repostedBy.name}</bdi>
            {post.repostedBy.handle ? (
              <>
                {' @'}
                <bdi>{post.repostedBy.handle}</bdi>
              </>
            ) : null}
          </p>
        ) : null}
        <p className="chat-author">
          <strong>
            <bdi>{post.author.name}</bdi>
          </strong>
          {post.author.handle ? (
            <span className="meta">
              {' @'}
              <bdi>{post.author.handle}</bdi>
            </span>
          ) : null}
          <span className="meta">
            {' · '}
            {post.url ? (
              <a href={post.url} rel="noopener noreferrer nofollow">
                <LocalTime iso={post.postedAt} withTime />
                <span className="visually-hidden"> (original on {PLATFORM_NAMES[post.platform]})</span>
              </a>
            ) : (
              <LocalTime iso={post.postedAt} withTime />
            )}
            {post.editedAt ? <span title={`Edited ${post.editedAt}`}> · edited</span> : null}
          </span>
          {post.network ? <span className="chat-network">{post.network}</span> : null}
          {KIND_NOTE[post.kind] ? <span className="chat-kind">{KIND_NOTE[post.kind]}</span> : null}
        </p>
        <p className="chat-text" dir="auto">
          <PostText segments={post.segments} />
        </p>
        {post.media.length > 0 ? (
          <ul className="chat-media">
            {post.media.map((media, index) => (
              <ChatMediaItem key={index} media={media} handle={post.author.handle} />
            ))}
          </ul>
        ) : null}
      </div>
    </Tag>
  )
}

/** An answer, with the conversation under it nested as its own list: those replies are not answers. */
export function ChatAnswerView({ answer }: { answer: AnswerView }) {
  return (
    <li className="chat-answer">
      <ChatPostView post={answer.post} as="div" />
      {answer.replies.length > 0 ? (
        <ol className="chat-posts chat-replies" aria-label={`${answer.replies.length === 1 ? '1 reply' : `${answer.replies.length} replies`} to this answer`}>
          {answer.replies.map(reply => (
            <ChatPostView key={reply.id} post={reply} />
          ))}
        </ol>
      ) : null}
    </li>
  )
}

/** Posts per minute as an inline SVG drawn on the server: no chart script. */
export function PostsPerMinuteChart({ counts, label }: { counts: number[]; label: string }) {
  if (counts.length === 0) return null
  const peak = Math.max(1, ...counts)
  const width = 600
  const height = 120
  const barWidth = width / counts.length
  const busiest = counts.indexOf(Math.max(...counts))
  return (
    <figure className="chat-chart">
      <svg viewBox={`0 0 ${width} ${height + 20}`} role="img" aria-labelledby="chart-title chart-desc" preserveAspectRatio="none">
        <title id="chart-title">{label}</title>
        <desc id="chart-desc">
          {`${counts.reduce((a, b) => a + b, 0)} posts over ${counts.length} minutes; busiest minute ${busiest + 1} with ${counts[busiest]} posts.`}
        </desc>
        {counts.map((count, minute) => {
          const barHeight = (count / peak) * height
          return <rect key={minute} x={minute * barWidth + 0.5} y={height - barHeight} width={Math.max(1, barWidth - 1)} height={barHeight} />
        })}
        <line x1="0" y1={height + 0.5} x2={width} y2={height + 0.5} />
        <text x="0" y={height + 16}>0′</text>
        <text x={width} y={height + 16} textAnchor="end">{`${counts.length}′`}</text>
      </svg>
      <figcaption>{label}</figcaption>
    </figure>
  )
}

export type EmbedProps = {
  embed: {
    archive: { title: string; hashtag: string; windowStart: string; posts: number; contributors: number } | null
    heading: string
    posts: PostView[]
    answers: AnswerView[]
    href: string
  }
}

/** An archived chat inside a post: server-rendered, no iframe, no third-party script. */
export function ChatEmbed({ embed }: EmbedProps) {
  return (
    <aside className="chat-embed" aria-label={embed.archive ? `From the chat archive: ${embed.archive.title}` : 'Archived chat'}>
      {embed.archive ? (
        <p className="chat-embed-label">
          From the chat <a href={embed.href}>{embed.archive.title}</a> · {embed.archive.hashtag} · {embed.archive.posts} posts from{' '}
          {embed.archive.contributors} people
        </p>
      ) : (
        <p className="chat-embed-label">{embed.heading}</p>
      )}
      {embed.archive ? <p className="chat-embed-heading">{embed.heading}</p> : null}
      {embed.posts.length + embed.answers.length > 0 ? (
        <ol className="chat-posts">
          {embed.posts.map(post => (
            <ChatPostView key={post.id} post={post} />
          ))}
          {embed.answers.map(answer => (
            <ChatAnswerView key={answer.post.id} answer={answer} />
          ))}
        </ol>
      ) : null}
      <p className="chat-embed-more">
        <a href={embed.href}>Read it in the archive</a>
      </p>
    </aside>
  )
}
