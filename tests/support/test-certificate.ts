import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { generate } from 'selfsigned'

// One certificate for every local server that answers like a network (X, Bluesky, Mastodon) in a
// test process, made once per run: a server or CLI a test starts trusts them all through one
// NODE_EXTRA_CA_CERTS file. (Two certificates with the same subject in one file do not work:
// OpenSSL looks a certificate's issuer up by name and finds only the first.)

export type TestCertificate = { cert: string; key: string; file: string }

let certificate: Promise<TestCertificate> | undefined

export function testCertificate(): Promise<TestCertificate> {
  certificate ??= generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    notAfterDate: new Date(Date.now() + 86_400_000),
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] }],
  }).then(({ cert, private: key }) => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'test-certificate-'))
    const file = path.join(directory, 'localhost.pem')
    fs.writeFileSync(file, cert)
    process.once('exit', () => fs.rmSync(directory, { recursive: true, force: true }))
    return { cert, key, file }
  })
  return certificate
}
