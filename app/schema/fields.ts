import { allowAll, denyAll } from '@keystone-6/core/access'
import { g } from '@keystone-6/core'
import { image, json, relationship, select, text, timestamp, virtual } from '@keystone-6/core/fields'
import type { BaseListTypeInfo, FieldTypeFunc, KeystoneContext } from '@keystone-6/core/types'

import { altTextProblems, renderMarkdownDocument } from '../domain/markdown.server'
import { slugify } from '../domain/slug.server'
import { env } from '../server/env.server'
import { previewState } from '../domain/publishing'
import { previewPath, type PreviewList } from '../features/content/preview.server'
import { readBodyImages } from '../features/writing/body-images.server'
import { holdUntilSaved, keystoneImageStorage, prepareImage, readUpload, storePreparedImage, type Upload } from '../features/images/images.server'
import { mayFilterThrough, mayLink, permissions, type LinkRule, type ListKey } from './access'
import type { Session } from '../server/session'

// Field factories and access shapes shared by the lists of every area. Keystone types a field by
// the list it sits in; these are written once for any list, so they are typed for any list.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a field for any list's type info
export type SharedField = FieldTypeFunc<BaseListTypeInfo & any>

/** Adds a composite index for the filters and sorts the public pages use. */
export const withIndex =
  (...fields: string[]) =>
  (model: string) =>
    model.replace(/\}\s*$/, `\n  @@index([${fields.join(', ')}])\n}`)

const STATUS_OPTIONS = [
  { label: 'Draft', value: 'draft' },
  { label: 'Published', value: 'published' },
]

/** Editors publish; contributors may only save drafts. */
export const status = (): SharedField =>
  select({
    type: 'string',
    options: STATUS_OPTIONS,
    defaultValue: 'draft',
    validation: { isRequired: true },
    ui: { displayMode: 'segmented-control' },
    access: {
      create: ({ session, inputData }) =>
        inputData.status !== 'published' || permissions.isEditor({ session }),
      update: ({ session, inputData }) =>
        inputData.status !== 'published' || permissions.isEditor({ session }),
    },
  })

/**
 * Set the first time an item is published, so a later edit does not move it in the feed; set
 * ahead by an editor, it schedules the item (app/features/content/items.server.ts `published`).
 */
export const publishedAt = (): SharedField =>
  timestamp({
    ui: {
      label: 'Published at',
      description:
        'Filled in when the item is first published. To schedule it, set a time ahead and choose Published: ' +
        'it appears on the site, feeds, sitemap, search and calendar at that minute, not before.',
    },
    hooks: {
      resolveInput: ({ resolvedData, item, fieldKey }) => {
        // Cleared on a published item, it is filled again: a published item without a time would be hidden.
        const value = resolvedData[fieldKey] === undefined ? item?.[fieldKey as 'publishedAt'] : resolvedData[fieldKey]
        const nextStatus = resolvedData.status ?? item?.status
        if (nextStatus === 'published' && !value) return new Date()
        return resolvedData[fieldKey]
      },
    },
  })

/**
 * Where the item stands for readers (draft, scheduled for a time, published), for the list view,
 * and in the item view the links to its preview on the real site (admin/fields/on-the-site).
 */
export const onTheSite = (list: PreviewList): SharedField =>
  virtual({
    // The team's view of an item; readers have the page itself.
    access: { read: permissions.isSignedIn },
    field: g.field({
      type: g.JSON,
      resolve: (item: { id: string; slug: string; status: string; publishedAt: Date | null }) => {
        const { state } = previewState(item)
        return { list, id: item.id, previewPath: previewPath(list, item.slug), state, publishedAt: item.publishedAt?.toISOString() ?? null }
      },
    }),
    ui: {
      label: 'On the site',
      views: './admin/fields/on-the-site/views',
      createView: { fieldMode: 'hidden' },
      itemView: { fieldMode: 'read', fieldPosition: 'sidebar' },
    },
  })

/** Unique, URL-safe, generated from the title when left empty, editable. */
export const slug = (source: 'title' | 'name' = 'title'): SharedField =>
  text({
    isIndexed: 'unique',
    ui: { description: 'The address of the page. Leave empty to make one from the title.' },
    validation: {
      match: {
        regex: /^$|^[a-z0-9]+(?:-[a-z0-9]+)*$/,
        explanation: 'Use lowercase letters, digits and single hyphens, for example "weekly-chat-recap".',
      },
    },
    hooks: {
      resolveInput: async ({ operation, resolvedData, inputData, item, fieldKey, listKey, context }) => {
        const given = resolvedData[fieldKey]
        if (typeof given === 'string' && given.trim()) return given.trim()
        const from = inputData[source] ?? item?.[source]
        if ((operation !== 'create' && given !== '') || !from) return given
        // A generated slug must not collide: two people called "Sam Patel" get sam-patel and sam-patel-2.
        const base = slugify(from)
        const taken = async (candidate: string) =>
          (await context.sudo().db[listKey].count({ where: { [fieldKey]: { equals: candidate } } })) > 0
        let candidate = base
        for (let n = 2; await taken(candidate); n++) candidate = `${base}-${n}`
        return candidate
      },
    },
  })

/** Edited with the desk's Markdown editor: toolbar, "Insert chat", and a preview drawn by the server. */
export const markdown = (label: string, description?: string): SharedField =>
  text({
    ui: {
      label: label,
      displayMode: 'textarea',
      views: './admin/fields/markdown/views',
      description: description ?? 'Markdown: use the toolbar or its shortcuts to format, and Preview to see it as readers will.',
    },
    hooks: {
      validate: ({ resolvedData, fieldKey, addValidationError }) => {
        const value = resolvedData?.[fieldKey]
        if (typeof value !== 'string') return
        for (const problem of altTextProblems(value)) addValidationError(`${label}: ${problem}`)
      },
    },
  })

// A body's stored HTML and its blocks are two fields filled from one render per save: the first
// of them to resolve reads the images the body shows and renders; the other gets the same promise.
type Rendered = ReturnType<typeof renderMarkdownDocument>
const renderedBySave = new WeakMap<object, Map<string, Promise<Rendered>>>()
function rendered(markdown: string, context: { prisma: Parameters<typeof readBodyImages>[0] }) {
  const renders = renderedBySave.get(context) ?? new Map<string, Promise<Rendered>>()
  renderedBySave.set(context, renders)
  let render = renders.get(markdown)
  if (!render) {
    render = readBodyImages(context.prisma, markdown).then(images => renderMarkdownDocument(markdown, { siteOrigin: env.publicUrl, images }))
    renders.set(markdown, render)
  }
  return render
}

const derivedField = {
  ui: { createView: { fieldMode: 'hidden' }, itemView: { fieldMode: 'hidden' }, listView: { fieldMode: 'hidden' } },
  access: { create: denyAll, update: denyAll },
} as const

/** The stored HTML of a Markdown field, rendered once per change (never edited by hand). */
export const renderedHtml = (source: string): SharedField =>
  text({
    ...derivedField,
    hooks: {
      resolveInput: async ({ resolvedData, fieldKey, context }) => {
        const value = resolvedData[source]
        return typeof value === 'string' ? (await rendered(value, context)).html : resolvedData[fieldKey]
      },
    },
  })

/** A post body's blocks: HTML between chat embeds kept as references, resolved when the post is read. */
export const renderedBlocks = (source: string): SharedField =>
  json({
    ...derivedField,
    hooks: {
      resolveInput: async ({ resolvedData, fieldKey, context }) => {
        const value = resolvedData[source]
        return typeof value === 'string' ? (await rendered(value, context)).blocks : resolvedData[fieldKey]
      },
    },
  })

/** New items are attributed to whoever creates them; contributors cannot attribute their work to someone else. */
export const author = (ref: `User.${string}`): SharedField =>
  link({
    ref,
    write: { create: 'self', update: 'editors' },
    // A public item's author is public (visibleItems.User).
    closed: true,
    ui: { displayMode: 'select', labelField: 'name' },
    hooks: {
      resolveInput: ({ operation, resolvedData, context, fieldKey }) => {
        if (operation === 'create' && !resolvedData[fieldKey] && context.session) {
          return { connect: { id: context.session.itemId } }
        }
        return resolvedData[fieldKey]
      },
    },
  })

type RelationshipConfig = Parameters<typeof relationship>[0]

/**
 * Every relationship of the schema: Keystone's relationship() with access derived from the rules
 * of the list it points into (app/schema/access.ts): who may point it at which item (`write`,
 * decided on the item however the input names it), and whether it may be filtered through
 * (`closed`: the source list's read rule keeps it to items the reader may read anyway).
 */
export const link = ({ write, closed = false, ...config }: RelationshipConfig & { write: LinkRule | { create: LinkRule; update: LinkRule }; closed?: boolean }): SharedField => {
  const target = config.ref.split('.')[0] as ListKey
  const rules = typeof write === 'string' ? { create: write, update: write } : write
  const mayWrite = (rule: LinkRule) => (args: { session?: Session; context: KeystoneContext; inputData: Record<string, unknown>; fieldKey: string }) =>
    mayLink({ session: args.session, context: args.context, input: args.inputData[args.fieldKey] }, target, rule)
  return relationship({
    ...config,
    access: {
      read: { item: allowAll, filter: mayFilterThrough(target, closed), order: allowAll },
      create: mayWrite(rules.create),
      update: mayWrite(rules.update),
    },
  } as RelationshipConfig)
}

export const xHandle = (label = 'X handle'): SharedField =>
  text({
    ui: { label: label },
    validation: {
      match: {
        regex: /^$|^@?[A-Za-z0-9_]{1,15}$/,
        explanation: 'An X handle has 1 to 15 letters, digits or underscores, for example @nhs_chat.',
      },
    },
    hooks: {
      resolveInput: ({ resolvedData, fieldKey }) => {
        const value = resolvedData[fieldKey]
        return typeof value === 'string' ? value.replace(/^@/, '') : value
      },
    },
  })

export const editorialAccess = {
  operation: {
    query: allowAll,
    create: permissions.isEditor,
    update: permissions.isEditor,
    delete: permissions.isEditor,
  },
}

type ImageInput = { upload: Promise<Upload> } | null | undefined

/**
 * Keystone's image() field with the site's own handling of an upload: the file is read whole,
 * checked (format, size, pixels, SVG refused, complete) with a message naming it, and its variants
 * are made at once (app/features/images); they are written to storage when the row is saved.
 */
export const picture = (label: string, description?: string): SharedField => meta => {
  // The row is saved before its variants are stored; if storing fails (the bucket is unreachable),
  // the row forgets the image rather than name one that is not there, and the editor is told.
  const storeOrForget = async ({ item, listKey, context }: { item: Record<string, unknown>; listKey: string; context: KeystoneContext }) => {
    try {
      await storePreparedImage(item[`${meta.fieldKey}_id`] as string | null)
    } catch (error) {
      const columns = ['id', 'extension', 'filesize', 'width', 'height'].map(column => [`${meta.fieldKey}_${column}`, null])
      const model = (context.prisma as Record<string, { update(args: unknown): Promise<unknown> }>)[listKey[0].toLowerCase() + listKey.slice(1)]
      await model.update({ where: { id: item.id }, data: Object.fromEntries(columns) })
      throw new Error(`${label}: ${error instanceof Error ? error.message : String(error)} The item was saved without the image; try the upload again.`, { cause: error })
    }
  }
  const field = image({
    storage: keystoneImageStorage,
    ui: { label, description },
    hooks: {
      afterOperation: {
        create: args => storeOrForget(args),
        update: args => storeOrForget(args),
      },
    },
  })(meta)
  const resolve = async (data: ImageInput) => {
    if (data === null || data === undefined) return { id: data, extension: data, filesize: data, width: data, height: data }
    const upload = await data.upload
    const prepared = await prepareImage(await readUpload(upload), upload.filename)
    holdUntilSaved(prepared)
    const { id, extension, filesize, width, height } = prepared
    return { id, extension, filesize, width, height }
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the field's own input types, resolved our way
  const input = field.input as any
  return { ...field, input: { ...input, create: { ...input.create, resolve }, update: { ...input.update, resolve } } }
}

/**
 * The words read out in place of an image: required whenever `imageField` holds one. Left empty,
 * the save is refused by name, so no image reaches readers undescribed.
 */
export const altText = (imageField: string, label: string): SharedField =>
  text({
    ui: {
      label,
      description: 'What the image shows, for people who cannot see it (read aloud by screen readers, shown if it fails to load).',
    },
    validation: { length: { max: 500 } },
    hooks: {
      validate: ({ operation, resolvedData, item, fieldKey, addValidationError }) => {
        // A deleted item has no data to describe (and resolvedData is undefined then).
        if (operation === 'delete') return
        const imageId = resolvedData[imageField]?.id === undefined ? item?.[`${imageField}_id`] : resolvedData[imageField]?.id
        const alt = resolvedData[fieldKey] === undefined ? item?.[fieldKey] : resolvedData[fieldKey]
        if (imageId && !(typeof alt === 'string' && alt.trim())) {
          addValidationError(`${label} is required with an image: describe what the image shows for people who cannot see it.`)
        }
      },
    },
  })
