import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { test } from 'node:test'

import { pageContentSecurityPolicy } from './security-headers.server'

const BASE = "default-src 'self';script-src 'self';object-src 'none'"
const hashOf = (script: string) => `'sha256-${createHash('sha256').update(script).digest('base64')}'`

const page = (content: string, remix: string) =>
  `<html><body><main>${content}<footer>disclaimer</footer></main><footer>site</footer>${remix}</body></html>`

test("Remix's inline scripts after the site footer are allowed by hash", () => {
  const remix = 'window.__remixContext = {};'
  const policy = pageContentSecurityPolicy(page('<p>post</p>', `<script>${remix}</script>`), BASE)
  assert.match(policy, new RegExp(`script-src 'self' ${hashOf(remix).replace(/[+/=]/g, '\\$&')};`))
})

test('an inline script inside the content is never allowed, even if sanitising failed', () => {
  const injected = 'alert(document.cookie)'
  const policy = pageContentSecurityPolicy(page(`<script>${injected}</script>`, '<script>window.__remixContext = {};</script>'), BASE)
  assert.ok(!policy.includes(hashOf(injected)), policy)
})

test('a page without the site footer allows no inline script at all', () => {
  assert.equal(pageContentSecurityPolicy('<html><body><script>alert(1)</script></body></html>', BASE), BASE)
})
