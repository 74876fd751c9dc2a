import Link from 'next/link'

import { useDeskTitle, useSiteIdentity } from './site-identity'

export function DeskLogo() {
  const site = useSiteIdentity()
  useDeskTitle(site?.siteName)
  return (
    <Link href="/" style={{ display: 'flex', alignItems: 'center', gap: '0.6rem', color: 'inherit', textDecoration: 'none', fontWeight: 700 }}>
      {/* Decorative: the link's name is the site's name beside it. */}
      <img src="/favicon.svg" alt="" width={28} height={28} />
      <span>{site ? `${site.siteName} desk` : 'Desk'}</span>
    </Link>
  )
}
