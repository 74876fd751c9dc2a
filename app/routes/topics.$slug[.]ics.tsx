import type { LoaderFunctionArgs } from '@remix-run/node'

import { buildCalendar } from '../features/announce/calendar.server'
import { env } from '../server/env.server'
import { getSiteSettings } from '../features/content/site.server'
import { getTopicBySlug } from '../features/announce/topics.server'

// GET /topics/<slug>.ics: one chat, to add to a calendar.
export async function loader({ params }: LoaderFunctionArgs) {
  const [topic, settings] = await Promise.all([getTopicBySlug(params.slug ?? ''), getSiteSettings()])
  if (!topic) return new Response('No such topic\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  const ics = buildCalendar({ name: `${settings.siteName}: ${topic.title}`, description: settings.tagline, topics: [topic], timeZone: settings.chatTimeZone, publicUrl: env.publicUrl })
  return new Response(ics, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="${topic.slug}.ics"`,
    },
  })
}
