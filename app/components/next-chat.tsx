import { Link } from '@remix-run/react'

import { formatDateTime } from '../lib/format'
import type { NextChat } from '../models/topic.server'
import { LocalTime } from './local-time'
import { useSite } from './site-context'

/** The chat's own time (named zone) always, and the reader's own zone once JavaScript runs. */
export function NextChatBox({ chat }: { chat: NextChat | null }) {
  const { chatTimeZone, locale } = useSite()
  if (!chat) return null
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
