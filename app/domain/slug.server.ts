import { slugifyWithCounter } from '@sindresorhus/slugify'

// Only the named export: Keystone bundles its config as CommonJS, and a default import of an
// ESM-only package does not survive that conversion.

/** A URL-safe slug, e.g. "Weekly chat: Q&A" → "weekly-chat-q-and-a". */
export function slugify(text: string): string {
  return slugifyWithCounter()(text)
}

/** Slugs that stay unique within one document: "notes", "notes-2", … */
export function createSlugger(): (text: string) => string {
  return slugifyWithCounter()
}
