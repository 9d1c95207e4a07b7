import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeFields, unmergeFields } from './merge.ts';
import { foldName, nameSimilarity } from './duplicates.ts';
import type { CustomerRow } from '../../storage/customers.repo.ts';

const row = (c: Partial<CustomerRow>): CustomerRow => ({
  id: 'x', tenantId: 't', name: '', language: null, timeZone: null, company: null, tags: [], attributes: {}, consent: {}, mergedInto: null, erasedAt: null,
  createdAt: new Date(0), updatedAt: new Date(0), ...c,
});

test('a merge fills only empty survivor fields, unions tags, adds missing attribute keys', () => {
  const survivor = row({ name: 'Ada', company: '  ', tags: ['a'], attributes: { plan: 'pro' } });
  const source = row({ name: 'Ada L.', company: 'Engines', language: 'en', tags: ['a', 'b'], attributes: { plan: 'free', seats: 2 } });
  const { patch, filled } = mergeFields(survivor, source);
  assert.deepEqual(filled, { company: 'Engines', language: 'en', tags: ['b'], attributes: { seats: 2 } });
  assert.deepEqual(patch, { company: 'Engines', language: 'en', tags: ['a', 'b'], attributes: { plan: 'pro', seats: 2 } });
  assert.deepEqual(mergeFields(survivor, row({})), { patch: {}, filled: {} }, 'an empty source changes nothing');
});

test('an undo empties what the merge filled unless it changed since', () => {
  const filled = { name: 'Ada L.', company: 'Engines', tags: ['b', 'c'], attributes: { seats: 2, tier: 'x' } };
  const now = row({ name: 'Ada L.', company: 'Other', tags: ['a', 'b'], attributes: { plan: 'pro', seats: 2, tier: 'y' } });
  const r = unmergeFields(now, filled);
  assert.deepEqual(r.patch, { name: '', tags: ['a'], attributes: { plan: 'pro', tier: 'y' } });
  assert.deepEqual(r.restored, ['name', 'tags.b', 'attributes.seats']);
  assert.deepEqual(r.kept, ['company', 'tags.c', 'attributes.tier']);
});

test('name similarity: trigram share like pg_trgm, accents and case folded', () => {
  assert.equal(foldName('  Zoë  Kowalská-Nowak '), 'zoe kowalska nowak');
  assert.equal(nameSimilarity('Grace Hopper', 'grace hopper'), 1);
  assert.equal(nameSimilarity('José', 'Jose'), 1);
  assert.ok(nameSimilarity('Margaret Hamilton', 'Margaret Hamiltn') > 0.7);
  assert.ok(nameSimilarity('Margaret Hamilton', 'Margaret Thatcher') < 0.5);
  assert.equal(nameSimilarity('', 'x'), 0);
});
