import { action, list } from '@keystone-6/core'
import { denyAll } from '@keystone-6/core/access'
import { checkbox, json, multiselect, select, text, timestamp } from '@keystone-6/core/fields'

import type { Lists } from '../../generated/keystone/types'
import { importArchiveAgain } from '../features/chat-import/import.server'
import { removeArchivePhotos, removeParticipantPhotos } from '../features/chat-import/photos.server'
import { reanalyseArchivesOf } from '../features/chat-import/store.server'
import { PLATFORM_NAMES, PLATFORMS } from '../domain/networks'
import type { Session } from '../server/session'
import { permissions } from './access'
import { editorialAccess, link, slug, withIndex, type SharedField } from './fields'

// Archived chats: the archive, its posts and the people who wrote them.

// Chat posts and their authors are strangers' words, and a redacted participant must not be
// found by anyone outside the team. The public reads a chat only through its pages and its JSON
// and CSV exports, where app/features/archive/archive.server.ts applies redaction; the API is for the team.
const chatRecordsAccess = {
  operation: { ...editorialAccess.operation, query: permissions.isSignedIn },
}
const teamOnly = { read: permissions.isSignedIn }

const platformOptions = PLATFORMS.map(value => ({ label: PLATFORM_NAMES[value], value }))
/** Which network a post or a person is on; rows from before Bluesky and Mastodon are X's. */
const platform = (): SharedField =>
  select({ type: 'string', options: platformOptions, defaultValue: 'x', validation: { isRequired: true }, ui: { label: 'Network' } })

export const chatLists = {
  ChatArchive: list({
    access: editorialAccess,
    hooks: {
      // Its posts stay (unlinked), but the photos saved from them go with the archive.
      async beforeOperation({ operation, item, context }) {
        if (operation === 'delete') await removeArchivePhotos(context.prisma, item.id)
      },
    },
    actions: {
      // The same import as `npm run import`, for editors who never open a terminal. (Its name is
      // older than Bluesky and Mastodon: it reads every network the archive gathers from.)
      importFromX: action<Lists.ChatArchive.TypeInfo<Session>>({
        access: ({ context }) => permissions.isEditor({ session: context.session }),
        async resolve({ where }, context) {
          const archive = await context.db.ChatArchive.findOne({ where })
          if (!archive) return null
          await importArchiveAgain(context.sudo(), archive.id)
          return archive
        },
        ui: {
          label: 'Import again',
          icon: 'downloadCloudIcon',
          messages: {
            promptTitle: 'Import {singular} again',
            prompt: 'Fetch the posts of “{itemLabel}” again from each of its networks? New posts are added and changed metrics and edits updated; nothing is duplicated.',
            promptConfirmLabel: 'Import',
            success: 'Imported {itemLabel} again',
            fail: 'Could not import {itemLabel}',
          },
          itemView: { navigation: 'refetch' },
          listView: { actionMode: 'hidden' },
        },
      }),
    },
    ui: {
      label: 'Chat archives',
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
      topic: link({ ref: 'TopicAnnouncement.chatArchive', write: 'editors', ui: { label: 'Topic announcement' } }),
      source: select({
        type: 'string',
        options: [
          { label: 'X API import', value: 'x-api' },
          { label: 'Archive export', value: 'archive-export' },
          { label: 'Manual', value: 'manual' },
          { label: 'Bluesky import', value: 'bluesky' },
          { label: 'Mastodon import', value: 'mastodon' },
          { label: 'Import from several networks', value: 'networks' },
        ],
        defaultValue: 'manual',
        validation: { isRequired: true },
      }),
      networks: multiselect({
        type: 'string',
        options: platformOptions,
        defaultValue: ['x'],
        ui: { description: 'Where the chat meets: an import gathers its hashtag from each network ticked, into this one archive.' },
      }),
      mastodonServers: text({
        ui: {
          label: 'Mastodon servers',
          description: 'The servers whose hashtag timeline is read, e.g. "mastodon.social nhs.social". Each sees only the posts that reached it; the same post seen on two is kept once.',
        },
      }),
      hostHandles: text({
        ui: {
          label: 'Host handles',
          description:
            'The host and co-hosts whose "Q1 …" posts are the questions, on any network, e.g. "@mhc_host @mhc.bsky.social @mhc@nhs.social". Empty: whoever posted the first Q1.',
        },
      }),
      importedAt: timestamp({ ui: { label: 'Imported at', itemView: { fieldMode: 'read' } } }),
      // Derived on every import (app/features/chat-import/store.server.ts); never edited by hand.
      stats: json({ access: teamOnly, ui: { label: 'Statistics', itemView: { fieldMode: 'read' }, createView: { fieldMode: 'hidden' } } }),
      analysis: json({ access: teamOnly, ui: { label: 'Questions, threads and links', itemView: { fieldMode: 'hidden' }, createView: { fieldMode: 'hidden' }, listView: { fieldMode: 'hidden' } } }),
      importProblems: json({ access: teamOnly, ui: { label: 'Import problems', description: 'Posts the API reported as deleted or protected, posts the import left out, and photos it could not save, with the reason.', itemView: { fieldMode: 'read' }, createView: { fieldMode: 'hidden' } } }),
      messages: link({ ref: 'ChatMessage.archive', many: true, write: 'editors', ui: { displayMode: 'count', itemView: { fieldMode: 'read' } } }),
      recaps: link({ ref: 'Post.chatArchive', many: true, write: 'editors' }),
      allowComments: checkbox({ ui: { label: 'Allow comments' }, defaultValue: true }),
      comments: link({ ref: 'Comment.chatArchive', many: true, write: 'editors', ui: { displayMode: 'count', itemView: { fieldMode: 'read' } } }),
    },
  }),

  ChatMessage: list({
    access: chatRecordsAccess,
    ui: {
      label: 'Chat messages',
      labelField: 'xId',
      // Reached from their archive (its "Messages" count), not from the desk's navigation.
      hideNavigation: true,
      listView: { initialColumns: ['xId', 'platform', 'author', 'postedAt', 'kind'] },
    },
    db: { extendPrismaSchema: withIndex('archiveId', 'postedAt') },
    fields: {
      platform: platform(),
      xId: text({ ui: { label: 'Post id', description: 'The network’s own id: a number on X, an at:// URI on Bluesky, the status URI on Mastodon.' }, isIndexed: 'unique', validation: { isRequired: true } }),
      url: text({ ui: { label: 'Original', description: 'The post on its network (Bluesky and Mastodon; X’s is made from the handle).' } }),
      editedAt: timestamp({ ui: { label: 'Edited at', description: 'When its author last edited it; the text is the edited one.' } }),
      archive: link({ ref: 'ChatArchive.messages', write: 'readable' }),
      author: link({ ref: 'Participant.messages', write: 'readable', ui: { labelField: 'handle' } }),
      text: text({ ui: { displayMode: 'textarea' } }),
      postedAt: timestamp({ ui: { label: 'Posted at' }, validation: { isRequired: true } }),
      kind: select({
        type: 'string',
        options: ['original', 'reply', 'retweet', 'quote'].map(value => ({ label: value, value })),
        defaultValue: 'original',
        validation: { isRequired: true },
      }),
      inReplyToId: text({ ui: { label: 'In reply to (post id)' } }),
      conversationId: text({ ui: { label: 'Conversation (post id)' } }),
      referencedId: text({ ui: { label: 'Quoted or reposted post (post id)' } }),
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
    hooks: {
      // On every save of a redacted participant, not only the first: should removing fail
      // half-way, saving again finishes it. The save's own announcement of 'participants'
      // refreshes every archive page, which all show participants.
      async beforeOperation({ operation, item, resolvedData, context }) {
        if (operation === 'update' && (resolvedData.redacted ?? item.redacted)) await removeParticipantPhotos(context.prisma, item)
      },
      // Linked handles are one contributor: the archives both accounts spoke in are counted again.
      async afterOperation({ operation, item, originalItem, context }) {
        if (operation !== 'update' || originalItem.samePersonAsId === item.samePersonAsId) return
        await reanalyseArchivesOf(context.sudo(), [item.id, originalItem.samePersonAsId, item.samePersonAsId].filter(id => id !== null))
      },
    },
    ui: {
      labelField: 'handle',
      // Reached from the messages of an archive, where redaction starts.
      hideNavigation: true,
      listView: { initialColumns: ['handle', 'platform', 'displayName', 'redacted'] },
    },
    fields: {
      platform: platform(),
      xUserId: text({ ui: { label: 'Account id', description: 'The network’s own id: a number on X, a DID on Bluesky, user@server on Mastodon.' }, isIndexed: 'unique', validation: { isRequired: true } }),
      handle: text({ validation: { isRequired: true } }),
      displayName: text({ ui: { label: 'Display name' } }),
      avatarUrl: text({ ui: { label: 'Avatar URL' } }),
      profileUrl: text({ ui: { label: 'Profile' } }),
      samePersonAs: link({
        ref: 'Participant',
        write: 'readable',
        ui: {
          label: 'Same person as',
          description: 'Their handle on another network. Linked handles count as one contributor, and the host’s are all recognised as the host.',
          labelField: 'handle',
        },
      }),
      redacted: checkbox({
        ui: { description: 'Hide this person’s name, handle, avatar and posts on the public site. Survives re-imports.' },
      }),
      messages: link({ ref: 'ChatMessage.author', many: true, write: 'editors', ui: { displayMode: 'count', itemView: { fieldMode: 'read' } } }),
    },
  }),

} satisfies Partial<Lists<Session>>
