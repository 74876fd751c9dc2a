import type { LoaderFunctionArgs } from '@remix-run/node'

import { cardAt } from '../features/social-cards/cards.server'

// GET /cards/site.<version>.png and /cards/<section>/<slug>.<version>.png: the social card a
// page names in og:image (app/domain/social-card.ts). Cached like a page, and purged with it.
export async function loader({ params }: LoaderFunctionArgs) {
  const card = await cardAt(params['*'] ?? '')
  if (!card) return new Response('No such card.\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  if ('moved' in card) return new Response(null, { status: 302, headers: { Location: card.moved } })
  return new Response(new Uint8Array(card.png), {
    headers: {
      'Content-Type': 'image/png',
      // Link previews may show the card from this origin inside another site's page.
      'Cross-Origin-Resource-Policy': 'cross-origin',
    },
  })
}
