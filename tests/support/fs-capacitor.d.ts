// fs-capacitor ships no types. This is the part graphql-upload uses for every upload, and the test of reading one uses too.
declare module 'fs-capacitor' {
  import type { Readable, Writable } from 'node:stream'

  export class WriteStream extends Writable {
    createReadStream(): Readable
    release(): void
  }
}
