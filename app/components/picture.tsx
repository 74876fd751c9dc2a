import { ARTICLE_IMAGE_SIZES, imageSources, scaledHeight, type StoredImage } from '../domain/images'

/**
 * One of the site's stored images, in the newest format the browser takes and at the width the
 * layout needs (`sizes`). Width and height hold its space before it arrives, so nothing below
 * moves. Images below the fold wait until the reader scrolls near them; the one that opens a page
 * (`priority`) is fetched first.
 */
export function Picture({
  image,
  alt,
  sizes,
  priority = false,
  displayWidth,
  className,
}: {
  image: StoredImage
  alt: string
  /** How wide it is drawn, for example "(min-width: 48rem) 44rem, 100vw". */
  sizes: string
  priority?: boolean
  /** The width attribute, when the layout draws it at a fixed size (a portrait); by default its own. */
  displayWidth?: number
  className?: string
}) {
  const { sources, fallback } = imageSources(image)
  const width = displayWidth ?? image.width
  return (
    <picture className={className}>
      {sources.map(source => (
        <source key={source.type} type={source.type} srcSet={source.srcSet} sizes={sizes} />
      ))}
      <img
        src={fallback.src}
        srcSet={fallback.srcSet}
        sizes={sizes}
        alt={alt}
        width={width}
        height={scaledHeight(image, width)}
        loading={priority ? 'eager' : 'lazy'}
        decoding={priority ? 'auto' : 'async'}
        {...(priority ? { fetchPriority: 'high' as const } : {})}
      />
    </picture>
  )
}

/** The image that opens a post, interview or topic: the column's width, fetched first (it is above the fold). */
export function FeaturedImage({ featured }: { featured: { image: StoredImage; alt: string } | null }) {
  if (!featured) return null
  return <Picture image={featured.image} alt={featured.alt} sizes={ARTICLE_IMAGE_SIZES} priority className="featured-image" />
}
