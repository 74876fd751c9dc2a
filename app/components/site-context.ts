import { useRouteLoaderData } from '@remix-run/react'

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

/** The root loader's data; defaults when an error page renders without it. */
export function useSite(): RootData {
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
