import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeIdentity } from './identities.ts';
import { AppError } from '../errors.ts';

test('emails are lower-cased and checked', () => {
  assert.equal(normalizeIdentity('email', '  Ada@Example.ORG '), 'ada@example.org');
  assert.throws(() => normalizeIdentity('email', 'not-an-email'), (e: unknown) => e instanceof AppError && e.code === 'invalid' && /email/.test(e.message));
});

test('phone numbers become E.164 whatever their spacing; national ones need a country', () => {
  assert.equal(normalizeIdentity('phone', '+44 20 7946 0958'), '+442079460958');
  assert.equal(normalizeIdentity('phone', '020 7946 0958', 'GB'), '+442079460958');
  assert.equal(normalizeIdentity('whatsapp', 'whatsapp:+48 601 234 567'), '+48601234567');
  assert.throws(() => normalizeIdentity('phone', '020 7946 0958'), /not valid/);
  assert.throws(() => normalizeIdentity('phone', '+1 555'), /not valid/);
});

test('provider ids are trimmed; empty or control characters are refused', () => {
  assert.equal(normalizeIdentity('telegram', ' 123456789 '), '123456789');
  assert.throws(() => normalizeIdentity('visitor', '   '), /empty/);
  assert.throws(() => normalizeIdentity('external', 'a\u0000b'), /control/);
});
