import { useRouteError } from '@remix-run/react'

import { GeneralErrorBoundary } from '../components/error-boundary'

// Any address no other route claims: a real 404 inside the layout, not a bare error page.
export function loader() {
  throw new Response('Not found', { status: 404 })
}

export default function NotFound() {
  return null
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />
}
