import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'

import { LocalTime } from '../components/local-time'
import { seo, siteFromMatches } from '../domain/seo'
import { MAX_QUERY_LENGTH } from '../features/search/search-query'
import { searchPublished, searchQueryFromRequest } from '../features/search/search.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const query = searchQueryFromRequest(request)
  const hits = await searchPublished(query)
  return { query, hits }
}

/** Wraps each occurrence of the query in <mark>, as React elements: the text is never parsed as HTML. */
function Highlighted({ text, query }: { text: string; query: string }) {
  if (!query) return <>{text}</>
  const lower = text.toLowerCase()
  const needle = query.toLowerCase()
  const parts: React.ReactNode[] = []
  let from = 0
  for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, from)) {
    parts.push(text.slice(from, at), <mark key={at}>{text.slice(at, at + needle.length)}</mark>)
    from = at + needle.length
  }
  parts.push(text.slice(from))
  return <>{parts}</>
}

export default function Search() {
  const { query, hits } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>Search</h1>
      <Form method="get" role="search" className="search-form">
        <label htmlFor="search-q">Words to find in titles and text</label>
        <input id="search-q" type="search" name="q" defaultValue={query} maxLength={MAX_QUERY_LENGTH} />
        <button type="submit">Search</button>
      </Form>
      {query.length >= 2 ? (
        <p role="status">
          {hits.length === 0 ? 'Nothing matches' : `${hits.length} ${hits.length === 1 ? 'result' : 'results'} for`} “{query}”
        </p>
      ) : query ? (
        <p role="status">Type at least two characters.</p>
      ) : null}
      <ul className="item-list">
        {hits.map(hit => (
          <li key={hit.href}>
            <p className="item-label">{hit.label}</p>
            <h2>
              <Link to={hit.href}>
                <Highlighted text={hit.title} query={query} />
              </Link>
            </h2>
            <p>
              <Highlighted text={hit.snippet} query={query} />
            </p>
            <p className="meta">
              <LocalTime iso={hit.date} />
            </p>
          </li>
        ))}
      </ul>
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, location }) => [
  ...seo({ site: siteFromMatches(matches), path: location.pathname, title: data?.query ? `Search: ${data.query}` : 'Search' }),
  { name: 'robots', content: 'noindex' },
]
