import { gWithContext } from '@keystone-6/core'

import { permissions } from '../../schema/access'
import { env } from '../../server/env.server'
import type { Context } from '../../server/keystone.server'
import { PREVIEW_LINK_DAYS } from '../../domain/publishing'
import { PREVIEW_LISTS, previewPath, previewToken, type PreviewList } from './preview.server'

// The desk's "Make a private preview link" (admin/fields/on-the-site): a link to an item's preview
// that works without signing in, for PREVIEW_LINK_DAYS.

const g = gWithContext<Context>()

const PreviewLink = g.object<{ url: string; expiresAt: Date }>()({
  name: 'PreviewLink',
  fields: {
    url: g.field({ type: g.nonNull(g.String) }),
    expiresAt: g.field({ type: g.nonNull(g.DateTime) }),
  },
})

const isPreviewList = (list: string): list is PreviewList => Object.hasOwn(PREVIEW_LISTS, list)

/** The private link of an item, for an editor: its token is signed for the item at its address, so it shows nothing elsewhere, and a new slug needs a new link. */
async function createPreviewLink(context: Context, list: string, id: string, now = new Date()) {
  if (!permissions.isEditor({ session: context.session })) throw new Error('Only editors can make private preview links.')
  if (!isPreviewList(list)) throw new Error(`list: "${list}" has no preview; use one of ${Object.keys(PREVIEW_LISTS).join(', ')}.`)
  const where = { id }
  const item =
    list === 'post'
      ? await context.db.Post.findOne({ where })
      : list === 'interview'
        ? await context.db.Interview.findOne({ where })
        : await context.db.TopicAnnouncement.findOne({ where })
  if (!item) throw new Error(`id: there is no ${list} with the id "${id}".`)
  const expiresAt = new Date(now.getTime() + PREVIEW_LINK_DAYS * 24 * 60 * 60 * 1000)
  return { url: `${env.publicUrl}${previewPath(list, item.slug, previewToken(list, item.id, item.slug, expiresAt))}`, expiresAt }
}

export const previewLinkApi = g.extend(() => ({
  mutation: {
    createPreviewLink: g.field({
      type: g.nonNull(PreviewLink),
      args: { list: g.arg({ type: g.nonNull(g.String) }), id: g.arg({ type: g.nonNull(g.ID) }) },
      resolve: (_, { list, id }, context) => createPreviewLink(context, list, id),
    }),
  },
}))
