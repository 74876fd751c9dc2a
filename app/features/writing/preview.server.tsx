import { renderToStaticMarkup } from 'react-dom/server'

import { PostBody } from '../../components/post-body'
import { SiteDataProvider } from '../../components/site-context'
import { altTextProblems, renderMarkdownDocument } from '../../domain/markdown.server'
import { env } from '../../server/env.server'
import { resolveChatEmbeds, type BodyPart } from '../archive/embed.server'
import { siteData } from '../content/site.server'
import { readBodyImages } from './body-images.server'

// The editor's preview runs the readers' code: the Markdown pipeline a save runs, the embeds
// resolved as a post page resolves them, and the same React components drawing them.

export type MarkdownPreview = {
  /** The body as a reader's page draws it (sanitized, embeds included). */
  html: string
  /** What saving this Markdown would be refused for. */
  problems: string[]
}

/**
 * A post's body is stored as blocks whose chat embeds are drawn in full when read (app/schema/
 * content.ts, `renderedBlocks`); every other Markdown field is read as its HTML, embeds as a card.
 */
const FIELDS_WITH_RESOLVED_EMBEDS = new Set(['Post.body'])

export async function previewMarkdown(
  markdown: string,
  { field, acceptLanguage, prisma }: { field: string; acceptLanguage: string | null; prisma: Parameters<typeof readBodyImages>[0] }
): Promise<MarkdownPreview> {
  const document = renderMarkdownDocument(markdown, { siteOrigin: env.publicUrl, images: await readBodyImages(prisma, markdown) })
  const parts: BodyPart[] = FIELDS_WITH_RESOLVED_EMBEDS.has(field) ? await resolveChatEmbeds(document.blocks) : [{ html: document.html }]
  const site = await siteData(acceptLanguage)
  const html = renderToStaticMarkup(
    <SiteDataProvider value={site}>
      <PostBody parts={parts} />
    </SiteDataProvider>
  )
  return { html, problems: altTextProblems(markdown) }
}
