import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'

import { ItemList, Pagination } from '../components/item-list'
import { NextChatBox } from '../components/next-chat'
import { seo, siteFromMatches } from '../domain/seo'
import { getLatestItems, pageFromRequest } from '../features/content/items.server'
import { getLastChat, getNextChat } from '../features/announce/topics.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const page = pageFromRequest(request)
  const [latest, nextChat] = await Promise.all([getLatestItems({ page }), page === 1 ? getNextChat() : null])
  if (page > latest.pageCount) throw new Response('No such page', { status: 404 })
  // Once a chat is over and none is announced, the box points to what it left behind.
  const lastChat = page === 1 && !nextChat ? await getLastChat() : null
  return { latest, nextChat, lastChat }
}

export default function Home() {
  const { latest, nextChat, lastChat } = useLoaderData<typeof loader>()
  return (
    <>
      <h1 className="visually-hidden">Latest from the community</h1>
      <NextChatBox chat={nextChat} lastChat={lastChat} />
      <h2>Latest posts, interviews and archives</h2>
      <ItemList items={latest.items} headingLevel={3} />
      <Pagination page={latest.page} pageCount={latest.pageCount} basePath="/" />
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ matches, location }) =>
  seo({
    site: siteFromMatches(matches),
    path: location.pathname + location.search,
    jsonLd: { '@type': 'WebSite', name: siteFromMatches(matches)?.siteName },
  })
