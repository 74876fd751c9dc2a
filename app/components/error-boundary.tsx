import { isRouteErrorResponse, Link } from '@remix-run/react'

import { PREVIEW_LINK_DAYS } from '../domain/publishing'

/** One error view for every status, rendered inside the layout so the disclaimer stays. */
export function GeneralErrorBoundary({ error }: { error: unknown }) {
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <article className="error-page">
        {/* Remix renders no route meta for a thrown response; React 19 hoists this into <head>. */}
        <title>Page not found</title>
        <meta name="robots" content="noindex" />
        <h1>Page not found</h1>
        <p>We could not find that page. It may have moved, or it may not be published yet.</p>
        <p>
          <Link to="/">Go to the latest posts</Link>
        </p>
      </article>
    )
  }
  if (isRouteErrorResponse(error) && error.status === 410) {
    return (
      <article className="error-page">
        <title>This preview link has expired</title>
        <meta name="robots" content="noindex" />
        <h1>This preview link has expired</h1>
        <p>Preview links work for {PREVIEW_LINK_DAYS} days. Ask the editor who sent it for a new one.</p>
        <p>
          <Link to="/">Go to the latest posts</Link>
        </p>
      </article>
    )
  }
  if (isRouteErrorResponse(error) && error.status === 403) {
    return (
      <article className="error-page">
        <title>Not accepted</title>
        <meta name="robots" content="noindex" />
        <h1>Not accepted</h1>
        <p>
          This was sent from another site, so it was not accepted. If you were writing a comment, go
          back to the page on this site and send it from there.
        </p>
        <p>
          <Link to="/">Go to the latest posts</Link>
        </p>
      </article>
    )
  }
  const status = isRouteErrorResponse(error) ? error.status : 500
  return (
    <article className="error-page">
      <title>Something went wrong</title>
      <meta name="robots" content="noindex" />
      <h1>Something went wrong</h1>
      <p>
        The page could not be shown (error {status}). Please try again in a moment; if it keeps
        happening, tell the editors.
      </p>
      <p>
        <Link to="/">Go to the latest posts</Link>
      </p>
    </article>
  )
}
