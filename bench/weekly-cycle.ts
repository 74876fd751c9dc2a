import fs from 'node:fs'

import type { Locator, Page } from 'playwright-core'

import { launchBrowser, openPage } from '../tests/support/browser'
import { startFakeXApi } from '../tests/support/fake-x-api'
import { graphql } from '../tests/support/graphql'
import { startServer } from '../tests/support/server'
import { adminSession, newUserSession } from '../tests/support/session'
import { syntheticChat } from '../tests/support/synthetic-chat'

// The editors' week, timed and counted in Chromium on the production build: announce the next
// topic and post it to X, archive the chat that ended, write its recap with two question embeds,
// publish it, and approve three comments. Every click and key press the editor makes is counted;
// typing a field counts once. The local fake X API answers for X. Run: npm run bench:desk.

const HOUR = 60 * 60 * 1000
const chat = syntheticChat({ posts: 120, seed: 21, start: new Date(Math.floor((Date.now() - 5 * HOUR) / 60_000) * 60_000) })

type Step = { step: string; actions: number; typed: number; seconds: number }

class Editor {
  actions = 0
  typed = 0
  constructor(readonly page: Page) {}
  async click(target: Locator) {
    this.actions++
    await target.click()
  }
  async press(key: string) {
    this.actions++
    await this.page.keyboard.press(key)
  }
  async fill(target: Locator, text: string) {
    this.actions++
    this.typed++
    await target.fill(text)
  }
  async type(text: string) {
    this.typed++
    await this.page.keyboard.type(text)
  }
}

async function main() {
  const api = await startFakeXApi({ pages: chat.pages, users: chat.users })
  const server = await startServer({ env: api.env })
  const browser = await launchBrowser()
  try {
    const { cookie: admin } = await adminSession(server)
    // The week as it stands on a Monday afternoon: the chat is over, next week has no topic yet,
    // three readers' comments wait.
    const { data: seeded } = await graphql(server, '{ topicAnnouncements(where: { chatStart: { gt: "' + new Date().toISOString() + '" } }) { id } posts(where: { kind: { equals: "recap" } }, take: 1) { id } }', { cookie: admin })
    for (const topic of seeded.topicAnnouncements) await graphql(server, 'mutation ($id: ID!) { deleteTopicAnnouncement(where: { id: $id }) { id } }', { cookie: admin, variables: { id: topic.id } })
    await graphql(server, 'mutation ($start: DateTime!) { createTopicAnnouncement(data: { title: "Handovers that work", hashtag: "#mondayhealthchat", chatStart: $start, durationMinutes: 60, status: "published", host: "Monday Health Chat (@mhc_host)" }) { id } }', {
      cookie: admin,
      variables: { start: chat.start.toISOString() },
    })
    for (const name of ['Alex', 'Bea', 'Chidi']) {
      await graphql(server, 'mutation ($name: String!, $post: ID!) { createComment(data: { authorName: $name, body: "Thank you for this.", post: { connect: { id: $post } } }) { id } }', {
        cookie: admin,
        variables: { name, post: seeded.posts[0].id },
      })
    }

    const { cookie } = await newUserSession(server, 'editor')
    const { page } = await openPage(browser, server.baseUrl, { sessionCookie: cookie })
    const editor = new Editor(page)
    const steps: Step[] = []
    const step = async (name: string, run: () => Promise<void>) => {
      const [actions, typed, started] = [editor.actions, editor.typed, performance.now()]
      await run()
      steps.push({ step: name, actions: editor.actions - actions, typed: editor.typed - typed, seconds: Number(((performance.now() - started) / 1000).toFixed(1)) })
    }
    const thisWeek = async () => {
      await editor.click(page.getByRole('navigation').getByRole('link', { name: 'This week' }))
      await page.getByRole('heading', { name: /^Next chat/ }).waitFor()
    }

    await page.goto('/admin', { waitUntil: 'networkidle' })
    await page.getByRole('heading', { name: /^Next chat/ }).waitFor()
    const started = performance.now()

    await step('announce the next topic and post it to X', async () => {
      await editor.click(page.getByRole('link', { name: 'Announce next week’s topic' }))
      await editor.fill(page.getByRole('textbox', { name: /^Topic/ }), 'Rotas people can live with')
      await editor.fill(page.getByLabel('Planned questions'), 'What makes a rota fair?\nWho should swap shifts, and how?\nWhat would you change first?')
      await editor.click(page.getByRole('radio', { name: 'Published', exact: true }))
      await editor.click(page.getByRole('button', { name: 'Create', exact: true }))
      await page.waitForURL(/\/admin\/topic-announcements\/[a-z0-9]+$/)
      await thisWeek()
      await editor.click(page.getByRole('button', { name: 'Post to X' }))
      await page.getByRole('link', { name: 'See the post on X' }).waitFor()
    })

    await step('archive the chat that ended', async () => {
      await editor.click(page.getByRole('button', { name: 'Archive this chat from X' }))
      await page.getByText(/\d+ posts from \d+ contributors/).waitFor({ timeout: 120_000 })
    })

    await step('write the recap with two question embeds', async () => {
      await editor.click(page.getByRole('button', { name: 'Draft the recap' }))
      await page.waitForURL(/\/admin\/posts\/[a-z0-9]+$/)
      await editor.click(page.getByRole('textbox', { name: 'Body' }))
      await editor.type('Forty people joined us to talk about handovers.\n\n')
      for (const question of ['Q1', 'Q2']) {
        await editor.click(page.getByRole('button', { name: 'Insert chat…' }))
        const dialog = page.getByRole('dialog', { name: 'Insert chat' })
        await editor.fill(dialog.getByRole('searchbox', { name: 'Search archives' }), 'handovers')
        await editor.click(dialog.getByRole('radio', { name: /^Handovers that work/ }))
        await editor.click(dialog.getByRole('radio', { name: 'One question' }))
        await editor.click(dialog.getByRole('radio', { name: new RegExp(`^${question} `) }))
        await editor.click(dialog.getByRole('button', { name: 'Insert', exact: true }))
        await dialog.waitFor({ state: 'detached' })
      }
    })

    await step('publish the recap', async () => {
      await editor.click(page.getByRole('radio', { name: 'Published', exact: true }))
      const saved = page.waitForResponse(response => response.url().endsWith('/api/graphql') && response.request().postData()?.includes('updatePost') === true)
      await editor.click(page.getByRole('button', { name: 'Save', exact: true }))
      await saved
    })

    await step('approve three comments', async () => {
      await editor.click(page.getByRole('navigation').getByRole('link', { name: /^Comments/ }))
      await editor.click(page.getByRole('checkbox', { name: 'Select all' }))
      await editor.click(page.getByRole('button', { name: 'Approve', exact: true }))
      await page.getByText('3 comments approved').waitFor()
    })

    const total = { step: 'the whole week', actions: editor.actions, typed: editor.typed, seconds: Number(((performance.now() - started) / 1000).toFixed(1)) }
    const recap = await fetch(new URL('/posts/recap-handovers-that-work', server.baseUrl))
    if (recap.status !== 200) throw new Error(`The recap is not on the site (${recap.status})`)
    console.table([...steps, total])
    fs.mkdirSync('bench/results', { recursive: true })
    fs.writeFileSync('bench/results/weekly-cycle.json', `${JSON.stringify({ measuredAt: new Date().toISOString(), steps, total }, null, 2)}\n`)
  } finally {
    await browser.close()
    await server.stop()
    await api.stop()
  }
}

await main()
