import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'

import { ItemList, Pagination } from '../components/item-list'
import { seo, siteFromMatches } from '../domain/seo'
import { getLatestItems, pageFromRequest } from '../features/content/items.server'
import { getTagBySlug } from '../features/content/people.server'

export async function loader({ params, request }: LoaderFunctionArgs) {
  const tag = await getTagBySlug(params.slug ?? '')
  if (!tag) throw new Response('Not found', { status: 404 })
  const items = await getLatestItems({ page: pageFromRequest(request), tagSlug: tag.slug })
  return { tag, items }
}

export default function TagRoute() {
  const { tag, items } = useLoaderData<typeof loader>()
  return (
    <>
      <p className="item-label">Tag</p>
      <h1>{tag.name}</h1>
      <ItemList items={items.items} />
      <Pagination page={items.page} pageCount={items.pageCount} basePath={`/tags/${tag.slug}`} />
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, location }) =>
  seo({
    site: siteFromMatches(matches),
    path: location.pathname + location.search,
    title: data ? `Tagged “${data.tag.name}”` : 'Not found',
  })
