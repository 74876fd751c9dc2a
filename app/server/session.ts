export const ROLES = ['admin', 'editor', 'contributor'] as const
export type Role = (typeof ROLES)[number]

/** A signed-in editor as Keystone gives it: the user's id from the cookie, and `sessionData` (keystone.ts) read from their record. */
export type Session = {
  listKey: 'User'
  itemId: string
  data: { name: string; role: Role }
}
