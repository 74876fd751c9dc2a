import type { LinksFunction } from '@remix-run/node'
import {
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react'
import type { ReactNode } from 'react'

import { GeneralErrorBoundary } from './components/error-boundary'
import { DEFAULT_SITE_SETTINGS } from './lib/site-defaults'
import { getSiteSettings } from './models/site.server'
import siteStyles from './styles/site.css?url'

export async function loader() {
  const settings = await getSiteSettings()
  return { siteName: settings.siteName, tagline: settings.tagline, disclaimer: settings.disclaimer }
}

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: siteStyles }]

export function Layout({ children }: { children: ReactNode }) {
  // The error boundary renders inside this layout too, so it may have no loader data.
  const data = useRouteLoaderData<typeof loader>('root')
  const site = data ?? DEFAULT_SITE_SETTINGS
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <div className="container">
            <Link to="/" className="site-name">
              {site.siteName}
            </Link>
            <p className="tagline">{site.tagline}</p>
            <nav aria-label="Main">
              <ul>
                <li>
                  <Link to="/">Latest</Link>
                </li>
                <li>
                  <a href="/admin">Editors</a>
                </li>
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" className="container" tabIndex={-1}>
          {children}
          <footer className="disclaimer" aria-label="Disclaimer">
            <p>{site.disclaimer}</p>
          </footer>
        </main>
        <footer className="site-footer">
          <div className="container">
            <p>
              {site.siteName} · <Link to="/">Home</Link>
            </p>
          </div>
        </footer>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  )
}

export default function App() {
  return <Outlet />
}

export function ErrorBoundary() {
  const error = useRouteError()
  return <GeneralErrorBoundary error={error} />
}
