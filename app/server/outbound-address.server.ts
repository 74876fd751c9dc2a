import dns from 'node:dns'
import net, { type LookupFunction } from 'node:net'

import ipaddr from 'ipaddr.js'

// An address named by imported data (a photo's URL in a file or in a network's post) is chosen by
// whoever wrote that data, not by the operator. Fetched blindly, it reaches the site's own
// network: loopback services, private ranges, a cloud's metadata service at 169.254.169.254, and
// the way such a fetch fails (refused, timed out) tells an editor which ports are open there. So
// such requests go only to public unicast addresses, checked after DNS resolution by the lookup
// the connection itself uses: the address checked is the address connected to, and a name that
// answers differently the second time (DNS rebinding) gains nothing. The network clients' API
// hosts are the operator's settings and do not come through here.

/** All an editor is told about a refused address: nothing that describes the network behind it. */
export const ADDRESS_NOT_ALLOWED = 'not fetched: address not allowed'

export class AddressNotAllowed extends Error {
  override name = 'AddressNotAllowed'
  constructor() {
    super(ADDRESS_NOT_ALLOWED)
  }
}

/** A host (any port) or host:port the operator allows inside the network (OUTBOUND_ALLOWED_HOSTS), as URL writes it. */
export type AllowedHost = { hostname: string; port?: string }

/**
 * "127.0.0.1:4431 media.staging.internal [::1]:8443" as hosts, normalised as URL normalises a
 * request's (case, IPv6 and IPv4 spellings, :443 as the default port). Throws naming the entry.
 */
export function parseAllowedHosts(value: string): AllowedHost[] {
  return value
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(entry => {
      let url: URL | undefined
      try {
        url = new URL(`https://${entry}`)
      } catch {
        url = undefined
      }
      if (!url || !url.hostname || url.username || url.password || url.pathname !== '/' || url.search || url.hash || /[/?#@]/.test(entry)) {
        throw new Error(`"${entry}" is not a host or host:port, e.g. 127.0.0.1:4431, media.internal or [::1]:8443`)
      }
      return /:\d+$/.test(entry) ? { hostname: url.hostname, port: url.port } : { hostname: url.hostname }
    })
}

const isAllowedHost = (url: URL, allowed: readonly AllowedHost[]) =>
  allowed.some(host => host.hostname === url.hostname && (host.port === undefined || host.port === url.port))

/**
 * Public unicast only: ipaddr.js names every other range (loopback, private, link-local,
 * unique-local, CGNAT, multicast, unspecified, broadcast, documentation and other reserved
 * blocks, and the IPv6 forms that carry an IPv4 address), and an IPv4-mapped IPv6 address is
 * judged as the IPv4 address it is. What cannot be parsed is refused.
 */
function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false
  return ipaddr.process(address).range() === 'unicast'
}

/**
 * Resolves as Node would, and fails with AddressNotAllowed when any address the name has is not
 * public: a name that points inside the network at all is refused, rather than tried in turn.
 */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '')
    if (addresses.length === 0 || addresses.some(entry => !isPublicAddress(entry.address))) return callback(new AddressNotAllowed(), '')
    if (options.all) return callback(null, addresses)
    callback(null, addresses[0].address, addresses[0].family)
  })
}

/**
 * How a request to `url`, an address taken from data, may connect: unchecked to a host the
 * operator allows; otherwise through the lookup above. A literal IP address is never looked up
 * (Node connects to it directly), so it is judged here and refused by throwing AddressNotAllowed.
 * Give the result to http(s).request with an agent that keeps no sockets alive: a pooled socket
 * is reused without any lookup.
 */
export function outboundConnection(url: URL, allowed: readonly AllowedHost[]): { lookup?: LookupFunction } {
  if (isAllowedHost(url, allowed)) return {}
  const literal = url.hostname.replace(/^\[(.*)\]$/, '$1')
  if (net.isIP(literal)) {
    if (!isPublicAddress(literal)) throw new AddressNotAllowed()
    return {}
  }
  return { lookup: publicOnlyLookup }
}
