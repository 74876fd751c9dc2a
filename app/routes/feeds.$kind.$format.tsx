import type { LoaderFunctionArgs } from '@remix-run/node'

import { buildFeed, isFeedKind, textResponse } from '../features/feeds/feeds.server'

// /feeds/<kind>/rss.xml and /feeds/<kind>/atom.xml for posts, recaps, interviews, topics, archives.
export async function loader({ params }: LoaderFunctionArgs) {
  const format = params.format === 'rss.xml' ? 'rss' : params.format === 'atom.xml' ? 'atom' : null
  if (!format || !isFeedKind(params.kind)) throw new Response('Not found', { status: 404 })
  const xml = await buildFeed(params.kind, format)
  return textResponse(xml, format === 'rss' ? 'application/rss+xml' : 'application/atom+xml')
}
