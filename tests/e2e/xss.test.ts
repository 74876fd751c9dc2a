import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { before, describe, test, type TestContext } from 'node:test'
import { promisify } from 'node:util'

import type { Page } from 'playwright-core'

import { graphql } from '../support/graphql'
import { useServerAndBrowser } from '../support/server'
import { adminSession } from '../support/session'

// Hostile input through every path that reaches a page, loaded in Chromium. The corpus
// (tests/fixtures/xss-vectors.txt) goes into Markdown fields, plain-text fields, an imported chat,
// comments, site settings, tags and search queries; each resulting page is loaded with hooks that
// record any dialog, any call of alert/confirm/prompt/print and any document.title written by a
// vector. The Content-Security-Policy may block an attempt, so the test does not rely on it: the
// DOM of every page is also searched for what would run without it (event handler attributes,
// script URLs, foreign scripts, frames, base, meta refresh). The figure must be zero.
// Each path from input to HTML is a test of its own over the items seeded once in `before`; a page
// that several paths reach (a post shows its title, body, comments, tags and author) is loaded once.

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

let adminCookie = ''
const asAdmin = <T = any>(query: string, variables: Record<string, unknown> = {}, { allowErrors = false } = {}) =>
  graphql<T>(e2e.server, query, { cookie: adminCookie, variables, allowErrors })

type Seeded = {
  tags: { id: string; slug: string; name: string }[]
  users: { id: string; slug: string }[]
  posts: { id: string; slug: string }[]
  interviews: { slug: string }[]
  topics: { slug: string }[]
}
const seeded = {} as Seeded


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
type Expectation = [region: string, texts: string[]]
/** A page to load, and the text each of its regions must show (text-only paths). */
type Visit = { path: string; expect?: Expectation[] }
type LoadedPage = { findings: Finding[]; texts: Map<string, string> }

/**
 * A browser context whose pages report, into the findings of the page being loaded, every
 * recorder call and title write (through a binding, frames and windows a page opened included)
 * and every dialog. What comes from a page it cannot place goes to `stray`.
 */
async function watchedContext() {
  const context = await e2e.browser.newContext({ baseURL: e2e.server.baseUrl })
  const findingsOf = new Map<Page, Finding[]>()
  const stray: Finding[] = []
  await context.exposeBinding('__xssRecord', async ({ page, frame }, what: string) => {
    const opener = findingsOf.has(page) ? page : await page.opener()
    ;(findingsOf.get(opener ?? page) ?? stray).push({ where: frame.url(), what })
  })
  // tsx names functions with a helper the page lacks; the functions sent to the page need it.
  await context.addInitScript({ content: 'globalThis.__name = (target) => target' })
  await context.addInitScript(recorderScript)
  const newPage = async () => {
    const page = await context.newPage()
    page.on('dialog', dialog => {
      ;(findingsOf.get(page) ?? stray).push({ where: page.url(), what: `dialog ${dialog.type()}: ${dialog.message()}` })
      void dialog.dismiss()
    })
    /** From now on what the page reports belongs here. */
    const reportTo = (findings: Finding[]) => findingsOf.set(page, findings)
    return { page, reportTo }
  }
  return { context, newPage, stray }
}
type WatchedContext = Awaited<ReturnType<typeof watchedContext>>
type WatchedPage = Awaited<ReturnType<WatchedContext['newPage']>>

/** Two animation frames: autofocus, SVG animation starts and hydration have had their turn. */
const settle = (page: Page) => page.evaluate(() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve))))

/** Loads a page, gathering executions, unsafe markup and the text of the regions asked for. */
async function load({ page, reportTo }: WatchedPage, path: string, regions: string[]): Promise<LoadedPage> {
  const findings: Finding[] = []
  reportTo(findings)
  const response = await page.goto(path, { waitUntil: 'load' })
  assert.equal(response?.status(), 200, `${path} answers 200`)
  await settle(page)
  for (const what of await page.evaluate(unsafeMarkup)) findings.push({ where: path, what })
  const texts = new Map<string, string>()
  for (const region of regions) texts.set(region, normalise((await page.locator(region).allTextContents()).join(' ')))
  return { findings, texts }
}

// Pages as the seeded site shows them: loaded once, however many paths reach them. Site settings
// and feeds are read in their own tests, against settings those tests set.
const loaded = new Map<string, Promise<LoadedPage>>()

/** Every region any path expects text in on the page, so that one load serves them all. */
const regionsOn = (path: string) => [...new Set(PATHS.flatMap(({ visits }) => visits()).flatMap(visit => (visit.path === path ? (visit.expect ?? []).map(([region]) => region) : [])))]

/** Loads the paths in a small pool of pages; with `fresh`, again even if loaded before. */
async function loadAll(watched: WatchedContext, visits: Visit[], { fresh = false } = {}): Promise<Map<string, LoadedPage>> {
  const queue = [...visits]
  const results = new Map<string, LoadedPage>()
  const worker = async () => {
    const page = await watched.newPage()
    for (let visit = queue.shift(); visit; visit = queue.shift()) {
      const { path, expect = [] } = visit
      if (fresh) {
        results.set(path, await load(page, path, expect.map(([region]) => region)))
        continue
      }
      if (!loaded.has(path)) loaded.set(path, load(page, path, regionsOn(path)))
      results.set(path, await loaded.get(path)!)
    }
    await page.page.close()
  }
  await Promise.all(Array.from({ length: 4 }, worker))
  return results
}

/** What the visits found, and the text they expected and did not see. */
function outcome(visits: Visit[], results: Map<string, LoadedPage>) {
  const findings = visits.flatMap(visit => results.get(visit.path)!.findings)
  const missingText: Finding[] = []
  for (const { path, expect = [] } of visits) {
    for (const [region, texts] of expect) {
      const shown = results.get(path)!.texts.get(region) ?? ''
      for (const text of texts) {
        if (!shown.includes(normalise(text))) missingText.push({ where: `${path} ${region}`, what: JSON.stringify(text) })
      }
    }
  }
  return { findings, missingText }
}

function assertNothingRan(t: TestContext, watched: WatchedContext, { findings: onPages, missingText }: ReturnType<typeof outcome>, over: string, started: number) {
  const findings = [...onPages, ...watched.stray]
  t.diagnostic(
    `${VECTORS.length} vectors over ${over} in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
      `executions and unsafe markup: ${findings.length}; vectors missing from text-only paths: ${missingText.length}`
  )
  assert.deepEqual(findings, [], 'nothing ran and nothing that could run is on any page')
  assert.deepEqual(missingText, [], 'text-only paths show each vector as literal text')
}

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

// ── The paths from input to HTML ─────────────────────────────────────────────────────────────

/** One page per group of vectors, with what it must show of that group. */
const perGroup = (path: (g: number) => string, expect?: (group: string[], g: number) => Expectation[]): Visit[] =>
  GROUPS.map((group, g) => ({ path: path(g), expect: expect?.(group, g) }))

const postPage = (g: number) => `/posts/${seeded.posts[g].slug}`
const interviewPage = (g: number) => `/interviews/${seeded.interviews[g].slug}`
const topicPage = (g: number) => `/topics/${seeded.topics[g].slug}`
const tagsOf = (g: number) => seeded.tags.slice(g * GROUP, (g + 1) * GROUP)
// Lists and search results carry the titles and excerpts.
const POST_LISTS = ['/', '/posts', '/recaps', '/posts?page=2', '/search?q=script', '/search?q=onerror', '/search?q=javascript'].map(path => ({ path }))
// The imported chat on its two pages: post text, names, handles, the links' expanded addresses and
// media descriptions; the transcript shows every vector as text.
const chatPages = (transcript?: Expectation): Visit[] => [{ path: '/archives/xss' }, { path: '/archives/xss/transcript', expect: transcript && [transcript] }]

const PATHS: { name: string; visits: () => Visit[] }[] = [
  { name: 'post body', visits: () => perGroup(postPage) },
  { name: 'post title', visits: () => [...perGroup(postPage, group => [['main h1', [joined(group)]]]), ...POST_LISTS] },
  { name: 'post excerpt', visits: () => POST_LISTS },
  { name: 'interview Markdown', visits: () => perGroup(interviewPage) },
  { name: 'interview names', visits: () => [...perGroup(interviewPage, group => [['main h1', [joined(group)]]]), { path: '/interviews' }, { path: '/interviews?page=2' }] },
  { name: 'topic Markdown', visits: () => perGroup(topicPage) },
  {
    name: 'topic questions and host',
    visits: () => [
      ...perGroup(topicPage, group => [
        ['main h1', [joined(group)]],
        ['main .questions', group.flatMap(vector => vector.split('\n')).filter(line => line.trim())],
        ['main', [`Host: ${joined(group)}`]],
      ]),
      { path: '/topics' },
    ],
  },
  {
    name: 'author name and bio',
    visits: () => [
      ...perGroup(g => `/authors/${seeded.users[g].slug}`, group => [['main h1', [joined(group)]], ['main', [joined(group)]]]),
      ...perGroup(postPage, group => [['main .meta', [joined(group)]]]),
    ],
  },
  { name: 'comment body', visits: () => perGroup(postPage) },
  { name: 'comment name', visits: () => perGroup(postPage, group => [['main .comment .chat-author strong', group.map(vector => vector.slice(0, 80))]]) },
  {
    name: 'tag name',
    // Tag names show on their posts; each group's first tag also on its own page.
    visits: () => [...perGroup(postPage, (_, g) => [['main .tags, main footer', tagsOf(g).map(tag => tag.name)]]), ...perGroup(g => `/tags/${tagsOf(g)[0].slug}`, (_, g) => [['main h1', [tagsOf(g)[0].name]]])],
  },
  { name: 'chat post text', visits: () => [{ path: '/archives/xss', expect: [['main h1', [joined(GROUPS[0])]]] }, { path: '/archives/xss/transcript', expect: [['.transcript .chat-text', VECTORS]] }, { path: '/archives' }] },
  { name: 'chat names and handles', visits: () => chatPages(['.transcript .chat-author strong', VECTORS]) },
  { name: 'chat link addresses', visits: () => chatPages() },
  { name: 'chat media descriptions', visits: () => chatPages(['.transcript .chat-media', VECTORS]) },
  // The first post embeds the chat three ways.
  { name: 'chat embed', visits: () => [{ path: postPage(0) }] },
  { name: 'search query', visits: () => searchQueries().map(query => ({ path: `/search?q=${encodeURIComponent(query)}`, expect: [['main [role=status]', [query.trim()]]] })) },
]

// ── Site settings, which show on every page ─────────────────────────────────────────────────

const SETTINGS_FIELDS = 'siteName tagline disclaimer about announcementTemplate'
type SiteSettings = Record<'siteName' | 'tagline' | 'disclaimer' | 'about' | 'announcementTemplate', string>
const hostileSettings = (group: string[]): SiteSettings => ({ siteName: joined(group), tagline: joined(group), disclaimer: joined(group), about: asMarkdown(group), announcementTemplate: joined(group) })
const setSiteSettings = (data: SiteSettings) => asAdmin(`mutation($data: SiteSettingsUpdateInput!) { updateSiteSettings(data: $data) { id } }`, { data })

/** Runs `use` with the site settings changed, then puts the seeded ones back for the other tests. */
async function withSiteSettings(use: (set: (group: string[]) => Promise<unknown>) => Promise<void>) {
  const { data } = await asAdmin<{ siteSettings: SiteSettings }>(`{ siteSettings { ${SETTINGS_FIELDS} } }`)
  try {
    await use(group => setSiteSettings(hostileSettings(group)))
  } finally {
    await setSiteSettings(data.siteSettings)
  }
}

// ── The tests ────────────────────────────────────────────────────────────────────────────────

// Inside a suite, so that this `before` runs after the one that starts the server.
describe('the XSS corpus', () => {
  // One item of each kind per group of ten vectors. Fields that hold one vector each (interview
  // questions and answers, comments, chat posts, tags) show every vector on its own, unaffected by
  // its neighbours; the grouped Markdown fields show them as an editor's long document would.
  before(async () => {
    adminCookie = (await adminSession(e2e.server)).cookie
    seeded.tags = (
      await asAdmin<{ createTags: Seeded['tags'] }>('mutation($data: [TagCreateInput!]!) { createTags(data: $data) { id slug name } }', { data: VECTORS.map(name => ({ name })) })
    ).data.createTags
    seeded.users = (
      await asAdmin<{ createUsers: Seeded['users'] }>('mutation($data: [UserCreateInput!]!) { createUsers(data: $data) { id slug } }', {
        data: GROUPS.map((group, g) => ({ name: joined(group), bio: joined(group), email: `xss.${g}@example.org`, password: 'a long and unusual passphrase 42', role: 'contributor' })),
      })
    ).data.createUsers
    const embeds = `::chat[xss]\n\n::chat[xss#Q1]\n\n::chat[xss/${1950000000000001000n}]`
    seeded.posts = (
      await asAdmin<{ createPosts: Seeded['posts'] }>('mutation($data: [PostCreateInput!]!) { createPosts(data: $data) { id slug } }', {
        data: GROUPS.map((group, g) => ({
          title: joined(group),
          excerpt: joined(group).slice(0, 400),
          body: `${asMarkdown(group)}\n\n${g === 0 ? embeds : ''}`,
          status: 'published',
          kind: g % 2 ? 'recap' : 'article',
          author: { connect: { id: seeded.users[g].id } },
          tags: { connect: seeded.tags.slice(g * GROUP, (g + 1) * GROUP).map(tag => ({ id: tag.id })) },
        })),
      })
    ).data.createPosts
    seeded.interviews = (
      await asAdmin<{ createInterviews: Seeded['interviews'] }>('mutation($data: [InterviewCreateInput!]!) { createInterviews(data: $data) { slug } }', {
        data: GROUPS.map(group => ({
          title: joined(group),
          intervieweeName: joined(group),
          intervieweeRole: joined(group),
          introduction: asMarkdown(group),
          status: 'published',
          questions: { create: group.map((vector, index) => ({ position: index + 1, question: vector, answer: vector })) },
        })),
      })
    ).data.createInterviews
    seeded.topics = (
      await asAdmin<{ createTopicAnnouncements: Seeded['topics'] }>('mutation($data: [TopicAnnouncementCreateInput!]!) { createTopicAnnouncements(data: $data) { slug } }', {
        data: GROUPS.map((group, g) => ({
          title: joined(group),
          description: asMarkdown(group),
          questions: group.join('\n'),
          host: joined(group),
          guests: group.join('\n'),
          status: 'published',
          chatStart: new Date(Date.UTC(2031, 0, 6 + 7 * g, 12)).toISOString(),
        })),
      })
    ).data.createTopicAnnouncements
    // Comments on every post, approved so they show: each vector as a name (at most 80 characters) and as a body.
    await asAdmin('mutation($data: [CommentCreateInput!]!) { createComments(data: $data) { id } }', {
      data: VECTORS.map((vector, index) => ({
        authorName: vector.slice(0, 80),
        body: vector,
        status: 'approved',
        post: { connect: { id: seeded.posts[Math.floor(index / GROUP)].id } },
      })),
    })
  })

  test('holds at least 100 distinct vectors', () => {
    assert.ok(VECTORS.length >= 100, `at least 100 vectors (${VECTORS.length})`)
    assert.equal(new Set(VECTORS).size, VECTORS.length, 'every vector is distinct')
  })

  test('as slugs is refused, never stored: slugs are addresses', async () => {
    const refused = await asAdmin(
      'mutation($data: [PostCreateInput!]!) { createPosts(data: $data) { id } }',
      { data: VECTORS.map((vector, index) => ({ title: `slug ${index}`, slug: vector })) },
      { allowErrors: true }
    )
    assert.equal(refused.errors?.length, VECTORS.length, 'every hostile slug is refused')
  })

  for (const { name, visits } of PATHS) {
    test(`through the ${name} runs nowhere`, async t => {
      const started = Date.now()
      const watched = await watchedContext()
      try {
        const pages = visits()
        assertNothingRan(t, watched, outcome(pages, await loadAll(watched, pages)), `${pages.length} pages`, started)
      } finally {
        await watched.context.close()
      }
    })
  }

  test('through the site settings runs nowhere', async t => {
    const started = Date.now()
    const watched = await watchedContext()
    const findings: Finding[] = []
    const missingText: Finding[] = []
    try {
      // Site settings show on every page: each group in turn, read on the about page.
      await withSiteSettings(async set => {
        for (const group of GROUPS) {
          await set(group)
          const visits: Visit[] = [{ path: '/about', expect: [['main footer.disclaimer', [joined(group)]], ['body > header, header', [joined(group)]]] }]
          const found = outcome(visits, await loadAll(watched, visits, { fresh: true }))
          findings.push(...found.findings)
          missingText.push(...found.missingText)
        }
      })
    } finally {
      await watched.context.close()
    }
    assertNothingRan(t, watched, { findings, missingText }, `${GROUPS.length} pages`, started)
  })

  test('through the feeds runs nowhere', async t => {
    const started = Date.now()
    const watched = await watchedContext()
    const findings: Finding[] = []
    const feedHtml: string[] = []
    const feedProblems: string[] = []
    const feeds = ['/rss.xml', '/atom.xml', '/feeds/posts/rss.xml', '/feeds/interviews/atom.xml', '/feeds/topics/rss.xml', '/feeds/archives/atom.xml']
    try {
      // Feeds: well-formed XML (Chromium's own XML parser), and their HTML as a feed reader would show
      // it, on a blank page with no policy of the site's: only the content stands between it and a reader.
      // The site's own name and disclaimer are hostile too, as the last group of the settings left them.
      const { page, reportTo } = await watched.newPage()
      reportTo(findings)
      await page.goto('about:blank')
      await withSiteSettings(async set => {
        await set(GROUPS[GROUPS.length - 1])
        for (const feed of feeds) {
          const xml = await (await fetch(new URL(feed, e2e.server.baseUrl))).text()
          const parsed = await page.evaluate(xml => {
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
      })
      await page.setContent(`<!doctype html><main>${feedHtml.map(html => `<article>${html}</article>`).join('')}</main>`)
      await settle(page)
      for (const what of await page.evaluate(unsafeMarkup)) findings.push({ where: 'feeds', what })
    } finally {
      await watched.context.close()
    }
    assertNothingRan(t, watched, { findings, missingText: [] }, `${feeds.length} feeds`, started)
    assert.deepEqual(feedProblems, [], 'every feed is well-formed XML with items')
  })
})
