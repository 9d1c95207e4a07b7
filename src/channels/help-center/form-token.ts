import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The contact form's CSRF token: "<issued-at ms>.<HMAC-SHA256(tenant, issued-at)>" with the tenant's
 * form secret. Stateless (any node checks it), valid for `ttlMs`, and a little older than a page
 * can be cached. Pure: the time is passed in.
 */
export const FORM_TOKEN_TTL_MS = 2 * 60 * 60 * 1000;
/** Forms filled faster than this are a robot's. */
export const FORM_MIN_AGE_MS = 1500;

const mac = (secret: string, tenantId: string, issued: number) => createHmac('sha256', secret).update(`hc-contact:${tenantId}:${issued}`).digest('base64url');

export function issueFormToken(secret: string, tenantId: string, now: number): string {
  return `${now}.${mac(secret, tenantId, now)}`;
}

export type FormTokenCheck = 'ok' | 'invalid' | 'expired' | 'too_fast';

export function checkFormToken(secret: string, tenantId: string, token: string, now: number, o: { ttlMs?: number; minAgeMs?: number } = {}): FormTokenCheck {
  const m = /^(\d{10,16})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return 'invalid';
  const issued = Number(m[1]);
  const want = Buffer.from(mac(secret, tenantId, issued));
  const got = Buffer.from(m[2]!);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return 'invalid';
  if (issued > now + 60_000 || now - issued > (o.ttlMs ?? FORM_TOKEN_TTL_MS)) return 'expired';
  if (now - issued < (o.minAgeMs ?? FORM_MIN_AGE_MS)) return 'too_fast';
  return 'ok';
}
