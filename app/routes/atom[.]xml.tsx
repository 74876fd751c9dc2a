import { buildFeed } from '../lib/feeds.server'
import { textResponse } from '../lib/xml-response.server'

export async function loader() {
  return textResponse(await buildFeed('all', 'atom'), 'application/atom+xml')
}
