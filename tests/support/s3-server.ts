import { spawn } from 'node:child_process'
import { once } from 'node:events'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3'

// A real S3-compatible server on loopback (s3rver: the S3 REST API over a folder), on a free port
// with a throwaway folder, in a process of its own. Two things to know about it:
// - It makes ListObjectsV2 continuation tokens with DES, which OpenSSL 3 (Node 17 and later) only
//   has in its legacy provider: without --openssl-legacy-provider every second page of a listing
//   is a 500 InternalError. Hence the separate process, started with that flag.
// - It checks that an access key exists but, unlike AWS, not the v4 signature, so "wrong
//   credentials" in tests means an access key id it does not know.

export const S3RVER_KEY = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }

const SERVER = `
const S3rver = require(process.argv[1])
const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: process.argv[2], configureBuckets: process.argv[3].split(',').map(name => ({ name })) })
server.run().then(({ port }) => process.stdout.write('listening ' + port + '\\n'))
process.stdin.on('end', () => server.close().then(() => process.exit(0))).resume()
`

export type S3TestServer = {
  endpoint: string
  /** The folder s3rver keeps the buckets in, for tests that watch writes arrive. */
  directory: string
  /** The variables that point the site at `bucket` on this server. */
  env(bucket: string, extra?: Record<string, string>): Record<string, string>
  /** Every key in `bucket`, sorted, as the S3 API lists it. */
  keys(bucket: string): Promise<string[]>
  stop(): Promise<void>
}

export async function startS3Server(buckets: string[]): Promise<S3TestServer> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetchat-s3-'))
  const entry = fileURLToPath(import.meta.resolve('s3rver'))
  const child = spawn(process.execPath, ['--openssl-legacy-provider', '-e', SERVER, entry, directory, buckets.join(',')], { stdio: ['pipe', 'pipe', 'inherit'] })
  const exited = once(child, 'exit')
  const port = await new Promise<number>((resolve, reject) => {
    let output = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk
      const match = /^listening (\d+)$/m.exec(output)
      if (match) resolve(Number(match[1]))
    })
    void exited.then(([code]) => reject(new Error(`s3rver exited (${code}) before listening: ${output}`)))
  })
  const endpoint = `http://127.0.0.1:${port}`
  // A copy: the SDK marks the credentials object it is given.
  const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { ...S3RVER_KEY } })
  return {
    endpoint,
    directory,
    env: (bucket, extra = {}) => ({
      IMAGES_S3_BUCKET: bucket,
      IMAGES_S3_ENDPOINT: endpoint,
      IMAGES_S3_ACCESS_KEY_ID: S3RVER_KEY.accessKeyId,
      IMAGES_S3_SECRET_ACCESS_KEY: S3RVER_KEY.secretAccessKey,
      ...extra,
    }),
    async keys(bucket) {
      const keys: string[] = []
      let token: string | undefined
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }))
        keys.push(...(page.Contents ?? []).map(object => object.Key!))
        token = page.NextContinuationToken
      } while (token)
      return keys.sort()
    },
    async stop() {
      client.destroy()
      if (child.exitCode === null && child.signalCode === null) {
        child.stdin.end()
        await exited
      }
      fs.rmSync(directory, { recursive: true, force: true })
    },
  }
}
