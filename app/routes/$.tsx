import type { LoaderFunctionArgs } from '@remix-run/node'
import { useRouteError } from '@remix-run/react'

import { GeneralErrorBoundary } from '../components/error-boundary'

// Any address no other route claims: a real 404 inside the layout, not a bare error page. The
// server also draws its 403 for a cross-site POST here (app/server/public-site.server.ts): only its
// own call puts `refusal` in the load context, so a reader asking for the same address gets the 404.
export function loader({ context }: LoaderFunctionArgs) {
  if ((context as { refusal?: string }).refusal === 'cross-site') throw new Response('Sent from another site', { status: 403, statusText: 'Forbidden' })
  throw new Response('Not found', { status: 404 })
}

export default function NotFound() {
  return null
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />
}
