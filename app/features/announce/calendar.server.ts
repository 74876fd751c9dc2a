import { TZDate } from '@date-fns/tz'
import { getVtimezoneComponent } from '@touch4it/ical-timezones'
import ical from 'ical-generator'

import { chatSummary } from '../../domain/schedule'
import type { TopicPage } from './topics.server'

// Calendar files for the weekly chat (RFC 5545, through ical-generator). Events carry the chat's
// own zone with its VTIMEZONE rules, so "12:00 Europe/London" lands at noon in a calendar in
// London whatever the season, and at the right moment anywhere else.

export type CalendarTopic = Pick<TopicPage, 'id' | 'title' | 'slug' | 'hashtag' | 'chatStart' | 'durationMinutes' | 'questions' | 'host' | 'networks'>

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
        chatSummary({ hashtag: topic.hashtag, durationMinutes: topic.durationMinutes, networkNames: topic.networks.map(network => network.name) }),
        topic.host ? `Host: ${topic.host}` : '',
        ...topic.questions.map((question, index) => `Q${index + 1} ${question}`),
        ...(topic.networks.length > 1 ? topic.networks.map(network => `Follow on ${network.name}: ${network.followUrl}`) : []),
        `Details: ${page}`,
      ]
        .filter(Boolean)
        .join('\n'),
      // Calendar apps open the location as a link: where to follow the chat, or, when it meets on
      // several networks, the page that links each.
      location: topic.networks.length === 1 ? topic.networks[0].followUrl : page,
      url: page,
    })
  }
  return calendar.toString()
}
