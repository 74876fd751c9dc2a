/** XML and text answers for feeds, the sitemap and robots.txt, cacheable by proxies for a few minutes. */
export function textResponse(body: string, contentType: string) {
  return new Response(body, {
    headers: {
      'Content-Type': `${contentType}; charset=utf-8`,
      'Cache-Control': 'public, max-age=300, s-maxage=600, stale-while-revalidate=3600',
    },
  })
}
