import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'

import { ItemList, Pagination } from '../components/item-list'
import { seo, siteFromMatches } from '../domain/seo'
import { getLatestItems, pageFromRequest } from '../features/content/items.server'
import { getAuthorBySlug } from '../features/content/people.server'

export async function loader({ params, request }: LoaderFunctionArgs) {
  const author = await getAuthorBySlug(params.slug ?? '')
  if (!author) throw new Response('Not found', { status: 404 })
  const items = await getLatestItems({ page: pageFromRequest(request), authorSlug: author.slug })
  return { author, items }
}

export default function AuthorRoute() {
  const { author, items } = useLoaderData<typeof loader>()
  return (
    <>
      <p className="item-label">Author</p>
      <h1 dir="auto">{author.name}</h1>
      {author.bio ? <p className="lead">{author.bio}</p> : null}
      {author.xHandle ? (
        <p>
          On X:{' '}
          <a href={`https://x.com/${author.xHandle}`} rel="noopener noreferrer">
            @<bdi>{author.xHandle}</bdi>
          </a>
        </p>
      ) : null}
      <h2>
        Written by <bdi>{author.name}</bdi>
      </h2>
      <ItemList items={items.items} headingLevel={3} />
      <Pagination page={items.page} pageCount={items.pageCount} basePath={`/authors/${author.slug}`} />
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, location }) =>
  seo({
    site: siteFromMatches(matches),
    path: location.pathname + location.search,
    title: data?.author.name ?? 'Not found',
    description: data?.author.bio,
    jsonLd: data ? { '@type': 'Person', name: data.author.name, description: data.author.bio || undefined } : undefined,
  })
