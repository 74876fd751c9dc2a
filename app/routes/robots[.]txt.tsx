import { env } from '../server/env.server'
import { textResponse } from '../features/feeds/feeds.server'

export function loader() {
  return textResponse(
    ['User-agent: *', 'Disallow: /admin', 'Disallow: /api/', 'Disallow: /search', '', `Sitemap: ${env.publicUrl}/sitemap.xml`, ''].join('\n'),
    'text/plain'
  )
}
