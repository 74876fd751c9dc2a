import type { Context } from './keystone.server'
import { nextChatStart } from './schedule.server'

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

The archive below has every answer to the first question.

::chat[answering-patients-in-public#Q1]
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

type DemoMessage = {
  id: string
  author: string
  minute: number
  text: string
  kind?: 'original' | 'reply'
  inReplyTo?: string
}

const DEMO_PARTICIPANTS = [
  { xUserId: '9000001', handle: 'mhc_host', displayName: 'Monday Health Chat' },
  { xUserId: '9000002', handle: 'digital_ward', displayName: 'Digital Ward Team' },
  { xUserId: '9000003', handle: 'nurse_posts', displayName: 'Ade, community nurse' },
  { xUserId: '9000004', handle: 'patient_voice', displayName: 'Patient Voice Group' },
]

const DEMO_MESSAGES: DemoMessage[] = [
  { id: '1900000000000000001', author: 'mhc_host', minute: 0, text: 'Welcome to #mondayhealthchat! Today: answering patients in public. Questions start in two minutes.' },
  { id: '1900000000000000002', author: 'mhc_host', minute: 2, text: 'Q1 When a patient asks something personal in a public reply, what do you do first? #mondayhealthchat' },
  { id: '1900000000000000003', author: 'digital_ward', minute: 4, text: 'A1 Thank them in public, then offer a private message or a phone number within the hour. #mondayhealthchat' },
  { id: '1900000000000000004', author: 'nurse_posts', minute: 5, text: 'A1: never answer the clinical bit in public, however tempting. Point to the right service. #mondayhealthchat' },
  { id: '1900000000000000005', author: 'patient_voice', minute: 6, text: 'a1 - as a patient I mostly want to know someone has seen it. A quick reply matters more than a perfect one #mondayhealthchat', kind: 'reply', inReplyTo: '1900000000000000002' },
  { id: '1900000000000000006', author: 'digital_ward', minute: 7, text: '@patient_voice agreed, speed beats polish every time #mondayhealthchat', kind: 'reply', inReplyTo: '1900000000000000005' },
  { id: '1900000000000000007', author: 'mhc_host', minute: 20, text: 'Q2 Who answers out of hours in your organisation? #mondayhealthchat' },
  { id: '1900000000000000008', author: 'nurse_posts', minute: 23, text: 'A2 Nobody, officially. Our profile says so and gives 111 instead. #mondayhealthchat' },
]

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
  const archive = await db.ChatArchive.createOne({
    data: {
      title: 'Answering patients in public',
      slug: 'answering-patients-in-public',
      hashtag: '#mondayhealthchat',
      windowStart: archiveStart,
      windowEnd: new Date(archiveStart.getTime() + 60 * 60 * 1000),
      source: 'manual',
      importedAt: now,
    },
  })
  const participants = new Map<string, string>()
  for (const participant of DEMO_PARTICIPANTS) {
    const created = await db.Participant.createOne({ data: participant })
    participants.set(participant.handle, created.id)
  }
  for (const message of DEMO_MESSAGES) {
    await db.ChatMessage.createOne({
      data: {
        xId: message.id,
        archive: { connect: { id: archive.id } },
        author: { connect: { id: participants.get(message.author)! } },
        text: message.text,
        postedAt: new Date(archiveStart.getTime() + message.minute * 60 * 1000),
        kind: message.kind ?? 'original',
        inReplyToId: message.inReplyTo ?? '',
        conversationId: message.inReplyTo ? '1900000000000000002' : message.id,
      },
    })
  }

  const day = 24 * 60 * 60 * 1000
  await db.Post.createOne({
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
  for (const [index, [question, answer]] of INTERVIEW_QUESTIONS.entries()) {
    await db.InterviewQuestion.createOne({
      data: { interview: { connect: { id: interview.id } }, position: index + 1, question, answer },
    })
  }

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
      status: 'published',
    },
  })
}
