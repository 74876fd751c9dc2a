import type { LoaderFunctionArgs } from '@remix-run/node'

import { archiveAsCsv } from '../features/archive/export.server'
import { getArchiveBySlug } from '../features/archive/archive.server'

// GET /archives/<slug>.csv: one row per post.
export async function loader({ params }: LoaderFunctionArgs) {
  const archive = await getArchiveBySlug(params.slug ?? '')
  if (!archive) return new Response(`No archive called "${params.slug}"\n`, { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  return new Response(archiveAsCsv(archive), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${archive.slug}.csv"`,
    },
  })
}
