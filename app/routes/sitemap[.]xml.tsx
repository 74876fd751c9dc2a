import { SitemapStream, streamToPromise } from 'sitemap'

import { env } from '../server/env.server'
import { textResponse } from '../features/feeds/feeds.server'
import { getAllPublishedItems } from '../features/content/items.server'

const STATIC_PAGES = ['/', '/posts', '/recaps', '/interviews', '/topics', '/archives', '/about']

export async function loader() {
  const items = await getAllPublishedItems()
  const sitemap = new SitemapStream({ hostname: `${env.publicUrl}/` })
  for (const path of STATIC_PAGES) sitemap.write({ url: path, changefreq: 'weekly' })
  for (const item of items) sitemap.write({ url: item.href, lastmod: item.updated })
  sitemap.end()
  return textResponse((await streamToPromise(sitemap)).toString(), 'application/xml')
}
