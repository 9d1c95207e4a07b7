import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A survey link token: 32 random bytes, base64url (43 characters). Only its hash is stored. */
export function newSurveyToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The shape of a token we issue; anything else is refused before any lookup. */
export const isTokenShaped = (t: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(t);

export function hashSurveyToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Compares a presented token with a stored hash in constant time. */
export function tokenMatches(token: string, storedHash: string): boolean {
  const a = Buffer.from(hashSurveyToken(token), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
