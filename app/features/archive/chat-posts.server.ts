import type { ChatPost } from '../../domain/chat-analysis'
import type { Platform } from '../../domain/networks'
import type { Context } from '../../server/keystone.server'

// An archive's posts as the one shape the import, the analysis and the reader's view share,
// read straight from storage in transcript order (time, then id).

/** The Prisma client or a transaction on it: the import reads its own writes back before committing. */
type ChatMessageReader = Pick<Context['prisma'], 'chatMessage'>

export async function readChatPosts(db: ChatMessageReader, archiveId: string): Promise<ChatPost[]> {
  const rows = await db.chatMessage.findMany({
    where: { archiveId },
    orderBy: [{ postedAt: 'asc' }, { xId: 'asc' }],
    select: {
      platform: true,
      xId: true,
      url: true,
      editedAt: true,
      text: true,
      postedAt: true,
      kind: true,
      inReplyToId: true,
      conversationId: true,
      referencedId: true,
      entities: true,
      media: true,
      metrics: true,
      repostOf: true,
      author: { select: { xUserId: true } },
    },
  })
  // The JSON columns hold what the import validated and wrote (chat-import/sources.server.ts).
  return rows.map(row => ({
    platform: row.platform as Platform,
    xId: row.xId,
    ...(row.url ? { url: row.url } : {}),
    editedAt: row.editedAt?.toISOString() ?? null,
    authorXId: row.author?.xUserId ?? '',
    text: row.text,
    postedAt: row.postedAt.toISOString(),
    kind: row.kind as ChatPost['kind'],
    inReplyToId: row.inReplyToId,
    conversationId: row.conversationId,
    referencedId: row.referencedId,
    entities: (row.entities ?? { hashtags: [], mentions: [], urls: [] }) as ChatPost['entities'],
    media: (row.media ?? []) as ChatPost['media'],
    metrics: (row.metrics ?? {}) as ChatPost['metrics'],
    repostOf: row.repostOf as ChatPost['repostOf'],
  }))
}
