// The comment form's limits and shapes, shared by the form (maxLength, hints) and the action.
// No zod here: this module is in the browser bundle; the action's schema is in comments.server.ts.

export const COMMENT_LIMITS = {
  nameMax: 80,
  emailMax: 254,
  bodyMax: 4000,
  linksMax: 3,
}

export type CommentFormValues = { name: string; email: string; body: string; parentId: string }
export type CommentFormErrors = Partial<Record<'name' | 'email' | 'body' | 'form', string>>
