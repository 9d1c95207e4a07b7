import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures, both ways: Switchboard signs what it sends and checks what it receives
 * the same way. The header is `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`.
 * The timestamp is signed with the body, so a captured request cannot be replayed after the
 * tolerance; several `v1=` values are accepted, so a secret can be rotated without downtime.
 */
export const SIGNATURE_HEADER = 'x-switchboard-signature';
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function hmacHex(secret: string, payload: string | Buffer): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}

/** The signature header value for a body sent at `at`. */
export function signPayload(secret: string, body: string | Buffer, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${hmacHex(secret, Buffer.concat([Buffer.from(`${t}.`), Buffer.from(body)]))}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** Checks a signature header against the raw body; says why it fails (for the 401 message, never the expected value). */
export function verifySignature(secret: string, body: string | Buffer, header: string | undefined, now: Date, toleranceSeconds = DEFAULT_TOLERANCE_SECONDS): SignatureCheck {
  if (!header) return { ok: false, reason: `missing ${SIGNATURE_HEADER} header` };
  let t: number | null = null;
  const given: string[] = [];
  for (const part of header.split(',')) {
    const [k, v] = part.trim().split('=', 2);
    if (k === 't' && v && /^\d+$/.test(v)) t = Number(v);
    else if (k === 'v1' && v) given.push(v);
  }
  if (t === null || given.length === 0) return { ok: false, reason: `malformed ${SIGNATURE_HEADER} header: expected t=<unix seconds>,v1=<hex>` };
  if (Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return { ok: false, reason: `signature timestamp is more than ${toleranceSeconds} s away from the server clock` };
  const expected = Buffer.from(hmacHex(secret, Buffer.concat([Buffer.from(`${t}.`), Buffer.from(body)])), 'hex');
  for (const v of given) {
    const candidate = /^[0-9a-f]+$/i.test(v) ? Buffer.from(v, 'hex') : Buffer.alloc(0);
    if (candidate.length === expected.length && timingSafeEqual(candidate, expected)) return { ok: true };
  }
  return { ok: false, reason: 'signature does not match the body' };
}
