import type { Server } from 'node:http'

import type { RequestHandler } from 'express'

import type { Context } from './keystone.server'
import { stopFollowingOtherProcesses } from './content-changes.server'
import { closeRateLimiters } from './rate-limits.server'

// What a load balancer needs from each app process: a health answer that includes the database,
// and, on SIGTERM, a shutdown that stops taking requests, lets the ones in flight finish, then
// closes the database.

const SHUTDOWN_GRACE_MS = 10_000

let shuttingDown = false

export function healthCheck(context: Context): RequestHandler {
  return async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store')
    if (shuttingDown) return void res.status(503).json({ status: 'shutting down' })
    const started = performance.now()
    try {
      await context.prisma.$queryRawUnsafe('SELECT 1')
      res.json({ status: 'ok', database: 'ok', databaseMs: Math.round((performance.now() - started) * 10) / 10, uptimeSeconds: Math.round(process.uptime()) })
    } catch (error) {
      console.error('Health check: the database did not answer', error)
      res.status(503).json({ status: 'unhealthy', database: 'unreachable' })
    }
  }
}

export function closeGracefullyOnSignal(httpServer: Server, context: Context) {
  const shutDown = (signal: NodeJS.Signals) => {
    if (shuttingDown) return void console.log(`${signal} again: still finishing requests in flight.`)
    shuttingDown = true
    console.log(`\n${signal}: finishing requests in flight, then closing the database.`)
    // Keep-alive connections would otherwise hold the server open; busy ones close after their
    // response. First in line, since a cache hit is answered by the next listener at once.
    httpServer.prependListener('request', (_req, res) => res.setHeader('Connection', 'close'))
    const forced = setTimeout(() => {
      console.error(`Requests still open after ${SHUTDOWN_GRACE_MS / 1000} s; closing them.`)
      httpServer.closeAllConnections()
    }, SHUTDOWN_GRACE_MS)
    forced.unref()
    httpServer.close(() => {
      clearTimeout(forced)
      void Promise.all([context.prisma.$disconnect(), closeRateLimiters(), stopFollowingOtherProcesses()])
        .catch(error => console.error('Closing the database failed', error))
        .finally(() => {
          console.log('Stopped.')
          process.exit(0)
        })
    })
    httpServer.closeIdleConnections()
  }
  process.on('SIGTERM', shutDown)
  process.on('SIGINT', shutDown)
}
