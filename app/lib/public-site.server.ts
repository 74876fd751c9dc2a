import path from 'node:path'
import { pathToFileURL } from 'node:url'

import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import express from 'express'

// Serves the Remix build on Keystone's Express app, so the site, the Admin UI and GraphQL share
// one origin. Paths Keystone owns are passed through untouched.

const KEYSTONE_PATHS = ['/admin', '/api/graphql']

function isKeystonePath(urlPath: string) {
  return KEYSTONE_PATHS.some(prefix => urlPath === prefix || urlPath.startsWith(`${prefix}/`))
}

export async function mountPublicSite(app: express.Express, buildDirectory = path.resolve('build')) {
  const serverBuildUrl = pathToFileURL(path.join(buildDirectory, 'server', 'index.js')).href
  const build = (await import(serverBuildUrl)) as ServerBuild
  const handleRequest = createRequestHandler({
    build,
    mode: process.env.NODE_ENV,
    // Comment rate limits are per client address (behind a proxy, set Express's "trust proxy").
    getLoadContext: req => ({ clientIp: req.ip ?? req.socket.remoteAddress ?? 'unknown' }),
  })

  // Vite fingerprints everything under /assets, so browsers may keep those forever.
  app.use(
    '/assets',
    express.static(path.join(buildDirectory, 'client', 'assets'), { immutable: true, maxAge: '1y' })
  )
  app.use(express.static(path.join(buildDirectory, 'client'), { maxAge: '1h', index: false }))

  app.use((req, res, next) => {
    if (isKeystonePath(req.path)) return next()
    return handleRequest(req, res, next)
  })
}
