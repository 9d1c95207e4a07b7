import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../errors.ts';
import { MAX_RANGE_DAYS, resolveRange } from './service.ts';

const D = 86_400_000;
const now = new Date('2026-11-30T12:00:00Z');

test('a range defaults to the 30 days before now, or before `to`', () => {
  assert.deepEqual(resolveRange({}, now), { from: new Date(now.getTime() - 30 * D), to: now });
  assert.deepEqual(resolveRange({ to: '2026-06-01T00:00:00Z' }, now), { from: new Date('2026-05-02T00:00:00Z'), to: new Date('2026-06-01T00:00:00Z') });
});

test('a range that ends before it starts, or spans more than a year, is refused with the reason', () => {
  const refused = (q: { from?: string; to?: string }, re: RegExp) =>
    assert.throws(() => resolveRange(q, now), (e: unknown) => e instanceof AppError && e.code === 'invalid' && re.test(e.message));
  refused({ from: '2026-05-02T00:00:00Z', to: '2026-05-01T00:00:00Z' }, /ends before it starts/);
  refused({ from: '2026-05-01T00:00:00Z', to: '2026-05-01T00:00:00Z' }, /ends before it starts/);
  refused({ from: new Date(now.getTime() - (MAX_RANGE_DAYS + 1) * D).toISOString() }, /longer than one year/);
  // Exactly a (leap) year is allowed.
  assert.doesNotThrow(() => resolveRange({ from: new Date(now.getTime() - MAX_RANGE_DAYS * D).toISOString() }, now));
});
