import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { IdentityKind } from '../../storage/schema.ts';
import { AppError } from '../errors.ts';

export type { IdentityKind };
export const identityKinds: readonly IdentityKind[] = ['email', 'phone', 'visitor', 'whatsapp', 'messenger', 'telegram', 'external'];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The one canonical form of an identity, so the same person is found whatever way they typed it:
 * emails lower-cased, phone and WhatsApp numbers in E.164 (a national number needs the tenant's
 * default country), provider ids trimmed. Throws `invalid` naming the identity otherwise.
 */
export function normalizeIdentity(kind: IdentityKind, raw: string, defaultCountry?: string): string {
  const value = raw.trim();
  const bad = (why: string) =>
    new AppError('invalid', `The ${kind} identity "${value.slice(0, 100)}" is not valid: ${why}`, [{ path: `identities.${kind}`, message: why }]);
  if (!value) throw bad('it is empty');
  if (value.length > 320) throw bad('it is longer than 320 characters');
  switch (kind) {
    case 'email': {
      const v = value.toLowerCase();
      if (!EMAIL.test(v)) throw bad('expected an address like name@example.com');
      return v;
    }
    case 'phone':
    case 'whatsapp': {
      const p = parsePhoneNumberFromString(value.replace(/^whatsapp:/i, ''), defaultCountry as CountryCode | undefined);
      if (!p || !p.isValid()) throw bad('expected a phone number in international form, like +44 20 7946 0958');
      return p.number;
    }
    default:
      if (/[\u0000-\u001f]/.test(value)) throw bad('it contains control characters');
      return value;
  }
}
