import type { Readable } from 'node:stream'

import { DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3'

import type { ImagesS3 } from '../../server/env.server'
import { contentTypeFor, safeKey, type ImageStore } from './image-store.server'

// Image variants in S3-compatible object storage. Readers never talk to the bucket: the site
// streams `get()` from its own origin (serve.server.ts), so the bucket stays private and needs no
// CORS or public-read policy, and the same URLs work whichever store is configured.

/** DeleteObjects takes at most this many keys a request. */
const DELETE_BATCH = 1000

export function s3Store(settings: ImagesS3): ImageStore {
  const { bucket, prefix } = settings
  const where = settings.endpoint ? `the S3 bucket "${bucket}" at ${settings.endpoint}` : `the S3 bucket "${bucket}" (AWS, ${settings.region})`
  const client = new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    // Since early 2025 the SDK adds CRC32 checksum headers (and, for streamed bodies, an aws-chunked
    // trailer) to every upload and checks them on downloads. Many S3-compatible servers (older
    // MinIO and Ceph, some hosted services) reject or mishandle those; sending a checksum only where
    // the API requires one (DeleteObjects) works with all of them, and AWS still checks that one.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // A server that drops packets should fail an upload within seconds; by default Node waits minutes.
    requestHandler: { connectionTimeout: 5000, requestTimeout: 30_000 },
  })

  /** The SDK's failure as a sentence saying which bucket, what went wrong and which variable to look at. */
  function explain(action: string, error: unknown): Error {
    const reason = reasonFor(error)
    return new Error(`Could not ${action} in ${where}: ${reason}`, { cause: error })
  }

  async function listKeys(under: string) {
    const keys: string[] = []
    let token: string | undefined
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix + under, ContinuationToken: token }))
      for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key.slice(prefix.length))
      token = page.IsTruncated ? page.NextContinuationToken : undefined
    } while (token)
    return keys
  }

  return {
    description: where,
    async put(key, body, contentType) {
      try {
        await client.send(new PutObjectCommand({ Bucket: bucket, Key: prefix + safeKey(key), Body: body, ContentType: contentType, ContentLength: body.length }))
      } catch (error) {
        throw explain(`store ${key}`, error)
      }
    },
    async get(key) {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: prefix + safeKey(key) }))
        if (!object.Body) return null
        return {
          // In Node the SDK's body is the HTTP response itself, a Readable.
          body: object.Body as Readable,
          contentType: object.ContentType ?? contentTypeFor(key),
          size: object.ContentLength ?? 0,
        }
      } catch (error) {
        if (error instanceof S3ServiceException && error.name === 'NoSuchKey') return null
        throw explain(`read ${key}`, error)
      }
    },
    async list(under) {
      try {
        return await listKeys(safeKey(under.replace(/\/$/, '')) + '/')
      } catch (error) {
        throw explain(`list ${under}`, error)
      }
    },
    async listAll() {
      try {
        return await listKeys('')
      } catch (error) {
        throw explain('list the images', error)
      }
    },
    // PutObject stores an object whole or not at all: a crash leaves nothing half written.
    async discardUnfinishedWrites() {
      return 0
    },
    async deleteImages(ids) {
      if (ids.length === 0) return
      const what = `delete ${ids.length === 1 ? `the image ${ids[0]}` : `${ids.length} images`}`
      try {
        const keys = (await Promise.all(ids.map(id => listKeys(safeKey(id) + '/')))).flat()
        for (let start = 0; start < keys.length; start += DELETE_BATCH) {
          const batch = keys.slice(start, start + DELETE_BATCH)
          const answer = await client.send(
            new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.map(key => ({ Key: prefix + key })), Quiet: true } })
          )
          // DeleteObjects answers 200 even when some keys were refused; those come back in Errors.
          const refused = answer.Errors ?? []
          if (refused.length) {
            const examples = refused.slice(0, 3).map(problem => `${problem.Key}: ${problem.Code} ${problem.Message ?? ''}`.trim())
            throw new Error(`${refused.length} of ${batch.length} objects were not deleted (${examples.join('; ')})`)
          }
        }
      } catch (error) {
        throw explain(what, error)
      }
    },
  }
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'TimeoutError'])

function reasonFor(error: unknown): string {
  if (error instanceof S3ServiceException) {
    const status = error.$metadata.httpStatusCode
    switch (error.name) {
      case 'NoSuchBucket':
        return 'the bucket does not exist (NoSuchBucket). Create it, or correct IMAGES_S3_BUCKET (and IMAGES_S3_ENDPOINT).'
      case 'InvalidAccessKeyId':
      case 'SignatureDoesNotMatch':
      case 'InvalidToken':
      case 'ExpiredToken':
        return `the server refused the credentials (${error.name}: ${error.message}). Check IMAGES_S3_ACCESS_KEY_ID and IMAGES_S3_SECRET_ACCESS_KEY.`
      case 'AccessDenied':
        return `access was denied (AccessDenied: ${error.message}). The key in IMAGES_S3_ACCESS_KEY_ID needs permission to read, write, list and delete objects in the bucket.`
    }
    // Answers to HEAD requests, and some servers' errors, have no body to name the problem.
    if (status === 404) return `the server answered 404 Not Found (${error.name}): check IMAGES_S3_BUCKET and IMAGES_S3_ENDPOINT.`
    if (status === 401 || status === 403) return `the server refused the request (${status} ${error.name}). Check IMAGES_S3_ACCESS_KEY_ID and IMAGES_S3_SECRET_ACCESS_KEY.`
    return `${error.name}${status ? ` (HTTP ${status})` : ''}: ${error.message}`
  }
  const code = (error as { code?: string; name?: string } | null)?.code ?? (error as { name?: string } | null)?.name
  if (code && UNREACHABLE.has(code)) {
    const detail = error instanceof Error && error.message.includes(code) ? error.message : `${code}: ${error instanceof Error ? error.message : String(error)}`
    return `the server could not be reached (${detail}). Check IMAGES_S3_ENDPOINT and that the storage service is running.`
  }
  return error instanceof Error ? error.message : String(error)
}
