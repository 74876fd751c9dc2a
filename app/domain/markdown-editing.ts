import { CHAT_EMBED_LINE, type ChatEmbedRef } from './chat-embed'

// What the editor's toolbar does to Markdown text: pure edits of (text, selection), so the field
// view only applies them (admin/fields/markdown/views.tsx) and they are tested here.

export type Edit = { text: string; start: number; end: number }

export type Formatting = 'heading' | 'bold' | 'italic' | 'link' | 'bulletedList' | 'numberedList' | 'quote'

/** Bold, italic and link wrap the selection, or a placeholder left selected so typing replaces it. */
function wrap({ text, start, end }: Edit, before: string, after: string, placeholder: string): Edit {
  const selected = text.slice(start, end) || placeholder
  const next = text.slice(0, start) + before + selected + after + text.slice(end)
  return { text: next, start: start + before.length, end: start + before.length + selected.length }
}

/** Headings, lists and quotes mark every line the selection touches. */
function prefixLines({ text, start, end }: Edit, prefix: (index: number, line: string) => string): Edit {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1
  const nextBreak = text.indexOf('\n', Math.max(end - (end > start && text[end - 1] === '\n' ? 1 : 0), start))
  const lineEnd = nextBreak === -1 ? text.length : nextBreak
  const lines = text.slice(lineStart, lineEnd).split('\n')
  const marked = lines.map((line, index) => prefix(index, line) + line).join('\n')
  const next = text.slice(0, lineStart) + marked + text.slice(lineEnd)
  const added = marked.length - (lineEnd - lineStart)
  const first = marked.length ? prefix(0, lines[0]).length : 0
  return { text: next, start: start + first, end: end + added }
}

export function applyFormatting(edit: Edit, formatting: Formatting): Edit {
  switch (formatting) {
    case 'bold':
      return wrap(edit, '**', '**', 'bold text')
    case 'italic':
      return wrap(edit, '_', '_', 'italic text')
    case 'link': {
      // The text stays as it was; the address is what is left to type, so it is what is selected.
      const label = edit.text.slice(edit.start, edit.end) || 'link text'
      const before = edit.text.slice(0, edit.start) + `[${label}](`
      const url = 'https://'
      return { text: before + url + ')' + edit.text.slice(edit.end), start: before.length, end: before.length + url.length }
    }
    case 'heading':
      return prefixLines(edit, (_, line) => (/^#{1,6} /.test(line) ? '' : '## '))
    case 'bulletedList':
      return prefixLines(edit, (_, line) => (/^[-*+] /.test(line) ? '' : '- '))
    case 'numberedList':
      return prefixLines(edit, (index, line) => (/^\d+\. /.test(line) ? '' : `${index + 1}. `))
    case 'quote':
      return prefixLines(edit, () => '> ')
  }
}

/** The line the embed grammar accepts (app/domain/chat-embed.ts) for a reference. */
export function chatEmbedLine(ref: ChatEmbedRef): string {
  const target = ref.question !== undefined ? `#Q${ref.question}` : ref.postId !== undefined ? `/${ref.postId}` : ''
  const line = `::chat[${ref.archiveSlug}${target}]`
  if (!CHAT_EMBED_LINE.test(line)) throw new Error(`Cannot embed "${line}": it is not a chat embed the body accepts.`)
  return line
}

/** Puts a block on its own paragraph at the cursor (a blank line either side), the cursor after it. */
export function insertBlock({ text, start, end }: Edit, block: string): Edit {
  const before = text.slice(0, start)
  const after = text.slice(end)
  const lead = before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n'
  const trail = after.startsWith('\n\n') ? '' : after.startsWith('\n') ? '\n' : after === '' ? '\n' : '\n\n'
  const next = before + lead + block + trail + after
  const cursor = before.length + lead.length + block.length + trail.length
  return { text: next, start: cursor, end: cursor }
}
