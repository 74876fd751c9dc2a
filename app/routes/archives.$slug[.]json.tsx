import type { LoaderFunctionArgs } from '@remix-run/node'

import { archiveAsJson } from '../features/archive/export.server'
import { getArchiveBySlug } from '../features/archive/archive.server'

// GET /archives/<slug>.json: the archive as open data (documented in the README).
export async function loader({ params }: LoaderFunctionArgs) {
  const archive = await getArchiveBySlug(params.slug ?? '')
  if (!archive) return Response.json({ error: `No archive called "${params.slug}"` }, { status: 404 })
  return Response.json(archiveAsJson(archive), {
    headers: { 'Access-Control-Allow-Origin': '*' },
  })
}
