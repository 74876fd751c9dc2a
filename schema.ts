import type { Lists } from './generated/keystone/types'
import { chatLists } from './app/schema/chat'
import { commentLists } from './app/schema/comments'
import { contentLists } from './app/schema/content'
import { settingsLists } from './app/schema/settings'
import { announcingChanges } from './app/server/content-changes.server'
import type { Session } from './app/server/session'

// The content model, one module per area under app/schema/ (content, chat, comments, settings),
// each with its field helpers and access rules beside it. Every list's writes are announced, as
// the pages they change, to every process's cache and to a CDN (app/server/content-changes.server.ts).

export type { Session }

export const lists = announcingChanges({ ...contentLists, ...chatLists, ...commentLists, ...settingsLists } satisfies Lists<Session>)
