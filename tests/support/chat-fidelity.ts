import type { XPage, XPost, XUser } from '../../app/features/chat-import/x-v2-schema'

// Two X API v2 search pages, written by hand, of a chat that trips both mistakes an archive can
// make about fidelity:
// - a native retweet whose 140-character text lost the hashtag; its original, posted before the
//   chat, is only in `includes.tweets` (X matched the retweet on it);
// - the host's follow-up to an answer, and the answerer's reply to it: that answer's
//   conversation, not two more answers.
// Search answers newest first; `start_time` inclusive, `end_time` exclusive. X ids are unique
// across archives, so each archive a test builds takes its own range of ids (`base`).

export const FIDELITY_HASHTAG = '#mondayhealthchat'
export const FIDELITY_START = new Date('2026-12-07T12:00:00Z')
export const FIDELITY_END = new Date('2026-12-07T13:00:00Z')

const at = (minute: number) => new Date(FIDELITY_START.getTime() + minute * 60_000).toISOString()
const tag = { start: 0, end: 0, tag: 'mondayhealthchat' }

export const FIDELITY_USERS: XUser[] = [
  { id: '7000', username: 'mhc_host', name: 'Monday Health Chat' },
  { id: '7001', username: 'ward_team', name: 'Ward 9 Team' },
  { id: '7002', username: 'nurse_lee', name: 'Lee, district nurse' },
  { id: '7003', username: 'trust_news', name: 'Trust News' },
  { id: '7004', username: 'pharm_ali', name: 'Ali, pharmacist' },
]

export function fidelityChat(base = 1_870_000_000_000_000_000n) {
  const id = (n: number) => String(base + BigInt(n))
  const post = (n: number, author: string, minute: number, text: string, extra: Partial<XPost> = {}): XPost => ({
    id: id(n),
    text,
    author_id: author,
    created_at: at(minute),
    conversation_id: id(n),
    entities: { hashtags: [tag] },
    public_metrics: { like_count: n % 4, retweet_count: 0, reply_count: 0, quote_count: 0 },
    ...extra,
  })
  const replyTo = (parent: number, conversation = 2): Partial<XPost> => ({
    referenced_tweets: [{ type: 'replied_to', id: id(parent) }],
    conversation_id: id(conversation),
  })

  /** Ward 9's reminder, half an hour before the chat: outside the window, so only in includes. */
  const retweetedOriginal = post(
    900,
    '7001',
    -30,
    'Reminder for everyone joining at noon: we will talk about explaining waiting times online, what works, what backfires and what patients tell us they need. Bring your examples! #mondayhealthchat'
  )
  /** A pre-chat post that an answer replies to: kept out of the archive, and counted as left out. */
  const earlierParent = post(901, '7003', -60, 'Our new waiting-times page is live.', { entities: {} })
  // X's own truncation: "RT @ward_team: " and the start of the original, 140 characters with the ellipsis.
  const retweetText = `RT @ward_team: ${retweetedOriginal.text}`.slice(0, 139) + '…'

  const posts: XPost[] = [
    post(1, '7000', 0, 'Welcome to #mondayhealthchat! Today: explaining waiting times online.'),
    post(2, '7000', 2, 'Q1 How do you explain waiting times to patients online? #mondayhealthchat'),
    post(3, '7001', 4, 'A1 We post the current wait every morning, with what it means for you #mondayhealthchat'),
    post(4, '7002', 5, '@mhc_host Honestly and early, before people have to ask #mondayhealthchat', replyTo(2)),
    post(5, '7000', 6, '@nurse_lee How early is early? Before the appointment letter arrives? #mondayhealthchat', replyTo(4)),
    post(6, '7002', 7, '@mhc_host Yes: a text the day the referral is made #mondayhealthchat', replyTo(5)),
    post(7, '7004', 9, 'a1 - we pin a post saying when the pharmacy is busiest #mondayhealthchat'),
    post(8, '7003', 10, retweetText, {
      entities: { mentions: [{ start: 3, end: 13, username: 'ward_team' }] },
      referenced_tweets: [{ type: 'retweeted', id: retweetedOriginal.id }],
    }),
    post(9, '7000', 20, 'Q2 What one change would help most? #mondayhealthchat'),
    post(10, '7002', 22, 'A2 A live wait-time page that works on a phone #mondayhealthchat'),
    post(11, '7004', 23, '@nurse_lee and in plain words, not percentiles #mondayhealthchat', replyTo(10, 10)),
    post(12, '7002', 25, '@trust_news A2 bringing this back: your new page is exactly this #mondayhealthchat', replyTo(901, 901)),
  ]

  // Like X, a page includes only the users and posts its own posts refer to.
  const page = (data: XPost[], nextToken?: string): XPage => {
    const referenced = new Set(data.flatMap(item => item.referenced_tweets?.map(reference => reference.id) ?? []))
    const tweets = [retweetedOriginal, earlierParent].filter(item => referenced.has(item.id))
    const authors = new Set([...data, ...tweets].map(item => item.author_id))
    return {
      data,
      includes: { users: FIDELITY_USERS.filter(user => authors.has(user.id)), ...(tweets.length ? { tweets } : {}) },
      meta: { result_count: data.length, ...(nextToken ? { next_token: nextToken } : {}) },
    }
  }
  const newestFirst = [...posts].reverse()
  const pages = [page(newestFirst.slice(0, 6), 'fidelity-page-2'), page(newestFirst.slice(6))]
  return { id, posts, pages, retweetedOriginal, earlierParent, retweet: posts[7] }
}
