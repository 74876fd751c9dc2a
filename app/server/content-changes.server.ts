import { randomUUID } from 'node:crypto'

import { LRUCache } from 'lru-cache'
import pg from 'pg'

import { cdnPurgeConfigFrom, CdnPurgeQueue } from './cdn-purge.server'
import { sqliteConnections, type Database } from './database.server'
import { env } from './env.server'
import type { Lists } from '../../generated/keystone/types'
import type { Session } from './session'
import { keysForChange, SITE_KEY } from './surrogate-keys.server'

// One truth across processes. Every committed write that readers can see is announced here, as
// the surrogate keys of the pages it changes (surrogate-keys.server.ts). The process that wrote
// empties its own response cache at once, purges the CDN (if one is configured), and tells the
// others:
//  - on PostgreSQL with NOTIFY, after commit, carrying the keys and not the data; each server
//    LISTENs on a dedicated connection (not one of Prisma's pooled ones, which come and go);
//  - on SQLite the others notice by themselves: `PRAGMA data_version` changes when another
//    connection commits, and costs a few microseconds, so a server reads it on every request.
// The CLIs (`npm run import`, `npm run announce`) and the Admin UI announce through the same path.

type Listener = (keys: string[]) => void

const CHANNEL = 'tweetchat_content_changes'
/** NOTIFY payloads are limited to 8,000 bytes; a change wider than this is sent as "everything". */
const MAX_PAYLOAD = 7000
const PROCESS_ID = randomUUID()

// The Remix build is a bundle of its own with its own copy of this module; listeners are shared
// through globalThis so that a change heard by the server reaches caches kept in either.
const LISTENERS = Symbol.for('tweetchat.content-change-listeners')
const slot = globalThis as { [LISTENERS]?: Set<Listener> }
const listeners = (slot[LISTENERS] ??= new Set<Listener>())

export function onContentChange(listener: Listener) {
  listeners.add(listener)
  return () => void listeners.delete(listener)
}

/**
 * A read kept until content changes, in this process or another: for reads every page repeats
 * (the site settings) or that are costly and shared by several pages (an archive's view, a
 * search's results). A read that fails is not kept.
 */
export function keptUntilContentChanges<Value extends NonNullable<unknown> | null>(read: (key: string) => Promise<Value>, { max, ttl }: { max: number; ttl?: number }) {
  const kept = new LRUCache<string, Promise<Value>>({ max, ttl })
  onContentChange(() => kept.clear())
  return (key: string) => {
    noticeScheduledChanges()
    let value = kept.get(key)
    if (!value) {
      const reading = read(key)
      kept.set(key, reading)
      reading.catch(() => kept.get(key) === reading && kept.delete(key))
      value = reading
    }
    return value
  }
}

function tellListeners(keys: string[]) {
  for (const listener of listeners) {
    try {
      listener(keys)
    } catch (error) {
      console.error('A content-change listener failed', error)
    }
  }
}

const cdn = (() => {
  const config = cdnPurgeConfigFrom(env)
  return config && new CdnPurgeQueue(config)
})()

/** Keys waiting for the next tick, so a burst of writes (an import, a bulk edit) goes out once. */
const pendingKeys = new Set<string>()
let flushing: Promise<void> | undefined

/**
 * Announces a committed change. This process's cache is emptied now (the next request must not
 * see the old page); the broadcast and the CDN purge follow on the next tick, batched.
 */
export function contentChanged(keys: Iterable<string>) {
  const changed = [...keys]
  if (changed.length === 0) return
  tellListeners(changed)
  for (const key of changed) pendingKeys.add(key)
  flushing ??= new Promise<void>(resolve => setImmediate(resolve)).then(broadcast).finally(() => (flushing = undefined))
}

async function broadcast() {
  const keys = pendingKeys.has(SITE_KEY) ? [SITE_KEY] : [...pendingKeys]
  pendingKeys.clear()
  cdn?.purge(keys)
  if (env.database.provider !== 'postgresql') return
  let payload = JSON.stringify({ from: PROCESS_ID, keys })
  if (payload.length > MAX_PAYLOAD) payload = JSON.stringify({ from: PROCESS_ID, keys: [SITE_KEY] })
  try {
    const client = await notifier(env.database.url)
    await client.query('SELECT pg_notify($1, $2)', [CHANNEL, payload])
  } catch (error) {
    // The other processes' caches expire within a minute; nothing the editor saved is lost.
    console.error(`Could not tell the other processes about a change (${keys.join(' ')}):`, error instanceof Error ? error.message : error)
  }
}

/** For CLIs before they exit, and tests: the broadcast and the CDN purge have been sent. */
export async function contentChangesSent(timeoutMs = 10_000) {
  await flushing
  await cdn?.drain(timeoutMs)
}

let notifyClient: Promise<pg.Client> | undefined
let idleTimer: NodeJS.Timeout | undefined
/** A connection kept open for a burst of changes, not for ever: it would keep a CLI or test alive. */
const NOTIFY_IDLE_MS = 2000

/** A connection of its own for NOTIFY, closed again once idle. */
async function notifier(url: string) {
  notifyClient ??= (async () => {
    const client = new pg.Client({ connectionString: url })
    client.on('error', error => {
      console.error('The change-notification connection failed:', error.message)
      notifyClient = undefined
    })
    await client.connect()
    return client
  })().catch(error => {
    notifyClient = undefined
    throw error
  })
  const client = await notifyClient
  clearTimeout(idleTimer)
  idleTimer = setTimeout(() => void stopNotifying(), NOTIFY_IDLE_MS)
  return client
}

/** Closes the NOTIFY connection, if one was opened, so a CLI can exit. */
export async function stopNotifying() {
  clearTimeout(idleTimer)
  const open = notifyClient
  notifyClient = undefined
  await (await open?.catch(() => undefined))?.end().catch(() => {})
}

/**
 * Keystone's afterOperation runs once the write has committed: every list announces what its
 * writes change. Writes that go around Keystone (the importer's bulk transaction, the announcer's
 * post id) call contentChanged themselves.
 */
export function announcingChanges<Definitions extends Lists<Session>>(definitions: Definitions): Definitions {
  type AfterOperation = (args: { item?: Record<string, unknown> | null; originalItem?: Record<string, unknown> | null }) => unknown
  for (const [list, definition] of Object.entries(definitions)) {
    const hooks = (definition.hooks ??= {}) as { afterOperation?: AfterOperation }
    // A list's own hook (one that writes more, say) runs first, so its writes are announced with the list's.
    const own = hooks.afterOperation
    hooks.afterOperation = async args => {
      await own?.(args)
      contentChanged(keysForChange(list, args.item, args.originalItem))
    }
  }
  return definitions
}

// ---- Scheduled publishing ---------------------------------------------------------------------

// An item published with a publish time ahead appears at that minute, and nothing writes then to
// empty the caches. So the time of the next such item is kept, read again after every change, and
// the first look at a cache after it passes empties every cache as a change would (and purges the
// CDN). Kept on globalThis, like the listeners, for the Remix build's copy of this module.
const SCHEDULE = Symbol.for('tweetchat.next-scheduled-change')
type Schedule = { at: number; read?: () => Promise<Date | null>; reads: number; timer?: NodeJS.Timeout }
const schedule = ((globalThis as { [SCHEDULE]?: Schedule })[SCHEDULE] ??= { at: Infinity, reads: 0 })

/**
 * Also wakes at that time, so a CDN is purged at the minute even when no request comes; the
 * check on each request stays, for a timer that fires late. setTimeout waits at most ~24 days.
 */
function wakeAtScheduledTime() {
  clearTimeout(schedule.timer)
  if (schedule.at === Infinity) return
  schedule.timer = setTimeout(() => (Date.now() < schedule.at ? wakeAtScheduledTime() : noticeScheduledChanges()), Math.min(Math.max(0, schedule.at - Date.now()), 2 ** 31 - 1))
  schedule.timer.unref()
}

async function readSchedule() {
  if (!schedule.read) return
  // A read that started before a later one answers late must not overwrite it.
  const reading = ++schedule.reads
  try {
    const next = await schedule.read()
    if (reading !== schedule.reads) return
    schedule.at = next ? next.getTime() : Infinity
    wakeAtScheduledTime()
  } catch (error) {
    console.error('Could not read when the next scheduled item appears; caches keep their usual lifetime.', error)
  }
}

/** In a server: `read` answers when the next scheduled item appears (null: none is scheduled). */
export async function followScheduledChanges(read: () => Promise<Date | null>) {
  if (!schedule.read) onContentChange(() => void readSchedule())
  schedule.read = read
  await readSchedule()
}

/** Read before any cache is consulted: has a scheduled item appeared since the last look? */
export function noticeScheduledChanges(now = Date.now()) {
  if (now < schedule.at) return
  schedule.at = Infinity
  clearTimeout(schedule.timer)
  contentChanged([SITE_KEY])
}

// ---- In a server: hearing the other processes -------------------------------------------------

const RECONNECT_DELAYS_MS = [250, 1000, 5000, 15_000, 30_000]

/**
 * Starts following writes made by other processes. On PostgreSQL a LISTEN connection, re-opened
 * when it drops; notifications sent meanwhile are not replayed, so a reconnect empties everything.
 */
let stopFollowing = async () => {}

export async function followOtherProcesses(database: Database) {
  if (database.provider === 'sqlite') return
  let stopped = false
  let client: pg.Client | undefined
  let attempt = 0
  const listen = async (): Promise<void> => {
    if (stopped) return
    const connection = new pg.Client({ connectionString: database.url })
    connection.on('notification', message => {
      if (message.channel !== CHANNEL || !message.payload) return
      const { from, keys } = JSON.parse(message.payload) as { from: string; keys: string[] }
      if (from !== PROCESS_ID) tellListeners(keys)
    })
    const dropped = (reason: string) => {
      if (stopped || client !== connection) return
      client = undefined
      console.error(`Lost the change-notification connection (${reason}); reconnecting.`)
      connection.removeAllListeners('error')
      connection.on('error', () => {})
      void connection.end().catch(() => {})
      setTimeout(() => void listen(), RECONNECT_DELAYS_MS[Math.min(attempt++, RECONNECT_DELAYS_MS.length - 1)]).unref()
    }
    connection.on('error', error => dropped(error.message))
    connection.on('end', () => dropped('closed by the server'))
    client = connection
    try {
      await connection.connect()
      await connection.query(`LISTEN ${CHANNEL}`)
    } catch (error) {
      if (attempt === 0 && !stopped) throw error
      return dropped(error instanceof Error ? error.message : String(error))
    }
    if (attempt > 0) {
      console.log('Change notifications are back; emptying the cache, since changes meanwhile were not heard.')
      tellListeners([SITE_KEY])
    }
    attempt = 0
  }
  await listen()
  stopFollowing = async () => {
    stopped = true
    const listening = client
    client = undefined
    await Promise.all([listening?.end().catch(() => {}), stopNotifying()])
  }
}

/** On shutdown: the LISTEN and NOTIFY connections are closed. */
export const stopFollowingOtherProcesses = () => stopFollowing()

const seenDataVersions = new WeakMap<object, number>()

/**
 * SQLite: has another process committed since this one last looked? Read on every request
 * before the cache is consulted; the server's own writes do not change the number.
 */
export function noticeWritesFromOtherProcesses() {
  for (const connection of sqliteConnections) {
    const version = connection.pragma('data_version', { simple: true }) as number
    const seen = seenDataVersions.get(connection)
    seenDataVersions.set(connection, version)
    if (seen !== undefined && seen !== version) tellListeners([SITE_KEY])
  }
}
