import { buildCalendar } from '../features/announce/calendar.server'
import { env } from '../server/env.server'
import { getSiteSettings } from '../features/content/site.server'
import { getUpcomingTopics } from '../features/announce/topics.server'

// GET /calendar.ics: every upcoming chat, for calendar apps to subscribe to.
export async function loader() {
  const [topics, settings] = await Promise.all([getUpcomingTopics(), getSiteSettings()])
  const ics = buildCalendar({ name: settings.siteName, description: settings.tagline, topics, timeZone: settings.chatTimeZone, publicUrl: env.publicUrl })
  return new Response(ics, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } })
}
