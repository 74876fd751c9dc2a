import sharp from 'sharp'

import { asRepostedPost, type ChatPost } from '../../domain/chat-analysis'
import type { Platform } from '../../domain/networks'
import { storeChatImport } from '../chat-import/store.server'
import type { ImportBatch } from '../chat-import/sources.server'
import type { Context } from '../../server/keystone.server'
import { nextChatStart } from '../../domain/schedule'
import { prepareImage, storeVariants } from '../images/images.server'

// Demo content for a fresh install: a community that meets on X every Monday at noon, London
// time. Written for this project; it goes through Keystone like an editor's work would, so hooks
// render the Markdown and derive slugs.

const ABOUT = `
The Monday Health Chat is an hour on X, every Monday from 12:00 UK time, for people who look after
communications in health and care services: press officers, digital teams, clinicians who post,
patient representatives and anyone curious about how the health service talks to the public.

## How a chat works

A host posts numbered questions (Q1, Q2, …) under the hashtag. Everyone answers with the matching
number (A1, A2, …) and the hashtag, so the conversation can be followed and archived afterwards.

## Why we keep a blog

Each chat leaves behind ideas, links and examples of good practice. The blog keeps them: recaps of
every chat, interviews with people from the community, and the archive of the chats themselves, so
the evidence the community gathers week by week stays findable.
`.trim()

/**
 * A picture for the demo, drawn here from shapes (no text, so no fonts are needed), made into
 * variants and stored as an upload is, and returned as the image field's columns.
 */
async function demoImage(field: string, svg: string, filename: string, alt: string) {
  const image = await prepareImage(await sharp(Buffer.from(svg)).png().toBuffer(), filename)
  await storeVariants(image)
  const { id, extension, filesize, width, height } = image
  return { [`${field}_id`]: id, [`${field}_extension`]: extension, [`${field}_filesize`]: filesize, [`${field}_width`]: width, [`${field}_height`]: height, [`${field}Alt`]: alt }
}

const CONVERSATION_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" viewBox="0 0 1200 675">
  <rect width="1200" height="675" fill="#e8f1fb"/>
  <rect x="140" y="110" width="520" height="170" rx="40" fill="#005eb8"/><path d="M220 280 l-30 70 l90 -70z" fill="#005eb8"/>
  <rect x="200" y="160" width="360" height="22" rx="11" fill="#ffffff"/><rect x="200" y="205" width="260" height="22" rx="11" fill="#cfe1f6"/>
  <rect x="540" y="330" width="520" height="150" rx="40" fill="#ffffff" stroke="#005eb8" stroke-width="6"/><path d="M960 480 l40 60 l-100 -60z" fill="#ffffff" stroke="#005eb8" stroke-width="6"/>
  <rect x="600" y="375" width="380" height="22" rx="11" fill="#425563"/><rect x="600" y="420" width="240" height="22" rx="11" fill="#768692"/>
  <circle cx="110" cy="560" r="46" fill="#ffb81c"/><circle cx="230" cy="580" r="34" fill="#41b6e6"/><circle cx="330" cy="555" r="40" fill="#009639"/>
</svg>`

const PORTRAIT_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="480" viewBox="0 0 480 480">
  <rect width="480" height="480" fill="#41b6e6"/>
  <circle cx="240" cy="190" r="92" fill="#f2d6c4"/><path d="M148 180 q92 -130 184 0 q-10 -90 -92 -96 q-82 6 -92 96z" fill="#3d2b1f"/>
  <path d="M70 480 q30 -170 170 -170 q140 0 170 170z" fill="#005eb8"/>
</svg>`

const WELCOME_BODY = `
Welcome to the new home of the Monday Health Chat. Until now the chat lived only on X: if you missed
an hour, you scrolled back through the hashtag and hoped the best answers were still there.

## What you will find here

- **Recaps** of every chat, written by the host, with the most useful answers quoted.
- **Interviews** with people who use social media well in health and care.
- **Archives** of the chats themselves, question by question.
- **Next week's topic**, announced a few days ahead, with the questions.

## Taking part

Join us on Mondays at 12:00 UK time. Follow the hashtag, answer with A1, A2 and so on, and say hello:
newcomers are why the chat exists.

Please remember that this is a public conversation. Never share anything that could identify a
patient, and speak for yourself rather than for your organisation.
`.trim()

const RECAP_BODY = `
Last Monday we talked about answering patients' questions in public. Around forty people joined,
and a few themes came up again and again.

## Move it to a private channel, quickly

Almost everyone agreed: acknowledge the question in public, then offer a private route for anything
personal. Several teams shared the wording they use, and the best ones were short and warm.

## Have an out-of-hours plan

Questions do not stop at five o'clock. Teams that cope well agree in advance what happens in the
evening and at weekends, and say so on their profile.

## The chat itself

Every answer to the first question:

::chat[answering-patients-in-public#Q1]

The conversation about saved replies that grew out of it:

::chat[answering-patients-in-public/1900000000000000008]

And the whole chat, in brief:

::chat[answering-patients-in-public]
`.trim()

const INTERVIEW_INTRO = `
Every week someone new finds the chat. We asked one of its regular hosts how it started, what it is
for, and what she hopes newcomers take away from it.
`.trim()

const INTERVIEW_QUESTIONS: [string, string][] = [
  [
    'How did the chat begin?',
    'A handful of us kept having the same conversation in replies: who else is trying this, and ' +
      'what happened when they did? A regular slot with a hashtag seemed the simplest way to hold ' +
      'that conversation in one place, once a week, where anyone could join.',
  ],
  [
    'What is it for?',
    'Two things. It is a support network for people who are often the only person in their ' +
      'organisation doing this work. And it gathers evidence: examples, numbers and links that ' +
      'help make the case for using social media well in health services.',
  ],
  [
    'Who should take part?',
    'Anyone with an interest. Communications teams, clinicians, patients, students, suppliers. ' +
      'The most useful chats are the ones where people who usually sit on different sides of a ' +
      'table answer the same question.',
  ],
  [
    'What does the disclaimer mean?',
    'People take part as themselves. What they say is their own view, not the policy of the NHS ' +
      'or of their employer, and nobody should read a chat as an official statement. Saying so ' +
      'clearly is what lets people speak freely.',
  ],
]

const ANNOUNCEMENT_DESCRIPTION = `
Most of us are asked to "measure impact" and few of us agree on what that means. This week we
compare the numbers we report, the ones we wish we could, and the stories that persuade a board
more than any chart.
`.trim()

/** `link` is where the post's marked link goes: X's t.co address, or a Bluesky or Mastodon link written without its scheme. */
type DemoPost = { id: number; author: string; minute: number; text: string; replyTo?: number; link?: string; retweets?: number }

// The chat met on X, and some of the community answered from Bluesky and Mastodon; Ade has a
// handle on all three, linked by the team, so counts once.
const DEMO_PARTICIPANTS: { platform: Platform; xUserId: string; handle: string; displayName: string; profileUrl?: string }[] = [
  { platform: 'x', xUserId: '9000001', handle: 'mhc_host', displayName: 'Monday Health Chat' },
  { platform: 'x', xUserId: '9000002', handle: 'digital_ward', displayName: 'Digital Ward Team' },
  { platform: 'x', xUserId: '9000003', handle: 'nurse_posts', displayName: 'Ade, community nurse' },
  { platform: 'x', xUserId: '9000004', handle: 'patient_voice', displayName: 'Patient Voice Group' },
  { platform: 'x', xUserId: '9000005', handle: 'gp_comms', displayName: 'Surgery comms' },
  { platform: 'x', xUserId: '9000006', handle: 'ambulance_news', displayName: 'Ambulance Service News' },
  { platform: 'bluesky', xUserId: 'did:plc:demoadenurse', handle: 'ade-nurse.bsky.social', displayName: 'Ade, community nurse', profileUrl: 'https://bsky.app/profile/ade-nurse.bsky.social' },
  { platform: 'bluesky', xUserId: 'did:plc:democarerscircle', handle: 'carerscircle.bsky.social', displayName: 'Carers’ Circle', profileUrl: 'https://bsky.app/profile/carerscircle.bsky.social' },
  { platform: 'mastodon', xUserId: 'wardcomms@nhs.social', handle: 'wardcomms@nhs.social', displayName: 'Ward comms, Mastodon', profileUrl: 'https://nhs.social/@wardcomms' },
]

/** Where each demo post lives on its network: its id and its address. */
function demoPostAddress(post: DemoPost, platform: Platform, author: { xUserId: string; handle: string }) {
  switch (platform) {
    case 'x':
      return { xId: String(1_900_000_000_000_000_000n + BigInt(post.id)), url: undefined }
    case 'bluesky': {
      const rkey = `3demo${post.id}aaaa`
      return { xId: `at://${author.xUserId}/app.bsky.feed.post/${rkey}`, url: `https://bsky.app/profile/${author.handle}/post/${rkey}` }
    }
    case 'mastodon': {
      const [user, server] = author.handle.split('@')
      return { xId: `https://${server}/users/${user}/statuses/11350000${post.id}`, url: `https://${server}/@${user}/11350000${post.id}` }
    }
  }
}

const TAG = '#mondayhealthchat'
const DEMO_POSTS: DemoPost[] = [
  { id: 1, author: 'mhc_host', minute: 0, text: `Welcome to ${TAG}! Today: answering patients in public. Questions start in two minutes.` },
  { id: 2, author: 'mhc_host', minute: 2, text: `Q1 When a patient asks something personal in a public reply, what do you do first? ${TAG}` },
  { id: 3, author: 'digital_ward', minute: 4, text: `A1 Thank them in public, then offer a private message or a phone number within the hour. ${TAG}` },
  { id: 4, author: 'nurse_posts', minute: 5, text: `A1: never answer the clinical bit in public, however tempting. Point to the right service. ${TAG}` },
  { id: 5, author: 'patient_voice', minute: 6, text: `a1 - as a patient I mostly want to know someone has seen it. A quick reply matters more than a perfect one ${TAG}`, replyTo: 2 },
  { id: 6, author: 'digital_ward', minute: 7, text: `@patient_voice agreed, speed beats polish every time ${TAG}`, replyTo: 5 },
  { id: 7, author: 'gp_comms', minute: 8, text: `A1 We use a saved reply and then move to DMs. Our guidance is here: https://t.co/demo1 ${TAG}`, link: 'https://www.nhs.uk/nhs-services/' },
  { id: 8, author: 'patient_voice', minute: 9, text: `@gp_comms do you check the saved reply still sounds human? ${TAG}`, replyTo: 7 },
  { id: 9, author: 'gp_comms', minute: 10, text: `@patient_voice every quarter, with two patients reading it aloud ${TAG}`, replyTo: 8 },
  // X cuts a retweet's text at 140 characters, hashtag and all; the archive shows the original.
  { id: 18, author: 'ambulance_news', minute: 11, text: 'RT @gp_comms: A1 We use a saved reply and then move to DMs. Our guidance is here: https://t.co/demo1 #mondayh…', retweets: 7 },
  { id: 10, author: 'mhc_host', minute: 20, text: `Q2 Who answers out of hours in your organisation? ${TAG}` },
  { id: 11, author: 'nurse_posts', minute: 23, text: `A2 Nobody, officially. Our profile says so and gives 111 instead. ${TAG}` },
  { id: 12, author: 'ambulance_news', minute: 24, text: `A2 A duty press officer, but only for urgent issues. Everything else waits for the morning: https://t.co/demo2 ${TAG}`, link: 'https://www.nhs.uk/nhs-services/urgent-and-emergency-care-services/' },
  { id: 13, author: 'digital_ward', minute: 26, text: `A2: a rota of three, and we publish the hours we are online ${TAG}` },
  { id: 19, author: 'ade-nurse.bsky.social', minute: 27, text: `A2 from Bluesky: we pin the out-of-hours number to the top of the profile. Café chats welcome ☕ nhs.uk/nhs-services… ${TAG}`, link: 'https://www.nhs.uk/nhs-services/' },
  { id: 20, author: 'wardcomms@nhs.social', minute: 29, text: `A2 Over here on Mastodon: whoever is on call for press also watches mentions, two hours a night ${TAG}` },
  { id: 21, author: 'carerscircle.bsky.social', minute: 31, text: `@ade-nurse.bsky.social pinning it is such a simple fix. Carers look there first. ${TAG}`, replyTo: 19 },
  { id: 14, author: 'mhc_host', minute: 40, text: `Q3 What one thing would you change tomorrow? ${TAG}` },
  { id: 15, author: 'patient_voice', minute: 42, text: `A3 Tell people when you will reply, not just that you will. https://t.co/demo3 ${TAG}`, link: 'https://www.nhs.uk/nhs-services/' },
  { id: 16, author: 'ambulance_news', minute: 44, text: `A3 Write our out-of-hours line into the bio ${TAG}` },
  { id: 22, author: 'wardcomms@nhs.social', minute: 46, text: `A3 Ask two patients to read our replies before we change the saved ones ${TAG}` },
  { id: 17, author: 'mhc_host', minute: 58, text: `Thank you all! The archive and a recap will be on the blog this week. ${TAG}` },
]

function demoChat(start: Date): ImportBatch {
  const person = (handle: string) => DEMO_PARTICIPANTS.find(candidate => candidate.handle === handle)!
  const address = (post: DemoPost) => {
    const author = person(post.author)
    return demoPostAddress(post, author.platform, author)
  }
  const byId = new Map(DEMO_POSTS.map(post => [post.id, post]))
  const toChatPost = (post: DemoPost): ChatPost => {
    const author = person(post.author)
    const { xId, url } = address(post)
    const idOf = (id: number) => address(byId.get(id)!).xId
    const markedLink = post.link && (/https:\/\/t\.co\/\w+/.exec(post.text)?.[0] ?? /\S+…/.exec(post.text)?.[0])
    return {
      platform: author.platform,
      xId,
      ...(url ? { url } : {}),
      authorXId: author.xUserId,
      text: post.text,
      postedAt: new Date(start.getTime() + post.minute * 60_000).toISOString(),
      kind: post.retweets ? 'retweet' : post.replyTo ? 'reply' : 'original',
      inReplyToId: post.replyTo ? idOf(post.replyTo) : '',
      conversationId: idOf(post.replyTo ? (byId.get(post.replyTo)!.replyTo ?? post.replyTo) : post.id),
      referencedId: post.retweets ? idOf(post.retweets) : '',
      entities: {
        hashtags: post.retweets ? [] : ['mondayhealthchat'],
        mentions: [...post.text.matchAll(/@([\w.-]+\w)/g)].map(match => match[1]),
        urls: post.link && markedLink ? [{ url: markedLink, expandedUrl: post.link, displayUrl: post.link.replace('https://', '') }] : [],
      },
      media: [],
      metrics: { like_count: (post.id * 7) % 11, retweet_count: post.id % 3 },
    }
  }
  const posts = DEMO_POSTS.map(toChatPost)
  for (const post of posts) {
    const original = post.kind === 'retweet' ? posts.find(candidate => candidate.xId === post.referencedId) : undefined
    if (original) post.repostOf = asRepostedPost(original)
  }
  return { participants: DEMO_PARTICIPANTS.map(person => ({ ...person, avatarUrl: '' })), problems: [], posts }
}

export async function seedDemoContent(context: Context, now = new Date()) {
  const db = context.sudo().db
  const settings = await db.SiteSettings.createOne({
    data: { about: ABOUT },
  })

  const editor = await db.User.createOne({
    data: {
      name: 'Priya Natarajan',
      email: 'priya.editor@example.org',
      password: `demo-${crypto.randomUUID()}`,
      role: 'editor',
      bio: 'Hosts the chat most Mondays. Works on digital engagement for a community health service.',
      xHandle: 'mhc_host',
    },
  })

  const [chatTag, practiceTag, peopleTag] = await Promise.all(
    ['Chat recaps', 'Good practice', 'People'].map(name => db.Tag.createOne({ data: { name } }))
  )

  const chatStart = new Date(now)
  chatStart.setUTCDate(chatStart.getUTCDate() - 7)
  const archiveStart = nextChatStart(
    { weekday: settings.chatWeekday as 'monday', localTime: settings.chatLocalTime, timeZone: settings.chatTimeZone },
    chatStart
  )
  // The demo chat goes through the same import as a real one, so its analysis is derived, not written.
  const { archiveId } = await storeChatImport(context, demoChat(archiveStart), {
    slug: 'answering-patients-in-public',
    title: 'Answering patients in public',
    hashtag: TAG,
    windowStart: archiveStart,
    windowEnd: new Date(archiveStart.getTime() + 60 * 60 * 1000),
    source: 'manual',
    hostHandles: ['mhc_host'],
    networks: ['x', 'bluesky', 'mastodon'],
  })
  const archive = { id: archiveId }
  // The team linked Ade's Bluesky handle to their X one: one person, counted once.
  const [ade, adeOnBluesky] = await Promise.all(
    ['9000003', 'did:plc:demoadenurse'].map(xUserId => context.prisma.participant.findUniqueOrThrow({ where: { xUserId }, select: { id: true } }))
  )
  await context.sudo().db.Participant.updateOne({ where: { id: adeOnBluesky.id }, data: { samePersonAs: { connect: { id: ade.id } } } })

  const day = 24 * 60 * 60 * 1000
  const welcome = await db.Post.createOne({
    data: {
      title: 'A home for the Monday Health Chat',
      excerpt: 'Why the chat now has a blog, and what you will find here.',
      body: WELCOME_BODY,
      kind: 'article',
      status: 'published',
      publishedAt: new Date(now.getTime() - 14 * day),
      author: { connect: { id: editor.id } },
      tags: { connect: [{ id: practiceTag.id }] },
    },
  })
  await db.Post.createOne({
    data: {
      title: 'Recap: answering patients in public',
      excerpt: 'Acknowledge in public, move personal questions somewhere private, and plan for the evenings.',
      body: RECAP_BODY,
      kind: 'recap',
      status: 'published',
      publishedAt: new Date(archiveStart.getTime() + 3 * 60 * 60 * 1000),
      author: { connect: { id: editor.id } },
      tags: { connect: [{ id: chatTag.id }, { id: practiceTag.id }] },
      chatArchive: { connect: { id: archive.id } },
    },
  })
  await db.Post.createOne({
    data: {
      title: 'Draft: ideas for a summer chat series',
      excerpt: 'Not ready yet.',
      body: 'A list of topics we might cover over the summer.',
      kind: 'article',
      status: 'draft',
      author: { connect: { id: editor.id } },
    },
  })

  const interview = await db.Interview.createOne({
    data: {
      title: 'Why a weekly chat? A conversation with one of our hosts',
      intervieweeName: 'Priya Natarajan',
      intervieweeRole: 'Digital engagement lead and chat host',
      intervieweeXHandle: 'mhc_host',
      introduction: INTERVIEW_INTRO,
      status: 'published',
      publishedAt: new Date(now.getTime() - 10 * day),
      author: { connect: { id: editor.id } },
      tags: { connect: [{ id: peopleTag.id }] },
    },
  })
  // Image fields take uploads over GraphQL; the demo's pictures are stored directly, as an upload would be.
  await context.prisma.post.update({
    where: { id: welcome.id },
    data: await demoImage('featuredImage', CONVERSATION_SVG, 'conversation.png', 'Two speech bubbles, a question in blue and an answer in white, with coloured dots for the people taking part'),
  })
  await context.prisma.interview.update({
    where: { id: interview.id },
    data: await demoImage('intervieweePhoto', PORTRAIT_SVG, 'portrait.png', 'An illustrated portrait of Priya Natarajan'),
  })
  for (const [index, [question, answer]] of INTERVIEW_QUESTIONS.entries()) {
    await db.InterviewQuestion.createOne({
      data: { interview: { connect: { id: interview.id } }, position: index + 1, question, answer },
    })
  }

  await db.TopicAnnouncement.createOne({
    data: {
      title: 'Answering patients in public',
      hashtag: TAG,
      chatStart: archiveStart,
      durationMinutes: 60,
      description: 'Patients ask questions in public every day. How fast, where and how should we answer?',
      questions: [
        'When a patient asks something personal in a public reply, what do you do first?',
        'Who answers out of hours in your organisation?',
        'What one thing would you change tomorrow?',
      ].join('\n'),
      host: 'Priya Natarajan (@mhc_host)',
      networks: ['x', 'bluesky', 'mastodon'],
      status: 'published',
      chatArchive: { connect: { id: archive.id } },
    },
  })
  await db.TopicAnnouncement.createOne({
    data: {
      title: 'Measuring what matters',
      hashtag: '#mondayhealthchat',
      chatStart: nextChatStart(
        { weekday: settings.chatWeekday as 'monday', localTime: settings.chatLocalTime, timeZone: settings.chatTimeZone },
        now
      ),
      durationMinutes: 60,
      description: ANNOUNCEMENT_DESCRIPTION,
      questions: [
        'Which number do you report most often, and does anyone act on it?',
        'What would you measure if you had the time and the tools?',
        'Share a story that changed a decision more than a chart did.',
        'What one thing will you stop measuring?',
      ].join('\n'),
      host: 'Priya Natarajan (@mhc_host)',
      networks: ['x', 'bluesky', 'mastodon'],
      status: 'published',
    },
  })
}
