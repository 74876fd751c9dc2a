import { action, list } from '@keystone-6/core'
import { allowAll, denyAll } from '@keystone-6/core/access'
import { checkbox, integer, json, multiselect, password, select, text, timestamp } from '@keystone-6/core/fields'

import type { Lists } from '../../generated/keystone/types'
import { announceTopic } from '../features/announce/announce.server'
import { archiveTopicChat, topicChatHasEnded } from '../features/chat-import/import.server'
import { getChatSchedule } from '../features/content/site.server'
import { nextChatStart } from '../domain/schedule'
import { PLATFORM_NAMES, PLATFORMS, type Platform } from '../domain/networks'
import { ROLES, type Session } from '../server/session'
import { permissions, rules, visibleItems } from './access'
import { altText, author, editorialAccess, link, markdown, picture, onTheSite, publishedAt, renderedBlocks, renderedHtml, slug, status, withIndex, xHandle } from './fields'
import { HASHTAG_EXAMPLE, HASHTAG_PATTERN, hashtagText } from '../domain/hashtag'

// What the site publishes: people, posts, interviews with their questions, tags, and the weekly
// topic announcements.

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

/** "Post to X" (Bluesky, Mastodon) on a topic: once published, and once per network. */
function postAnnouncementAction(network: Platform, postedField: 'xPostId' | 'blueskyPostUri' | 'mastodonPostUrl') {
  const name = PLATFORM_NAMES[network]
  return action<Lists.TopicAnnouncement.TypeInfo<Session>>({
    access: ({ context }) => permissions.isEditor({ session: context.session }),
    async resolve({ where }, context) {
      const topic = await context.db.TopicAnnouncement.findOne({ where })
      if (!topic) return null
      await announceTopic(context, topic.slug, { network })
      return context.db.TopicAnnouncement.findOne({ where })
    },
    ui: {
      label: `Post to ${name}`,
      icon: 'sendIcon',
      messages: {
        promptTitle: `Post {singular} to ${name}`,
        prompt: `Post the announcement of “{itemLabel}” to ${name} now? It can be posted only once.`,
        promptConfirmLabel: 'Post',
        success: `Posted {itemLabel} to ${name}`,
        fail: `Could not post {itemLabel} to ${name}`,
      },
      itemView: { navigation: 'refetch', actionMode: { disabled: { OR: [{ status: { equals: 'draft' } }, { NOT: { [postedField]: { equals: '' } } }] } } },
      listView: { actionMode: 'hidden' },
    },
  })
}

export const contentLists = {
  User: list({
    access: {
      operation: {
        query: allowAll,
        create: permissions.isAdmin,
        update: permissions.isSignedIn,
        delete: permissions.isAdmin,
      },
      filter: { query: visibleItems.User, update: rules.editUser },
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
      posts: link({ ref: 'Post.author', many: true, write: 'editors', ui: { displayMode: 'count', itemView: { fieldMode: 'read' } } }),
      interviews: link({ ref: 'Interview.author', many: true, write: 'editors', ui: { displayMode: 'count', itemView: { fieldMode: 'read' } } }),
    },
  }),

  Post: list({
    access: authoredContentAccess,
    ui: {
      labelField: 'title',
      listView: {
        initialColumns: ['title', 'kind', 'onTheSite', 'publishedAt', 'author'],
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
      onTheSite: onTheSite('post'),
      author: author('User.posts'),
      excerpt: text({
        ui: { displayMode: 'textarea', description: 'One or two sentences for lists, feeds and link previews.' },
        validation: { length: { max: 400 } },
      }),
      featuredImage: picture('Featured image', 'Shown at the top of the page and in link previews. JPEG, PNG, WebP or GIF, up to 20 MB.'),
      featuredImageAlt: altText('featuredImage', 'Featured image: alt text'),
      body: markdown('Body', 'Markdown: use the toolbar or its shortcuts to format, “Insert chat…” to embed an archived chat, and Preview to see it as readers will.'),
      bodyHtml: renderedHtml('body'),
      bodyBlocks: renderedBlocks('body'),
      tags: link({ ref: 'Tag.posts', many: true, write: 'readable', closed: true }),
      chatArchive: link({
        ref: 'ChatArchive.recaps',
        write: 'readable',
        ui: { label: 'Chat archive', description: 'For a recap: the chat it recaps.' },
      }),
      allowComments: checkbox({ ui: { label: 'Allow comments' }, defaultValue: true }),
      comments: link({ ref: 'Comment.post', many: true, write: 'editors', ui: { displayMode: 'count', itemView: { fieldMode: 'read' } } }),
    },
  }),

  Interview: list({
    access: authoredContentAccess,
    ui: {
      labelField: 'title',
      listView: { initialColumns: ['title', 'intervieweeName', 'onTheSite', 'publishedAt'] },
    },
    db: { extendPrismaSchema: withIndex('status', 'publishedAt') },
    fields: {
      title: text({ validation: { isRequired: true } }),
      slug: slug(),
      status: status(),
      publishedAt: publishedAt(),
      onTheSite: onTheSite('interview'),
      author: author('User.interviews'),
      intervieweeName: text({ ui: { label: 'Interviewee name' }, validation: { isRequired: true } }),
      intervieweeRole: text({ ui: { label: 'Interviewee role', description: 'For example "Communications lead, a hospital trust".' } }),
      intervieweeXHandle: xHandle('Interviewee X handle'),
      intervieweePhoto: picture('Interviewee photo', 'A portrait shown beside their name.'),
      intervieweePhotoAlt: altText('intervieweePhoto', 'Interviewee photo: alt text'),
      featuredImage: picture('Featured image', 'Shown at the top of the page and in link previews. JPEG, PNG, WebP or GIF, up to 20 MB.'),
      featuredImageAlt: altText('featuredImage', 'Featured image: alt text'),
      introduction: markdown('Introduction'),
      introductionHtml: renderedHtml('introduction'),
      questions: link({
        ref: 'InterviewQuestion.interview',
        many: true,
        // Questions are filed from their own side, where the interview is checked (InterviewQuestion.interview),
        // and found from there too.
        write: 'editors',
        ui: {
          label: 'Questions and answers',
          displayMode: 'table',
          columns: ['position', 'question'],
          initialSort: { field: 'position', direction: 'ASC' },
          itemView: { fieldMode: 'read' },
          description: 'Open a question to edit it or change its position. To add one, create an interview question (/admin/interview-questions/create) and choose this interview.',
        },
      }),
      tags: link({ ref: 'Tag.interviews', many: true, write: 'readable', closed: true }),
      allowComments: checkbox({ ui: { label: 'Allow comments' }, defaultValue: true }),
      comments: link({ ref: 'Comment.interview', many: true, write: 'editors', ui: { displayMode: 'count', itemView: { fieldMode: 'read' } } }),
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
        query: visibleItems.InterviewQuestion,
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
      // Reached from their interview's "Questions and answers".
      hideNavigation: true,
      listView: { initialColumns: ['interview', 'position', 'question'] },
    },
    db: { extendPrismaSchema: withIndex('interviewId', 'position') },
    fields: {
      // Contributors file questions only under an interview they may edit, so never a published one.
      interview: link({ ref: 'Interview.questions', write: 'editable', closed: true, ui: { labelField: 'title' } }),
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
    access: { ...editorialAccess, filter: { query: visibleItems.TopicAnnouncement } },
    actions: {
      // The same as `npm run announce`; no network is posted to twice because we refuse first.
      postToX: postAnnouncementAction('x', 'xPostId'),
      // Runs the importer as `npm run import` would, for the topic's hashtag and window.
      archiveChat: action<Lists.TopicAnnouncement.TypeInfo<Session>>({
        access: ({ context }) => permissions.isEditor({ session: context.session }),
        async resolve({ where }, context) {
          const topic = await context.db.TopicAnnouncement.findOne({ where })
          if (!topic) return null
          await archiveTopicChat(context.sudo(), topic.id)
          return topic
        },
        ui: {
          label: 'Archive this chat',
          icon: 'archiveIcon',
          messages: {
            promptTitle: 'Archive this chat',
            prompt: 'Fetch the posts of “{itemLabel}” from each network it meets on (X unless the topic names others) for the chat’s hashtag and window, and link the new chat archive to this topic?',
            promptConfirmLabel: 'Archive',
            success: 'Archived the chat “{itemLabel}”: open its chat archive for the posts, contributors, questions and problems found',
            fail: 'Could not archive the chat “{itemLabel}”',
          },
          itemView: {
            navigation: 'refetch',
            // Only once the chat is over, and only once: afterwards the archive's own Import again fetches again.
            actionMode: async ({ item, context }) => {
              if (!item || !topicChatHasEnded(item)) return 'disabled'
              return (await context.sudo().db.ChatArchive.count({ where: { topic: { id: { equals: item.id } } } })) ? 'disabled' : 'enabled'
            },
          },
          listView: { actionMode: 'hidden' },
        },
      }),
      // After the two every topic needs: Keystone shows two actions as buttons and the rest in its
      // menu, and This week offers these as buttons for the networks a topic meets on.
      postToBluesky: postAnnouncementAction('bluesky', 'blueskyPostUri'),
      postToMastodon: postAnnouncementAction('mastodon', 'mastodonPostUrl'),
    },
    ui: {
      label: 'Topic announcements',
      labelField: 'title',
      listView: {
        initialColumns: ['title', 'chatStart', 'onTheSite'],
        initialSort: { field: 'chatStart', direction: 'DESC' },
      },
    },
    db: { extendPrismaSchema: withIndex('status', 'chatStart') },
    fields: {
      title: text({ ui: { label: 'Topic' }, validation: { isRequired: true } }),
      slug: slug(),
      status: status(),
      publishedAt: publishedAt(),
      onTheSite: onTheSite('topic'),
      hashtag: text({
        ui: { description: 'Leave empty for the default hashtag in Site settings.' },
        validation: {
          match: { regex: new RegExp(`^$|${HASHTAG_PATTERN.source}`, 'u'), explanation: `One hashtag, for example ${HASHTAG_EXAMPLE}.` },
        },
        hooks: {
          resolveInput: async ({ operation, resolvedData, fieldKey, context }) => {
            const value = resolvedData[fieldKey]
            if (operation === 'create' && !value) return (await getChatSchedule(context)).defaultHashtag
            return typeof value === 'string' && value ? hashtagText(value) : value
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
            return nextChatStart(await getChatSchedule(context))
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
      featuredImage: picture('Featured image', 'Shown on the topic page and in link previews when the topic is shared.'),
      featuredImageAlt: altText('featuredImage', 'Featured image: alt text'),
      questions: text({
        ui: { label: 'Planned questions', displayMode: 'textarea', description: 'One question per line, in order: line 1 is Q1.' },
      }),
      host: text({
        ui: { description: 'Name and handles, for example "Sam Patel (@sampatel, @sampatel.bsky.social, @sampatel@nhs.social)": each is recognised as the host.' },
      }),
      networks: multiselect({
        type: 'string',
        options: PLATFORMS.map(value => ({ label: PLATFORM_NAMES[value], value })),
        defaultValue: ['x'],
        ui: { label: 'Meets on', description: 'The networks the chat meets on: "Archive this chat" gathers the hashtag from each into one archive.' },
      }),
      guests: text({ ui: { displayMode: 'textarea', description: 'One guest per line.' } }),
      chatArchive: link({ ref: 'ChatArchive.topic', write: 'readable', ui: { label: 'Chat archive' } }),
      // Set once the announcement is posted to X, which is then refused a second time.
      xPostId: text({
        ui: { label: 'Posted to X as', itemView: { fieldMode: 'read' }, createView: { fieldMode: 'hidden' } },
        access: { create: denyAll, update: denyAll },
      }),
      xPostedAt: timestamp({
        ui: { label: 'Posted to X at', itemView: { fieldMode: 'read' }, createView: { fieldMode: 'hidden' } },
        access: { create: denyAll, update: denyAll },
      }),
      // Set once the announcement is posted to Bluesky or Mastodon; each network is posted to once.
      blueskyPostUri: text({
        ui: { label: 'Posted to Bluesky as', itemView: { fieldMode: 'read' }, createView: { fieldMode: 'hidden' } },
        access: { create: denyAll, update: denyAll },
      }),
      blueskyPostedAt: timestamp({
        ui: { label: 'Posted to Bluesky at', itemView: { fieldMode: 'read' }, createView: { fieldMode: 'hidden' } },
        access: { create: denyAll, update: denyAll },
      }),
      mastodonPostUrl: text({
        ui: { label: 'Posted to Mastodon as', itemView: { fieldMode: 'read' }, createView: { fieldMode: 'hidden' } },
        access: { create: denyAll, update: denyAll },
      }),
      mastodonPostedAt: timestamp({
        ui: { label: 'Posted to Mastodon at', itemView: { fieldMode: 'read' }, createView: { fieldMode: 'hidden' } },
        access: { create: denyAll, update: denyAll },
      }),
      // While "Archive this chat" runs: how far the fetch from X has got, kept in the database so
      // the desk shows it whichever process runs the import (app/features/chat-import/import.server.ts).
      archiveProgress: json({
        ui: { createView: { fieldMode: 'hidden' }, itemView: { fieldMode: 'hidden' }, listView: { fieldMode: 'hidden' } },
        access: { read: permissions.isEditor, create: denyAll, update: denyAll },
      }),
    },
  }),

  // Images placed inside Markdown bodies, uploaded from the desk's editor ("Image…" in its toolbar),
  // which inserts ![alt](/images/<id>/…) and the body's HTML draws it at the right size.
  Image: list({
    access: {
      // Contributors upload images for their drafts; changing or removing one that may be in use is for editors.
      operation: { query: allowAll, create: permissions.isContributor, update: permissions.isEditor, delete: permissions.isEditor },
      filter: { query: visibleItems.Image },
    },
    ui: {
      label: 'Images',
      labelField: 'alt',
      listView: { initialColumns: ['file', 'alt', 'uploadedAt'], initialSort: { field: 'uploadedAt', direction: 'DESC' } },
    },
    hooks: {
      validate: {
        create: ({ resolvedData, addValidationError }) => {
          if (!resolvedData.file?.id) addValidationError('Image: choose an image file to upload.')
        },
      },
    },
    fields: {
      file: picture('Image', 'JPEG, PNG, WebP or GIF, up to 20 MB. Its location and camera details are removed.'),
      alt: text({
        ui: { label: 'Alt text', description: 'What the image shows, for people who cannot see it.' },
        validation: { isRequired: true, length: { max: 500 } },
      }),
      uploadedAt: timestamp({ defaultValue: { kind: 'now' }, ui: { createView: { fieldMode: 'hidden' }, itemView: { fieldMode: 'read' } } }),
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
      filter: { query: visibleItems.Tag },
    },
    ui: { labelField: 'name' },
    fields: {
      name: text({ validation: { isRequired: true }, isIndexed: 'unique' }),
      slug: slug('name'),
      posts: link({ ref: 'Post.tags', many: true, write: 'editors' }),
      interviews: link({ ref: 'Interview.tags', many: true, write: 'editors' }),
    },
  }),

} satisfies Partial<Lists<Session>>
