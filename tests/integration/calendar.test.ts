import assert from 'node:assert/strict'
import { test } from 'node:test'

import ICAL from 'ical.js'

import { buildCalendar, type CalendarTopic } from '../../app/features/announce/calendar.server'
import { hashtagSearchUrl, PLATFORM_NAMES, type Platform } from '../../app/domain/networks'

// The .ics output parsed back with ical.js: valid structure, the chat's zone with its rules,
// and the right instant in winter and in summer.

const topic = (id: string, chatStart: string, { networks = ['x'], durationMinutes = 60 }: { networks?: Platform[]; durationMinutes?: number } = {}): CalendarTopic => ({
  id,
  title: `Topic ${id}`,
  slug: `topic-${id}`,
  hashtag: '#mondayhealthchat',
  chatStart,
  durationMinutes,
  questions: ['First question?', 'Second question?'],
  host: 'Sam Patel (@sampatel)',
  networks: networks.map(platform => ({ platform, name: PLATFORM_NAMES[platform], followUrl: hashtagSearchUrl(platform, '#mondayhealthchat', 'nhs.social') })),
})

const ics = buildCalendar({
  name: 'The Monday Health Chat',
  description: 'Weekly',
  timeZone: 'Europe/London',
  publicUrl: 'https://chat.example.org',
  topics: [
    topic('winter', '2026-11-30T12:00:00.000Z'),
    topic('summer', '2026-07-06T11:00:00.000Z'),
    topic('everywhere', '2026-12-07T12:00:00.000Z', { networks: ['x', 'bluesky', 'mastodon'], durationMinutes: 90 }),
  ],
})

const calendar = new ICAL.Component(ICAL.parse(ics))
const timezone = new ICAL.Timezone(calendar.getFirstSubcomponent('vtimezone')!)
const events = calendar.getAllSubcomponents('vevent').map(component => new ICAL.Event(component))

test('is a VCALENDAR 2.0 with the chat’s time zone rules', () => {
  assert.equal(calendar.getFirstPropertyValue('version'), '2.0')
  assert.equal(timezone.tzid, 'Europe/London')
  assert.match(ics, /BEGIN:DAYLIGHT[\s\S]*TZOFFSETTO:\+0100/)
})

test('a winter chat is 12:00 London, 12:00 UTC', () => {
  const winter = events.find(event => event.summary.includes('Topic winter'))!
  assert.equal(winter.component.getFirstProperty('dtstart')!.getParameter('tzid'), 'Europe/London')
  assert.equal(`${winter.startDate.hour}:${String(winter.startDate.minute).padStart(2, '0')}`, '12:00')
  winter.startDate.zone = timezone
  assert.equal(winter.startDate.toJSDate().toISOString(), '2026-11-30T12:00:00.000Z')
  winter.endDate.zone = timezone
  assert.equal(winter.endDate.toJSDate().toISOString(), '2026-11-30T13:00:00.000Z')
})

test('a summer chat is 12:00 London, 11:00 UTC', () => {
  const summer = events.find(event => event.summary.includes('Topic summer'))!
  assert.equal(summer.startDate.hour, 12)
  summer.startDate.zone = timezone
  assert.equal(summer.startDate.toJSDate().toISOString(), '2026-07-06T11:00:00.000Z')
})

test('each event says what, who and where, with a stable id', () => {
  const winter = events.find(event => event.summary.includes('Topic winter'))!
  assert.equal(winter.summary, '#mondayhealthchat: Topic winter')
  assert.equal(winter.uid, 'topic-winter@chat.example.org')
  assert.match(winter.description, /^A one-hour chat under #mondayhealthchat on X\.\nHost: Sam Patel \(@sampatel\)\nQ1 First question\?\nQ2 Second question\?\nDetails: https:\/\/chat\.example\.org\/topics\/topic-winter/)
  assert.equal(winter.location, 'https://x.com/search?q=%23mondayhealthchat&f=live')
})

test('a chat on several networks says where to follow it on each, and its location is the page that links them', () => {
  const everywhere = events.find(event => event.summary.includes('Topic everywhere'))!
  assert.equal(
    everywhere.description,
    [
      'A 90-minute chat under #mondayhealthchat on X, Bluesky and Mastodon.',
      'Host: Sam Patel (@sampatel)',
      'Q1 First question?',
      'Q2 Second question?',
      'Follow on X: https://x.com/search?q=%23mondayhealthchat&f=live',
      'Follow on Bluesky: https://bsky.app/hashtag/mondayhealthchat',
      'Follow on Mastodon: https://nhs.social/tags/mondayhealthchat',
      'Details: https://chat.example.org/topics/topic-everywhere',
    ].join('\n')
  )
  assert.equal(everywhere.location, 'https://chat.example.org/topics/topic-everywhere')
})
