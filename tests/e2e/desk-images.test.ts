import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'

import type { FileChooser, Locator, Page } from 'playwright-core'
import sharp from 'sharp'

import { openPage, seriousAccessibilityViolations } from '../support/browser'
import { graphql } from '../support/graphql'
import { useServerAndBrowser } from '../support/server'
import { newUserSession } from '../support/session'

// Images inside Markdown bodies, as an editor puts them there: the editor's Image… button from the
// keyboard, a file dropped on the text, the preview, the published page; and every kind of bad
// file refused with its name and nothing stored, from the editor and from a featured image field.

const e2e = useServerAndBrowser()

let editor: Awaited<ReturnType<typeof newUserSession>>
let photo: Buffer
let chart: Buffer
type BadFile = { name: string; type: string; bytes: Buffer; message: RegExp }
let badFiles: BadFile[]

// Made once, when the first test needs them: the server is not started when this file's hooks are registered.
let made: Promise<void> | undefined
const fixtures = () => (made ??= makeFixtures())

async function makeFixtures() {
  editor = await newUserSession(e2e.server, 'editor')
  const noise = { type: 'gaussian' as const, mean: 128, sigma: 40 }
  photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#000', noise } }).jpeg({ quality: 70 }).toBuffer()
  chart = await sharp({ create: { width: 640, height: 400, channels: 3, background: '#2a6' } }).png().toBuffer()
  // 300 KB declaring 100 megapixels: decoded, it would take 300 MB of memory.
  const bomb = await sharp({ create: { width: 10_000, height: 10_000, channels: 3, background: '#fff' } }).png({ compressionLevel: 9 }).toBuffer()
  badFiles = [
    { name: 'ward-notes.jpg', type: 'image/jpeg', bytes: Buffer.from('Ward round notes, not a picture.\n'), message: /“ward-notes\.jpg” is not an image/ },
    { name: 'huge-scan.jpg', type: 'image/jpeg', bytes: Buffer.concat([photo, Buffer.alloc(21 * 1024 * 1024)]), message: /“huge-scan\.jpg” is larger than 20 MB, the most an image can be/ },
    { name: 'bomb.png', type: 'image/png', bytes: bomb, message: /“bomb\.png” is 10000 × 10000 pixels \(100 megapixels\); images up to 50 megapixels/ },
    {
      name: 'logo.svg',
      type: 'image/svg+xml',
      bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'),
      message: /“logo\.svg” is an SVG drawing\. SVG files can carry scripts/,
    },
    { name: 'cut-short.jpg', type: 'image/jpeg', bytes: photo.subarray(0, Math.floor(photo.length / 2)), message: /“cut-short\.jpg” could not be read to the end/ },
  ]
}

/** Every file in the test server's image store (beside its database). */
function storedFiles(): string[] {
  const folder = path.join(path.dirname(e2e.server.databaseFile), 'images')
  return fs.existsSync(folder) ? (fs.readdirSync(folder, { recursive: true, withFileTypes: true }) as fs.Dirent[]).filter(entry => entry.isFile()).map(entry => entry.name) : []
}

async function imageRows(): Promise<{ id: string; alt: string; file: { id: string } | null }[]> {
  const { data } = await graphql(e2e.server, '{ images { id alt file { id } } }', { cookie: editor.cookie })
  return data.images
}

async function openEditor(path: string) {
  const watched = await openPage(e2e.browser, e2e.server.baseUrl, { sessionCookie: editor.cookie })
  await watched.page.goto(path, { waitUntil: 'networkidle' })
  return watched
}

/** The Image… button from the keyboard: Tab onto it from the toolbar's previous button, Enter, and the file chooser. */
async function chooseImageWithKeyboard(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  // Listening turns on Chromium's interception of file choosers, which must be on before Enter.
  const chooser = new Promise<FileChooser>(resolve => page.once('filechooser', resolve))
  await page.getByRole('button', { name: 'Insert chat…' }).focus()
  await page.keyboard.press('Tab')
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Image…')
  await page.keyboard.press('Enter')
  await (await chooser).setFiles(file)
  const dialog = page.getByRole('dialog', { name: 'Describe the image' })
  await focusLandsOn(page, dialog.getByRole('textbox', { name: /Alt text/ }))
  return dialog
}

/** The dialog puts the focus in its field as it opens; typing before then would be lost. */
async function focusLandsOn(page: Page, target: Locator) {
  await target.waitFor()
  await page.waitForFunction(element => element === document.activeElement, await target.elementHandle(), { timeout: 10_000 })
}

test('an editor puts an image in a body from the keyboard with Image…, describes it, previews it, and the published post draws it at its sizes', async () => {
  await fixtures()
  const { page, consoleErrors } = await openEditor('/admin/posts/create')
  await page.getByLabel('Title').fill('Our new drop-in clinic')
  const body = page.getByRole('textbox', { name: 'Body' })
  await body.fill('The clinic opened on Monday.')

  const dialog = await chooseImageWithKeyboard(page, { name: 'IMG_2041.jpg', mimeType: 'image/jpeg', buffer: photo })
  const alt = dialog.getByRole('textbox', { name: /Alt text/ })
  await focusLandsOn(page, alt)
  assert.equal(await alt.inputValue(), '', 'the file name is no alt text')
  assert.match((await dialog.textContent()) ?? '', /What “IMG_2041\.jpg” shows/)
  assert.deepEqual(await seriousAccessibilityViolations(page, { include: '[role="dialog"]' }), [])

  // Enter with no alt text: a clear refusal, and nothing uploaded.
  await page.keyboard.press('Enter')
  await dialog.getByText('Alt text is required: describe what the image shows before it is uploaded.').waitFor()
  assert.deepEqual(await imageRows(), [])

  await page.keyboard.type('Two nurses at the drop-in clinic’s front desk')
  const inserted = page.waitForResponse(response => response.url().endsWith('/api/graphql') && response.request().headers()['content-type']?.startsWith('multipart/form-data') === true)
  await page.keyboard.press('Enter')
  await dialog.waitFor({ state: 'detached' })
  await inserted
  await page.getByRole('status').filter({ hasText: '“IMG_2041.jpg” is uploaded and inserted.' }).waitFor()

  const [row] = await imageRows()
  assert.equal(row.alt, 'Two nurses at the drop-in clinic’s front desk')
  const id = row.file?.id ?? ''
  assert.equal(await body.inputValue(), `The clinic opened on Monday.\n\n![Two nurses at the drop-in clinic’s front desk](/images/${id}/full.jpg)\n`)
  assert.ok(storedFiles().includes('960.avif'), 'the variants are stored')

  await page.getByRole('tab', { name: 'Preview' }).click()
  const preview = page.getByRole('region', { name: 'Preview, as readers will see it' })
  const previewed = preview.locator('picture img')
  await previewed.waitFor()
  assert.equal(await previewed.getAttribute('alt'), 'Two nurses at the drop-in clinic’s front desk')
  assert.equal(await preview.locator('picture source[type="image/avif"]').count(), 1)
  // The browser fetched the variant it chose: the image is really there.
  await page.waitForFunction(() => {
    const img = document.querySelector<HTMLImageElement>('.desk-markdown-preview picture img')
    return img?.complete && img.naturalWidth > 0
  })

  await page.getByRole('tab', { name: 'Write' }).click()
  await page.getByRole('radio', { name: 'Published', exact: true }).click()
  await page.getByRole('button', { name: 'Create', exact: true }).click()
  await page.waitForURL(/\/admin\/posts\/[a-z0-9]+$/)

  const published = await page.request.get('/posts/our-new-drop-in-clinic')
  assert.equal(published.status(), 200)
  const html = await published.text()
  const picture = /<picture>(?:(?!<\/picture>).)*<\/picture>/s.exec(html.slice(html.indexOf('class="prose')))?.[0] ?? ''
  assert.match(picture, new RegExp(`<source type="image/avif" srcset="/images/${id}/240.avif 240w, /images/${id}/480.avif 480w, /images/${id}/960.avif 960w, /images/${id}/1200.avif 1200w" sizes="\\(min-width: 42rem\\) 40rem, calc\\(100vw - 2rem\\)"`))
  assert.match(picture, new RegExp(`<img src="/images/${id}/1200.jpg" srcset="/images/${id}/240.jpg 240w, /images/${id}/480.jpg 480w, /images/${id}/960.jpg 960w, /images/${id}/1200.jpg 1200w"`))
  assert.match(picture, /width="1200" height="800" loading="lazy" decoding="async"/)
  const variant = await page.request.get(`/images/${id}/960.avif`)
  assert.equal(variant.status(), 200)
  assert.equal(variant.headers()['content-type'], 'image/avif')
  assert.deepEqual(consoleErrors.filter(error => !error.includes('https://fonts.googleapis.com/') && !error.startsWith('Failed to load resource')), [])
  await page.context().close()
})

test('an image file dropped on the text is described and inserted where the cursor is; Escape cancels; a pasted one is asked about too', async () => {
  await fixtures()
  const { page } = await openEditor('/admin/posts/create')
  const body = page.getByRole('textbox', { name: 'Body' })
  await body.fill('First paragraph.\n\nLast paragraph.')
  await body.evaluate((element: HTMLTextAreaElement) => element.setSelectionRange(16, 16))
  const transfer = await page.evaluateHandle(base64 => {
    const bytes = Uint8Array.from(atob(base64), character => character.charCodeAt(0))
    const data = new DataTransfer()
    data.items.add(new File([bytes], 'replies-per-minute.png', { type: 'image/png' }))
    return data
  }, chart.toString('base64'))
  await body.dispatchEvent('dragover', { dataTransfer: transfer })
  await body.dispatchEvent('drop', { dataTransfer: transfer })
  const dialog = page.getByRole('dialog', { name: 'Describe the image' })
  await focusLandsOn(page, dialog.getByRole('textbox', { name: /Alt text/ }))
  await page.keyboard.type('Replies per minute [peaking at 40]')
  await page.keyboard.press('Enter')
  await page.getByRole('status').filter({ hasText: '“replies-per-minute.png” is uploaded and inserted.' }).waitFor()
  const row = (await imageRows()).find(image => image.alt === 'Replies per minute [peaking at 40]')
  assert.ok(row?.file)
  assert.equal(await body.inputValue(), `First paragraph.\n\n![Replies per minute \\[peaking at 40\\]](/images/${row.file.id}/full.png)\n\nLast paragraph.`)

  // Escape cancels: the dialog closes and nothing is uploaded.
  const before = (await imageRows()).length
  await body.dispatchEvent('drop', { dataTransfer: transfer })
  await dialog.waitFor()
  await page.keyboard.press('Escape')
  await dialog.waitFor({ state: 'detached' })
  assert.equal((await imageRows()).length, before)

  // A pasted image (a screenshot, say) takes the same way.
  await body.evaluate((element, base64) => {
    const bytes = Uint8Array.from(atob(base64), character => character.charCodeAt(0))
    const data = new DataTransfer()
    data.items.add(new File([bytes], 'image.png', { type: 'image/png' }))
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
  }, chart.toString('base64'))
  await focusLandsOn(page, dialog.getByRole('textbox', { name: /Alt text/ }))
  assert.match((await dialog.textContent()) ?? '', /What “image\.png” shows/)
  await page.keyboard.press('Escape')
  await dialog.waitFor({ state: 'detached' })
  assert.equal((await imageRows()).length, before)
  await page.context().close()
})

test('bad files are refused from the editor’s Image… button, naming the file, and nothing is stored or inserted', async () => {
  await fixtures()
  const { page } = await openEditor('/admin/posts/create')
  const body = page.getByRole('textbox', { name: 'Body' })
  await body.fill('Before.')
  const rowsBefore = await imageRows()
  const filesBefore = storedFiles().length
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-images-'))
  for (const bad of badFiles) {
    // The file the Image… button's chooser would give (the chooser itself is in the first test).
    // A path, not the bytes: 21 MB sent through the DevTools protocol does not arrive in time.
    const file = path.join(folder, bad.name)
    fs.writeFileSync(file, bad.bytes)
    await page.locator('[data-markdown-editor="body"] input[type="file"]').setInputFiles(file)
    const dialog = page.getByRole('dialog', { name: 'Describe the image' })
    await focusLandsOn(page, dialog.getByRole('textbox', { name: /Alt text/ }))
    await page.keyboard.type('A picture')
    await page.keyboard.press('Enter')
    await dialog.waitFor({ state: 'detached' })
    const alert = page.getByRole('alert').filter({ hasText: 'The image was not uploaded' })
    await alert.waitFor()
    const message = (await alert.textContent()) ?? ''
    assert.match(message, bad.message)
    assert.doesNotMatch(message, /An error occurred while resolving input fields/)
    assert.equal(await body.inputValue(), 'Before.', `nothing is inserted for ${bad.name}`)
  }
  fs.rmSync(folder, { recursive: true })
  assert.deepEqual(await imageRows(), rowsBefore)
  assert.equal(storedFiles().length, filesBefore)
  await page.context().close()
})

test('bad files are refused as a post’s featured image saved through GraphQL, and nothing is stored', async () => {
  await fixtures()
  const rowsBefore = await imageRows()
  const filesBefore = storedFiles().length
  const CREATE = 'mutation ($data: PostCreateInput!) { createPost(data: $data) { id } }'
  for (const bad of badFiles) {
    const answer = await graphql(e2e.server, CREATE, {
      cookie: editor.cookie,
      allowErrors: true,
      variables: { data: { title: `With ${bad.name}`, featuredImageAlt: 'A picture', featuredImage: { upload: new File([new Uint8Array(bad.bytes)], bad.name, { type: bad.type }) } } },
    })
    assert.equal(answer.data?.createPost ?? null, null)
    const message = answer.errors?.map(error => error.message).join('\n') ?? ''
    assert.match(message, /Post\.featuredImage/)
    assert.match(message, bad.message)
  }
  const { data } = await graphql(e2e.server, '{ postsCount(where: { title: { startsWith: "With " } }) }', { cookie: editor.cookie })
  assert.equal(data.postsCount, 0)
  assert.deepEqual(await imageRows(), rowsBefore)
  assert.equal(storedFiles().length, filesBefore)
})

test('a featured image with no alt text: the save is refused naming the field', async () => {
  await fixtures()
  const filesBefore = storedFiles().length
  const answer = await graphql(e2e.server, 'mutation ($data: PostCreateInput!) { createPost(data: $data) { id } }', {
    cookie: editor.cookie,
    allowErrors: true,
    variables: { data: { title: 'Undescribed', featuredImage: { upload: new File([new Uint8Array(photo)], 'clinic.jpg', { type: 'image/jpeg' }) } } },
  })
  assert.equal(answer.data?.createPost ?? null, null)
  assert.match(answer.errors?.[0]?.message ?? '', /Featured image: alt text is required with an image/)
  const { data } = await graphql(e2e.server, '{ postsCount(where: { title: { equals: "Undescribed" } }) }', { cookie: editor.cookie })
  assert.equal(data.postsCount, 0)
  assert.equal(storedFiles().length, filesBefore)
})

test('in a post’s item page, Keystone’s own image field shows why a file was refused', async () => {
  await fixtures()
  const { data } = await graphql(e2e.server, 'mutation { createPost(data: { title: "Featured later" }) { id } }', { cookie: editor.cookie })
  const { page } = await openEditor(`/admin/posts/${data.createPost.id}`)
  const filesBefore = storedFiles().length
  const bad = badFiles[0]
  await page.locator('input[type="file"]').first().setInputFiles({ name: bad.name, mimeType: bad.type, buffer: bad.bytes })
  await page.getByLabel('Featured image: alt text').fill('A picture')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  const shown = page.getByText(bad.message)
  await shown.first().waitFor()
  // Keystone's own words around ours: "An error occurred while resolving input fields. - Post.featuredImage: “ward-notes.jpg” is not an image: …"
  assert.match((await shown.first().textContent()) ?? '', /Post\.featuredImage: “ward-notes\.jpg” is not an image: upload a JPEG, PNG, WebP or GIF file\./)
  assert.equal(storedFiles().length, filesBefore)
  const { data: after } = await graphql(e2e.server, `{ post(where: { id: "${data.createPost.id}" }) { featuredImage { id } } }`, { cookie: editor.cookie })
  assert.equal(after.post.featuredImage, null)
  await page.context().close()
})
