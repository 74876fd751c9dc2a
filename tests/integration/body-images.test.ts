import assert from 'node:assert/strict'
import { before, test } from 'node:test'

import type { Context } from '../../app/server/keystone.server'
import { migratedContext, signedInAs } from '../support/database'

// A body's images are read from the Image list when it is saved and when it is previewed, so the
// stored HTML draws each at its own size (app/schema/fields.ts renderedHtml/renderedBlocks).

let editor: Context
const FILE_ID = 'kS3vXbQ0yT1mWcN8pLr2Aw'

before(async () => {
  const anonymous = await migratedContext()
  editor = (await signedInAs(anonymous, 'editor')).context
  // The row as an upload leaves it; its variants are not needed to render the HTML.
  await anonymous.sudo().prisma.image.create({
    data: { alt: 'A ward corridor', file_id: FILE_ID, file_extension: 'jpg', file_filesize: 1000, file_width: 1024, file_height: 768 },
  })
})

test('a saved body draws an image of the Image list as a picture with its size, in its HTML and its blocks', async () => {
  const body = `Intro.\n\n![A ward corridor at night](/images/${FILE_ID}/full.jpg)\n\n![Gone](/images/NoSuchImageAtAll00000/full.png)\n`
  const post = await editor.db.Post.createOne({ data: { title: 'Corridors', body } })
  const stored = await editor.sudo().query.Post.findOne({ where: { id: post.id }, query: 'bodyHtml bodyBlocks' })
  for (const html of [stored.bodyHtml as string, (stored.bodyBlocks as { html: string }[]).map(block => block.html).join('')]) {
    assert.match(html, new RegExp(`<picture><source type="image/avif" srcset="/images/${FILE_ID}/240.avif 240w, /images/${FILE_ID}/480.avif 480w, /images/${FILE_ID}/960.avif 960w, /images/${FILE_ID}/1024.avif 1024w"`))
    assert.match(html, new RegExp(`<img src="/images/${FILE_ID}/1024.jpg" srcset="[^"]+" sizes="[^"]+" alt="A ward corridor at night" width="1024" height="768" loading="lazy" decoding="async" />`))
    assert.match(html, /<img src="\/images\/NoSuchImageAtAll00000\/full.png" alt="Gone" loading="lazy" decoding="async" \/>/)
  }
})

test('the editor’s preview draws it the same way', async () => {
  const data = await editor.graphql.run<{ deskMarkdownPreview: { html: string } }, Record<string, unknown>>({
    query: 'query ($markdown: String!) { deskMarkdownPreview(markdown: $markdown, field: "Post.body") { html } }',
    variables: { markdown: `![A ward corridor at night](/images/${FILE_ID}/full.jpg)` },
  })
  assert.match(data.deskMarkdownPreview.html, new RegExp(`<picture><source type="image/avif" srcSet="/images/${FILE_ID}/240.avif`, 'i'))
  assert.match(data.deskMarkdownPreview.html, /width="1024" height="768"/)
})
