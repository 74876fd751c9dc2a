import type { Lists } from './generated/keystone/types'
import { chatLists } from './app/schema/chat'
import { commentLists } from './app/schema/comments'
import { contentLists } from './app/schema/content'
import { settingsLists } from './app/schema/settings'
import { invalidatingPublicPages } from './app/server/response-cache.server'
import type { Session } from './app/server/session'

// The content model, one module per area under app/schema/ (content, chat, comments, settings),
// each with its field helpers and access rules beside it. Every list's writes refresh the public
// pages (the cache rules are in app/server/response-cache.server.ts).

export type { Session }

export const lists = invalidatingPublicPages({ ...contentLists, ...chatLists, ...commentLists, ...settingsLists } satisfies Lists<Session>)
