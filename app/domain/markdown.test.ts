import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import {
  findImagesWithoutAlt,
  imageIdsInMarkdown,
  markdownToPlainText,
  renderMarkdown,
  renderMarkdownDocument,
} from './markdown.server'
import { chatEmbedHref, parseChatEmbed } from './chat-embed'

const render = (markdown: string) => renderMarkdown(markdown, { siteOrigin: 'https://chat.example.org' })

describe('renderMarkdown', () => {
  test('drops script tags and event handlers', () => {
    const html = render('Hello <script>alert(1)</script> <img src="https://x.test/a.png" alt="a" onerror="alert(2)">')
    assert.doesNotMatch(html, /<script|onerror|alert\(1\)/)
    assert.match(html, /<img src="https:\/\/x.test\/a.png" alt="a"/)
  })

  test('refuses javascript: links', () => {
    const html = render('[click](javascript:alert(1))')
    assert.doesNotMatch(html, /javascript:/)
  })

  test('gives headings stable, unique anchors', () => {
    const html = render('## Next steps\n\ntext\n\n## Next steps')
    assert.match(html, /<h2 id="next-steps"><a class="heading-anchor" href="#next-steps">Next steps<\/a><\/h2>/)
    assert.match(html, /<h2 id="next-steps-2">/)
  })

  test('adds rel="noopener noreferrer" to links to other sites only', () => {
    const html = render('[NHS](https://www.nhs.uk/) and [our about page](/about) and [us](https://chat.example.org/x)')
    assert.match(html, /<a href="https:\/\/www.nhs.uk\/" rel="noopener noreferrer">NHS<\/a>/)
    assert.match(html, /<a href="\/about">our about page<\/a>/)
    assert.match(html, /<a href="https:\/\/chat.example.org\/x">us<\/a>/)
  })

  test('lazy-loads images', () => {
    assert.match(render('![A chart of replies per minute](https://x.test/c.png)'), /loading="lazy"/)
  })

  test('renders a chat embed line as a card linking to the archive', () => {
    const html = render('Before\n\n::chat[june-chat#Q2]\n\nAfter')
    assert.match(html, /<aside class="chat-embed" data-chat-archive="june-chat" data-chat-question="2">/)
    assert.match(html, /href="\/archives\/june-chat#q2"/)
    assert.match(html, /<p>After<\/p>/)
  })

  test('leaves an embed written inside a sentence as text', () => {
    assert.doesNotMatch(render('Write ::chat[slug] on its own line.'), /chat-embed/)
  })
})

describe('chat embeds', () => {
  test('parse the three documented forms', () => {
    assert.deepEqual(parseChatEmbed('::chat[june-chat]'), { archiveSlug: 'june-chat' })
    assert.deepEqual(parseChatEmbed('::chat[june-chat#Q2]'), { archiveSlug: 'june-chat', question: 2 })
    assert.deepEqual(parseChatEmbed('::chat[june-chat/1900000000000000005]'), {
      archiveSlug: 'june-chat',
      postId: '1900000000000000005',
    })
  })

  test('reject malformed references', () => {
    assert.equal(parseChatEmbed('::chat[June Chat]'), null)
    assert.equal(parseChatEmbed('::chat[june-chat#2]'), null)
  })

  test('link to the question, the post or the archive', () => {
    assert.equal(chatEmbedHref({ archiveSlug: 'june-chat', question: 2 }), '/archives/june-chat#q2')
    assert.equal(chatEmbedHref({ archiveSlug: 'june-chat', postId: '19' }), '/archives/june-chat#post-19')
    assert.equal(chatEmbedHref({ archiveSlug: 'june-chat' }), '/archives/june-chat')
  })

  test('stay references between a post’s blocks of HTML, in order', () => {
    const { blocks } = renderMarkdownDocument('Intro\n\n::chat[a]\n\n## Middle\n\n::chat[b#Q1]', { siteOrigin: 'https://chat.example.org' })
    assert.deepEqual(blocks, [
      { html: '<p>Intro</p>\n' },
      { chat: { archiveSlug: 'a' } },
      { html: '<h2 id="middle"><a class="heading-anchor" href="#middle">Middle</a></h2>\n' },
      { chat: { archiveSlug: 'b', question: 1 } },
    ])
  })

  test('give the same whole HTML as the one pipeline, cards included', () => {
    const markdown = 'Intro with [a link][ref]\n\n::chat[a/1900]\n\n## Notes\n\n## Notes\n\n[ref]: https://www.nhs.uk/'
    const { html, blocks } = renderMarkdownDocument(markdown, { siteOrigin: 'https://chat.example.org' })
    assert.equal(html, render(markdown))
    assert.match(html, /<a href="https:\/\/www.nhs.uk\/" rel="noopener noreferrer">a link<\/a>.*data-chat-post="1900".*id="notes-2"/s)
    assert.equal(blocks.length, 3)
  })
})

test('images without alt text are reported with their line', () => {
  const missing = findImagesWithoutAlt('Intro\n\n![](https://x.test/1.png)\n\n![fine](https://x.test/2.png)')
  assert.deepEqual(missing, [{ line: 3, src: 'https://x.test/1.png' }])
})

test('plain text drops markup for summaries', () => {
  assert.equal(markdownToPlainText('## Title\n\nSome *emphasis* and [a link](https://x.test).'), 'Title Some emphasis and a link.')
})

describe('the site\'s own images in a body', () => {
  const photo = { id: 'AbCdEfGhIjKlMnOpQrStUv', extension: 'jpg' as const, width: 2000, height: 1500 }
  const small = { id: 'smallPngImage0001', extension: 'png' as const, width: 640, height: 480 }
  const images = new Map([photo, small].map(image => [image.id, image]))
  const renderWith = (markdown: string) => renderMarkdown(markdown, { siteOrigin: 'https://chat.example.org', images })

  test('are found by id in inline and reference images, once each, other sites\' left out', () => {
    const markdown = `![a](/images/${photo.id}/full.jpg) ![b][ref] ![c](https://x.test/images/${small.id}/full.png) ![d](/images/${photo.id}/960.webp)\n\n[ref]: /images/${small.id}/full.png`
    assert.deepEqual(imageIdsInMarkdown(markdown), [photo.id, small.id])
  })

  test('are drawn as a picture with AVIF and WebP sources, srcset, sizes, their own size, lazily', () => {
    const html = renderWith(`Before.\n\n![Nurses at the "drop-in" <clinic>](/images/${photo.id}/full.jpg)`)
    const picture = /<picture>.*<\/picture>/.exec(html)?.[0] ?? ''
    assert.ok(picture, html)
    assert.match(picture, new RegExp(`<source type="image/avif" srcset="/images/${photo.id}/240.avif 240w, /images/${photo.id}/480.avif 480w, /images/${photo.id}/960.avif 960w, /images/${photo.id}/1600.avif 1600w" sizes="\\(min-width: 42rem\\) 40rem, calc\\(100vw - 2rem\\)" />`))
    assert.match(picture, /<source type="image\/webp" srcset="[^"]*1600\.webp 1600w"/)
    const img = /<img [^>]*>/.exec(picture)?.[0] ?? ''
    assert.match(img, new RegExp(`src="/images/${photo.id}/1600.jpg"`))
    assert.match(img, new RegExp(`srcset="/images/${photo.id}/240.jpg 240w, /images/${photo.id}/480.jpg 480w, /images/${photo.id}/960.jpg 960w, /images/${photo.id}/1600.jpg 1600w"`))
    assert.match(img, /sizes="\(min-width: 42rem\) 40rem, calc\(100vw - 2rem\)"/)
    assert.match(img, /alt="Nurses at the &quot;drop-in&quot; &lt;clinic&gt;"/)
    assert.match(img, /width="2000" height="1500"/)
    assert.match(img, /loading="lazy"/)
    assert.match(img, /decoding="async"/)
  })

  test('an image narrower than the widths kept is offered at its own width', () => {
    const html = renderWith(`![A small chart](/images/${small.id}/full.png)`)
    assert.match(html, new RegExp(`<img src="/images/${small.id}/640.png" srcset="/images/${small.id}/240.png 240w, /images/${small.id}/480.png 480w, /images/${small.id}/640.png 640w"`))
    assert.match(html, /width="640" height="480"/)
  })

  test('an unknown id, and another site\'s image, stay a plain lazy img', () => {
    const html = renderWith('![Gone](/images/NoSuchImageId000000000/full.jpg) ![Theirs](https://x.test/images/AbCdEfGhIjKlMnOpQrStUv/full.jpg)')
    assert.doesNotMatch(html, /<picture|<source|srcset/)
    assert.match(html, /<img src="\/images\/NoSuchImageId000000000\/full.jpg" alt="Gone" loading="lazy" decoding="async" \/>/)
    assert.match(html, /<img src="https:\/\/x.test\/images\/AbCdEfGhIjKlMnOpQrStUv\/full.jpg" alt="Theirs" loading="lazy" decoding="async" \/>/)
  })

  test('without a lookup, as before, every image is a plain img', () => {
    assert.doesNotMatch(render(`![a](/images/${photo.id}/full.jpg)`), /<picture/)
  })

  test('a source written by hand cannot point at a script', () => {
    const html = render('<picture><source srcset="javascript:alert(1) 1x" onerror="alert(2)"><img src="https://x.test/a.png" alt="a"></picture>')
    assert.doesNotMatch(html, /javascript:|onerror/)
  })
})
