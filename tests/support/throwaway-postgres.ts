import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

import pg from 'pg'

// A PostgreSQL server of our own for tests and for writing migrations: a fresh cluster in a temp
// folder, on a free loopback port, trusted connections only from this machine, deleted on stop.
// Uses Debian's `postgresql` package (.ci/run installs it). PostgreSQL refuses to run as root, so
// as root the cluster belongs to the `postgres` user the package creates.

export type ThrowawayPostgres = {
  /** postgres://postgres@127.0.0.1:PORT/postgres, the maintenance database. */
  url: string
  stop(): Promise<void>
}

function binDirectory(): string {
  const debian = '/usr/lib/postgresql'
  const versions = fs.existsSync(debian) ? fs.readdirSync(debian).filter(version => /^\d+$/.test(version)) : []
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0]
  if (newest) return path.join(debian, newest, 'bin')
  try {
    return path.dirname(execFileSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).trim())
  } catch {
    throw new Error("PostgreSQL's server programs (initdb, pg_ctl) were not found: install Debian's postgresql package")
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1')
  await new Promise(resolve => server.once('listening', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise(resolve => server.close(resolve))
  return port
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = binDirectory()
  const asRoot = process.getuid?.() === 0
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetchat-postgres-'))
  const dataDirectory = path.join(directory, 'data')
  if (asRoot) execFileSync('chown', ['postgres:postgres', directory])
  const run = (program: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : path.join(bin, program), asRoot ? ['-u', 'postgres', '--', path.join(bin, program), ...args] : args, {
      stdio: 'pipe',
      cwd: directory,
    })
  run('initdb', ['-D', dataDirectory, '--auth=trust', '--username=postgres', '--encoding=UTF8', '--locale=C.UTF-8'])
  const port = await freePort()
  // Durability is not what a throwaway cluster is for: skipping fsync makes the suite faster.
  const options = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${directory} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`
  run('pg_ctl', ['-D', dataDirectory, '-o', options, '-l', path.join(directory, 'server.log'), '-w', 'start'])
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`
  return {
    url,
    async stop() {
      try {
        run('pg_ctl', ['-D', dataDirectory, '-m', 'immediate', '-w', 'stop'])
      } finally {
        fs.rmSync(directory, { recursive: true, force: true })
      }
    },
  }
}

/** A new database on the server, for one test process: empty, or a copy of `template`. */
export async function createDatabase(serverUrl: string, name: string, template?: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`)
        break
      } catch (error) {
        // A template being copied by another process at that instant is "accessed by other users".
        if (!template || attempt === 20 || !/being accessed by other users/.test(String(error))) throw error
        await client.query('SELECT pg_sleep(0.1)')
      }
    }
  } finally {
    await client.end()
  }
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return url.toString()
}
