import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import { AddressNotAllowed, outboundConnection, parseAllowedHosts } from './outbound-address.server'

// Which literal addresses a photo's URL may name. Names are checked when they resolve, through the
// lookup the connection uses (tests/integration/chat-photos.test.ts, against real listeners).

const judged = (address: string, allowed = '') => {
  try {
    return outboundConnection(new URL(`https://${address}/photo.jpg`), parseAllowedHosts(allowed)) && 'allowed'
  } catch (error) {
    assert.ok(error instanceof AddressNotAllowed)
    assert.equal(error.message, 'not fetched: address not allowed')
    return 'refused'
  }
}

describe('a literal address is refused when it is', () => {
  const special = {
    loopback: '127.0.0.2',
    'private (172.16/12)': '172.20.1.1',
    'link-local': '169.254.10.10',
    'carrier-grade NAT': '100.64.0.1',
    multicast: '224.0.0.251',
    unspecified: '0.0.0.0',
    broadcast: '255.255.255.255',
    documentation: '192.0.2.10',
    'reserved (240/4)': '240.0.0.1',
    'IPv4 written as one number': '2130706433',
    'IPv6 unspecified': '[::]',
    'IPv6 unique-local': '[fd00::1]',
    'IPv6 link-local': '[fe80::1]',
    'IPv6 multicast': '[ff02::1]',
    'IPv6 documentation': '[2001:db8::1]',
    'NAT64 of a private address': '[64:ff9b::a00:1]',
    '6to4': '[2002:a00:1::]',
  }
  for (const [kind, address] of Object.entries(special)) test(`${kind}: ${address}`, () => assert.equal(judged(address), 'refused'))
})

test('a public address is allowed, IPv4 or IPv6', () => {
  assert.deepEqual([judged('93.184.215.14'), judged('[2606:2800:21f:cb07:6820:80da:af6b:8b2c]')], ['allowed', 'allowed'])
})

test('a host the operator allows is allowed on its port only when a port is given', () => {
  assert.deepEqual([judged('127.0.0.1:4431', '127.0.0.1:4431'), judged('127.0.0.1:4432', '127.0.0.1:4431'), judged('10.0.0.5:8443', '10.0.0.5')], ['allowed', 'refused', 'allowed'])
})

test('allowed hosts are compared as URL writes them', () => {
  assert.deepEqual(parseAllowedHosts('Media.Internal:443, [::FFFF:127.0.0.1]'), [{ hostname: 'media.internal', port: '' }, { hostname: '[::ffff:7f00:1]' }])
})
