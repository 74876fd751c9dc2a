import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import type { RequestHandler } from 'express'
import helmet from 'helmet'

import { env } from './env.server'

// The headers every response carries. Public pages allow no inline script except Remix's own,
// named by hash: a hash, unlike a nonce, is the same for every reader, so pages stay cacheable.
// The Admin UI (Keystone's Next.js app) is built ahead of time: its inline scripts are read from
// the build and named by hash too. It needs inline styles (Emotion) but nothing from other
// origins: its request for Google Fonts is refused here, and it falls back to system fonts.

const common = {
  defaultSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: env.publicUrl.startsWith('https://') ? [] : null,
}

const hsts = env.HSTS_MAX_AGE > 0 ? { maxAge: env.HSTS_MAX_AGE, includeSubDomains: true } : false

const headersWith = (directives: Record<string, string[] | null>) =>
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { ...common, ...directives } },
    strictTransportSecurity: hsts,
    // Same-origin requests keep their referrer (and browsers send Origin on form posts, which
    // the comment form's forgery check reads); other sites learn nothing of what was read.
    referrerPolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
  })

const INLINE_SCRIPT = /<script(?![^>]*\ssrc=)([^>]*)>([\s\S]*?)<\/script>/gi
const DATA_BLOCK = /\stype=["']?application\/(ld\+)?json/i

/** SHA-256 sources for the inline scripts a browser would run (JSON data blocks are not run). */
function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>()
  for (const [, attributes, script] of html.matchAll(INLINE_SCRIPT)) {
    if (script.trim() && !DATA_BLOCK.test(attributes)) hashes.add(`'sha256-${createHash('sha256').update(script).digest('base64')}'`)
  }
  return [...hashes]
}

function adminBuildScriptHashes(pagesDirectory = path.resolve('.keystone', 'admin', '.next', 'server', 'pages')): string[] {
  const files = fs.existsSync(pagesDirectory) ? fs.readdirSync(pagesDirectory, { recursive: true, encoding: 'utf8' }) : []
  return [...new Set(files.filter(file => file.endsWith('.html')).flatMap(file => inlineScriptHashes(fs.readFileSync(path.join(pagesDirectory, file), 'utf8'))))]
}

const publicHeaders = headersWith({ scriptSrc: ["'self'"], styleSrc: ["'self'"] })
const adminHeaders = headersWith({ scriptSrc: ["'self'", ...adminBuildScriptHashes()], styleSrc: ["'self'", "'unsafe-inline'"] })

export const securityHeaders: RequestHandler = (req, res, next) => {
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()')
  return (req.path === '/admin' || req.path.startsWith('/admin/') ? adminHeaders : publicHeaders)(req, res, next)
}

/**
 * The policy for one rendered page: Remix's inline scripts, by SHA-256, and no others. root.tsx
 * renders them, and nothing else, after the site footer; a script anywhere before it came from
 * content and must stay inert even if sanitising ever failed.
 */
export function pageContentSecurityPolicy(html: string, basePolicy: string) {
  const footerEnd = html.lastIndexOf('</footer>')
  const remixScripts = footerEnd === -1 ? '' : html.slice(footerEnd)
  return basePolicy.replace(/script-src 'self'/, ["script-src 'self'", ...inlineScriptHashes(remixScripts)].join(' '))
}
