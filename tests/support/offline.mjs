// Nothing a test runs may reach the internet: a host name other than localhost fails to resolve at
// once, as on an offline machine, whether or not this one is online. Loaded by every test process
// (tests/support/setup.ts) and every server a test starts (NODE_OPTIONS in tests/support/server.ts),
// because real-shaped Bluesky and Mastodon data name their networks' media hosts.
import dns from 'node:dns'
import net from 'node:net'
import process from 'node:process'

const realLookup = dns.lookup
dns.lookup = (hostname, ...rest) => {
  if (hostname === 'localhost' || net.isIP(hostname)) return realLookup(hostname, ...rest)
  const callback = rest[rest.length - 1]
  const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname} (tests never leave this machine)`), { code: 'ENOTFOUND', hostname })
  process.nextTick(callback, error)
}
