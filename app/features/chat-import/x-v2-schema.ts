import { z } from 'zod'

// The parts of an X API v2 search (or lookup) response page that an archive keeps. Unknown fields
// are allowed through: the API adds fields over time, and a saved file from another tool may
// carry more than we ask for. Every X id is a string, as the API sends it.

const XId = z.string().regex(/^\d{1,25}$/, 'an X id is a string of digits')

const EntitiesSchema = z.looseObject({
  hashtags: z.array(z.looseObject({ start: z.number(), end: z.number(), tag: z.string() })).optional(),
  cashtags: z.array(z.looseObject({ start: z.number(), end: z.number(), tag: z.string() })).optional(),
  mentions: z.array(z.looseObject({ start: z.number(), end: z.number(), username: z.string(), id: XId.optional() })).optional(),
  urls: z
    .array(
      z.looseObject({
        start: z.number(),
        end: z.number(),
        url: z.string(),
        expanded_url: z.string().optional(),
        display_url: z.string().optional(),
        unwound_url: z.string().optional(),
        media_key: z.string().optional(),
        title: z.string().optional(),
      })
    )
    .optional(),
})

const XPostSchema = z.looseObject({
  id: XId,
  text: z.string(),
  author_id: XId,
  created_at: z.iso.datetime({ offset: true }),
  conversation_id: XId.optional(),
  in_reply_to_user_id: XId.optional(),
  lang: z.string().optional(),
  referenced_tweets: z.array(z.looseObject({ type: z.enum(['replied_to', 'quoted', 'retweeted']), id: XId })).optional(),
  entities: EntitiesSchema.optional(),
  attachments: z.looseObject({ media_keys: z.array(z.string()).optional() }).optional(),
  public_metrics: z.record(z.string(), z.number()).optional(),
  // Long posts: `text` holds the first 280 characters, `note_tweet` the whole.
  note_tweet: z.looseObject({ text: z.string(), entities: EntitiesSchema.optional() }).optional(),
})

const XUserSchema = z.looseObject({
  id: XId,
  username: z.string(),
  name: z.string(),
  profile_image_url: z.string().optional(),
})

const XMediaSchema = z.looseObject({
  media_key: z.string(),
  type: z.string(),
  url: z.string().optional(),
  preview_image_url: z.string().optional(),
  alt_text: z.string().optional(),
})

const XProblemSchema = z.looseObject({
  title: z.string().optional(),
  detail: z.string().optional(),
  type: z.string().optional(),
  value: z.string().optional(),
  resource_id: z.string().optional(),
  resource_type: z.string().optional(),
  parameter: z.string().optional(),
})

export const XPageSchema = z.looseObject({
  data: z.array(XPostSchema).optional(),
  includes: z
    .looseObject({
      users: z.array(XUserSchema).optional(),
      tweets: z.array(XPostSchema).optional(),
      media: z.array(XMediaSchema).optional(),
    })
    .optional(),
  errors: z.array(XProblemSchema).optional(),
  meta: z.looseObject({ result_count: z.number().optional(), next_token: z.string().optional() }).optional(),
})

export type XPost = z.infer<typeof XPostSchema>
export type XUser = z.infer<typeof XUserSchema>
export type XPage = z.infer<typeof XPageSchema>

/** The fields and expansions an archive needs, for search and for lookups by id. */
export const X_REQUEST_FIELDS = {
  expansions: [
    'author_id',
    'referenced_tweets.id',
    'referenced_tweets.id.author_id',
    'in_reply_to_user_id',
    'attachments.media_keys',
    'entities.mentions.username',
  ],
  'tweet.fields': [
    'author_id',
    'created_at',
    'conversation_id',
    'in_reply_to_user_id',
    'referenced_tweets',
    'entities',
    'attachments',
    'public_metrics',
    'lang',
    'note_tweet',
  ],
  'user.fields': ['username', 'name', 'profile_image_url'],
  'media.fields': ['type', 'url', 'preview_image_url', 'alt_text'],
} as const
