import { blueskyAccount, blueskyPost, type BlueskyAccount, type PostView } from './bluesky-posts'

// One evening of #mondayhealthchat on Bluesky, as the network holds it: a host asking Q1 and Q2,
// answers with multi-byte text before a link, a mention, a quote, a quote with photos, a photo
// and a video with alt text, a reply to a post from before the chat (and that post's own parent),
// a reply whose parent was deleted, and posts just outside the window. Extra answers can be added
// so the search needs several pages.

export type BlueskyChat = {
  hashtag: string
  start: Date
  end: Date
  people: { host: BlueskyAccount; priya: BlueskyAccount; jo: BlueskyAccount; sam: BlueskyAccount }
  /** Every post the network has (the deleted parent is not among them). */
  posts: PostView[]
  /** Posts the hashtag search finds in the window. */
  searchable: PostView[]
  named: {
    welcome: PostView
    q1: PostView
    a1Multibyte: PostView
    a1Mention: PostView
    earlierGrandparent: PostView
    earlierParent: PostView
    replyToEarlier: PostView
    deletedParent: PostView
    replyToDeleted: PostView
    q2: PostView
    quote: PostView
    quoteWithPhoto: PostView
    video: PostView
    thanks: PostView
    afterWindow: PostView
  }
}

export const MULTIBYTE_ANSWER = 'A1 Blackout blinds, no phone. Café ☕ 👩🏽‍⚕️ see nhs.uk/live-well/sleep-and-tiredness/ #mondayhealthchat'

export function blueskyChat({ extraAnswers = 0, mediaUrl }: { extraAnswers?: number; mediaUrl?: (name: string) => string } = {}): BlueskyChat {
  const start = new Date('2026-11-23T20:00:00.000Z')
  const end = new Date('2026-11-23T21:00:00.000Z')
  const at = (minutes: number, seconds = 0) => new Date(start.getTime() + minutes * 60_000 + seconds * 1000)
  const host = blueskyAccount('mondayhealthchat.bsky.social', 'Monday Health Chat')
  const priya = blueskyAccount('priya.bsky.social', 'Priya Shah, RN')
  const jo = blueskyAccount('drjo.nhs.uk', 'Dr Jo Okafor')
  const sam = blueskyAccount('samwell.bsky.social', '', { avatar: '' })
  const image = (name: string, alt: string) => ({ alt, ...(mediaUrl ? { url: mediaUrl(name) } : {}) })

  const welcome = blueskyPost({ author: host, createdAt: at(0, 30), text: 'Welcome to #mondayhealthchat! Tonight: sleep and shift work. Q1 comes at 8:05.', counts: { likes: 12, reposts: 4 } })
  const q1 = blueskyPost({ author: host, createdAt: at(5), text: 'Q1 How do you protect your sleep after a night shift? #mondayhealthchat', counts: { likes: 9, replies: 4, reposts: 3 } })
  const a1Multibyte = blueskyPost({ author: priya, createdAt: at(7), replyTo: q1, text: MULTIBYTE_ANSWER, counts: { likes: 5 } })
  const a1Mention = blueskyPost({
    author: jo,
    createdAt: at(8, 15),
    replyTo: q1,
    text: 'A1 Anchor sleep: the same 4 hours every day, whatever the rota. @priya.bsky.social is right about the blinds #mondayhealthchat #sleep',
    counts: { likes: 7, replies: 1 },
  })
  // A conversation from before the chat, without the hashtag: search cannot find it.
  const earlierGrandparent = blueskyPost({ author: jo, createdAt: new Date('2026-11-23T19:20:00Z'), text: 'Shift workers: what does your rota do to your sleep?' })
  const earlierParent = blueskyPost({ author: jo, createdAt: new Date('2026-11-23T19:30:00Z'), replyTo: earlierGrandparent, text: 'Ours changes every fortnight. It shows.' })
  const replyToEarlier = blueskyPost({ author: sam, createdAt: at(10), replyTo: earlierParent, text: 'A1 Same here: rota changes wreck my sleep more than nights do #mondayhealthchat' })
  // Its author deleted it during the chat: the network no longer has it.
  const deletedParent = blueskyPost({ author: priya, createdAt: at(11), text: 'A1 (posted too soon, deleting) #mondayhealthchat' })
  const replyToDeleted = blueskyPost({ author: sam, createdAt: at(12), replyTo: deletedParent, text: 'A1 Exactly this 👆 #mondayhealthchat' })
  const q2 = blueskyPost({
    author: host,
    createdAt: at(20),
    text: 'Q2 What helps you wind down after a late shift? #mondayhealthchat',
    images: [image('q2-bedside.jpg', 'A bedside table with a book, a lamp and a glass of water')],
    counts: { likes: 8, replies: 3, quotes: 2 },
  })
  const quote = blueskyPost({ author: jo, createdAt: at(22), quote: q2, text: 'A2 A short walk home without headphones. #mondayhealthchat', counts: { likes: 3 } })
  const quoteWithPhoto = blueskyPost({
    author: priya,
    createdAt: at(24),
    quote: q2,
    text: 'A2 My wind-down kit 💤 #mondayhealthchat',
    images: [image('wind-down-kit.jpg', 'Lavender pillow spray and foam earplugs on a folded towel'), image('kettle.jpg', 'A kettle and a mug of chamomile tea')],
  })
  const video = blueskyPost({ author: sam, createdAt: at(26), replyTo: q2, text: 'A2 Thirty seconds of box breathing #mondayhealthchat', video: { alt: 'Sam breathing slowly by a window at dawn' } })
  const thanks = blueskyPost({ author: host, createdAt: at(55), text: 'Thank you all for joining #mondayhealthchat! The transcript follows tomorrow.', counts: { likes: 15, reposts: 6 } })
  const afterWindow = blueskyPost({ author: priya, createdAt: new Date(end.getTime() + 10 * 60_000), text: 'Still thinking about tonight #mondayhealthchat' })

  const extras = Array.from({ length: extraAnswers }, (_, index) =>
    blueskyPost({
      author: blueskyAccount(`member${index + 1}.bsky.social`, `Member ${index + 1}`),
      createdAt: at(30, index % 1800),
      replyTo: q2,
      text: `A2 Answer number ${index + 1}: a warm shower and the radio #mondayhealthchat`,
    })
  )

  const named = { welcome, q1, a1Multibyte, a1Mention, earlierGrandparent, earlierParent, replyToEarlier, deletedParent, replyToDeleted, q2, quote, quoteWithPhoto, video, thanks, afterWindow }
  const searchable = [welcome, q1, a1Multibyte, a1Mention, replyToEarlier, replyToDeleted, q2, quote, quoteWithPhoto, video, thanks, ...extras]
  return {
    hashtag: '#mondayhealthchat',
    start,
    end,
    people: { host, priya, jo, sam },
    posts: [...searchable, earlierGrandparent, earlierParent, afterWindow],
    searchable,
    named,
  }
}
