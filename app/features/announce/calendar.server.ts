import { TZDate } from '@date-fns/tz'
import { getVtimezoneComponent } from '@touch4it/ical-timezones'
import ical from 'ical-generator'

import type { TopicPage } from './topics.server'

// Calendar files for the weekly chat (RFC 5545, through ical-generator). Events carry the chat's
// own zone with its VTIMEZONE rules, so "12:00 Europe/London" lands at noon in a calendar in
// London whatever the season, and at the right moment anywhere else.

export type CalendarTopic = Pick<TopicPage, 'id' | 'title' | 'slug' | 'hashtag' | 'chatStart' | 'durationMinutes' | 'questions' | 'host'>

export function buildCalendar({
  name,
  description,
  topics,
  timeZone,
  publicUrl,
}: {
  name: string
  description: string
  topics: CalendarTopic[]
  timeZone: string
  publicUrl: string
}): string {
  const calendar = ical({
    name,
    description,
    prodId: { company: new URL(publicUrl).host, product: 'tweetchat-home', language: 'EN' },
    timezone: { name: timeZone, generator: zone => getVtimezoneComponent(zone) },
    url: `${publicUrl}/topics`,
    ttl: 60 * 60,
  })
  for (const topic of topics) {
    // ical-generator writes a zoned time from the Date's local fields; TZDate makes those the
    // chat zone's wall clock instead of the server's.
    const start = new TZDate(new Date(topic.chatStart).getTime(), timeZone)
    const page = `${publicUrl}/topics/${topic.slug}`
    calendar.createEvent({
      id: `topic-${topic.id}@${new URL(publicUrl).host}`,
      start,
      end: new TZDate(start.getTime() + topic.durationMinutes * 60_000, timeZone),
      timezone: timeZone,
      summary: `${topic.hashtag}: ${topic.title}`,
      description: [
        `A one-hour chat on X under ${topic.hashtag}.`,
        topic.host ? `Host: ${topic.host}` : '',
        ...topic.questions.map((question, index) => `Q${index + 1} ${question}`),
        `Details: ${page}`,
      ]
        .filter(Boolean)
        .join('\n'),
      location: `https://x.com/search?q=${encodeURIComponent(topic.hashtag)}&f=live`,
      url: page,
    })
  }
  return calendar.toString()
}
