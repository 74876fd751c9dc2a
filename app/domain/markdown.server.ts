import { Marked, type Token, type Tokens, type TokenizerAndRendererExtension } from 'marked'
import sanitizeHtml from 'sanitize-html'

import { CHAT_EMBED_LINE, chatEmbedHref, describeChatEmbed, parseChatEmbed, type ChatEmbedRef } from './chat-embed'
import { imageIdFromUrl, imageSources, type StoredImage } from './images'
import { createSlugger } from './slug.server'

// The one Markdown pipeline: Markdown → marked → sanitize-html. Everything editors and readers
// write goes through `renderMarkdown`; the result is stored beside the source by Keystone hooks,
// so pages never render Markdown per request. A chat embed line becomes a typed token here, and
// a post keeps it as a reference between its blocks of HTML (`renderMarkdownDocument`).

type ChatEmbedToken = Tokens.Generic & { type: 'chatEmbed'; ref: ChatEmbedRef }

const chatEmbedExtension: TokenizerAndRendererExtension = {
  name: 'chatEmbed',
  level: 'block',
  start: src => src.match(/^::chat\[/m)?.index,
  tokenizer(src) {
    const match = CHAT_EMBED_LINE.exec(src)
    if (!match) return undefined
    const ref = parseChatEmbed(match[0])
    if (!ref) return undefined
    return { type: 'chatEmbed', raw: match[0], ref } satisfies ChatEmbedToken
  },
  renderer(token) {
    return renderChatEmbedPlaceholder((token as ChatEmbedToken).ref)
  },
}

/** The card shown where a chat is embedded; the archive page holds the full thread. */
function renderChatEmbedPlaceholder(ref: ChatEmbedRef) {
  return (
    `<aside class="chat-embed" data-chat-archive="${ref.archiveSlug}"` +
    `${ref.question ? ` data-chat-question="${ref.question}"` : ''}` +
    `${ref.postId ? ` data-chat-post="${ref.postId}"` : ''}>` +
    `<p class="chat-embed-label">From the chat archive</p>` +
    `<p><a href="${chatEmbedHref(ref)}">${describeChatEmbed(ref)} from the archived chat “${ref.archiveSlug}”</a></p>` +
    `</aside>\n`
  )
}

// Heading anchors are unique within one document; each document starts a fresh slugger.
let slug = createSlugger()
// The site's images the document being rendered names (the pipeline is synchronous: one at a time).
let images: ReadonlyMap<string, StoredImage> = new Map()

/** How wide a body's image is drawn: the article column (.container, 42rem less its padding). */
const PROSE_IMAGE_SIZES = '(min-width: 42rem) 40rem, calc(100vw - 2rem)'

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/**
 * One of this site's images at the sizes the reader's screen needs, its space held by its own
 * width and height. Any other image (another site's, or an id with no row) stays a plain <img>.
 */
function renderImage(href: string, alt: string, title: string | null | undefined): string | false {
  const id = imageIdFromUrl(href)
  const image = id ? images.get(id) : undefined
  if (!image) return false
  const { sources, fallback } = imageSources(image)
  const sizes = PROSE_IMAGE_SIZES
  return (
    '<picture>' +
    sources.map(source => `<source type="${source.type}" srcset="${source.srcSet}" sizes="${sizes}">`).join('') +
    `<img src="${fallback.src}" srcset="${fallback.srcSet}" sizes="${sizes}" alt="${escapeAttribute(alt)}"` +
    `${title ? ` title="${escapeAttribute(title)}"` : ''} width="${image.width}" height="${image.height}">` +
    '</picture>'
  )
}

function createMarked() {
  const marked = new Marked({ gfm: true, breaks: false, async: false })
  marked.use({ extensions: [chatEmbedExtension] })
  marked.use({
    renderer: {
      heading({ tokens, depth, text }) {
        const id = slug(text)
        const inner = this.parser.parseInline(tokens)
        return `<h${depth} id="${id}"><a class="heading-anchor" href="#${id}">${inner}</a></h${depth}>\n`
      },
      image({ href, title, text }) {
        return renderImage(href, text, title)
      },
    },
  })
  return marked
}

const marked = createMarked()

function isOtherOrigin(href: string, siteOrigin: string) {
  try {
    return new URL(href, siteOrigin).origin !== new URL(siteOrigin).origin
  } catch {
    return false
  }
}

const baseSanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    ...sanitizeHtml.defaults.allowedTags.filter(tag => tag !== 'iframe'),
    'img',
    'del',
    'ins',
    'input',
    'picture',
    'source',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'class'],
    img: ['src', 'srcset', 'sizes', 'alt', 'title', 'width', 'height', 'loading', 'decoding'],
    source: ['type', 'srcset', 'sizes'],
    h1: ['id'],
    h2: ['id'],
    h3: ['id'],
    h4: ['id'],
    h5: ['id'],
    h6: ['id'],
    aside: ['class', 'data-chat-archive', 'data-chat-question', 'data-chat-post'],
    p: ['class'],
    code: ['class'],
    th: ['align'],
    td: ['align'],
    input: ['type', 'checked', 'disabled'],
    ol: ['start'],
  },
  selfClosing: [...sanitizeHtml.defaults.selfClosing, 'source'],
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'], source: ['http', 'https'] },
  allowProtocolRelative: false,
  allowedClasses: {
    a: ['heading-anchor'],
    aside: ['chat-embed'],
    p: ['chat-embed-label'],
    code: [/^language-[\w-]+$/],
  },
}

export type RenderOptions = {
  /** The site's own origin: links elsewhere get rel="noopener noreferrer". */
  siteOrigin: string
  /** The site's images the Markdown names (`/images/<id>/…`), by id: each is drawn as a <picture> at its own size. */
  images?: ReadonlyMap<string, StoredImage>
}

function sanitize(html: string, siteOrigin: string): string {
  return sanitizeHtml(html, {
    ...baseSanitizeOptions,
    transformTags: {
      a: (tagName, attribs) => {
        const external = attribs.href && isOtherOrigin(attribs.href, siteOrigin)
        return {
          tagName,
          attribs: external ? { ...attribs, rel: 'noopener noreferrer' } : attribs,
        }
      },
      img: (tagName, attribs) => ({
        tagName,
        attribs: { ...attribs, loading: 'lazy', decoding: 'async' },
      }),
      input: (tagName, attribs) =>
        attribs.type === 'checkbox'
          ? { tagName, attribs: { ...attribs, disabled: '' } }
          : { tagName: 'span', attribs: {} },
    },
  })
}

export function renderMarkdown(markdown: string, options: RenderOptions): string {
  return renderMarkdownDocument(markdown, options).html
}

/** A post's body as stored: sanitized HTML between its chat embeds, which stay references. */
export type BodyBlock = { html: string } | { chat: ChatEmbedRef }

/**
 * One pass over the Markdown gives both the whole HTML (feeds, search; embeds drawn as a card
 * linking to the archive) and the blocks a post page draws, its embeds resolved when read.
 */
export function renderMarkdownDocument(markdown: string, { siteOrigin, images: documentImages }: RenderOptions): { html: string; blocks: BodyBlock[] } {
  slug = createSlugger()
  images = documentImages ?? new Map()
  const tokens = marked.lexer(markdown ?? '')
  const blocks: BodyBlock[] = []
  let run: Token[] = []
  const flush = () => {
    // Top-level tokens render independently; reference links are defined for the whole document.
    if (run.length) blocks.push({ html: sanitize(marked.parser(Object.assign(run, { links: tokens.links })), siteOrigin) })
    run = []
  }
  for (const token of tokens) {
    if (token.type === 'chatEmbed') {
      flush()
      blocks.push({ chat: (token as ChatEmbedToken).ref })
    } else {
      run.push(token)
    }
  }
  flush()
  const html = blocks.map(block => ('html' in block ? block.html : sanitize(renderChatEmbedPlaceholder(block.chat), siteOrigin))).join('')
  return { html, blocks: blocks.filter(block => !('html' in block) || block.html.trim()) }
}

/** The ids of this site's images the Markdown shows, for the caller to read before rendering. */
export function imageIdsInMarkdown(markdown: string): string[] {
  const ids = new Set<string>()
  void marked.walkTokens(marked.lexer(markdown ?? ''), token => {
    const id = token.type === 'image' ? imageIdFromUrl(token.href) : undefined
    if (id) ids.add(id)
  })
  return [...ids]
}

/** Images whose alt text is empty, with the line they start on, for the editor's warning. */
export function findImagesWithoutAlt(markdown: string): { line: number; src: string }[] {
  const missing: { line: number; src: string }[] = []
  const tokens = marked.lexer(markdown ?? '')
  // walkTokens returns the callbacks' results; this one returns nothing to wait for.
  void marked.walkTokens(tokens, token => {
    if (token.type === 'image' && !token.text.trim()) {
      const offset = markdown.indexOf(token.raw)
      const line = offset === -1 ? 0 : markdown.slice(0, offset).split('\n').length
      missing.push({ line, src: token.href })
    }
  })
  return missing
}

/** What the save refuses, said the same way by the field's validation and the editor's preview. */
export function altTextProblems(markdown: string): string[] {
  return findImagesWithoutAlt(markdown).map(
    image => `The image on line ${image.line} (${image.src}) has no alt text. Describe it between the brackets: ![what the image shows](url).`
  )
}

const TEXT_ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' }

/**
 * Plain text for excerpts, feeds' summaries and search snippets: real text, not HTML, so `<` is
 * `<` (sanitize-html escapes what it keeps). Whoever puts it into HTML must escape it.
 */
export function markdownToPlainText(markdown: string): string {
  const html = marked.parse(markdown ?? '') as string
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} })
    .replace(/&(?:lt|gt|quot|#39|amp);/g, entity => TEXT_ENTITIES[entity])
    .replace(/\s+/g, ' ')
    .trim()
}

// Readers' comments get a small, safe subset: emphasis, links and line breaks. Anything else
// (headings, images, raw HTML) is reduced to its text.
const commentMarked = new Marked({ gfm: true, breaks: true, async: false })

export function renderCommentMarkdown(markdown: string): string {
  const html = sanitizeHtml(commentMarked.parse(markdown ?? '') as string, {
    allowedTags: ['p', 'br', 'em', 'strong', 'a'],
    allowedAttributes: { a: ['href', 'rel'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowProtocolRelative: false,
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: { href: attribs.href ?? '', rel: 'nofollow ugc noopener noreferrer' } }),
      ...Object.fromEntries(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'li'].map(tag => [tag, 'p'])),
    },
  })
  return html.trim()
}

/** Links in a comment, written as Markdown or bare, for the link limit. */
export function countLinks(markdown: string): number {
  return (markdown.match(/https?:\/\/|www\.|mailto:/gi) ?? []).length
}
