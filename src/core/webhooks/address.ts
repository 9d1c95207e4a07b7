import { BlockList, isIP } from 'node:net';
import { invalid } from '../errors.ts';

/**
 * Where a webhook may not go unless WEBHOOK_ALLOW_PRIVATE is set: this host, private networks,
 * link-local (cloud metadata at 169.254.169.254 and fd00:ec2::254), carrier-grade NAT,
 * multicast and reserved ranges. Pure: callers resolve names and pass the addresses.
 */
const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8], ['64:ff9b::', 96], ['100::', 64], ['2001:db8::', 32],
] as const) blocked.addSubnet(net, bits, 'ipv6');

/** Is this IP address one a webhook must not reach (loopback, private, link-local, metadata, reserved)? */
export function isBlockedAddress(address: string): boolean {
  const ip = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(ip);
  if (family === 4) return blocked.check(ip, 'ipv4');
  if (family === 6) {
    // IPv4-mapped and -compatible forms carry an IPv4 address: judge that one.
    const mapped = /^(?:0{0,4}:){0,5}(?:ffff:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
    if (mapped) return blocked.check(mapped[1]!, 'ipv4');
    const hexMapped = /^(?:0{0,4}:){0,5}ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(ip);
    if (hexMapped) {
      const hi = parseInt(hexMapped[1]!, 16);
      const lo = parseInt(hexMapped[2]!, 16);
      return blocked.check(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`, 'ipv4');
    }
    return blocked.check(ip, 'ipv6');
  }
  return true; // not an address at all: refuse rather than guess
}

/** Host names that always mean this machine or a cloud metadata service, whatever DNS says. */
const blockedNames = /^(localhost|localhost\.localdomain|ip6-localhost|ip6-loopback|metadata|metadata\.google\.internal|metadata\.azure\.com|instance-data(\.ec2\.internal)?)\.?$|\.localhost\.?$/i;

export function isBlockedHostName(host: string): boolean {
  return blockedNames.test(host);
}

/** The URL's host without IPv6 brackets. */
export const hostOf = (u: URL) => u.hostname.replace(/^\[|\]$/g, '');

/** Parses and checks a webhook URL's shape: http(s), a host, no user or password. 400 naming `url` otherwise. */
export function parseWebhookUrl(raw: string, path = 'url'): URL {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw invalid(`The webhook URL "${raw}" is not a valid URL; use e.g. https://crm.example.com/hooks/switchboard`, [{ path, message: 'not a URL' }]);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    throw invalid(`The webhook URL ${raw} uses ${u.protocol.replace(/:$/, '')}; only http and https are allowed`, [{ path, message: 'http or https only' }]);
  }
  if (u.username || u.password) {
    throw invalid('The webhook URL must not contain a user name or password; receivers check the x-switchboard-signature header instead', [{ path, message: 'credentials in URL' }]);
  }
  if (!u.hostname) throw invalid(`The webhook URL ${raw} has no host`, [{ path, message: 'no host' }]);
  u.hash = '';
  return u;
}

/** The refusal for a URL that reaches a private or local address. */
export function privateAddressError(url: string, address: string, path = 'url') {
  return invalid(
    `The webhook URL ${url} resolves to ${address}, a loopback, private, link-local or metadata address, which webhooks may not reach; use a public address, or set WEBHOOK_ALLOW_PRIVATE=true for a CRM on your own network`,
    [{ path, message: 'private address' }],
  );
}
