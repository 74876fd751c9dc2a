import { published } from '../domain/publishing'
import type { Session } from '../server/session'

// Named permissions and rules, used by schema.ts. Kept as plain functions of the session so the
// rules can be tested without a server (tests/integration/access.test.ts) and read as a policy.

type AccessArgs = { session?: Session }

export const permissions = {
  isSignedIn: ({ session }: AccessArgs) => Boolean(session),
  isContributor: ({ session }: AccessArgs) => Boolean(session),
  isEditor: ({ session }: AccessArgs) =>
    session?.data.role === 'editor' || session?.data.role === 'admin',
  isAdmin: ({ session }: AccessArgs) => session?.data.role === 'admin',
}


export const rules = {
  /** Posts, interviews and announcements: the public sees published items; authors also see their own. */
  readAuthoredContent({ session }: AccessArgs) {
    if (permissions.isEditor({ session })) return true
    if (session) return { OR: [published(), { author: { id: { equals: session.itemId } } }] }
    return published()
  },
  /** Contributors edit their own drafts only; editors edit anything. */
  editAuthoredContent({ session }: AccessArgs) {
    if (permissions.isEditor({ session })) return true
    if (session) {
      return { author: { id: { equals: session.itemId } }, status: { equals: 'draft' } }
    }
    return false
  },
  /** Announcements have no author: only editors see drafts. */
  readEditorialContent({ session }: AccessArgs) {
    return permissions.isEditor({ session }) ? true : published()
  },
  readComments({ session }: AccessArgs) {
    return permissions.isEditor({ session }) ? true : { status: { equals: 'approved' } }
  },
  /** Users can read and edit their own record; admins everyone's. */
  editUser({ session }: AccessArgs) {
    if (permissions.isAdmin({ session })) return true
    if (session) return { id: { equals: session.itemId } }
    return false
  },
}
