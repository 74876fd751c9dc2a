import { env } from '../lib/env.server'
import { textResponse } from '../lib/xml-response.server'

export function loader() {
  return textResponse(
    ['User-agent: *', 'Disallow: /admin', 'Disallow: /api/', 'Disallow: /search', '', `Sitemap: ${env.publicUrl}/sitemap.xml`, ''].join('\n'),
    'text/plain'
  )
}
