/**
 * Which URLs an `http` node may call. The scheme and host must be written literally (placeholders
 * only in the path, query or fragment), the host must be on the tenant's allow-list (an entry
 * "*.example.com" allows its subdomains), HTTPS is required except for an allow-listed localhost
 * (tests and local fakes), and literal IP addresses of private, loopback-other-than-localhost,
 * link-local or shared ranges are always refused.
 */

const LOCAL_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function ipv4(host: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts : null;
}

/** Private, link-local, shared, unspecified or multicast IPv4/IPv6 literals. */
export function isPrivateIp(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  const v4 = ipv4(h);
  if (v4) {
    const [a, b] = v4 as [number, number, number, number];
    return a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || a >= 224;
  }
  if (h.includes(':')) {
    if (h === '::' || h === '::1') return true;
    if (/^(fc|fd)/.test(h) || /^fe[89ab]/.test(h) || h.startsWith('ff')) return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
    if (mapped) return isPrivateIp(mapped[1]!);
    const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(h);
    if (hex) {
      const hi = parseInt(hex[1]!, 16);
      const lo = parseInt(hex[2]!, 16);
      return isPrivateIp(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
    }
    return false;
  }
  return false;
}

export function hostAllowed(host: string, allowedHosts: readonly string[]): boolean {
  const h = host.toLowerCase();
  return allowedHosts.some((raw) => {
    const a = raw.trim().toLowerCase();
    if (a.startsWith('*.')) return h.endsWith(a.slice(1)) && h.length > a.length - 1;
    return h === a;
  });
}

/** Why the URL template may not be used, or null when it may. */
export function urlProblem(urlTemplate: string, allowedHosts: readonly string[]): string | null {
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)/i.exec(urlTemplate.trim());
  if (!m) return `"${urlTemplate.slice(0, 80)}" is not an absolute URL; start it with https://`;
  const scheme = m[1]!.toLowerCase();
  const authority = m[2]!;
  if (authority.includes('{{')) return 'the host of the URL must be written out, not taken from a variable';
  if (authority.includes('@')) return 'user names and passwords in the URL are not allowed; use a header';
  let parsed: URL;
  try {
    parsed = new URL(`${scheme}://${authority}/`);
  } catch {
    return `"${authority}" is not a valid host`;
  }
  const host = parsed.hostname;
  const local = LOCAL_NAMES.has(host);
  if (!local && isPrivateIp(host)) return `the address ${host} is in a private network range and cannot be called`;
  if (!hostAllowed(host, allowedHosts)) {
    return `the host ${host} is not on the allow-list${allowedHosts.length ? ` (${allowedHosts.slice(0, 5).join(', ')})` : ' (it is empty)'}; ask an admin to add it`;
  }
  if (scheme !== 'https' && !(scheme === 'http' && local)) return `only https:// URLs are allowed (got ${scheme}://)`;
  return null;
}
