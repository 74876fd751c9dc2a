import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'

// Debian's Chromium, headless, driven by playwright-core. Every page it opens records what a
// reader should never meet: console errors, uncaught exceptions, and requests to another origin.

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

export type RecordedPage = {
  page: Page
  context: BrowserContext
  /** Console messages of type "error", as Chromium printed them. */
  consoleErrors: string[]
  /** Uncaught exceptions in the page. */
  pageErrors: string[]
  /** Every http(s) request whose origin is not the server's. */
  foreignRequests: string[]
  close(): Promise<void>
}

export type TestBrowser = {
  browser: Browser
  /** A fresh, isolated browser context (no cookies shared) with one recorded page. */
  newPage(): Promise<RecordedPage>
  close(): Promise<void>
}

export async function launchBrowser(baseUrl: string): Promise<TestBrowser> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS })
  const origin = new URL(baseUrl).origin

  async function newPage(): Promise<RecordedPage> {
    const context = await browser.newContext({
      baseURL: baseUrl,
      viewport: { width: 1280, height: 900 },
      locale: 'en-GB',
      timezoneId: 'Europe/London',
    })
    // Well under the test runner's patience, so a missing element fails with Playwright's own message.
    context.setDefaultTimeout(15_000)
    const page = await context.newPage()
    const recorded: RecordedPage = {
      page,
      context,
      consoleErrors: [],
      pageErrors: [],
      foreignRequests: [],
      close: () => context.close(),
    }
    page.on('console', message => {
      if (message.type() === 'error') recorded.consoleErrors.push(message.text())
    })
    page.on('pageerror', error => recorded.pageErrors.push(error.stack ?? String(error)))
    // On the context, not the page, so service workers and popups are watched too.
    context.on('request', request => {
      const url = request.url()
      if (!/^https?:/.test(url)) return // data:, blob:, about: never leave the machine
      if (new URL(url).origin !== origin) recorded.foreignRequests.push(`${request.method()} ${url}`)
    })
    return recorded
  }

  return { browser, newPage, close: () => browser.close() }
}

/** Closes the browser if it was launched; safe to call from an `after` hook whose `before` failed. */
export async function closeBrowser(testBrowser: TestBrowser | undefined) {
  await testBrowser?.close()
}
