import { Link } from '@remix-run/react'

import { formatDateTime } from '../domain/format'
import type { LastChat, NextChat } from '../features/announce/topics.server'
import { LocalTime } from './local-time'
import { useSite } from './site-context'

/** The chat's own time (named zone) always, and the reader's own zone once JavaScript runs. */
export function NextChatBox({ chat, lastChat }: { chat: NextChat | null; lastChat?: LastChat | null }) {
  const { chatTimeZone, locale } = useSite()
  if (!chat) return lastChat ? <LastChatBox chat={lastChat} /> : null
  return (
    <section className="next-chat" aria-labelledby="next-chat-heading">
      <h2 id="next-chat-heading">Next chat</h2>
      <p className="next-chat-topic">
        <Link to={`/topics/${chat.slug}`}>{chat.title}</Link>
      </p>
      <p>
        <time dateTime={chat.chatStart}>{formatDateTime(chat.chatStart, chatTimeZone, locale)}</time> on{' '}
        {chat.hashtag}
      </p>
      <p className="meta">
        Your time: <LocalTime iso={chat.chatStart} withTime />
      </p>
    </section>
  )
}

function LastChatBox({ chat }: { chat: LastChat }) {
  return (
    <section className="next-chat" aria-labelledby="last-chat-heading">
      <h2 id="last-chat-heading">Last chat</h2>
      <p className="next-chat-topic">
        <Link to={`/topics/${chat.slug}`}>{chat.title}</Link>
      </p>
      <p>
        <LocalTime iso={chat.chatStart} withTime />
      </p>
      <ul>
        {chat.chatArchive ? (
          <li>
            <Link to={`/archives/${chat.chatArchive.slug}`}>Read the archived chat</Link>
          </li>
        ) : null}
        {chat.recaps.map(recap => (
          <li key={recap.slug}>
            <Link to={`/posts/${recap.slug}`}>{recap.title}</Link>
          </li>
        ))}
      </ul>
      <p className="meta">The next topic will be announced here.</p>
    </section>
  )
}
