import { buildFeed, textResponse } from '../features/feeds/feeds.server'

export async function loader() {
  return textResponse(await buildFeed('all', 'atom'), 'application/atom+xml')
}
