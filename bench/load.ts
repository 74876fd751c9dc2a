import { spawn } from 'node:child_process'
import { once } from 'node:events'

import autocannon from 'autocannon'

// What every page benchmark shares: autocannon with the same settings, and the limit of this
// machine (the same bytes from memory by a bare Node server in a process of its own, so it does
// not share a core with the load generator).

export const CONNECTIONS = 50
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)

export type Load = { rps: number; p50: number; p99: number; errors: number }

export async function load(
  url: string,
  { duration = SECONDS, connections = CONNECTIONS, headers = {}, unique }: { duration?: number; connections?: number; headers?: Record<string, string>; unique?: (n: number) => string } = {}
): Promise<Load> {
  let n = 0
  const result = await autocannon({
    url,
    connections,
    duration,
    pipelining: 1,
    headers,
    // Each request a URL of its own, for the paths no cache can answer.
    ...(unique ? { requests: [{ setupRequest: request => ({ ...request, path: unique(n++) }) }] } : {}),
  })
  return { rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx }
}

/** A bare Node server answering every request with the file's bytes: what no framework can beat. */
export async function bareServer(file: string, headers: Record<string, string> = {}) {
  const source = `const body = require('node:fs').readFileSync(${JSON.stringify(file)});
    const server = require('node:http').createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length, ...${JSON.stringify(headers)} });
      response.end(body);
    }).listen(0, '127.0.0.1', () => console.log(server.address().port));`
  const child = spawn(process.execPath, ['-e', source], { stdio: ['ignore', 'pipe', 'inherit'] })
  const [port] = (await once(child.stdout, 'data')) as [Buffer]
  return {
    url: `http://127.0.0.1:${port.toString().trim()}/`,
    close: async () => {
      child.kill()
      await once(child, 'exit')
    },
  }
}
