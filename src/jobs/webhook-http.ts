import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { invalid } from '../core/errors.ts';
import { hostOf, isBlockedAddress, isBlockedHostName, parseWebhookUrl, privateAddressError } from '../core/webhooks/address.ts';

export const WEBHOOK_TIMEOUT_MS = 10_000;
export const RESPONSE_EXCERPT_BYTES = 1024;

/** What one POST to a receiver came to. */
export interface HttpOutcome {
  statusCode: number | null;
  error: string | null;
  responseExcerpt: string | null;
  durationMs: number;
}

class BlockedAddress extends Error {
  constructor(readonly address: string) {
    super(`refused: the host resolves to ${address}, a loopback, private, link-local or metadata address (WEBHOOK_ALLOW_PRIVATE is off)`);
  }
}

function lookupAll(host: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => dnsLookup(host, { all: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))));
}

/**
 * Create and update time: the URL's shape, then (unless private addresses are allowed) every
 * address its host resolves to. A 400 naming the URL when it is refused.
 */
export async function checkWebhookUrl(raw: string, allowPrivate: boolean): Promise<string> {
  const u = parseWebhookUrl(raw);
  if (allowPrivate) return u.toString();
  const host = hostOf(u);
  if (isBlockedHostName(host)) throw privateAddressError(raw, host);
  if (isIP(host)) {
    if (isBlockedAddress(host)) throw privateAddressError(raw, host);
    return u.toString();
  }
  let addresses: LookupAddress[];
  try {
    addresses = await lookupAll(host);
  } catch {
    throw invalid(`The host of the webhook URL ${raw} could not be resolved; check the name`, [{ path: 'url', message: 'host not found' }]);
  }
  const bad = addresses.find((a) => isBlockedAddress(a.address));
  if (bad) throw privateAddressError(raw, bad.address);
  return u.toString();
}

/** Send time: the connection's own DNS answer is checked, so a name that changed since creation is caught too. */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return ((hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err);
      if (!allowPrivate) {
        if (isBlockedHostName(hostname)) return callback(new BlockedAddress(hostname));
        const bad = addresses.find((a) => isBlockedAddress(a.address));
        if (bad) return callback(new BlockedAddress(bad.address));
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(new Error(`no address for ${hostname}`));
      return callback(null, first.address, first.family);
    });
  }) as unknown as LookupFunction;
}

/** POSTs a body; never follows redirects; reads at most 1 KB of the answer; gives up after `timeoutMs`. */
export function postWebhook(o: { url: string; body: string; headers: Record<string, string>; allowPrivate: boolean; timeoutMs?: number }): Promise<HttpOutcome> {
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  const timeoutMs = o.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  return new Promise<HttpOutcome>((resolve) => {
    let settled = false;
    const done = (r: Omit<HttpOutcome, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      resolve({ ...r, durationMs: took() });
    };
    let u: URL;
    try {
      u = new URL(o.url);
    } catch {
      return done({ statusCode: null, error: 'the endpoint URL is not valid', responseExcerpt: null });
    }
    const host = hostOf(u);
    if (!o.allowPrivate && isIP(host) && isBlockedAddress(host)) return done({ statusCode: null, error: new BlockedAddress(host).message, responseExcerpt: null });
    if (!o.allowPrivate && isBlockedHostName(host)) return done({ statusCode: null, error: new BlockedAddress(host).message, responseExcerpt: null });
    const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
    const signal = AbortSignal.timeout(timeoutMs);
    const req = send(u, {
      method: 'POST',
      headers: { ...o.headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(o.body)) },
      lookup: guardedLookup(o.allowPrivate),
      signal,
    }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = () => {
        const excerpt = Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8');
        const code = res.statusCode ?? 0;
        done({ statusCode: code, error: code >= 200 && code < 300 ? null : `the receiver answered HTTP ${code}`, responseExcerpt: excerpt || null });
      };
      res.on('data', (c: Buffer) => {
        if (size < RESPONSE_EXCERPT_BYTES) chunks.push(c);
        size += c.length;
        if (size >= RESPONSE_EXCERPT_BYTES) {
          finish();
          res.destroy();
        }
      });
      res.on('end', finish);
      res.on('error', finish);
    });
    req.on('error', (e: Error & { code?: string }) => {
      const msg = signal.aborted ? `no answer within ${timeoutMs / 1000} s` : e instanceof BlockedAddress ? e.message : `${e.code ? `${e.code}: ` : ''}${e.message}`;
      done({ statusCode: null, error: msg.slice(0, 500), responseExcerpt: null });
    });
    req.end(o.body);
  });
}
