import path from 'node:path'

import { launchBrowser, openPage } from '../tests/support/browser'
import { startServer } from '../tests/support/server'

// npm run screenshots: the seeded demo site's key pages at desktop and phone widths, for the README.

const PAGES = {
  home: '/',
  post: '/posts/recap-answering-patients-in-public',
  interview: '/interviews/why-a-weekly-chat-a-conversation-with-one-of-our-hosts',
  topic: '/topics/measuring-what-matters',
  archive: '/archives/answering-patients-in-public',
}

const server = await startServer()
const browser = await launchBrowser()
try {
  for (const width of [1280, 375]) {
    for (const [name, pagePath] of Object.entries(PAGES)) {
      const { page } = await openPage(browser, server.baseUrl, { width })
      await page.goto(pagePath, { waitUntil: 'networkidle' })
      const file = path.join('docs', 'screenshots', `${name}-${width}.png`)
      await page.screenshot({ path: file, fullPage: true })
      console.log(`Wrote ${file}`)
      await page.context().close()
    }
  }
} finally {
  await browser.close()
  await server.stop()
}
