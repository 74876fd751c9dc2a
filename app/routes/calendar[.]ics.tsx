import { buildCalendar } from '../lib/calendar.server'
import { env } from '../lib/env.server'
import { getSiteSettings } from '../models/site.server'
import { getUpcomingTopics } from '../models/topic.server'

// GET /calendar.ics: every upcoming chat, for calendar apps to subscribe to.
export async function loader() {
  const [topics, settings] = await Promise.all([getUpcomingTopics(), getSiteSettings()])
  const ics = buildCalendar({ name: settings.siteName, description: settings.tagline, topics, timeZone: settings.chatTimeZone, publicUrl: env.publicUrl })
  return new Response(ics, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } })
}
