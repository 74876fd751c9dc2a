import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useMatches,
  useRouteError,
} from '@remix-run/react'
import type { ReactNode } from 'react'

import { GeneralErrorBoundary } from './components/error-boundary'
import { useSite, type RootData } from './components/site-context'
import { MAX_QUERY_LENGTH } from './features/search/search-query'
import { siteData } from './features/content/site.server'
import siteStyles from './styles/site.css?url'

export function loader({ request }: LoaderFunctionArgs): Promise<RootData> {
  return siteData(request.headers.get('Accept-Language'))
}

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: siteStyles },
  { rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' },
  { rel: 'alternate', type: 'application/rss+xml', title: 'Everything (RSS)', href: '/rss.xml' },
  { rel: 'alternate', type: 'application/atom+xml', title: 'Everything (Atom)', href: '/atom.xml' },
]

const SECTIONS = [
  { to: '/posts', label: 'Posts' },
  { to: '/recaps', label: 'Recaps' },
  { to: '/interviews', label: 'Interviews' },
  { to: '/topics', label: 'Topics' },
  { to: '/archives', label: 'Archives' },
  { to: '/about', label: 'About' },
]

/**
 * A route can leave out the scripts (`handle = { hydrate: false }`): its page then works as plain
 * HTML, forms included, and a reader downloads no JavaScript for it.
 */
export type RouteHandle = { hydrate?: boolean }

export function Layout({ children }: { children: ReactNode }) {
  const site = useSite()
  const hydrate = useMatches().every(match => (match.handle as RouteHandle | undefined)?.hydrate !== false)
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
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
            <nav aria-label="Sections">
              <ul>
                {SECTIONS.map(section => (
                  <li key={section.to}>
                    <NavLink to={section.to} prefetch="intent">
                      {section.label}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
            <Form method="get" action="/search" role="search" className="site-search">
              <label htmlFor="site-search-q" className="visually-hidden">
                Search the site
              </label>
              <input id="site-search-q" type="search" name="q" placeholder="Search" maxLength={MAX_QUERY_LENGTH} />
              <button type="submit">Search</button>
            </Form>
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
              {site.siteName} · <Link to="/about">About</Link> · <a href="/rss.xml">RSS</a> ·{' '}
              <a href="/atom.xml">Atom</a> · <a href="/admin">Editors</a>
            </p>
          </div>
        </footer>
        {hydrate ? (
          <>
            <ScrollRestoration />
            <Scripts />
          </>
        ) : null}
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
