import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StoredEvent } from '../storage/events.repo.ts';
import { recentEvents } from './recent-events.ts';

const ev = (tenantId: string, seq: number, type = 'message.created'): StoredEvent => ({
  id: `${tenantId}-${seq}`, tenantId, seq, type, aggregateType: 'message', aggregateId: `m${seq}`, actorId: null, topics: ['tenant'], payload: { n: seq }, createdAt: new Date(1_000 * seq),
});
const seqs = (list: StoredEvent[] | null) => list?.map((e) => e.seq) ?? null;

test('answers the run right after the cursor, up to the limit, and nothing it does not hold', () => {
  const r = recentEvents();
  for (let s = 5; s <= 9; s++) r.add(ev('a', s));
  assert.deepEqual(seqs(r.after('a', 4, 100)), [5, 6, 7, 8, 9]);
  assert.deepEqual(seqs(r.after('a', 6, 2)), [7, 8]);
  assert.equal(r.after('a', 3, 100), null, 'seq 4 is not kept: the caller reads the database');
  assert.equal(r.after('a', 9, 100), null, 'caught up: nothing kept after 9');
  assert.equal(r.after('b', 0, 100), null, 'another tenant');
  assert.deepEqual(r.stats(), { tenants: 1, events: 5, hits: 2, misses: 3 });
});

test('a repeated delivery is kept once; a gap starts a new run, so no answer ever skips a seq', () => {
  const r = recentEvents();
  r.add(ev('a', 1));
  r.add(ev('a', 2));
  r.add(ev('a', 2));
  r.add(ev('a', 1));
  assert.deepEqual(seqs(r.after('a', 0, 10)), [1, 2]);
  r.add(ev('a', 4)); // 3 never arrived here
  assert.equal(r.after('a', 0, 10), null, 'the run before the gap is gone');
  assert.equal(r.after('a', 2, 10), null, 'seq 3 is missing: the database answers');
  assert.deepEqual(seqs(r.after('a', 3, 10)), [4]);
});

test('an erasure drops what is kept for its tenant only', () => {
  const r = recentEvents();
  for (let s = 1; s <= 3; s++) {
    r.add(ev('a', s));
    r.add(ev('b', s));
  }
  r.add(ev('a', 4, 'customer.erased'));
  assert.equal(r.after('a', 0, 10), null);
  assert.deepEqual(seqs(r.after('b', 0, 10)), [1, 2, 3]);
});

test('memory is bounded per tenant and in all, the tenant added to least recently going first', () => {
  const r = recentEvents({ maxEvents: 10, maxPerTenant: 4 });
  for (let s = 1; s <= 6; s++) r.add(ev('a', s));
  assert.deepEqual(seqs(r.after('a', 2, 10)), [3, 4, 5, 6], 'the oldest two were cut');
  assert.equal(r.after('a', 1, 10), null);
  for (let s = 1; s <= 4; s++) r.add(ev('b', s));
  for (let s = 1; s <= 3; s++) r.add(ev('c', s));
  assert.equal(r.after('a', 2, 10), null, 'a was the stalest tenant: dropped to stay within 10');
  assert.deepEqual(seqs(r.after('b', 0, 10)), [1, 2, 3, 4]);
  assert.deepEqual(seqs(r.after('c', 0, 10)), [1, 2, 3]);
  assert.ok(r.stats().events <= 10);
});
