import { buildFeed } from '../features/feeds/feeds.server'
import { textResponse } from '../features/feeds/text-response.server'

export async function loader() {
  return textResponse(await buildFeed('all', 'rss'), 'application/rss+xml')
}
