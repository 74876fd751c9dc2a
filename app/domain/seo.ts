import type { MetaDescriptor } from '@remix-run/node'

import { imageUrl, scaledHeight, variantWidths, type StoredImage } from './images'
import { CARD_HEIGHT, CARD_WIDTH, cardAlt, cardPath, siteCard, type CardContent, type CardSection } from './social-card'

// One helper builds every page's meta: title, description, canonical URL, Open Graph, Twitter card
// and JSON-LD. It tolerates missing data (error pages, settings not saved yet).

export type SiteMeta = { siteName: string; publicUrl: string; tagline: string; chatTimeZone: string }

/** og:image and twitter:image: an absolute URL, its size, and what it shows in words. */
export type SeoImage = { url: string; width: number; height: number; alt: string }

const absolute = (site: SiteMeta | undefined, path: string) => (site ? `${site.publicUrl}${path}` : path)

/** A social card drawn by the server (app/routes/cards.$.tsx): the site's own, or an item's. */
function cardImage(site: SiteMeta | undefined, content: CardContent, item?: { section: CardSection; slug: string }): SeoImage {
  return { url: absolute(site, cardPath(content, item)), width: CARD_WIDTH, height: CARD_HEIGHT, alt: cardAlt(content) }
}

/**
 * An item page's social image: its featured image, else its own card. A draft's preview has no
 * card (the card's address answers only for published items): the site's card stands in.
 */
export function itemImage(
  site: SiteMeta | undefined,
  item: { section: CardSection; slug: string; featuredImage?: { image: StoredImage; alt: string } | null; preview?: unknown },
  card: (site: SiteMeta) => CardContent
): SeoImage | undefined {
  if (item.featuredImage) return featuredImage(site, item.featuredImage)
  if (!site || item.preview) return undefined
  return cardImage(site, card(site), item)
}

/**
 * An item's featured image as its social image: the widest variant up to 1600 px, in the
 * original's format (link previews read JPEG, PNG, GIF and WebP, not AVIF).
 */
export function featuredImage(site: SiteMeta | undefined, featured: { image: StoredImage; alt: string }): SeoImage {
  const { image, alt } = featured
  const width = variantWidths(image.width).at(-1) ?? image.width
  return { url: absolute(site, imageUrl(image, width, image.extension)), width, height: scaledHeight(image, width), alt }
}

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
  /** The page's social image; the site's card when not given. */
  image?: SeoImage
}

export function seo({ site, path, title, description, type = 'website', publishedTime, author, jsonLd, noindex = false, image }: SeoInput): MetaDescriptor[] {
  const siteName = site?.siteName ?? 'The Monday Health Chat'
  const fullTitle = title ? `${title} · ${siteName}` : siteName
  const summary = (description ?? site?.tagline ?? '').slice(0, 300)
  const url = absolute(site, path)
  const social = image ?? (site ? cardImage(site, siteCard(site)) : undefined)
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
    // A wide image is shown wide; without one, the summary's small square.
    { name: 'twitter:card', content: social ? 'summary_large_image' : 'summary' },
    { name: 'twitter:title', content: title ?? siteName },
    { name: 'twitter:description', content: summary },
  ]
  if (social) {
    meta.push(
      { property: 'og:image', content: social.url },
      { property: 'og:image:width', content: String(social.width) },
      { property: 'og:image:height', content: String(social.height) },
      { property: 'og:image:alt', content: social.alt },
      { name: 'twitter:image', content: social.url },
      { name: 'twitter:image:alt', content: social.alt }
    )
  }
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
