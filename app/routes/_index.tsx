import type { MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { formatDate } from '../lib/format'
import { getLatestItems } from '../models/content.server'
import { getSiteSettings } from '../models/site.server'

export async function loader() {
  const [items, settings] = await Promise.all([getLatestItems({ take: 20 }), getSiteSettings()])
  return { items, siteName: settings.siteName, tagline: settings.tagline, timeZone: settings.chatTimeZone }
}

export default function Home() {
  const { items, timeZone } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>Latest from the community</h1>
      {items.length === 0 ? (
        <p>Nothing has been published yet.</p>
      ) : (
        <ul className="item-list">
          {items.map(item => (
            <li key={item.href}>
              <article>
                <p className="item-label">{item.label}</p>
                <h2>
                  <Link to={item.href}>{item.title}</Link>
                </h2>
                {item.excerpt ? <p>{item.excerpt}</p> : null}
                <p className="meta">
                  <time dateTime={item.publishedAt}>{formatDate(item.publishedAt, timeZone)}</time>
                </p>
              </article>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.siteName ?? 'Latest' },
  { name: 'description', content: data?.tagline ?? '' },
]
