import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'

import { databaseFromUrl, isPostgresUrl, type Database } from './database.server'
import { parseAllowedHosts } from './outbound-address.server'

// One place reads process.env. Everything else imports `env`, so a wrong variable is reported
// once, at boot, by name, instead of surfacing later as a confusing runtime failure.

const projectRoot = process.env.APP_ROOT ?? process.cwd()

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .default('file:./data/tweetchat.db')
    .refine(url => url.startsWith('file:') || isPostgresUrl(url), {
      message:
        'must be an SQLite URL starting with "file:" (for example file:./data/tweetchat.db) or a PostgreSQL ' +
        'URL starting with "postgres://" (for example postgres://tweetchat:secret@localhost:5432/tweetchat)',
    }),
  PUBLIC_URL: z.url().optional(),
  SESSION_SECRET: z.string().optional(),
  SESSION_MAX_AGE_DAYS: z.coerce.number().positive().default(30),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  X_BEARER_TOKEN: z.string().optional(),
  X_API_BASE: z.url().default('https://api.x.com/2/'),
  // Full-archive search (search/all) needs a paid access level; recent search covers 7 days.
  X_SEARCH_ALL: z.enum(['true', 'false']).default('false'),
  // User-context (OAuth 1.0a) credentials of the community's account, for posting announcements.
  X_API_KEY: z.string().optional(),
  X_API_SECRET: z.string().optional(),
  X_ACCESS_TOKEN: z.string().optional(),
  X_ACCESS_SECRET: z.string().optional(),
  // Bluesky: search needs a signed-in account, and the community's account posts announcements.
  // An app password (Settings → Privacy and security → App passwords), never the account's own.
  BLUESKY_SERVICE: z.url({ protocol: /^https?$/ }).default('https://bsky.social'),
  BLUESKY_HANDLE: z.string().optional(),
  BLUESKY_APP_PASSWORD: z.string().optional(),
  // Mastodon: the servers whose hashtag timeline an import reads when the archive names none,
  // e.g. "mastodon.social nhs.social"; and the community's own account, for announcements and
  // for servers that show their timelines only to signed-in accounts.
  MASTODON_SERVERS: z.string().optional(),
  MASTODON_SERVER: z.url({ protocol: /^https?$/ }).optional(),
  MASTODON_ACCESS_TOKEN: z.string().optional(),
  // The least time a person takes between opening a comment form and sending it.
  COMMENT_MIN_SECONDS: z.coerce.number().min(0).max(600).default(3),
  // Optional email to moderators for each comment waiting (smtp://user:pass@host:587).
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
  SMTP_FROM: z.string().default('Tweet chat <no-reply@localhost>'),
  MODERATOR_EMAIL: z.string().optional(),
  SEED_DEMO_CONTENT: z.enum(['true', 'false']).default('true'),
  // Behind nginx or a load balancer: which proxies to believe about the client's address (Express's
  // "trust proxy": loopback, an address or subnet, or a hop count). Comment rate limits key on it.
  TRUST_PROXY: z.string().optional(),
  // Strict-Transport-Security lifetime in seconds; by default 180 days when PUBLIC_URL is https, 0 turns it off.
  HSTS_MAX_AGE: z.coerce.number().int().min(0).optional(),
  // A CDN in front of the site: where to purge pages by their Surrogate-Key (app/server/cdn-purge.server.ts).
  CDN_PURGE_URL: z.url().optional(),
  CDN_PURGE_STYLE: z.enum(['fastly', 'cloudflare']).optional(),
  CDN_PURGE_TOKEN: z.string().optional(),
  // Hosts inside the network that imported data may still name, e.g. a staging media server or a
  // test's fake: "host" (any port) or "host:port", space-separated. Empty by default: addresses
  // named by data reach public addresses only (app/server/outbound-address.server.ts).
  OUTBOUND_ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((value, context) => {
      try {
        return parseAllowedHosts(value)
      } catch (error) {
        context.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) })
        return z.NEVER
      }
    }),
  // Off renders every anonymous page afresh: for measuring the cold path (npm run bench), never for readers.
  RESPONSE_CACHE: z.enum(['on', 'off']).default('on'),
  // Where uploaded and archived images are kept: a folder (by default "images" beside the SQLite
  // file), or S3-compatible object storage when IMAGES_S3_BUCKET is set (app/features/images/image-store.server.ts).
  IMAGES_FOLDER: z.string().optional(),
  // S3-compatible object storage (AWS S3, MinIO, Cloudflare R2, Scaleway, …): naming a bucket selects it.
  IMAGES_S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a bucket name: 3 to 63 lowercase letters, digits, dots and hyphens')
    .optional(),
  // For a service other than AWS, its address, e.g. http://127.0.0.1:9000 or https://<account>.r2.cloudflarestorage.com.
  IMAGES_S3_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL, for example http://127.0.0.1:9000' }).optional(),
  IMAGES_S3_REGION: z.string().default('us-east-1'),
  IMAGES_S3_ACCESS_KEY_ID: z.string().optional(),
  IMAGES_S3_SECRET_ACCESS_KEY: z.string().optional(),
  // Bucket in the path (endpoint/bucket/key) rather than the host name: by default on with an endpoint (MinIO needs it), off on AWS.
  IMAGES_S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).optional(),
  // Keys are <prefix><image id>/<variant>, so one bucket can hold several sites' images.
  IMAGES_S3_PREFIX: z
    .string()
    .regex(/^(?!.*(?:^|\/)\.{1,2}(?:\/|$))(?:[A-Za-z0-9_.-]+\/)*[A-Za-z0-9_.-]+\/?$/, 'must be folder names separated by "/", for example "tweetchat/images/"')
    .optional(),
})

/** Where and how to reach the images' bucket; null keeps them in IMAGES_FOLDER. */
export type ImagesS3 = {
  bucket: string
  endpoint: string | undefined
  region: string
  accessKeyId: string
  secretAccessKey: string
  forcePathStyle: boolean
  /** Empty, or ending with "/". */
  prefix: string
}

type ImagesS3Variable = Extract<keyof z.infer<typeof EnvSchema>, `IMAGES_S3_${string}`>

export type Env = Omit<z.infer<typeof EnvSchema>, 'HSTS_MAX_AGE' | 'IMAGES_FOLDER' | ImagesS3Variable> & {
  HSTS_MAX_AGE: number
  IMAGES_FOLDER: string
  imagesS3: ImagesS3 | null
  database: Database
  publicUrl: string
  sessionSecret: string
}

/**
 * Outside production a missing secret is generated once, by `npm start` (scripts/prepare.ts), and
 * kept beside the database, so sessions survive restarts and no well-known secret ever signs a
 * cookie. Parsing only reads it: a process started without it (a CLI, a test) signs nothing
 * that outlives it, so it gets a secret of its own.
 */
function dataFolder(database: Database) {
  return database.provider === 'sqlite' ? path.dirname(database.file) : path.join(projectRoot, 'data')
}

function localSessionSecretFile(database: Database) {
  return path.join(dataFolder(database), '.session-secret')
}

export function ensureLocalSessionSecret(database: Database) {
  const file = localSessionSecretFile(database)
  if (fs.existsSync(file)) return
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 })
}

function localSessionSecret(database: Database) {
  try {
    return fs.readFileSync(localSessionSecretFile(database), 'utf8').trim()
  } catch {
    return randomBytes(32).toString('hex')
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings come from `VAR= npm start` and .env templates; treat them as unset.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''))
  const result = EnvSchema.safeParse(cleaned)
  if (!result.success) {
    const problems = result.error.issues
      .map(issue => `  ${issue.path.join('.')}: ${issue.message}`)
      .join('\n')
    throw new Error(`Invalid environment configuration:\n${problems}`)
  }
  const parsed = result.data

  const database = databaseFromUrl(parsed.DATABASE_URL)
  let sessionSecret = parsed.SESSION_SECRET
  if (!sessionSecret) {
    if (parsed.NODE_ENV === 'production') {
      throw new Error(
        'SESSION_SECRET is not set. In production the session cookie must be signed with a secret of ' +
          'at least 32 characters: generate one with `openssl rand -hex 32` and set SESSION_SECRET.'
      )
    }
    sessionSecret = localSessionSecret(database)
  }
  if (sessionSecret.length < 32) {
    throw new Error('SESSION_SECRET must be at least 32 characters long.')
  }

  const publicUrl = (parsed.PUBLIC_URL ?? `http://localhost:${parsed.PORT}`).replace(/\/+$/, '')
  const HSTS_MAX_AGE = parsed.HSTS_MAX_AGE ?? (publicUrl.startsWith('https://') ? 180 * 24 * 60 * 60 : 0)
  const IMAGES_FOLDER = path.resolve(projectRoot, parsed.IMAGES_FOLDER ?? path.join(dataFolder(database), 'images'))
  const {
    IMAGES_S3_BUCKET,
    IMAGES_S3_ENDPOINT,
    IMAGES_S3_REGION,
    IMAGES_S3_ACCESS_KEY_ID,
    IMAGES_S3_SECRET_ACCESS_KEY,
    IMAGES_S3_FORCE_PATH_STYLE,
    IMAGES_S3_PREFIX,
    ...rest
  } = parsed
  const imagesS3 = imagesS3From(parsed)
  return { ...rest, HSTS_MAX_AGE, IMAGES_FOLDER, imagesS3, database, publicUrl, sessionSecret }
}

function imagesS3From(parsed: z.infer<typeof EnvSchema>): ImagesS3 | null {
  const bucket = parsed.IMAGES_S3_BUCKET
  const stray = (['IMAGES_S3_ENDPOINT', 'IMAGES_S3_ACCESS_KEY_ID', 'IMAGES_S3_SECRET_ACCESS_KEY', 'IMAGES_S3_PREFIX'] as const).filter(name => parsed[name] !== undefined)
  if (!bucket) {
    // Half a configuration would silently keep images on the local disk of one machine.
    if (stray.length) throw new Error(`${stray.join(', ')} ${stray.length === 1 ? 'is' : 'are'} set but IMAGES_S3_BUCKET is not: set IMAGES_S3_BUCKET to keep images in S3-compatible storage, or unset ${stray.length === 1 ? 'it' : 'them'}.`)
    return null
  }
  const missing = (['IMAGES_S3_ACCESS_KEY_ID', 'IMAGES_S3_SECRET_ACCESS_KEY'] as const).filter(name => !parsed[name])
  if (missing.length) {
    throw new Error(
      `IMAGES_S3_BUCKET is set (${bucket}) but ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not: ` +
        'give the access key of an account that may read, write, list and delete objects in that bucket.'
    )
  }
  const prefix = parsed.IMAGES_S3_PREFIX ? parsed.IMAGES_S3_PREFIX.replace(/\/?$/, '/') : ''
  return {
    bucket,
    endpoint: parsed.IMAGES_S3_ENDPOINT?.replace(/\/+$/, ''),
    region: parsed.IMAGES_S3_REGION,
    accessKeyId: parsed.IMAGES_S3_ACCESS_KEY_ID!,
    secretAccessKey: parsed.IMAGES_S3_SECRET_ACCESS_KEY!,
    forcePathStyle: parsed.IMAGES_S3_FORCE_PATH_STYLE ? parsed.IMAGES_S3_FORCE_PATH_STYLE === 'true' : Boolean(parsed.IMAGES_S3_ENDPOINT),
    prefix,
  }
}

export const env = parseEnv(process.env)
