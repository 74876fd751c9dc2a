import { list } from '@keystone-6/core'
import { allowAll, denyAll } from '@keystone-6/core/access'
import { checkbox, select, text, timestamp } from '@keystone-6/core/fields'

import type { Lists } from '../../generated/keystone/types'
import { renderCommentMarkdown } from '../domain/markdown.server'
import { hasVisibleText } from '../domain/visible-text'
import type { Session } from '../server/session'
import { permissions, visibleItems } from './access'
import { link, withIndex } from './fields'

// Readers' comments and their moderation. Readers write through the site's form
// (app/features/comments/comments.server.ts); the API is for moderators.

export const commentLists = {
  Comment: list({
    access: {
      operation: {
        query: allowAll,
        // Readers comment through the site's form (app/features/comments/comments.server.ts), which checks the
        // origin, the time taken, the rate and the patient-details rule before it writes; the API
        // would skip all of that.
        create: permissions.isEditor,
        update: permissions.isEditor,
        delete: permissions.isEditor,
      },
      filter: { query: visibleItems.Comment },
    },
    ui: {
      labelField: 'authorName',
      // Moderation is for editors; the desk's navigation leads to its moderation page.
      hideNavigation: args => !permissions.isEditor(args),
      // Moderation starts from what is waiting; the list shows how many.
      listView: {
        initialColumns: ['authorName', 'status', 'heldReason', 'createdAt', 'post', 'interview', 'chatArchive'],
        initialSort: { field: 'createdAt', direction: 'DESC' },
        initialFilter: { status: { equals: 'pending' } },
      },
    },
    db: { extendPrismaSchema: withIndex('status', 'createdAt') },
    hooks: {
      validate: ({ operation, resolvedData, item, addValidationError }) => {
        if (operation === 'delete') return
        const targets = ['post', 'interview', 'chatArchive'].filter(key => {
          const value = (resolvedData as Record<string, unknown>)[key]
          if (value && typeof value === 'object' && 'disconnect' in value) return false
          return value ? true : Boolean(item && (item as Record<string, unknown>)[`${key}Id`])
        })
        if (targets.length !== 1) {
          addValidationError('A comment belongs to exactly one post, interview or chat archive.')
        }
        // The site's form refuses these too (app/features/comments/comments.server.ts); editors write here.
        for (const [field, label] of [['authorName', 'Name'], ['body', 'Body']] as const) {
          const value = resolvedData[field]
          if (typeof value === 'string' && !hasVisibleText(value)) addValidationError(`${label}: write something visible; invisible characters alone show nothing.`)
        }
      },
    },
    fields: {
      // A comment readers can read is on a published item (rules.readComments).
      post: link({ ref: 'Post.comments', write: 'readable', closed: true }),
      interview: link({ ref: 'Interview.comments', write: 'readable', closed: true }),
      chatArchive: link({ ref: 'ChatArchive.comments', write: 'readable', ui: { label: 'Chat archive' } }),
      // Replies are made by the site's comment form; a reply's parent may be held, so only editors set or filter by this.
      parent: link({ ref: 'Comment', write: 'editors', ui: { label: 'In reply to' } }),
      authorName: text({ ui: { label: 'Name' }, validation: { isRequired: true, length: { max: 80 } } }),
      email: text({
        validation: { length: { max: 254 } },
        access: { read: permissions.isEditor },
        ui: { description: 'Never shown on the site.' },
      }),
      body: text({ ui: { displayMode: 'textarea', description: 'Markdown: emphasis, links and line breaks only.' }, validation: { isRequired: true, length: { max: 4000 } } }),
      bodyHtml: text({
        ui: { createView: { fieldMode: 'hidden' }, itemView: { fieldMode: 'hidden' }, listView: { fieldMode: 'hidden' } },
        access: { create: denyAll, update: denyAll },
        hooks: {
          resolveInput: ({ resolvedData, fieldKey }) =>
            typeof resolvedData.body === 'string' ? renderCommentMarkdown(resolvedData.body) : (resolvedData[fieldKey] as string | undefined),
        },
      }),
      status: select({
        type: 'string',
        options: [
          { label: 'Pending', value: 'pending' },
          { label: 'Approved', value: 'approved' },
          { label: 'Spam', value: 'spam' },
        ],
        defaultValue: 'pending',
        validation: { isRequired: true },
        ui: { displayMode: 'segmented-control' },
        // Readers' comments always start pending; only editors choose another status.
        access: { create: permissions.isEditor, update: permissions.isEditor },
      }),
      // A reply written from the desk, shown on the site under the team's name. The site's form
      // never sets it (submitComment writes its fields one by one), and only editors can here.
      byTeam: checkbox({
        ui: { label: 'By the team', description: 'Shown on the site as the team’s reply.' },
        access: { create: permissions.isEditor, update: permissions.isEditor },
      }),
      heldReason: text({ ui: { label: 'Held because', itemView: { fieldMode: 'read' } }, access: { read: permissions.isEditor, create: denyAll, update: denyAll } }),
      createdAt: timestamp({
        ui: { label: 'Created at', itemView: { fieldMode: 'read' } },
        defaultValue: { kind: 'now' },
        access: { create: denyAll, update: denyAll },
      }),
    },
  }),

} satisfies Partial<Lists<Session>>
