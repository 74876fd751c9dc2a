import { vitePlugin as remix } from '@remix-run/dev'
import { defineConfig } from 'vite'

declare module '@remix-run/node' {
  // Loader types follow single fetch: `data()` with headers, and plain objects, type as returned.
  interface Future {
    v3_singleFetch: true
  }
}

export default defineConfig({
  plugins: [
    remix({
      ignoredRouteFiles: ['**/*.server.*', '**/*.test.*', '**/.*'],
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
  ],
  build: { target: 'es2022' },
  // Keystone and Prisma stay Node packages loaded at run time, never bundled into the site.
  ssr: { external: ['@keystone-6/core', '@prisma/client', 'better-sqlite3', '@prisma/adapter-better-sqlite3'] },
})
