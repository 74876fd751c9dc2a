import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'

import { ListPage } from '../components/list-page'
import { seo, siteFromMatches } from '../domain/seo'
import { listItemsOfKind, pageFromRequest } from '../features/content/items.server'

// One list page per kind of item: /posts, /recaps, /interviews, /topics, /archives.
const SECTIONS = {
  posts: { kind: 'post', title: 'Posts', intro: 'Articles and chat recaps from the community.' },
  recaps: { kind: 'recap', title: 'Chat recaps', intro: 'What was said in each chat, written up by its host.' },
  interviews: { kind: 'interview', title: 'Interviews', intro: 'Conversations with people from the community.' },
  topics: { kind: 'topic', title: 'Chat topics', intro: 'Every chat we have announced, newest first.' },
  archives: { kind: 'archive', title: 'Chat archives', intro: 'Every archived chat, question by question.' },
} as const

type SectionKey = keyof typeof SECTIONS
const isSection = (value: string | undefined): value is SectionKey => Boolean(value && value in SECTIONS)

export async function loader({ params, request }: LoaderFunctionArgs) {
  if (!isSection(params.section)) throw new Response('Not found', { status: 404 })
  const section = SECTIONS[params.section]
  const page = await listItemsOfKind(section.kind, { page: pageFromRequest(request) })
  if (page.page > page.pageCount) throw new Response('No such page', { status: 404 })
  return { page, path: `/${params.section}`, title: section.title, intro: section.intro }
}

export default function SectionList() {
  const { page, path, title, intro } = useLoaderData<typeof loader>()
  return <ListPage title={title} intro={intro} page={page} basePath={path} />
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, location }) =>
  seo({
    site: siteFromMatches(matches),
    path: location.pathname + location.search,
    title: data?.title ?? 'Not found',
    description: data?.intro,
  })
