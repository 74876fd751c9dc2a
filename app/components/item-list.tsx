import { Link } from '@remix-run/react'

import type { ItemSummary } from '../features/content/items.server'
import { LocalTime } from './local-time'

export type ListedItem = Pick<ItemSummary, 'kind' | 'label' | 'title' | 'href' | 'summary' | 'date' | 'author' | 'tags' | 'comments'>

export function ItemList({ items, headingLevel = 2 }: { items: ListedItem[]; headingLevel?: 2 | 3 }) {
  if (items.length === 0) return <p>Nothing has been published here yet.</p>
  const Heading = `h${headingLevel}` as const
  return (
    <ul className="item-list">
      {items.map(item => (
        <li key={item.href}>
          <article>
            <p className="item-label">{item.label}</p>
            <Heading>
              <Link to={item.href}>{item.title}</Link>
            </Heading>
            {item.summary ? <p>{item.summary}</p> : null}
            <p className="meta">
              <LocalTime iso={item.date} />
              {item.author ? (
                <>
                  {' · '}
                  <bdi>{item.author}</bdi>
                </>
              ) : null}
              {item.comments > 0 ? (
                <>
                  {' · '}
                  <Link to={`${item.href}#comments`}>
                    {item.comments} {item.comments === 1 ? 'comment' : 'comments'}
                  </Link>
                </>
              ) : null}
            </p>
          </article>
        </li>
      ))}
    </ul>
  )
}

export function Pagination({ page, pageCount, basePath }: { page: number; pageCount: number; basePath: string }) {
  if (pageCount <= 1) return null
  const href = (n: number) => (n === 1 ? basePath : `${basePath}?page=${n}`)
  return (
    <nav className="pagination" aria-label="Pages">
      {page > 1 ? <Link to={href(page - 1)} rel="prev">← Newer</Link> : <span />}
      <span>
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? <Link to={href(page + 1)} rel="next">Older →</Link> : <span />}
    </nav>
  )
}

export function TagList({ tags }: { tags: { name: string; slug: string }[] }) {
  if (tags.length === 0) return null
  return (
    <p className="tags">
      <span className="visually-hidden">Tags: </span>
      {tags.map(tag => (
        <Link key={tag.slug} className="tag" to={`/tags/${tag.slug}`}>
          {tag.name}
        </Link>
      ))}
    </p>
  )
}
