import { action, list } from '@keystone-6/core'
import { allowAll, denyAll } from '@keystone-6/core/access'
import {
  checkbox,
  integer,
  json,
  password,
  relationship,
  select,
  text,
  timestamp,
} from '@keystone-6/core/fields'

import { permissions, rules } from './access'
import { announceTopic } from './app/lib/announce.server'
import { reimportArchiveFromX } from './app/lib/chat-import/import.server'
import { fetchChatFromXApi } from './app/lib/chat-import/x-api-source.server'
import { env } from './app/lib/env.server'
import type { Context } from './app/lib/keystone.server'
import { findImagesWithoutAlt, renderCommentMarkdown, renderMarkdown } from './app/lib/markdown.server'
import { invalidatePublicPages } from './app/lib/response-cache.server'
import { isValidTimeZone, nextChatStart, WEEKDAYS, type Weekday } from './app/lib/schedule.server'
import { slugify } from './app/lib/slug.server'
import { ROLES, type Session } from './app/lib/session'
import { DEFAULT_SITE_SETTINGS } from './app/lib/site-defaults'
import type { BaseListTypeInfo, FieldTypeFunc, KeystoneContext } from '@keystone-6/core/types'

import type { Lists } from './generated/keystone/types'

export type { Session }

// Field factories shared by several lists. Keystone types a field by the list it sits in; these are
// written once for any list, so they are typed for any list.
type SharedField = FieldTypeFunc<BaseListTypeInfo & any>

/** The weekly schedule and default hashtag, from Site settings or their defaults before any are saved. */
async function siteSchedule(context: KeystoneContext) {
  const saved = (await context.sudo().db.SiteSettings.findOne({ where: { id: '1' } })) as Partial<typeof DEFAULT_SITE_SETTINGS> | null
  const settings = { ...DEFAULT_SITE_SETTINGS, ...saved }
  return {
    weekday: settings.chatWeekday as Weekday,
    localTime: settings.chatLocalTime,
    timeZone: settings.chatTimeZone,
    defaultHashtag: settings.defaultHashtag || DEFAULT_SITE_SETTINGS.defaultHashtag,
  }
}

/**
 * Every write that can change what readers see empties the public response cache. A comment
 * only does when it is, or was, approved: a new one waiting for moderation changes no page.
 */
function invalidatingPublicPages<Definitions extends Lists<Session>>(definitions: Definitions): Definitions {
  for (const definition of Object.values(definitions)) {
    const hooks = (definition.hooks ??= {}) as { afterOperation?: unknown }
    if (hooks.afterOperation) throw new Error('invalidatingPublicPages: compose with the existing afterOperation hook')
    hooks.afterOperation = ({ listKey, item, originalItem }: { listKey: string; item?: { status?: unknown } | null; originalItem?: { status?: unknown } | null }) => {
      if (listKey === 'Comment' && item?.status !== 'approved' && originalItem?.status !== 'approved') return
      invalidatePublicPages()
    }
  }
  return definitions
}

/** Adds a composite index for the filters and sorts the public pages use. */
const withIndex =
  (...fields: string[]) =>
  (model: string) =>
    model.replace(/\}\s*$/, `\n  @@index([${fields.join(', ')}])\n}`)

const STATUS_OPTIONS = [
  { label: 'Draft', value: 'draft' },
  { label: 'Published', value: 'published' },
]

/** Editors publish; contributors may only save drafts. */
const status = (): SharedField =>
  select({
    type: 'string',
    options: STATUS_OPTIONS,
    defaultValue: 'draft',
    validation: { isRequired: true },
    ui: { displayMode: 'segmented-control' },
    access: {
      create: ({ session, inputData }) =>
        inputData.status !== 'published' || permissions.isEditor({ session }),
      update: ({ session, inputData }) =>
        inputData.status !== 'published' || permissions.isEditor({ session }),
    },
  })

/** Set the first time an item is published, so a later edit does not move it in the feed. */
const publishedAt = (): SharedField =>
  timestamp({
    ui: { label: 'Published at', description: 'Filled in automatically when the item is first published.' },
    hooks: {
      resolveInput: ({ resolvedData, item, fieldKey }) => {
        const value = resolvedData[fieldKey] ?? item?.[fieldKey as 'publishedAt']
        const nextStatus = resolvedData.status ?? item?.status
        if (nextStatus === 'published' && !value) return new Date()
        return resolvedData[fieldKey]
      },
    },
  })

/** Unique, URL-safe, generated from the title when left empty, editable. */
const slug = (source: 'title' | 'name' = 'title'): SharedField =>
  text({
    isIndexed: 'unique',
    ui: { description: 'The address of the page. Leave empty to make one from the title.' },
    validation: {
      match: {
        regex: /^$|^[a-z0-9]+(?:-[a-z0-9]+)*$/,
        explanation: 'Use lowercase letters, digits and single hyphens, for example "weekly-chat-recap".',
      },
    },
    hooks: {
      resolveInput: async ({ operation, resolvedData, inputData, item, fieldKey, listKey, context }) => {
        const given = resolvedData[fieldKey]
        if (typeof given === 'string' && given.trim()) return given.trim()
        const from = inputData[source] ?? item?.[source]
        if ((operation !== 'create' && given !== '') || !from) return given
        // A generated slug must not collide: two people called "Sam Patel" get sam-patel and sam-patel-2.
        const base = slugify(from)
        const taken = async (candidate: string) =>
          (await context.sudo().db[listKey].count({ where: { [fieldKey]: { equals: candidate } } })) > 0
        let candidate = base
        for (let n = 2; await taken(candidate); n++) candidate = `${base}-${n}`
        return candidate
      },
    },
  })

const markdown = (label: string, description?: string): SharedField =>
  text({
    ui: { label: label, displayMode: 'textarea', description: description ?? 'Markdown.' },
    hooks: {
      validate: ({ resolvedData, fieldKey, addValidationError }) => {
        const value = resolvedData?.[fieldKey]
        if (typeof value !== 'string') return
        for (const image of findImagesWithoutAlt(value)) {
          addValidationError(
            `${label}: the image on line ${image.line} (${image.src}) has no alt text. ` +
              'Describe it between the brackets: ![what the image shows](url).'
          )
        }
      },
    },
  })

/** The stored HTML of a Markdown field, rendered once per change (never edited by hand). */
const renderedHtml = (source: string): SharedField =>
  text({
    ui: {
      createView: { fieldMode: 'hidden' },
      itemView: { fieldMode: 'hidden' },
      listView: { fieldMode: 'hidden' },
    },
    access: { create: denyAll, update: denyAll },
    hooks: {
      resolveInput: ({ resolvedData, fieldKey }) => {
        const value = resolvedData[source]
        if (typeof value === 'string') {
          return renderMarkdown(value, { siteOrigin: env.publicUrl })
        }
        return resolvedData[fieldKey]
      },
    },
  })

/** New items are attributed to whoever creates them. */
const author = (ref: `User.${string}`): SharedField =>
  relationship({
    ref,
    ui: { displayMode: 'select', labelField: 'name' },
    hooks: {
      resolveInput: ({ operation, resolvedData, context, fieldKey }) => {
        if (operation === 'create' && !resolvedData[fieldKey] && context.session) {
          return { connect: { id: context.session.itemId } }
        }
        return resolvedData[fieldKey]
      },
    },
    access: {
      // Contributors cannot attribute their work to someone else.
      create: ({ session, inputData }) =>
        permissions.isEditor({ session }) ||
        !inputData.author ||
        (inputData.author as { connect?: { id?: string } }).connect?.id === session?.itemId,
      update: permissions.isEditor,
    },
  })

/**
 * For a relationship into a list whose readers see only some items (drafts, pending comments).
 * Keystone applies that list's rules when it reads the relationship, but not inside a `where` that
 * crosses it, nor when the relationship is written from this end: a visitor could filter tags by
 * `posts: { some: { status: draft, body: { contains } } }` to read drafts a letter at a time, and a
 * contributor could move approved comments onto their own draft. Both are for editors.
 */
const editorsOnlyFromThisEnd = {
  read: { item: allowAll, filter: permissions.isEditor, order: allowAll },
  create: permissions.isEditor,
  update: permissions.isEditor,
}

/** Contributors file questions only under an interview they may edit, so never a published one. */
async function mayFileQuestionUnder({ session, context, inputData }: { session?: Session; context: KeystoneContext; inputData: { interview?: { connect?: { id?: string | null } | null } | null } }) {
  const editable = rules.editAuthoredContent({ session })
  if (typeof editable === 'boolean') return editable
  const id = inputData.interview?.connect?.id
  // Disconnecting, or creating an interview along the way (a draft of their own), is theirs to do.
  if (!id) return true
  return (await context.sudo().db.Interview.count({ where: { AND: [{ id: { equals: id } }, editable] } })) === 1
}

const authoredContentAccess = {
  operation: {
    query: allowAll,
    create: permissions.isContributor,
    update: permissions.isContributor,
    delete: permissions.isEditor,
  },
  filter: {
    query: rules.readAuthoredContent,
    update: rules.editAuthoredContent,
    delete: rules.editAuthoredContent,
  },
}

const editorialAccess = {
  operation: {
    query: allowAll,
    create: permissions.isEditor,
    update: permissions.isEditor,
    delete: permissions.isEditor,
  },
}

// Chat posts and their authors are strangers' words, and a redacted participant must not be
// found by anyone outside the team. The public reads a chat only through its pages and its JSON
// and CSV exports, where app/models/archive.server.ts applies redaction; the API is for the team.
const chatRecordsAccess = {
  operation: { ...editorialAccess.operation, query: permissions.isSignedIn },
}
const teamOnly = { read: permissions.isSignedIn }

const xHandle = (label = 'X handle'): SharedField =>
  text({
    ui: { label: label },
    validation: {
      match: {
        regex: /^$|^@?[A-Za-z0-9_]{1,15}$/,
        explanation: 'An X handle has 1 to 15 letters, digits or underscores, for example @nhs_chat.',
      },
    },
    hooks: {
      resolveInput: ({ resolvedData, fieldKey }) => {
        const value = resolvedData[fieldKey]
        return typeof value === 'string' ? value.replace(/^@/, '') : value
      },
    },
  })

export const lists = invalidatingPublicPages({
  User: list({
    access: {
      operation: {
        query: allowAll,
        create: permissions.isAdmin,
        update: permissions.isSignedIn,
        delete: permissions.isAdmin,
      },
      filter: { update: rules.editUser },
    },
    ui: {
      hideNavigation: args => !permissions.isAdmin(args),
      listView: { initialColumns: ['name', 'email', 'role'] },
    },
    fields: {
      name: text({ validation: { isRequired: true } }),
      slug: slug('name'),
      email: text({
        isIndexed: 'unique',
        validation: {
          isRequired: true,
          match: { regex: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, explanation: 'Enter an email address.' },
        },
        access: {
          // Readable by the person themself and by admins, never by the public. Keystone also asks
          // this rule, without an item, before letting anyone filter or sort by email.
          read: args =>
            permissions.isAdmin(args) || ('item' in args && args.session?.itemId === args.item.id),
        },
      }),
      password: password({
        validation: { isRequired: true, length: { min: 10 }, rejectCommon: true },
      }),
      role: select({
        type: 'string',
        options: ROLES.map(role => ({ label: role[0].toUpperCase() + role.slice(1), value: role })),
        defaultValue: 'contributor',
        validation: { isRequired: true },
        access: {
          read: permissions.isSignedIn,
          create: permissions.isAdmin,
          update: permissions.isAdmin,
        },
      }),
      bio: text({ ui: { displayMode: 'textarea' } }),
      xHandle: xHandle(),
      posts: relationship({ ref: 'Post.author', many: true, access: editorsOnlyFromThisEnd, ui: { displayMode: 'count', itemView: { fieldMode: 'read' } } }),
      interviews: relationship({ ref: 'Interview.author', many: true, access: editorsOnlyFromThisEnd, ui: { displayMode: 'count', itemView: { fieldMode: 'read' } } }),
    },
  }),

  Post: list({
    access: authoredContentAccess,
    ui: {
      labelField: 'title',
      listView: {
        initialColumns: ['title', 'kind', 'status', 'publishedAt', 'author'],
        initialSort: { field: 'publishedAt', direction: 'DESC' },
      },
    },
    db: { extendPrismaSchema: withIndex('status', 'publishedAt') },
    fields: {
      title: text({ validation: { isRequired: true } }),
      slug: slug(),
      kind: select({
        type: 'string',
        options: [
          { label: 'Article', value: 'article' },
          { label: 'Chat recap', value: 'recap' },
        ],
        defaultValue: 'article',
        validation: { isRequired: true },
        ui: { displayMode: 'segmented-control' },
      }),
      status: status(),
      publishedAt: publishedAt(),
      author: author('User.posts'),
      excerpt: text({
        ui: { displayMode: 'textarea', description: 'One or two sentences for lists, feeds and link previews.' },
        validation: { length: { max: 400 } },
      }),
      body: markdown('Body', 'Markdown. Embed an archived chat with a line ::chat[archive-slug], ::chat[archive-slug#Q2] or ::chat[archive-slug/POST_ID].'),
      bodyHtml: renderedHtml('body'),
      tags: relationship({ ref: 'Tag.posts', many: true }),
      chatArchive: relationship({
        ref: 'ChatArchive.recaps',
        ui: { label: 'Chat archive', description: 'For a recap: the chat it recaps.' },
      }),
      allowComments: checkbox({ ui: { label: 'Allow comments' }, defaultValue: true }),
      comments: relationship({ ref: 'Comment.post', many: true, access: editorsOnlyFromThisEnd, ui: { displayMode: 'count', itemView: { fieldMode: 'read' } } }),
    },
  }),

  Interview: list({
    access: authoredContentAccess,
    ui: {
      labelField: 'title',
      listView: { initialColumns: ['title', 'intervieweeName', 'status', 'publishedAt'] },
    },
    db: { extendPrismaSchema: withIndex('status', 'publishedAt') },
    fields: {
      title: text({ validation: { isRequired: true } }),
      slug: slug(),
      status: status(),
      publishedAt: publishedAt(),
      author: author('User.interviews'),
      intervieweeName: text({ ui: { label: 'Interviewee name' }, validation: { isRequired: true } }),
      intervieweeRole: text({ ui: { label: 'Interviewee role', description: 'For example "Communications lead, a hospital trust".' } }),
      intervieweeXHandle: xHandle('Interviewee X handle'),
      introduction: markdown('Introduction'),
      introductionHtml: renderedHtml('introduction'),
      questions: relationship({
        ref: 'InterviewQuestion.interview',
        many: true,
        access: editorsOnlyFromThisEnd,
        ui: {
          label: 'Questions and answers',
          displayMode: 'table',
          columns: ['position', 'question'],
          initialSort: { field: 'position', direction: 'ASC' },
          itemView: { fieldMode: 'read' },
          description: 'Add or reorder them under "Interview questions".',
        },
      }),
      tags: relationship({ ref: 'Tag.interviews', many: true }),
      allowComments: checkbox({ ui: { label: 'Allow comments' }, defaultValue: true }),
      comments: relationship({ ref: 'Comment.interview', many: true, access: editorsOnlyFromThisEnd, ui: { displayMode: 'count', itemView: { fieldMode: 'read' } } }),
    },
  }),

  InterviewQuestion: list({
    access: {
      operation: {
        query: allowAll,
        create: permissions.isContributor,
        update: permissions.isContributor,
        delete: permissions.isContributor,
      },
      filter: {
        // Questions follow their interview: visible when it is, editable when it is.
        query: args => {
          const rule = rules.readAuthoredContent(args)
          return rule === true ? true : { interview: rule }
        },
        update: args => {
          const rule = rules.editAuthoredContent(args)
          return typeof rule === 'boolean' ? rule : { interview: rule }
        },
        delete: args => {
          const rule = rules.editAuthoredContent(args)
          return typeof rule === 'boolean' ? rule : { interview: rule }
        },
      },
    },
    ui: {
      labelField: 'question',
      listView: { initialColumns: ['interview', 'position', 'question'] },
    },
    db: { extendPrismaSchema: withIndex('interviewId', 'position') },
    fields: {
      interview: relationship({
        ref: 'Interview.questions',
        ui: { labelField: 'title' },
        access: { create: mayFileQuestionUnder, update: mayFileQuestionUnder },
      }),
      position: integer({
        validation: { isRequired: true, min: 1 },
        defaultValue: 1,
        ui: { description: 'Order within the interview: 1 comes first.' },
      }),
      question: markdown('Question'),
      questionHtml: renderedHtml('question'),
      answer: markdown('Answer'),
      answerHtml: renderedHtml('answer'),
    },
  }),

  TopicAnnouncement: list({
    access: { ...editorialAccess, filter: { query: rules.readEditorialContent } },
    actions: {
      // The same as `npm run announce`; X refuses nothing twice because we refuse first.
      postToX: action<Lists.TopicAnnouncement.TypeInfo<Session>>({
        access: ({ context }) => permissions.isEditor({ session: context.session }),
        async resolve({ where }, context) {
          const topic = await context.db.TopicAnnouncement.findOne({ where })
          if (!topic) return null
          await announceTopic(context as unknown as Context, topic.slug)
          return context.db.TopicAnnouncement.findOne({ where })
        },
        ui: {
          label: 'Post to X',
          icon: 'sendIcon',
          messages: {
            promptTitle: 'Post {singular} to X',
            prompt: 'Post the announcement of “{itemLabel}” to X now? It can be posted only once.',
            promptConfirmLabel: 'Post',
            success: 'Posted {itemLabel} to X',
            fail: 'Could not post {itemLabel} to X',
          },
          itemView: { navigation: 'refetch', actionMode: { disabled: { OR: [{ status: { equals: 'draft' } }, { NOT: { xPostId: { equals: '' } } }] } } },
          listView: { actionMode: 'hidden' },
        },
      }),
    },
    ui: {
      label: 'Topic announcements',
      labelField: 'title',
      listView: {
        initialColumns: ['title', 'chatStart', 'status'],
        initialSort: { field: 'chatStart', direction: 'DESC' },
      },
    },
    db: { extendPrismaSchema: withIndex('status', 'chatStart') },
    fields: {
      title: text({ ui: { label: 'Topic' }, validation: { isRequired: true } }),
      slug: slug(),
      status: status(),
      publishedAt: publishedAt(),
      hashtag: text({
        ui: { description: 'Leave empty for the default hashtag in Site settings.' },
        validation: {
          match: { regex: /^$|^#?[\p{L}\p{N}_]+$/u, explanation: 'One hashtag, for example #nhschat.' },
        },
        hooks: {
          resolveInput: async ({ operation, resolvedData, fieldKey, context }) => {
            const value = resolvedData[fieldKey]
            if (operation === 'create' && !value) return (await siteSchedule(context)).defaultHashtag
            return typeof value === 'string' && value && !value.startsWith('#') ? `#${value}` : value
          },
          validate: ({ operation, resolvedData, fieldKey, addValidationError }) => {
            if (operation !== 'delete' && resolvedData?.[fieldKey] === '') addValidationError('Hashtag: the chat needs a hashtag.')
          },
        },
      }),
      chatStart: timestamp({
        ui: {
          label: 'Chat starts',
          description: 'Leave empty for the next weekly chat from Site settings (e.g. next Monday 12:00 Europe/London). Stored in UTC.',
        },
        hooks: {
          // The weekly slot is the default; the schedule module does the time-zone arithmetic.
          resolveInput: async ({ operation, resolvedData, fieldKey, context }) => {
            if (operation !== 'create' || resolvedData[fieldKey]) return resolvedData[fieldKey]
            return nextChatStart(await siteSchedule(context))
          },
        },
      }),
      durationMinutes: integer({
        ui: { label: 'Duration (minutes)' },
        defaultValue: 60,
        validation: { isRequired: true, min: 5, max: 24 * 60 },
      }),
      description: markdown('Description'),
      descriptionHtml: renderedHtml('description'),
      questions: text({
        ui: { label: 'Planned questions', displayMode: 'textarea', description: 'One question per line, in order: line 1 is Q1.' },
      }),
      host: text({ ui: { description: 'Name and X handle, for example "Sam Patel (@sampatel)".' } }),
      guests: text({ ui: { displayMode: 'textarea', description: 'One guest per line.' } }),
      chatArchive: relationship({ ref: 'ChatArchive.topic', ui: { label: 'Chat archive' } }),
      // Set once the announcement is posted to X, which is then refused a second time.
      xPostId: text({
        ui: { label: 'Posted to X as', itemView: { fieldMode: 'read' }, createView: { fieldMode: 'hidden' } },
        access: { create: denyAll, update: denyAll },
      }),
      xPostedAt: timestamp({
        ui: { label: 'Posted to X at', itemView: { fieldMode: 'read' }, createView: { fieldMode: 'hidden' } },
        access: { create: denyAll, update: denyAll },
      }),
    },
  }),

  ChatArchive: list({
    access: editorialAccess,
    actions: {
      // The same import as `npm run import`, for editors who never open a terminal.
      importFromX: action<Lists.ChatArchive.TypeInfo<Session>>({
        access: ({ context }) => permissions.isEditor({ session: context.session }),
        async resolve({ where }, context) {
          const archive = await context.db.ChatArchive.findOne({ where })
          if (!archive) return null
          await reimportArchiveFromX(context.sudo() as unknown as Context, archive.id, request =>
            fetchChatFromXApi({ ...request, fullArchive: env.X_SEARCH_ALL === 'true' })
          )
          return archive
        },
        ui: {
          label: 'Import from X',
          icon: 'downloadCloudIcon',
          messages: {
            promptTitle: 'Import {singular} from X',
            prompt: 'Fetch the posts of “{itemLabel}” from the X API again? New posts are added and changed metrics updated; nothing is duplicated.',
            promptConfirmLabel: 'Import',
            success: 'Imported {itemLabel} from X',
            fail: 'Could not import {itemLabel} from X',
          },
          itemView: { navigation: 'refetch' },
          listView: { actionMode: 'hidden' },
        },
      }),
    },
    ui: {
      labelField: 'title',
      listView: {
        initialColumns: ['title', 'hashtag', 'windowStart', 'source'],
        initialSort: { field: 'windowStart', direction: 'DESC' },
      },
    },
    fields: {
      title: text({ validation: { isRequired: true } }),
      slug: slug(),
      hashtag: text({ validation: { isRequired: true }, isIndexed: true }),
      windowStart: timestamp({ ui: { label: 'Chat window start' }, validation: { isRequired: true }, isIndexed: true }),
      windowEnd: timestamp({ ui: { label: 'Chat window end' }, validation: { isRequired: true } }),
      topic: relationship({ ref: 'TopicAnnouncement.chatArchive', access: editorsOnlyFromThisEnd, ui: { label: 'Topic announcement' } }),
      source: select({
        type: 'string',
        options: [
          { label: 'X API import', value: 'x-api' },
          { label: 'Archive export', value: 'archive-export' },
          { label: 'Manual', value: 'manual' },
        ],
        defaultValue: 'manual',
        validation: { isRequired: true },
      }),
      hostHandles: text({
        ui: {
          label: 'Host handles',
          description: 'The host and co-hosts whose "Q1 …" posts are the questions, e.g. "@mhc_host @cohost". Empty: whoever posted the first Q1.',
        },
      }),
      importedAt: timestamp({ ui: { label: 'Imported at', itemView: { fieldMode: 'read' } } }),
      // Derived on every import (app/lib/chat-import/store.server.ts); never edited by hand.
      stats: json({ access: teamOnly, ui: { label: 'Statistics', itemView: { fieldMode: 'read' }, createView: { fieldMode: 'hidden' } } }),
      analysis: json({ access: teamOnly, ui: { label: 'Questions, threads and links', itemView: { fieldMode: 'hidden' }, createView: { fieldMode: 'hidden' }, listView: { fieldMode: 'hidden' } } }),
      importProblems: json({ access: teamOnly, ui: { label: 'Import problems', description: 'Posts the API reported as deleted or protected, and posts the import left out, with the reason.', itemView: { fieldMode: 'read' }, createView: { fieldMode: 'hidden' } } }),
      // Also keeps filters like `messages: { some: { author: … } }` from probing hidden posts.
      messages: relationship({ ref: 'ChatMessage.archive', many: true, access: teamOnly, ui: { displayMode: 'count', itemView: { fieldMode: 'read' } } }),
      recaps: relationship({ ref: 'Post.chatArchive', many: true, access: editorsOnlyFromThisEnd }),
      allowComments: checkbox({ ui: { label: 'Allow comments' }, defaultValue: true }),
      comments: relationship({ ref: 'Comment.chatArchive', many: true, access: editorsOnlyFromThisEnd, ui: { displayMode: 'count', itemView: { fieldMode: 'read' } } }),
    },
  }),

  ChatMessage: list({
    access: chatRecordsAccess,
    ui: {
      label: 'Chat messages',
      labelField: 'xId',
      listView: { initialColumns: ['xId', 'author', 'postedAt', 'kind'] },
    },
    db: { extendPrismaSchema: withIndex('archiveId', 'postedAt') },
    fields: {
      xId: text({ ui: { label: 'X post id' }, isIndexed: 'unique', validation: { isRequired: true } }),
      archive: relationship({ ref: 'ChatArchive.messages' }),
      author: relationship({ ref: 'Participant.messages', ui: { labelField: 'handle' } }),
      text: text({ ui: { displayMode: 'textarea' } }),
      postedAt: timestamp({ ui: { label: 'Posted at' }, validation: { isRequired: true } }),
      kind: select({
        type: 'string',
        options: ['original', 'reply', 'retweet', 'quote'].map(value => ({ label: value, value })),
        defaultValue: 'original',
        validation: { isRequired: true },
      }),
      inReplyToId: text({ ui: { label: 'In reply to (X id)' } }),
      conversationId: text({ ui: { label: 'Conversation (X id)' } }),
      referencedId: text({ ui: { label: 'Quoted or retweeted post (X id)' } }),
      // X cuts a retweet's own text at 140 characters; readers see the original instead.
      repostOf: json({ ui: { label: 'Reposted original', itemView: { fieldMode: 'read' }, createView: { fieldMode: 'hidden' } } }),
      entities: json(),
      media: json(),
      metrics: json({ ui: { label: 'Public metrics' } }),
      confidentialityFlag: text({
        ui: { label: 'Possible patient details', description: 'Set on import when the text seems to hold an NHS number or a date of birth with a postcode. Redact the participant or delete the post.', itemView: { fieldMode: 'read' } },
        // Not public: filtering on it would list the very posts that hold patient details.
        access: { read: permissions.isEditor, create: denyAll, update: denyAll },
      }),
    },
  }),

  Participant: list({
    access: chatRecordsAccess,
    ui: {
      labelField: 'handle',
      listView: { initialColumns: ['handle', 'displayName', 'redacted'] },
    },
    fields: {
      xUserId: text({ ui: { label: 'X user id' }, isIndexed: 'unique', validation: { isRequired: true } }),
      handle: text({ validation: { isRequired: true } }),
      displayName: text({ ui: { label: 'Display name' } }),
      avatarUrl: text({ ui: { label: 'Avatar URL' } }),
      redacted: checkbox({
        ui: { description: 'Hide this person’s name, handle, avatar and posts on the public site. Survives re-imports.' },
      }),
      messages: relationship({ ref: 'ChatMessage.author', many: true, ui: { displayMode: 'count', itemView: { fieldMode: 'read' } } }),
    },
  }),

  Comment: list({
    access: {
      operation: {
        query: allowAll,
        // Readers comment through the site's form (app/lib/comments.server.ts), which checks the
        // origin, the time taken, the rate and the patient-details rule before it writes; the API
        // would skip all of that.
        create: permissions.isEditor,
        update: permissions.isEditor,
        delete: permissions.isEditor,
      },
      filter: { query: rules.readComments },
    },
    ui: {
      labelField: 'authorName',
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
      },
    },
    fields: {
      post: relationship({ ref: 'Post.comments' }),
      interview: relationship({ ref: 'Interview.comments' }),
      chatArchive: relationship({ ref: 'ChatArchive.comments', ui: { label: 'Chat archive' } }),
      // Replies are made by the site's comment form; through the API only editors set or filter by this.
      parent: relationship({ ref: 'Comment', access: editorsOnlyFromThisEnd, ui: { label: 'In reply to' } }),
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
      heldReason: text({ ui: { label: 'Held because', itemView: { fieldMode: 'read' } }, access: { read: permissions.isEditor, create: denyAll, update: denyAll } }),
      createdAt: timestamp({
        ui: { label: 'Created at', itemView: { fieldMode: 'read' } },
        defaultValue: { kind: 'now' },
        access: { create: denyAll, update: denyAll },
      }),
    },
  }),

  Tag: list({
    access: {
      operation: {
        query: allowAll,
        create: permissions.isContributor,
        update: permissions.isEditor,
        delete: permissions.isEditor,
      },
    },
    ui: { labelField: 'name' },
    fields: {
      name: text({ validation: { isRequired: true }, isIndexed: 'unique' }),
      slug: slug('name'),
      posts: relationship({ ref: 'Post.tags', many: true, access: editorsOnlyFromThisEnd }),
      interviews: relationship({ ref: 'Interview.tags', many: true, access: editorsOnlyFromThisEnd }),
    },
  }),

  SiteSettings: list({
    isSingleton: true,
    access: {
      operation: {
        query: allowAll,
        create: permissions.isAdmin,
        update: permissions.isAdmin,
        delete: denyAll,
      },
    },
    ui: { label: 'Site settings' },
    graphql: { plural: 'SiteSettingsItems' },
    fields: {
      siteName: text({ ui: { label: 'Site name' }, validation: { isRequired: true }, defaultValue: DEFAULT_SITE_SETTINGS.siteName }),
      tagline: text({ defaultValue: DEFAULT_SITE_SETTINGS.tagline }),
      disclaimer: text({
        ui: { displayMode: 'textarea', description: 'Shown on every page and at the end of every feed item.' },
        validation: { isRequired: true },
        defaultValue: DEFAULT_SITE_SETTINGS.disclaimer,
      }),
      about: markdown('About page'),
      aboutHtml: renderedHtml('about'),
      defaultHashtag: text({ ui: { label: 'Default hashtag' }, defaultValue: DEFAULT_SITE_SETTINGS.defaultHashtag }),
      autoApproveReturningCommenters: checkbox({
        ui: {
          label: 'Auto-approve returning commenters',
          description: 'Publish at once a comment whose email already has an approved comment. Comments that seem to hold a patient’s details are held regardless.',
        },
      }),
      announcementTemplate: text({
        ui: {
          label: 'Announcement post template',
          displayMode: 'textarea',
          description: 'The post to X announcing a topic. Placeholders: {title} {hashtag} {date} {time} {zone} {host} {url}. At most 280 characters once filled in (links count as 23).',
        },
        defaultValue: DEFAULT_SITE_SETTINGS.announcementTemplate,
        validation: { isRequired: true },
      }),
      chatWeekday: select({
        ui: { label: 'Chat weekday' },
        type: 'string',
        options: WEEKDAYS.map(day => ({ label: day[0].toUpperCase() + day.slice(1), value: day })),
        defaultValue: DEFAULT_SITE_SETTINGS.chatWeekday,
        validation: { isRequired: true },
      }),
      chatLocalTime: text({
        ui: { label: 'Chat local time' },
        defaultValue: DEFAULT_SITE_SETTINGS.chatLocalTime,
        validation: {
          isRequired: true,
          match: { regex: /^([01]\d|2[0-3]):[0-5]\d$/, explanation: 'Use 24-hour HH:MM, for example 12:00.' },
        },
      }),
      chatTimeZone: text({
        ui: { label: 'Chat time zone' },
        defaultValue: DEFAULT_SITE_SETTINGS.chatTimeZone,
        validation: { isRequired: true },
        hooks: {
          validate: ({ resolvedData, addValidationError }) => {
            const zone = resolvedData?.chatTimeZone
            if (typeof zone === 'string' && !isValidTimeZone(zone)) {
              addValidationError(`Chat time zone: "${zone}" is not an IANA time zone such as Europe/London.`)
            }
          },
        },
      }),
    },
  }),
} satisfies Lists<Session>)
