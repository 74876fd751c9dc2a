/** XML and text answers for feeds, the sitemap and robots.txt (cached like pages, by public-site.server.ts). */
export function textResponse(body: string, contentType: string) {
  return new Response(body, { headers: { 'Content-Type': `${contentType}; charset=utf-8` } })
}
