import fs from 'node:fs'
import { createRequire } from 'node:module'

import { chromium, type Browser, type Page } from 'playwright-core'

// Debian's Chromium driven by playwright-core. Each page records what a reader would never want:
// console errors, uncaught exceptions, and requests to any origin but the site's own.

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

export type WatchedPage = {
  page: Page
  consoleErrors: string[]
  foreignRequests: string[]
  /** "404 http://…" for every response with an error status. */
  failedResponses: string[]
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS })
}

export async function openPage(
  browser: Browser,
  baseUrl: string,
  {
    javaScript = true,
    width = 1280,
    locale = 'en-GB',
    timezoneId = 'Europe/London',
    sessionCookie,
  }: {
    javaScript?: boolean
    width?: number
    locale?: string
    timezoneId?: string
    /** `keystonejs-session=…` (tests/support/session.ts): the page starts signed in. */
    sessionCookie?: string
  } = {}
): Promise<WatchedPage> {
  // A reader in the UK unless a test says otherwise: their language and clock shape every date.
  const context = await browser.newContext({ javaScriptEnabled: javaScript, viewport: { width, height: 900 }, baseURL: baseUrl, locale, timezoneId })
  if (sessionCookie) {
    const [name, value] = [sessionCookie.slice(0, sessionCookie.indexOf('=')), sessionCookie.slice(sessionCookie.indexOf('=') + 1)]
    await context.addCookies([{ name, value, url: baseUrl, httpOnly: true, sameSite: 'Lax' }])
  }
  const page = await context.newPage()
  const watched: WatchedPage = { page, consoleErrors: [], foreignRequests: [], failedResponses: [] }
  const origin = new URL(baseUrl).origin
  page.on('console', message => {
    if (message.type() === 'error') watched.consoleErrors.push(message.text())
  })
  page.on('pageerror', error => watched.consoleErrors.push(String(error)))
  page.on('response', response => {
    if (response.status() >= 400) watched.failedResponses.push(`${response.status()} ${response.url()}`)
  })
  page.on('request', request => {
    const url = new URL(request.url())
    if (url.protocol.startsWith('http') && url.origin !== origin) watched.foreignRequests.push(request.url())
  })
  return watched
}

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

/**
 * WCAG 2.2 AA violations rated serious or critical by axe-core, as "rule: target" lines; within
 * `include` (a CSS selector) when given, for a desk page inside the Admin UI's own frame.
 */
export async function seriousAccessibilityViolations(page: Page, { include }: { include?: string } = {}): Promise<string[]> {
  await animationsSettled(page)
  // Evaluated through the DevTools protocol: the page's Content-Security-Policy refuses injected <script> tags.
  await page.evaluate(fs.readFileSync(axeSource, 'utf8'))
  const results = await page.evaluate(async include => {
    type Check = { data?: unknown }
    type Violation = { id: string; impact: string; nodes: { target: string[]; any: Check[]; all: Check[]; none: Check[] }[] }
    const axe = (window as unknown as { axe: { run(context: Document | { include: string[] }, options: object): Promise<{ violations: Violation[] }> } }).axe
    return axe.run(include ? { include: [include] } : document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
  }, include)
  return results.violations
    .filter(violation => violation.impact === 'serious' || violation.impact === 'critical')
    .map(violation => `${violation.id}: ${violation.nodes.map(node => `${node.target.join(' ')}${measured([...node.any, ...node.all, ...node.none])}`).join(', ')}`)
}

/**
 * Resolves once the page has painted its last change and no finite animation or CSS transition is
 * running. Colours measured mid-transition are neither the old nor the new ones: Keystar's buttons
 * fade their background for 130 ms when they become enabled, and axe read the Insert button's white
 * text on a half-faded accent whenever the check happened to land inside that window.
 */
async function animationsSettled(page: Page) {
  // No named functions inside: tsx would wrap them in a helper (__name) that the page does not have.
  await page.evaluate(async () => {
    for (;;) {
      // Two frames: React's commit, then the style change that starts a transition.
      for (let frames = 0; frames < 2; frames++) await new Promise(resolve => requestAnimationFrame(resolve))
      const running = document.getAnimations().filter(animation => animation.playState === 'running' && animation.effect?.getComputedTiming().iterations !== Infinity)
      if (running.length === 0) return
      await Promise.all(running.map(animation => animation.finished.catch(() => undefined)))
    }
  })
}

/** What axe measured for a node, so a failure says it: the colours and ratio of a contrast check. */
function measured(checks: { data?: unknown }[]): string {
  for (const { data } of checks) {
    if (data && typeof data === 'object' && 'contrastRatio' in data) {
      const { fgColor, bgColor, contrastRatio, expectedContrastRatio } = data as Record<string, unknown>
      return ` (text ${String(fgColor)} on ${String(bgColor)}: ${String(contrastRatio)}, needs ${String(expectedContrastRatio)})`
    }
  }
  return ''
}
