import type { KeystoneContext } from '@keystone-6/core/types'

import { published } from '../domain/publishing'
import type { Session } from '../server/session'

// Named permissions and rules, used by schema.ts. Kept as plain functions of the session so the
// rules can be tested without a server (tests/integration/access.test.ts) and read as a policy.
// Every list's read rule is written once, in `visibleItems`; a relationship is filtered through and
// written with rules derived from its target's (`link()` in fields.ts: `mayLink`, `mayFilterThrough`), because Keystone applies a
// list's read rule when it lists that list's items, not inside a filter that crosses into it, and
// accepts any unique field (id, slug, email…) to name the item a write connects.

type AccessArgs = { session?: Session }
type Filter = Record<string, unknown>
/** What a session may see of a list: everything, nothing, or the items a filter matches. */
type Visible = boolean | Filter

export const permissions = {
  isSignedIn: ({ session }: AccessArgs) => Boolean(session),
  isContributor: ({ session }: AccessArgs) => Boolean(session),
  isEditor: ({ session }: AccessArgs) =>
    session?.data.role === 'editor' || session?.data.role === 'admin',
  isAdmin: ({ session }: AccessArgs) => session?.data.role === 'admin',
}

const ownedBy = (session: Session) => ({ author: { id: { equals: session.itemId } } })
/** Used by something the public can read: how tags and authors become public. */
const onAPublicItem = () => ({ OR: [{ posts: { some: published() } }, { interviews: { some: published() } }] })

export const rules = {
  /** Posts, interviews and announcements: the public sees published items; authors also see their own. */
  readAuthoredContent({ session }: AccessArgs): Visible {
    if (permissions.isEditor({ session })) return true
    if (session) return { OR: [published(), ownedBy(session)] }
    return published()
  },
  /** Contributors edit their own drafts only; editors edit anything. */
  editAuthoredContent({ session }: AccessArgs): Visible {
    if (permissions.isEditor({ session })) return true
    if (session) return { ...ownedBy(session), status: { equals: 'draft' } }
    return false
  },
  /** Announcements have no author: only editors see drafts. */
  readEditorialContent({ session }: AccessArgs): Visible {
    return permissions.isEditor({ session }) ? true : published()
  },
  /** Readers see approved comments on what is public; a comment on an item taken back to draft goes with it. */
  readComments({ session }: AccessArgs): Visible {
    if (permissions.isEditor({ session })) return true
    return {
      status: { equals: 'approved' },
      AND: [{ OR: [{ post: null }, { post: published() }] }, { OR: [{ interview: null }, { interview: published() }] }],
    }
  },
  /** Users can read and edit their own record; admins everyone's. */
  editUser({ session }: AccessArgs): Visible {
    if (permissions.isAdmin({ session })) return true
    if (session) return { id: { equals: session.itemId } }
    return false
  },
}

/**
 * The items of each list a session may read through the API. The public site reads through Prisma
 * with its own public filters (decision 008), so the anonymous API offers only what is published:
 * tags and people only where a public item uses them, chat posts, participants and uploaded images
 * only to the team (an image in a public body is served by its address, not listed).
 */
export const visibleItems = {
  User: ({ session }: AccessArgs): Visible => (session ? true : onAPublicItem()),
  Post: rules.readAuthoredContent,
  Interview: rules.readAuthoredContent,
  InterviewQuestion: (args: AccessArgs): Visible => {
    const interview = rules.readAuthoredContent(args)
    return interview === true ? true : { interview }
  },
  TopicAnnouncement: rules.readEditorialContent,
  Image: ({ session }: AccessArgs): Visible => Boolean(session),
  Tag: ({ session }: AccessArgs): Visible => (session ? true : onAPublicItem()),
  ChatArchive: (): Visible => true,
  ChatMessage: ({ session }: AccessArgs): Visible => Boolean(session),
  Participant: ({ session }: AccessArgs): Visible => Boolean(session),
  Comment: rules.readComments,
  SiteSettings: (): Visible => true,
} satisfies Record<string, (args: AccessArgs) => Visible>

export type ListKey = keyof typeof visibleItems

/**
 * Who may make a relationship point at an item, decided on the item itself (found by whichever
 * unique field the input names):
 * - `readable`: any item the writer can read (a tag, a chat archive);
 * - `self`: only the writer's own account (an author);
 * - `editable`: only an item the writer may edit (the interview a question is filed under);
 * - `editors`: editors only, from this end (the other end is the list that owns the items).
 */
export type LinkRule = 'readable' | 'self' | 'editable' | 'editors'

/** Which items of a list a session may edit, for `editable` links. */
const editableItems: Partial<Record<ListKey, (args: AccessArgs) => Visible>> = {
  Post: rules.editAuthoredContent,
  Interview: rules.editAuthoredContent,
}

type UniqueWhere = Record<string, unknown>
type RelationshipInput = {
  connect?: UniqueWhere | UniqueWhere[] | null
  set?: UniqueWhere[] | null
  create?: unknown
  disconnect?: unknown
}

/** The items a relationship input connects or sets, as the unique filters it names them by. */
function namedTargets(input: RelationshipInput): UniqueWhere[] {
  const connect = input.connect ? (Array.isArray(input.connect) ? input.connect : [input.connect]) : []
  return [...connect, ...(input.set ?? [])]
}

/** Resolves each unique filter to the one item it names, as Keystone will; null if none. */
async function resolveTargets(context: KeystoneContext, target: ListKey, wheres: UniqueWhere[]) {
  const db = context.sudo().db as unknown as Record<ListKey, { findOne(args: { where: UniqueWhere }): Promise<{ id: string } | null> }>
  return Promise.all(wheres.map(where => db[target].findOne({ where }).catch(() => null)))
}

async function matches(context: KeystoneContext, target: ListKey, id: string, rule: Visible) {
  if (rule === true) return true
  if (rule === false) return false
  const db = context.sudo().db as unknown as Record<ListKey, { count(args: { where: Filter }): Promise<number> }>
  return (await db[target].count({ where: { AND: [{ id: { equals: id } }, rule] } })) === 1
}

/** Whether the writer may write this relationship input under `link`. */
export async function mayLink(
  { session, context, input }: { session?: Session; context: KeystoneContext; input: unknown },
  target: ListKey,
  link: LinkRule
): Promise<boolean> {
  if (permissions.isEditor({ session })) return true
  if (!session) return false
  if (link === 'editors') return false
  if (!input || typeof input !== 'object') return true
  const named = namedTargets(input as RelationshipInput)
  const items = await resolveTargets(context, target, named)
  // A target that names nothing is Keystone's to refuse ("Unable to connect"), with its own message.
  const found = items.filter(item => item !== null)
  if (link === 'self') return found.every(item => item.id === session.itemId)
  const rule = link === 'editable' ? (editableItems[target] ?? (() => false)) : visibleItems[target]
  for (const item of found) if (!(await matches(context, target, item.id, rule({ session })))) return false
  return true
}

/**
 * Filtering through a relationship reads its target list without that list's read rule, so it is
 * allowed only where that can show nothing the session cannot read: the target is wholly readable
 * to it, or (`closed`) the source list's own read rule already keeps the relationship to readable
 * items (a published post's author and tags are public). tests/integration/access-generated.test.ts
 * checks every `closed` claim against real data.
 */
export const mayFilterThrough =
  (target: ListKey, closed: boolean) =>
  ({ session }: AccessArgs) =>
    closed || visibleItems[target]({ session }) === true
