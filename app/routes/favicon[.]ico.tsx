// Browsers ask for /favicon.ico on pages that name no icon (the Admin UI's): point them at ours.
export function loader() {
  return new Response(null, { status: 301, headers: { Location: '/favicon.svg' } })
}
