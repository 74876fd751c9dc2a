export const ROLES = ['admin', 'editor', 'contributor'] as const
export type Role = (typeof ROLES)[number]

/** What Keystone's stateless session cookie carries (see `sessionData` in keystone.ts). */
export type Session = {
  listKey: 'User'
  itemId: string
  data: { name: string; role: Role }
}
