import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { promisify } from 'node:util'

import type { BrowserContext, Page } from 'playwright-core'

import { adminGraphql } from '../support/graphql'
import { useServerAndBrowser } from '../support/server'

// Hostile input through every path that reaches a page, loaded in Chromium. The corpus
// (tests/fixtures/xss-vectors.txt) goes into Markdown fields, plain-text fields, an imported chat,
// comments, site settings, tags and search queries; each resulting page is loaded with hooks that
// record any dialog, any call of alert/confirm/prompt/print and any document.title written by a
// vector. The Content-Security-Policy may block an attempt, so the test does not rely on it: the
// DOM of every page is also searched for what would run without it (event handler attributes,
// script URLs, foreign scripts, frames, base, meta refresh). The figure must be zero.

const CORPUS = path.join(import.meta.dirname, '..', 'fixtures', 'xss-vectors.txt')

function readCorpus(): string[] {
  return fs
    .readFileSync(CORPUS, 'utf8')
    .split('\n')
    .filter(line => line.trim() && !line.startsWith('%%'))
    .map(line =>
      line.replace(/\\(n|t|\\|u([0-9A-Fa-f]{4}))/g, (_, escape: string, hex?: string) =>
        hex ? String.fromCodePoint(parseInt(hex, 16)) : escape === 'n' ? '\n' : escape === 't' ? '\t' : '\\'
      )
    )
}

const VECTORS = readCorpus()
const GROUP = 10
const GROUPS = Array.from({ length: Math.ceil(VECTORS.length / GROUP) }, (_, g) => VECTORS.slice(g * GROUP, (g + 1) * GROUP))
const joined = (group: string[]) => group.join(' ')
const asMarkdown = (group: string[]) => group.join('\n\n')
/** Text as a reader compares it: whitespace runs (and a BOM) count as one space. */
const normalise = (text: string) => text.replace(/[\s\uFEFF]+/g, ' ').trim()
// XML 1.0 cannot carry control characters at all, so feeds drop them.
const XML_INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu
const normaliseForXml = (text: string) => normalise(text.replace(XML_INVALID, ''))

// The imported chat: the host asks three questions, then every vector is a post of its own by a
// participant whose name and handle are that vector; a second post per vector carries a t.co link
// whose expanded address is the vector, and a photo described by it.
const HASHTAG = 'xsschat'
const START = '2026-12-07T12:00:00.000Z'
const CHAT_IDS = { host: '1950000000000000001' }
function hostileChatPage() {
  const at = (n: number) => new Date(Date.parse(START) + n * 1000).toISOString()
  const tagged = { hashtags: [{ start: 0, end: 0, tag: HASHTAG }] }
  const users = [{ id: '8000', username: 'xss_host', name: 'XSS host' }]
  const posts: object[] = []
  const media: object[] = []
  for (let q = 1; q <= 3; q++) {
    posts.push({ id: String(1950000000000000000n + BigInt(q)), text: `Q${q} ${VECTORS[q - 1]}`, author_id: '8000', created_at: at(q), entities: tagged })
  }
  VECTORS.forEach((vector, index) => {
    const userId = String(8001 + index)
    users.push({ id: userId, username: vector, name: vector })
    const id = 1950000000000001000n + BigInt(index * 2)
    posts.push({
      id: String(id),
      text: vector,
      author_id: userId,
      created_at: at(10 + index),
      entities: tagged,
      // Every other post answers the first question, so the archive page shows them too.
      ...(index % 2 === 0 ? { referenced_tweets: [{ type: 'replied_to', id: CHAT_IDS.host }], conversation_id: CHAT_IDS.host } : {}),
    })
    const link = `https://t.co/x${index}`
    const address = hostileAddress(vector)
    posts.push({
      id: String(id + 1n),
      text: `A1 see ${link}`,
      author_id: userId,
      created_at: at(10 + index),
      entities: { ...tagged, urls: [{ start: 7, end: 7 + link.length, url: link, expanded_url: address, display_url: address }] },
      attachments: { media_keys: [`m${index}`] },
    })
    media.push({ media_key: `m${index}`, type: 'photo', url: vector, alt_text: vector })
  })
  return { data: posts.reverse(), includes: { users, media }, meta: { result_count: posts.length } }
}

/** The address a vector smuggles (an attribute's value or a Markdown link's target), else the vector itself. */
function hostileAddress(vector: string): string {
  const match =
    /\b(?:href|src|action|formaction|data)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(vector) ??
    /\]\(\s*<?([^)>\s]+)/.exec(vector) ??
    /^<([a-z]+:[^>]+)>$/i.exec(vector)
  return match?.slice(1).find(part => part !== undefined) ?? vector
}

async function importHostileChat(databaseFile: string) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xss-chat-')), 'page.json')
  fs.writeFileSync(file, JSON.stringify(hostileChatPage()))
  const end = new Date(Date.parse(START) + 3600_000).toISOString()
  await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'scripts/import.ts', '--hashtag', HASHTAG, '--start', START, '--end', end, '--slug', 'xss', '--host', 'xss_host', '--title', joined(GROUPS[0]), file],
    { env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', DATABASE_URL: `file:${databaseFile}`, SESSION_SECRET: 'x'.repeat(40) } }
  )
  fs.rmSync(path.dirname(file), { recursive: true, force: true })
}

const e2e = useServerAndBrowser({ prepare: importHostileChat })

const signedInGraphql = () => adminGraphql(e2e.server)

// ── What is looked for on every page ─────────────────────────────────────────────────────────

// Installed before any page script, in every frame: any call of a recorder or a title written by
// a vector reaches the test through a binding (frames from srcdoc or data: URLs included).
function recorderScript() {
  const record = (what: string) => {
    try {
      ;(window as unknown as { __xssRecord(what: string): void }).__xssRecord(`${what} at ${location.href}`)
    } catch {
      /* the binding is missing only in frames the test never sees */
    }
  }
  for (const name of ['alert', 'confirm', 'prompt', 'print'] as const) {
    ;(window as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => record(`${name}(${args.map(String).join(', ')})`)
  }
  const title = Object.getOwnPropertyDescriptor(Document.prototype, 'title')!
  Object.defineProperty(Document.prototype, 'title', {
    configurable: true,
    get: title.get,
    set(value: string) {
      if (/xss/i.test(String(value))) record(`document.title = ${value}`)
      title.set!.call(this, value)
    },
  })
  // A blocked image or font is only a resource refused; anything else is an attempt to run or load code.
  document.addEventListener('securitypolicyviolation', event => {
    if (!/^(img|media|font|connect)-src$/.test(event.effectiveDirective)) record(`CSP blocked ${event.effectiveDirective} ${event.blockedURI || 'inline'} (${event.sample})`)
  })
}

/** Runs in the page: what in the DOM would run script if nothing else stopped it. */
function unsafeMarkup(): string[] {
  const found: string[] = []
  const describe = (element: Element) => element.outerHTML.slice(0, 160)
  const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'background', 'poster', 'codebase', 'cite', 'dynsrc', 'lowsrc', 'ping', 'manifest', 'icon'])
  // The scheme as the browser itself resolves the address (what it strips and what it keeps).
  const scheme = (value: string) => {
    try {
      return new URL(value, document.baseURI).protocol
    } catch {
      return ''
    }
  }
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase()
      if (name.startsWith('on')) found.push(`event handler ${name}: ${describe(element)}`)
      if ((URL_ATTRIBUTES.has(name) || name.endsWith(':href')) && /^(javascript|vbscript|livescript|data):$/.test(scheme(attribute.value))) {
        found.push(`script URL in ${name}: ${describe(element)}`)
      }
      if (name === 'srcdoc') found.push(`srcdoc: ${describe(element)}`)
      if (name === 'style' && /expression\s*\(|javascript:|behavior\s*:|url\s*\(/i.test(attribute.value)) found.push(`style: ${describe(element)}`)
    }
  }
  for (const element of document.querySelectorAll('iframe, frame, frameset, object, embed, applet, base, portal, meta[http-equiv], svg animate, svg set, svg script, svg foreignObject, svg use, math [href]')) {
    found.push(`element: ${describe(element)}`)
  }
  for (const element of document.querySelectorAll('body style, body link, template')) found.push(`element: ${describe(element)}`)
  for (const form of document.querySelectorAll('form')) {
    if (location.protocol === 'about:' || new URL(form.action, location.href).origin !== location.origin) found.push(`form elsewhere: ${describe(form)}`)
  }
  // The app's own scripts: Remix's module scripts from /assets/, its inline hydration data at the
  // end of the body, and JSON-LD data blocks in the head. Anything else was injected.
  for (const script of document.querySelectorAll('script')) {
    const type = (script.getAttribute('type') ?? '').toLowerCase()
    const inMain = Boolean(script.closest('main, header, footer, nav, article, aside'))
    const ownFile = script.src && new URL(script.src).origin === location.origin && new URL(script.src).pathname.startsWith('/assets/')
    const dataBlock = type === 'application/ld+json' && script.parentElement === document.head
    const ownInline =
      !script.src && script.parentElement === document.body && /^\s*;?\s*(window\.__remix|import\b|\(\(STORAGE_KEY, restoreKey\))/.test(script.textContent ?? '')
    if (inMain || !(ownFile || dataBlock || ownInline)) found.push(`script: ${describe(script)}`)
  }
  return found
}

type Finding = { where: string; what: string }
/** A page to load, and the text each of its regions must show (text-only paths). */
type Visit = { path: string; expect?: [region: string, texts: string[]][] }

/** Loads each path in a small pool of pages, gathering executions, unsafe markup and missing text. */
async function visitAll(context: BrowserContext, visits: Visit[], findings: Finding[], missingText: Finding[]) {
  const queue = [...visits]
  const worker = async () => {
    const page = await context.newPage()
    recordDialogs(page, findings)
    for (let visit = queue.shift(); visit; visit = queue.shift()) {
      const response = await page.goto(visit.path, { waitUntil: 'load' })
      assert.equal(response?.status(), 200, `${visit.path} answers 200`)
      await settle(page)
      for (const what of await page.evaluate(unsafeMarkup)) findings.push({ where: visit.path, what })
      for (const [region, texts] of visit.expect ?? []) {
        const shown = normalise((await page.locator(region).allTextContents()).join(' '))
        for (const text of texts) {
          if (!shown.includes(normalise(text))) missingText.push({ where: `${visit.path} ${region}`, what: JSON.stringify(text) })
        }
      }
    }
    await page.close()
  }
  await Promise.all(Array.from({ length: 4 }, worker))
}

function recordDialogs(page: Page, findings: Finding[]) {
  page.on('dialog', dialog => {
    findings.push({ where: page.url(), what: `dialog ${dialog.type()}: ${dialog.message()}` })
    void dialog.dismiss()
  })
}

/** Two animation frames: autofocus, SVG animation starts and hydration have had their turn. */
const settle = (page: Page) => page.evaluate(() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve))))

/** Search queries of at most 100 characters (longer ones are refused), as many vectors to each as fit. */
function searchQueries(): string[] {
  const queries: string[] = []
  for (const vector of VECTORS) {
    const piece = vector.slice(0, 100)
    const last = queries.at(-1)
    if (last !== undefined && last.length + 1 + piece.length <= 100) queries[queries.length - 1] = `${last} ${piece}`
    else queries.push(piece)
  }
  return queries
}

// ── The test ─────────────────────────────────────────────────────────────────────────────────

test('the XSS corpus runs nowhere: posts, interviews, topics, chats, comments, names, tags, settings, search, feeds', async () => {
  const started = Date.now()
  assert.ok(VECTORS.length >= 100, `at least 100 vectors (${VECTORS.length})`)
  assert.equal(new Set(VECTORS).size, VECTORS.length, 'every vector is distinct')
  const graphql = await signedInGraphql()

  // Slugs are addresses: a hostile one is refused, never stored.
  const refused = await graphql(
    'mutation($data: [PostCreateInput!]!) { createPosts(data: $data) { id } }',
    { data: VECTORS.map((vector, index) => ({ title: `slug ${index}`, slug: vector })) },
    { allowErrors: true }
  )
  assert.equal(refused.errors?.length, VECTORS.length, 'every hostile slug is refused')

  // One item of each kind per group of ten vectors. Fields that hold one vector each (interview
  // questions and answers, comments, chat posts, tags) show every vector on its own, unaffected by
  // its neighbours; the grouped Markdown fields show them as an editor's long document would.
  const { data: tagData } = await graphql<{ createTags: { id: string; slug: string; name: string }[] }>(
    'mutation($data: [TagCreateInput!]!) { createTags(data: $data) { id slug name } }',
    { data: VECTORS.map(name => ({ name })) }
  )
  const { data: userData } = await graphql<{ createUsers: { id: string; slug: string }[] }>(
    'mutation($data: [UserCreateInput!]!) { createUsers(data: $data) { id slug } }',
    { data: GROUPS.map((group, g) => ({ name: joined(group), bio: joined(group), email: `xss.${g}@example.org`, password: 'a long and unusual passphrase 42', role: 'contributor' })) }
  )
  const embeds = `::chat[xss]\n\n::chat[xss#Q1]\n\n::chat[xss/${1950000000000001000n}]`
  const { data: postData } = await graphql<{ createPosts: { id: string; slug: string }[] }>(
    'mutation($data: [PostCreateInput!]!) { createPosts(data: $data) { id slug } }',
    {
      data: GROUPS.map((group, g) => ({
        title: joined(group),
        excerpt: joined(group).slice(0, 400),
        body: `${asMarkdown(group)}\n\n${g === 0 ? embeds : ''}`,
        status: 'published',
        kind: g % 2 ? 'recap' : 'article',
        author: { connect: { id: userData.createUsers[g].id } },
        tags: { connect: tagData.createTags.slice(g * GROUP, (g + 1) * GROUP).map(tag => ({ id: tag.id })) },
      })),
    }
  )
  const { data: interviewData } = await graphql<{ createInterviews: { slug: string }[] }>(
    'mutation($data: [InterviewCreateInput!]!) { createInterviews(data: $data) { slug } }',
    {
      data: GROUPS.map(group => ({
        title: joined(group),
        intervieweeName: joined(group),
        intervieweeRole: joined(group),
        introduction: asMarkdown(group),
        status: 'published',
        questions: { create: group.map((vector, index) => ({ position: index + 1, question: vector, answer: vector })) },
      })),
    }
  )
  const { data: topicData } = await graphql<{ createTopicAnnouncements: { slug: string }[] }>(
    'mutation($data: [TopicAnnouncementCreateInput!]!) { createTopicAnnouncements(data: $data) { slug } }',
    {
      data: GROUPS.map((group, g) => ({
        title: joined(group),
        description: asMarkdown(group),
        questions: group.join('\n'),
        host: joined(group),
        guests: group.join('\n'),
        status: 'published',
        chatStart: new Date(Date.UTC(2031, 0, 6 + 7 * g, 12)).toISOString(),
      })),
    }
  )
  // Comments on every post, approved so they show: each vector as a name (at most 80 characters) and as a body.
  await graphql('mutation($data: [CommentCreateInput!]!) { createComments(data: $data) { id } }', {
    data: VECTORS.map((vector, index) => ({
      authorName: vector.slice(0, 80),
      body: vector,
      status: 'approved',
      post: { connect: { id: postData.createPosts[Math.floor(index / GROUP)].id } },
    })),
  })

  const visits: Visit[] = []
  GROUPS.forEach((group, g) => {
    const tags = tagData.createTags.slice(g * GROUP, (g + 1) * GROUP)
    visits.push({
      path: `/posts/${postData.createPosts[g].slug}`,
      expect: [
        ['main h1', [joined(group)]],
        ['main .comment .chat-author strong', group.map(vector => vector.slice(0, 80))],
        ['main .tags, main footer', tags.map(tag => tag.name)],
        ['main .meta', [joined(group)]],
      ],
    })
    visits.push({ path: `/interviews/${interviewData.createInterviews[g].slug}`, expect: [['main h1', [joined(group)]]] })
    visits.push({ path: `/topics/${topicData.createTopicAnnouncements[g].slug}`, expect: [['main h1', [joined(group)]], ['main .questions', group.flatMap(vector => vector.split('\n')).filter(line => line.trim())], ['main', [`Host: ${joined(group)}`]]] })
    visits.push({ path: `/authors/${userData.createUsers[g].slug}`, expect: [['main h1', [joined(group)]], ['main', [joined(group)]]] })
    // Tag names show on their posts (above); each group's first tag also on its own page.
    visits.push({ path: `/tags/${tags[0].slug}`, expect: [['main h1', [tags[0].name]]] })
  })
  const queries = searchQueries()
  for (const query of queries) visits.push({ path: `/search?q=${encodeURIComponent(query)}`, expect: [['main [role=status]', [query.trim()]]] })
  // The imported chat on its two pages (and embedded in the first post): post text, names, handles,
  // the links' expanded addresses and media descriptions; the transcript shows every vector as text.
  visits.push({ path: '/archives/xss', expect: [['main h1', [joined(GROUPS[0])]]] })
  visits.push({ path: '/archives/xss/transcript', expect: [['.transcript .chat-text', VECTORS], ['.transcript .chat-author strong', VECTORS], ['.transcript .chat-media', VECTORS]] })
  // Lists and search results carry the titles and excerpts.
  for (const list of ['/', '/posts', '/recaps', '/interviews', '/topics', '/archives', '/search?q=script', '/search?q=onerror', '/search?q=javascript', '/posts?page=2', '/interviews?page=2']) {
    visits.push({ path: list })
  }

  const context = await e2e.browser.newContext({ baseURL: e2e.server.baseUrl })
  const findings: Finding[] = []
  const missingText: Finding[] = []
  await context.exposeBinding('__xssRecord', ({ frame }, what: string) => findings.push({ where: frame.url(), what }))
  // tsx names functions with a helper the page lacks; the functions sent to the page need it.
  await context.addInitScript({ content: 'globalThis.__name = (target) => target' })
  await context.addInitScript(recorderScript)
  await visitAll(context, visits, findings, missingText)

  // Site settings show on every page: each group in turn, read on the about page.
  for (const group of GROUPS) {
    await graphql('mutation($data: SiteSettingsUpdateInput!) { updateSiteSettings(data: $data) { id } }', {
      data: { siteName: joined(group), tagline: joined(group), disclaimer: joined(group), about: asMarkdown(group), announcementTemplate: joined(group) },
    })
    await visitAll(context, [{ path: '/about', expect: [['main footer.disclaimer', [joined(group)]], ['body > header, header', [joined(group)]]] }], findings, missingText)
  }

  // Feeds: well-formed XML (Chromium's own XML parser), and their HTML as a feed reader would show
  // it, on a blank page with no policy of the site's: only the content stands between it and a reader.
  const feedPage = await context.newPage()
  recordDialogs(feedPage, findings)
  await feedPage.goto('about:blank')
  const feedHtml: string[] = []
  const feedProblems: string[] = []
  const feeds = ['/rss.xml', '/atom.xml', '/feeds/posts/rss.xml', '/feeds/interviews/atom.xml', '/feeds/topics/rss.xml', '/feeds/archives/atom.xml']
  for (const feed of feeds) {
    const xml = await (await fetch(new URL(feed, e2e.server.baseUrl))).text()
    const parsed = await feedPage.evaluate(xml => {
      const document = new DOMParser().parseFromString(xml, 'application/xml')
      const error = document.querySelector('parsererror')?.textContent ?? null
      const items = [...document.querySelectorAll('item, entry')]
      return {
        error,
        items: items.length,
        titles: items.map(item => item.querySelector('title')?.textContent ?? ''),
        html: items.flatMap(item => [...item.querySelectorAll('description, encoded, content, summary')].map(node => node.textContent ?? '')),
      }
    }, xml)
    if (parsed.error) feedProblems.push(`${feed}: ${parsed.error}`)
    if (parsed.items === 0) feedProblems.push(`${feed}: no items`)
    feedHtml.push(...parsed.html)
    if (feed === '/feeds/posts/rss.xml' && !parsed.error) {
      // Titles are text in the XML: each post's hostile title comes back exactly.
      for (const group of GROUPS) {
        if (!parsed.titles.some(title => normalise(title) === normaliseForXml(joined(group)))) feedProblems.push(`${feed}: title ${JSON.stringify(joined(group))} not carried as text`)
      }
    }
  }
  await feedPage.setContent(`<!doctype html><main>${feedHtml.map(html => `<article>${html}</article>`).join('')}</main>`)
  await settle(feedPage)
  for (const what of await feedPage.evaluate(unsafeMarkup)) findings.push({ where: 'feeds', what })
  await context.close()

  // Every vector went through each of these paths to HTML.
  const paths = ['post body', 'post title', 'post excerpt', 'interview Markdown', 'interview names', 'topic Markdown', 'topic questions and host', 'author name and bio', 'comment body', 'comment name', 'tag name', 'chat post text', 'chat names and handles', 'chat link addresses', 'chat media descriptions', 'chat embed', 'site settings', 'search query', 'feeds']
  const pages = visits.length + GROUPS.length + 1
  console.log(
    `XSS: ${VECTORS.length} vectors × ${paths.length} paths = ${VECTORS.length * paths.length} tried, over ${pages} pages and ${feeds.length} feeds in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
      `executions and unsafe markup: ${findings.length}; vectors missing from text-only paths: ${missingText.length}`
  )
  assert.deepEqual(findings, [], 'nothing ran and nothing that could run is on any page')
  assert.deepEqual(missingText, [], 'text-only paths show each vector as literal text')
  assert.deepEqual(feedProblems, [], 'every feed is well-formed XML with items')
})
