import { z } from 'zod'

// The comment form's fields and limits, shared by the form (maxLength, hints) and the action.

export const COMMENT_LIMITS = {
  nameMax: 80,
  emailMax: 254,
  bodyMax: 4000,
  linksMax: 3,
}

export const CommentFormSchema = z.object({
  name: z.string().trim().min(1, 'Please give a name (it is shown with your comment).').max(COMMENT_LIMITS.nameMax, `Please keep your name under ${COMMENT_LIMITS.nameMax} characters.`),
  email: z
    .string()
    .trim()
    .max(COMMENT_LIMITS.emailMax)
    .refine(value => value === '' || z.email().safeParse(value).success, 'That email address does not look right (it is optional).')
    .default(''),
  body: z.string().trim().min(1, 'Please write a comment.').max(COMMENT_LIMITS.bodyMax, `Please keep your comment under ${COMMENT_LIMITS.bodyMax} characters.`),
  parentId: z.string().max(40).optional().default(''),
  // The honeypot: hidden from people, filled in by naive bots.
  website: z.string().optional().default(''),
  startedAt: z.string().default(''),
  startedSignature: z.string().default(''),
})

export type CommentFormValues = { name: string; email: string; body: string; parentId: string }
export type CommentFormErrors = Partial<Record<'name' | 'email' | 'body' | 'form', string>>
