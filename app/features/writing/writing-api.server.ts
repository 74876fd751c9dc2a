import { gWithContext } from '@keystone-6/core'

import { permissions } from '../../schema/access'
import type { Context } from '../../server/keystone.server'
import { embedChoices, findArchives } from './chat-choices.server'
import { previewMarkdown } from './preview.server'

// The Markdown editor's queries (admin/fields/markdown/views.tsx). Whoever may use the Admin UI
// may preview what they write, contributors included; visitors get nothing: the preview resolves
// embeds through the server's own reads, and is no public rendering service.

const g = gWithContext<Context>()

function requireSignedIn(context: Context) {
  if (!permissions.isSignedIn({ session: context.session })) {
    throw new Error('Sign in to the Admin UI to use the editor.')
  }
}

/** A body larger than this is no preview: GraphQL's 1 MB request limit is larger still. */
const MAX_PREVIEW_LENGTH = 200_000

const MarkdownPreview = g.object<{ html: string; problems: string[] }>()({
  name: 'DeskMarkdownPreview',
  fields: {
    html: g.field({ type: g.nonNull(g.String), description: 'Sanitized HTML, drawn as a reader’s page draws it.' }),
    problems: g.field({ type: g.nonNull(g.list(g.nonNull(g.String))), description: 'What saving this Markdown would be refused for.' }),
  },
})

const ArchiveChoice = g.object<{ slug: string; title: string; hashtag: string; windowStart: string }>()({
  name: 'DeskArchiveChoice',
  fields: {
    slug: g.field({ type: g.nonNull(g.String) }),
    title: g.field({ type: g.nonNull(g.String) }),
    hashtag: g.field({ type: g.nonNull(g.String) }),
    windowStart: g.field({ type: g.nonNull(g.String) }),
  },
})

const QuestionChoice = g.object<{ number: number; text: string }>()({
  name: 'DeskQuestionChoice',
  fields: {
    number: g.field({ type: g.nonNull(g.Int) }),
    text: g.field({ type: g.nonNull(g.String) }),
  },
})

const PostChoice = g.object<{ id: string; name: string; handle: string | null; text: string }>()({
  name: 'DeskPostChoice',
  fields: {
    id: g.field({ type: g.nonNull(g.String) }),
    name: g.field({ type: g.nonNull(g.String) }),
    handle: g.field({ type: g.String }),
    text: g.field({ type: g.nonNull(g.String) }),
  },
})

const EmbedChoices = g.object<NonNullable<Awaited<ReturnType<typeof embedChoices>>>>()({
  name: 'DeskEmbedChoices',
  fields: {
    archive: g.field({ type: g.nonNull(ArchiveChoice) }),
    questions: g.field({ type: g.nonNull(g.list(g.nonNull(QuestionChoice))) }),
    posts: g.field({ type: g.nonNull(g.list(g.nonNull(PostChoice))) }),
  },
})

export const writingApi = g.extend(() => ({
  query: {
    deskMarkdownPreview: g.field({
      type: g.nonNull(MarkdownPreview),
      description: 'Markdown rendered by the pipeline readers get, with the problems a save would refuse. Signed-in users only.',
      args: {
        markdown: g.arg({ type: g.nonNull(g.String) }),
        field: g.arg({ type: g.String, description: 'The field being written, as List.field (Post.body draws chat embeds in full).' }),
      },
      resolve(_, { markdown, field }, context) {
        requireSignedIn(context)
        if (markdown.length > MAX_PREVIEW_LENGTH) {
          throw new Error(`markdown: ${markdown.length} characters is too long to preview (at most ${MAX_PREVIEW_LENGTH}).`)
        }
        const acceptLanguage = context.req?.headers['accept-language'] ?? null
        return previewMarkdown(markdown, { field: field ?? '', acceptLanguage, prisma: context.prisma })
      },
    }),
    deskArchiveChoices: g.field({
      type: g.nonNull(g.list(g.nonNull(ArchiveChoice))),
      description: 'Archives whose title, hashtag or slug contain the search, newest first. Signed-in users only.',
      args: { search: g.arg({ type: g.String }) },
      resolve(_, { search }, context) {
        requireSignedIn(context)
        return findArchives(search ?? '')
      },
    }),
    deskEmbedChoices: g.field({
      type: EmbedChoices,
      description: 'An archive’s questions and posts as readers see them, to embed one. Signed-in users only.',
      args: { slug: g.arg({ type: g.nonNull(g.String) }) },
      resolve(_, { slug }, context) {
        requireSignedIn(context)
        return embedChoices(slug)
      },
    }),
  },
}))
