import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pageCache } from './cache.ts';
import { checkFormToken, issueFormToken } from './form-token.ts';

const page = (body: string) => ({ status: 200, body, etag: `"${body}"`, contentType: 'text/html' });

test('page cache: LRU eviction and per-tenant invalidation', () => {
  const c = pageCache(2);
  c.set('t1', '/a', page('a'));
  c.set('t1', '/b', page('b'));
  assert.equal(c.get('t1', '/a')?.body, 'a'); // /a is now the most recent
  c.set('t2', '/c', page('c')); // evicts /b
  assert.equal(c.get('t1', '/b'), undefined);
  assert.equal(c.size(), 2);
  c.dropTenant('t1');
  assert.equal(c.get('t1', '/a'), undefined);
  assert.equal(c.get('t2', '/c')?.body, 'c');
  assert.equal(c.size(), 1);
});

test('form token: valid, tampered, other tenant, expired, too fast', () => {
  const now = 1_800_000_000_000;
  const tok = issueFormToken('s3cret', 'tenant-a', now);
  assert.equal(checkFormToken('s3cret', 'tenant-a', tok, now + 5000), 'ok');
  assert.equal(checkFormToken('s3cret', 'tenant-b', tok, now + 5000), 'invalid');
  assert.equal(checkFormToken('other', 'tenant-a', tok, now + 5000), 'invalid');
  assert.equal(checkFormToken('s3cret', 'tenant-a', tok.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), now + 5000), 'invalid');
  assert.equal(checkFormToken('s3cret', 'tenant-a', 'garbage', now), 'invalid');
  assert.equal(checkFormToken('s3cret', 'tenant-a', tok, now + 3 * 3600_000), 'expired');
  assert.equal(checkFormToken('s3cret', 'tenant-a', tok, now + 100), 'too_fast');
});
