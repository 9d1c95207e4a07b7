import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { identityValid, peekToken, signIdentity, signToken, verifyToken, type VisitorClaims } from './token.ts';
import { windowLimiter } from './rate-limit.ts';
import { parseChatSettings } from './settings.ts';

const secret = 'a'.repeat(64);
const claims: VisitorClaims = { t: 't1', i: 'i1', v: 'v1', c: null, ver: false, exp: 10_000 };

test('a token verifies with its inbox secret until it expires; tampering, another secret or garbage fail', () => {
  const tok = signToken(claims, secret);
  assert.deepEqual(verifyToken(tok, secret, 9_999), { ok: true, claims });
  assert.deepEqual(verifyToken(tok, secret, 10_000), { ok: false, reason: 'expired' });
  assert.deepEqual(verifyToken(tok, 'b'.repeat(64), 0), { ok: false, reason: 'bad signature' });
  const [, mac] = tok.split('.');
  const forged = `${Buffer.from(JSON.stringify({ ...claims, ver: true, x: 'ceo' })).toString('base64url')}.${mac}`;
  assert.deepEqual(verifyToken(forged, secret, 0), { ok: false, reason: 'bad signature' });
  for (const junk of ['', 'x', 'a.b.c', '!!!.???', `${tok}.x`]) assert.equal(verifyToken(junk, secret, 0).ok, false, junk);
  assert.equal(peekToken(tok)?.i, 'i1');
});

test('an identity signature covers id, email and expiry; forged, altered or expired ones are refused', () => {
  const now = 1_800_000_000_000;
  const base = { id: 'u-1', email: 'a@b.example', expiresAt: now / 1000 + 60 };
  const good = { ...base, signature: signIdentity(base, secret) };
  assert.equal(identityValid(good, secret, now), true);
  assert.equal(identityValid({ ...good, signature: good.signature.toUpperCase() }, secret, now), true);
  assert.equal(identityValid({ ...good, email: 'c@d.example' }, secret, now), false);
  assert.equal(identityValid({ ...good, id: 'u-2' }, secret, now), false);
  assert.equal(identityValid({ ...good, expiresAt: base.expiresAt + 1 }, secret, now), false);
  assert.equal(identityValid(good, secret, now + 61_000), false, 'expired');
  assert.equal(identityValid(good, 'other'.repeat(8), now), false);
  assert.equal(identityValid(good, undefined, now), false);
  assert.equal(identityValid({ ...good, signature: 'zz' }, secret, now), false);
  // The documented payload, so host sites can sign it in any language.
  assert.equal(signIdentity({ id: 'u-1', expiresAt: 5 }, 'k'), createHmac('sha256', 'k').update('u-1||5').digest('hex'));
  assert.equal(signIdentity({ id: 'u-1', email: 'a@b', expiresAt: 5 }, 'k'), createHmac('sha256', 'k').update('u-1|a@b|5').digest('hex'));
});

test('the window limiter allows max per window per key and says how long to wait', () => {
  const l = windowLimiter(2, 1000);
  assert.equal(l.hit('a', 0), 0);
  assert.equal(l.hit('a', 10), 0);
  assert.equal(l.hit('a', 400), 600);
  assert.equal(l.hit('b', 400), 0, 'another key is unaffected');
  assert.equal(l.hit('a', 1000), 0, 'a new window');
  l.hit('c', 5000);
  assert.ok(l.size() <= 2, 'old windows are swept');
});

test('chat settings: defaults, and a malformed field falls back instead of failing', () => {
  const s = parseChatSettings({ enabled: true, theme: { color: 'red', position: 'up' }, languages: [], csat: 'yes', attachments: { maxBytes: -1 } });
  assert.equal(s.enabled, true);
  assert.deepEqual(s.theme, { color: '#1f6feb', position: 'right', logoUrl: null });
  assert.deepEqual(s.languages, ['en']);
  assert.equal(s.csat, true);
  assert.equal(s.attachments.maxBytes, 10 * 1024 * 1024);
  assert.equal(parseChatSettings(null).enabled, false);
});
