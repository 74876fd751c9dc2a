import { useRouteLoaderData } from '@remix-run/react'
import { createContext, useContext } from 'react'

import { DEFAULT_LOCALE } from '../domain/format'
import { DEFAULT_SITE_SETTINGS } from '../features/content/site-defaults'

export type RootData = {
  siteName: string
  tagline: string
  disclaimer: string
  publicUrl: string
  locale: string
  chatTimeZone: string
}

// The editor's preview draws readers' components on the server, outside Remix, which has no route
// data there: it hands the site's data over this way instead.
const GivenSite = createContext<RootData | null>(null)
export const SiteDataProvider = GivenSite.Provider

/** The root loader's data (or the data given to a preview); defaults when an error page renders without it. */
export function useSite(): RootData {
  const given = useContext(GivenSite)
  // A tree is drawn either inside Remix or by the preview for its whole life, so the hooks called
  // stay the same from one render to the next.
  return given ?? useRootData()
}

function useRootData(): RootData {
  const data = useRouteLoaderData('root') as RootData | undefined
  return (
    data ?? {
      siteName: DEFAULT_SITE_SETTINGS.siteName,
      tagline: DEFAULT_SITE_SETTINGS.tagline,
      disclaimer: DEFAULT_SITE_SETTINGS.disclaimer,
      publicUrl: '',
      locale: DEFAULT_LOCALE,
      chatTimeZone: DEFAULT_SITE_SETTINGS.chatTimeZone,
    }
  )
}
