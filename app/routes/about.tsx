import type { MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'

import { seo, siteFromMatches } from '../domain/seo'
import { getSiteSettings } from '../features/content/site.server'

export async function loader() {
  const settings = await getSiteSettings()
  return { aboutHtml: settings.aboutHtml, siteName: settings.siteName }
}

export default function About() {
  const { aboutHtml, siteName } = useLoaderData<typeof loader>()
  return (
    <article>
      <h1>About {siteName}</h1>
      {aboutHtml ? (
        <div className="prose" dangerouslySetInnerHTML={{ __html: aboutHtml }} />
      ) : (
        <p>The editors have not written this page yet.</p>
      )}
    </article>
  )
}

export const meta: MetaFunction<typeof loader> = ({ matches, location }) =>
  seo({ site: siteFromMatches(matches), path: location.pathname, title: 'About' })
