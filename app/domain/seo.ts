import type { MetaDescriptor } from '@remix-run/node'

// One helper builds every page's meta: title, description, canonical URL, Open Graph, Twitter card
// and JSON-LD. It tolerates missing data (error pages, settings not saved yet).

export type SiteMeta = { siteName: string; publicUrl: string; tagline: string }

type SeoInput = {
  site: SiteMeta | undefined
  path: string
  title?: string
  description?: string
  type?: 'website' | 'article'
  publishedTime?: string
  author?: string | null
  jsonLd?: Record<string, unknown>
  /** Previews of drafts: never indexed. */
  noindex?: boolean
}

export function seo({ site, path, title, description, type = 'website', publishedTime, author, jsonLd, noindex = false }: SeoInput): MetaDescriptor[] {
  const siteName = site?.siteName ?? 'The Monday Health Chat'
  const fullTitle = title ? `${title} · ${siteName}` : siteName
  const summary = (description ?? site?.tagline ?? '').slice(0, 300)
  const url = site ? `${site.publicUrl}${path}` : path
  const meta: MetaDescriptor[] = [
    { title: fullTitle },
    { name: 'description', content: summary },
    { tagName: 'link', rel: 'canonical', href: url },
    { property: 'og:site_name', content: siteName },
    { property: 'og:title', content: title ?? siteName },
    { property: 'og:description', content: summary },
    { property: 'og:type', content: type },
    { property: 'og:url', content: url },
    { property: 'og:locale', content: 'en_GB' },
    { name: 'twitter:card', content: 'summary' },
    { name: 'twitter:title', content: title ?? siteName },
    { name: 'twitter:description', content: summary },
  ]
  if (publishedTime) meta.push({ property: 'article:published_time', content: publishedTime })
  if (author) meta.push({ property: 'article:author', content: author })
  if (noindex) meta.push({ name: 'robots', content: 'noindex' })
  if (jsonLd) meta.push({ 'script:ld+json': { '@context': 'https://schema.org', url, ...jsonLd } })
  return meta
}

/** The root loader's site data, from any route's meta function. */
export function siteFromMatches(matches: { id: string; data: unknown }[]): SiteMeta | undefined {
  return matches.find(match => match.id === 'root')?.data as SiteMeta | undefined
}

type CommentForJsonLd = { authorName: string; createdAt: string; text: string; replies: unknown[] }

/** schema.org `commentCount` and `comment` for an item's JSON-LD (the first 20 comments). */
export function commentsJsonLd(comments: CommentForJsonLd[]) {
  return {
    commentCount: comments.reduce((total, comment) => total + 1 + comment.replies.length, 0),
    comment: comments.slice(0, 20).map(comment => ({
      '@type': 'Comment',
      author: { '@type': 'Person', name: comment.authorName },
      dateCreated: comment.createdAt,
      text: comment.text,
    })),
  }
}
