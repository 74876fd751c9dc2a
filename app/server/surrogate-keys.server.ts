import { AsyncLocalStorage } from 'node:async_hooks'

// Each cacheable page names what it shows (Surrogate-Key and Cache-Tag headers), so a CDN in
// front can drop exactly the pages a change touches. The read functions record keys as they read
// (`shows`); a write is turned into the same keys (`keysForChange`). The vocabulary:
//
//   site                  the site settings: header, footer and disclaimer are on every page, so
//                         purging it purges everything (also used for changes too wide to name)
//   posts, interviews,    a list of that kind: listings, feeds, search, counts, and the 404 of an
//   topics, archives      item that does not exist yet
//   post:ID, interview:ID, topic:ID, archive:ID
//                         one item's own page and every page embedding it
//   participants          the names chat transcripts show (redaction)
//
// Loaders run in the Remix build, a bundle of its own; the storage is shared through globalThis
// so that the server (another bundle) reads what they recorded.

export const SITE_KEY = 'site'

type KeyKind = 'post' | 'interview' | 'topic' | 'archive'
export const itemKey = (kind: KeyKind, id: string | number) => `${kind}:${id}`
export const listKey = (kind: KeyKind) => `${kind}s`

const STORAGE = Symbol.for('tweetchat.surrogate-keys')
const slot = globalThis as { [STORAGE]?: AsyncLocalStorage<Set<string>> }
const storage = (slot[STORAGE] ??= new AsyncLocalStorage<Set<string>>())

/** Records that the page being rendered shows these; outside a render (a CLI) it does nothing. */
export function shows(...keys: string[]) {
  const keysOfPage = storage.getStore()
  if (keysOfPage) for (const key of keys) keysOfPage.add(key)
}

/** An item page: its own key when it exists, else its list's (publishing it will purge the 404). */
export function showsItem(kind: KeyKind, id: string | number | null | undefined) {
  shows(id == null ? listKey(kind) : itemKey(kind, id))
}

/** Runs a render, collecting the keys its reads record. Every page shows the site's settings. */
export async function collectingKeys<T>(render: () => Promise<T>) {
  const keys = new Set<string>([SITE_KEY])
  const result = await storage.run(keys, render)
  return { result, keys }
}

/** Fastly reads keys separated by spaces, Cloudflare tags separated by commas. */
export function surrogateKeyHeaders(keys: Iterable<string>): [string, string][] {
  const sorted = [...keys].sort()
  return [
    ['surrogate-key', sorted.join(' ')],
    ['cache-tag', sorted.join(',')],
  ]
}

type Row = Record<string, unknown> | null | undefined

const idsOf = (field: string, ...rows: Row[]) => [...new Set(rows.map(row => row?.[field]).filter((id): id is string | number => typeof id === 'string' || typeof id === 'number'))]

/**
 * The keys of the pages a committed write to one item can change, from Keystone's afterOperation
 * arguments (the item before and after, foreign keys included). Empty when no page shows it: a
 * comment that is not, and was not, approved; an editor's account.
 */
export function keysForChange(list: string, item: Row, originalItem: Row): string[] {
  const both = [item, originalItem]
  const ids = (field: string) => idsOf(field, ...both)
  switch (list) {
    case 'Post':
      return [listKey('post'), ...ids('id').map(id => itemKey('post', id)), ...ids('chatArchiveId').map(id => itemKey('archive', id))]
    case 'Interview':
      return [listKey('interview'), ...ids('id').map(id => itemKey('interview', id))]
    case 'InterviewQuestion':
      return ids('interviewId').map(id => itemKey('interview', id))
    case 'TopicAnnouncement':
      // Archive pages name their topic, and record the topics list for it.
      return [listKey('topic'), ...ids('id').map(id => itemKey('topic', id))]
    case 'ChatArchive':
      return [listKey('archive'), ...ids('id').map(id => itemKey('archive', id)), ...ids('topicId').map(id => itemKey('topic', id))]
    case 'ChatMessage':
      return ids('archiveId').map(id => itemKey('archive', id))
    case 'Participant':
      return ['participants']
    case 'Comment': {
      if (item?.status !== 'approved' && originalItem?.status !== 'approved') return []
      return [
        ...ids('postId').flatMap(id => [itemKey('post', id), listKey('post')]),
        ...ids('interviewId').flatMap(id => [itemKey('interview', id), listKey('interview')]),
        ...ids('chatArchiveId').flatMap(id => [itemKey('archive', id), listKey('archive')]),
      ]
    }
    case 'User':
      // Only people with something published have a page or a byline; an account's sign-in
      // details change no page, but a name can be on any of them.
      return item?.name === originalItem?.name && item?.slug === originalItem?.slug && item?.bio === originalItem?.bio && item?.xHandle === originalItem?.xHandle ? [] : [SITE_KEY]
    default:
      // Site settings, tags, and any list added later: everything, rather than a stale page.
      return [SITE_KEY]
  }
}
