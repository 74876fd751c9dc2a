import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Readable } from 'node:stream'

import { env } from '../../server/env.server'
import { s3Store } from './s3-store.server'

// Where image variants are kept. One interface, two kinds: a local folder (the default, under the
// data folder, so `npm run backup` takes it with the database) and S3-compatible object storage
// for a site that runs on several processes or machines. Keys are `<image id>/<variant>`.

type StoredObject = { body: Readable; contentType: string; size: number }

export type ImageStore = {
  /** Where the images are, for messages and the README's "where is my data". */
  readonly description: string
  put(key: string, body: Buffer, contentType: string): Promise<void>
  get(key: string): Promise<StoredObject | null>
  /** Every key under `prefix` (an image id followed by "/"). */
  list(prefix: string): Promise<string[]>
  /** Removes every variant of each image; removing one that is not there is not an error. */
  deleteImages(ids: string[]): Promise<void>
  /** Every key in the store, for the start-up repair (repair.server.ts). */
  listAll(): Promise<string[]>
  /** Removes what writes cut short by a crash left behind (a folder's `*.partial` files); how many. */
  discardUnfinishedWrites(): Promise<number>
}

const CONTENT_TYPE_BY_EXTENSION: Record<string, string> = {
  '.avif': 'image/avif',
  '.webp': 'image/webp',
  '.jpg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
}

export function contentTypeFor(key: string) {
  return CONTENT_TYPE_BY_EXTENSION[path.extname(key)] ?? 'application/octet-stream'
}

/** Keys come from image ids and variant names, never from a request as given; this is the last check. */
export function safeKey(key: string) {
  if (!/^[A-Za-z0-9_-]{8,64}(?:\/[A-Za-z0-9_.-]+)?$/.test(key) || key.includes('..')) throw new Error(`Not an image key: ${key}`)
  return key
}

export function localFolderStore(folder: string): ImageStore {
  const fileFor = (key: string) => path.join(folder, safeKey(key))
  return {
    description: `the folder ${folder}`,
    async put(key, body) {
      const file = fileFor(key)
      await fs.promises.mkdir(path.dirname(file), { recursive: true })
      // Written beside and renamed, so a reader never gets half a file.
      const partial = `${file}.${randomBytes(6).toString('hex')}.partial`
      await fs.promises.writeFile(partial, body)
      await fs.promises.rename(partial, file)
    },
    async get(key) {
      const file = fileFor(key)
      try {
        const stat = await fs.promises.stat(file)
        if (!stat.isFile()) return null
        return { body: fs.createReadStream(file), contentType: contentTypeFor(file), size: stat.size }
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
        throw error
      }
    },
    async list(prefix) {
      const id = prefix.replace(/\/$/, '')
      try {
        const names = await fs.promises.readdir(fileFor(id))
        return names.filter(name => !name.endsWith('.partial')).map(name => `${id}/${name}`)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
        throw error
      }
    },
    async deleteImages(ids) {
      for (const id of ids) await fs.promises.rm(fileFor(id), { recursive: true, force: true })
    },
    async listAll() {
      const keys: string[] = []
      for (const [id, names] of await folders()) keys.push(...names.filter(name => !name.endsWith('.partial')).map(name => `${id}/${name}`))
      return keys
    },
    async discardUnfinishedWrites() {
      let removed = 0
      for (const [id, names] of await folders()) {
        for (const name of names.filter(name => name.endsWith('.partial'))) {
          await fs.promises.rm(path.join(folder, id, name), { force: true })
          removed++
        }
      }
      return removed
    },
  }

  /** Each image folder's file names, partial ones included. */
  async function folders(): Promise<[string, string[]][]> {
    const entries = await fs.promises.readdir(folder, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return []
      throw error
    })
    return Promise.all(entries.filter(entry => entry.isDirectory()).map(async entry => [entry.name, await fs.promises.readdir(path.join(folder, entry.name))] as [string, string[]]))
  }
}

let configured: ImageStore | undefined

/** The site's image storage, as the environment configures it: the bucket when IMAGES_S3_BUCKET is set. */
export function imageStore(): ImageStore {
  configured ??= env.imagesS3 ? s3Store(env.imagesS3) : localFolderStore(env.IMAGES_FOLDER)
  return configured
}
