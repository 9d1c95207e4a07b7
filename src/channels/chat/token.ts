import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { WidgetIdentity } from '../../contracts/widget.ts';

/**
 * Visitor tokens and host-signed identities (docs/decisions/014-chat-widget.md). Stateless: a token
 * is base64url(JSON claims) + "." + base64url(HMAC-SHA256(claims, key)). The key is derived from the
 * inbox's identity secret, so rotating that secret revokes every token of the inbox at once and all
 * nodes agree on it without another setting. Pure: the time is passed in.
 */

export interface VisitorClaims {
  /** tenant */
  t: string;
  /** inbox */
  i: string;
  /** visitor id (the widget's, kept in localStorage) */
  v: string;
  /** customer id when known at session time (informational: lookups go by identity) */
  c: string | null;
  /** verified host identity */
  ver: boolean;
  /** the verified external id (only when ver) */
  x?: string;
  /** expiry, epoch ms */
  exp: number;
}

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export const newIdentitySecret = () => randomBytes(32).toString('hex');

function tokenKey(identitySecret: string): Buffer {
  return createHmac('sha256', identitySecret).update('switchboard-widget-token-v1').digest();
}

export function signToken(claims: VisitorClaims, identitySecret: string): string {
  const body = b64(JSON.stringify(claims));
  return `${body}.${b64(createHmac('sha256', tokenKey(identitySecret)).update(body).digest())}`;
}

/** The claims of a token WITHOUT checking it: only to find the inbox whose secret checks it. */
export function peekToken(token: string): VisitorClaims | null {
  const [body, mac, extra] = token.split('.');
  if (!body || !mac || extra !== undefined || body.length > 2000) return null;
  try {
    const c = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as VisitorClaims;
    if (typeof c.t !== 'string' || typeof c.i !== 'string' || typeof c.v !== 'string' || typeof c.exp !== 'number' || typeof c.ver !== 'boolean') return null;
    return c;
  } catch {
    return null;
  }
}

export type TokenCheck = { ok: true; claims: VisitorClaims } | { ok: false; reason: string };

export function verifyToken(token: string, identitySecret: string, nowMs: number): TokenCheck {
  const claims = peekToken(token);
  if (!claims) return { ok: false, reason: 'malformed token' };
  const [body, mac] = token.split('.') as [string, string];
  const expected = createHmac('sha256', tokenKey(identitySecret)).update(body).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad signature' };
  if (claims.exp <= nowMs) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}

/** The string a host site signs for an identity: `${id}|${email ?? ''}|${expiresAt}`. */
export const identityPayload = (i: Pick<WidgetIdentity, 'id' | 'email' | 'expiresAt'>) => `${i.id}|${i.email ?? ''}|${i.expiresAt}`;

/** What a host site computes (docs, tests, the demo shop). */
export const signIdentity = (i: Pick<WidgetIdentity, 'id' | 'email' | 'expiresAt'>, secret: string) =>
  createHmac('sha256', secret).update(identityPayload(i)).digest('hex');

/** A host-signed identity is good when the HMAC matches (constant time) and it has not expired. */
export function identityValid(i: WidgetIdentity, secret: string | undefined, nowMs: number): boolean {
  if (!secret) return false;
  if (i.expiresAt * 1000 <= nowMs) return false;
  if (!/^[0-9a-f]{64}$/i.test(i.signature)) return false;
  const expected = Buffer.from(signIdentity(i, secret), 'hex');
  return timingSafeEqual(Buffer.from(i.signature.toLowerCase(), 'hex'), expected);
}
