import { TZDate } from '@date-fns/tz'
import { addDays } from 'date-fns'

import { listOf } from './format'

// The one place that knows when the weekly chat happens. Wall-clock arithmetic is done in the
// chat's own zone by TZDate, so "Monday 12:00 Europe/London" stays at noon across the
// daylight-saving changes (11:00 UTC in summer, 12:00 UTC in winter).

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const
export type Weekday = (typeof WEEKDAYS)[number]

export type WeeklySchedule = {
  weekday: Weekday
  /** 24-hour "HH:MM" in `timeZone`. */
  localTime: string
  /** IANA zone, e.g. Europe/London. */
  timeZone: string
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone })
    return zone.includes('/') || zone === 'UTC'
  } catch {
    return false
  }
}

/** The first chat start strictly after `after`. */
export function nextChatStart(schedule: WeeklySchedule, after: Date = new Date()): Date {
  const [hours, minutes] = schedule.localTime.split(':').map(Number)
  const targetDay = WEEKDAYS.indexOf(schedule.weekday)
  const localNow = new TZDate(after.getTime(), schedule.timeZone)
  for (let offset = 0; offset <= 7; offset++) {
    const day = addDays(localNow, offset)
    if (day.getDay() !== targetDay) continue
    const start = new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), hours, minutes, 0, schedule.timeZone)
    if (start.getTime() > after.getTime()) return new Date(start.getTime())
  }
  throw new Error(`No ${schedule.weekday} found in the week after ${after.toISOString()}`)
}

/** A chat's start and length, as a topic announcement holds them. */
export type ChatWindow = { chatStart: Date | string; durationMinutes: number }

export function chatEnd(chat: ChatWindow): Date {
  return new Date(new Date(chat.chatStart).getTime() + chat.durationMinutes * 60_000)
}

const lasting = (minutes: number) => (minutes === 60 ? 'one-hour' : minutes % 60 === 0 ? `${minutes / 60}-hour` : `${minutes}-minute`)

/** "A one-hour chat under #tag on X and Bluesky": a chat in one sentence, for calendars and summaries. */
export function chatSummary({ hashtag, durationMinutes, networkNames }: { hashtag: string; durationMinutes: number; networkNames: string[] }): string {
  const where = networkNames.length ? ` on ${listOf(networkNames)}` : ''
  return `A ${lasting(durationMinutes)} chat under ${hashtag}${where}.`
}

/**
 * The week's two chats: the next one (still to come, or under way) and the last one that has
 * ended, whatever order the topics come in. A chat under way is "next" until it ends, because
 * until then it can still be announced and cannot yet be archived.
 */
export function nextAndLastChat<Chat extends ChatWindow>(chats: Chat[], now: Date): { next?: Chat; last?: Chat } {
  const byStart = [...chats].sort((a, b) => new Date(a.chatStart).getTime() - new Date(b.chatStart).getTime())
  const ended = byStart.filter(chat => chatEnd(chat).getTime() <= now.getTime())
  return { next: byStart.find(chat => chatEnd(chat).getTime() > now.getTime()), last: ended.at(-1) }
}
