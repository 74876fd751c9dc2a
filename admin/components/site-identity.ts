import { useEffect } from 'react'

import { gql, useQuery } from '@keystone-6/core/admin-ui/apollo'

const SITE_IDENTITY = gql`
  query DeskSiteIdentity {
    siteSettings {
      siteName
      chatTimeZone
    }
  }
`

type SiteIdentity = { siteName: string; chatTimeZone: string }

/** The site's name and chat time zone, from its settings (one query, shared through Apollo's cache). */
export function useSiteIdentity(): SiteIdentity | undefined {
  const { data } = useQuery<{ siteSettings: SiteIdentity | null }>(SITE_IDENTITY)
  return data?.siteSettings ?? undefined
}

/**
 * Keystone's page container titles every page "Keystone - …" and offers no option to change it;
 * editors with several tabs open should see the site's name instead.
 */
export function useDeskTitle(siteName: string | undefined) {
  useEffect(() => {
    if (!siteName) return
    const rename = () => {
      const renamed = document.title.replace(/^Keystone\b/, `${siteName} desk`)
      if (renamed !== document.title) document.title = renamed
    }
    rename()
    const observer = new MutationObserver(rename)
    observer.observe(document.head, { subtree: true, childList: true, characterData: true })
    return () => observer.disconnect()
  }, [siteName])
}
