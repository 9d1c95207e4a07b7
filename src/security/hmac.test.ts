import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signPayload, verifySignature } from './hmac.ts';

const at = new Date('2026-11-23T10:00:00Z');
const body = '{"order":"A-1","total":12.5}';

test('a signed body verifies, and any change to body, secret or time does not', () => {
  const header = signPayload('s3cret', body, at);
  assert.match(header, /^t=\d+,v1=[0-9a-f]{64}$/);
  assert.deepEqual(verifySignature('s3cret', body, header, at), { ok: true });
  assert.deepEqual(verifySignature('s3cret', Buffer.from(body), header, new Date(at.getTime() + 299_000)), { ok: true });
  assert.equal(verifySignature('s3cret', body.replace('12.5', '125'), header, at).ok, false);
  assert.equal(verifySignature('other', body, header, at).ok, false);
  const late = verifySignature('s3cret', body, header, new Date(at.getTime() + 301_000));
  assert.equal(late.ok, false);
  assert.match((late as { reason: string }).reason, /timestamp/);
});

test('missing or malformed headers say so; a rotated secret is accepted among several v1 values', () => {
  assert.match((verifySignature('s', body, undefined, at) as { reason: string }).reason, /missing/);
  assert.match((verifySignature('s', body, 'sha256=abc', at) as { reason: string }).reason, /malformed/);
  assert.equal(verifySignature('s', body, 't=1,v1=zz', new Date(1000)).ok, false);
  const old = signPayload('old', body, at);
  const fresh = signPayload('new', body, at).split('v1=')[1];
  assert.deepEqual(verifySignature('new', body, `${old},v1=${fresh}`, at), { ok: true });
});
