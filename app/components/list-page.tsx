import type { ItemSummary, Page } from '../features/content/items.server'
import { ItemList, Pagination } from './item-list'

export function ListPage({ title, intro, page, basePath }: { title: string; intro?: string; page: Page<ItemSummary>; basePath: string }) {
  return (
    <>
      <h1>{title}</h1>
      {intro ? <p className="lead">{intro}</p> : null}
      <ItemList items={page.items} />
      <Pagination page={page.page} pageCount={page.pageCount} basePath={basePath} />
    </>
  )
}
