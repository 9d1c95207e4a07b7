import { test } from 'node:test';
import assert from 'node:assert/strict';
import { localToInstant, nextRunAt, presetRange, previousRange, schedulePeriod } from './report-periods.ts';

const iso = (ms: number) => new Date(ms).toISOString();

test('localToInstant: normal, spring-forward gap moves forward, fall-back takes the earlier', () => {
  assert.equal(iso(localToInstant(2026, 6, 10, 7, 'Europe/London')), '2026-06-10T06:00:00.000Z');
  assert.equal(iso(localToInstant(2026, 1, 10, 7, 'America/New_York')), '2026-01-10T12:00:00.000Z');
  // 2026-03-29 01:00 does not exist in London; it becomes 02:00 BST = 01:00 UTC.
  assert.equal(iso(localToInstant(2026, 3, 29, 1, 'Europe/London')), '2026-03-29T01:00:00.000Z');
  // 2026-10-25 01:00 happens twice in London: the first (BST) is 00:00 UTC.
  assert.equal(iso(localToInstant(2026, 10, 25, 1, 'Europe/London')), '2026-10-25T00:00:00.000Z');
  // Overflowing days roll into the next month.
  assert.equal(iso(localToInstant(2026, 1, 32, 0, 'UTC')), '2026-02-01T00:00:00.000Z');
});

test('presets in the tenant zone', () => {
  const now = Date.UTC(2026, 5, 10, 23, 30); // 00:30 on 11 June in London
  const today = presetRange('today', now, 'Europe/London');
  assert.equal(iso(today.from), '2026-06-10T23:00:00.000Z');
  assert.equal(iso(today.to), '2026-06-11T23:00:00.000Z');
  const y = presetRange('yesterday', now, 'Europe/London');
  assert.equal(iso(y.from), '2026-06-09T23:00:00.000Z');
  assert.equal(y.to, today.from);
  const w = presetRange('last7', now, 'Europe/London');
  assert.equal(iso(w.from), '2026-06-04T23:00:00.000Z');
  assert.equal(w.to, today.to);
  const m = presetRange('thisMonth', now, 'Europe/London');
  assert.equal(iso(m.from), '2026-05-31T23:00:00.000Z');
  assert.equal(iso(m.to), '2026-06-30T23:00:00.000Z');
  // Across the spring change: last 7 days in Warsaw is 7 × 24 h − 1 h.
  const dst = presetRange('last7', Date.UTC(2026, 3, 1, 12), 'Europe/Warsaw');
  assert.equal(dst.to - dst.from, 7 * 86_400_000 - 3_600_000);
  assert.deepEqual(previousRange({ from: 100, to: 160 }), { from: 40, to: 100 });
});

test('schedule periods: yesterday, last Monday..Sunday, last calendar month', () => {
  const at = Date.UTC(2026, 5, 10, 6); // Wednesday 10 June 2026, 07:00 in London
  const d = schedulePeriod('daily', at, 'Europe/London');
  assert.equal(iso(d.from), '2026-06-08T23:00:00.000Z');
  assert.equal(iso(d.to), '2026-06-09T23:00:00.000Z');
  const w = schedulePeriod('weekly', at, 'Europe/London');
  assert.equal(iso(w.from), '2026-05-31T23:00:00.000Z'); // Monday 1 June
  assert.equal(iso(w.to), '2026-06-07T23:00:00.000Z'); // Monday 8 June
  const m = schedulePeriod('monthly', at, 'Europe/London');
  assert.equal(iso(m.from), '2026-04-30T23:00:00.000Z');
  assert.equal(iso(m.to), '2026-05-31T23:00:00.000Z');
  const jan = schedulePeriod('monthly', Date.UTC(2026, 0, 1, 8), 'UTC');
  assert.equal(iso(jan.from), '2025-12-01T00:00:00.000Z');
});

test('nextRunAt: local hour, DST-safe, strictly after', () => {
  // Daily at 07:00 London: before and after the change of clocks, always 07:00 local.
  assert.equal(iso(nextRunAt('daily', 7, Date.UTC(2026, 2, 28, 8), 'Europe/London')), '2026-03-29T06:00:00.000Z');
  assert.equal(iso(nextRunAt('daily', 7, Date.UTC(2026, 2, 27, 6, 59), 'Europe/London')), '2026-03-27T07:00:00.000Z');
  // Exactly at the time: the next day.
  assert.equal(iso(nextRunAt('daily', 7, Date.UTC(2026, 2, 27, 7), 'Europe/London')), '2026-03-28T07:00:00.000Z');
  // Weekly: next Monday at 09:00 New York (EDT from 8 March 2026).
  assert.equal(iso(nextRunAt('weekly', 9, Date.UTC(2026, 2, 4, 12), 'America/New_York')), '2026-03-09T13:00:00.000Z');
  // Monthly: the 1st at 06:00 Tokyo.
  assert.equal(iso(nextRunAt('monthly', 6, Date.UTC(2026, 0, 15), 'Asia/Tokyo')), '2026-01-31T21:00:00.000Z');
  // An hour in the gap (01:00 on spring-forward day in London) still sends once, at 02:00 BST.
  assert.equal(iso(nextRunAt('daily', 1, Date.UTC(2026, 2, 28, 12), 'Europe/London')), '2026-03-29T01:00:00.000Z');
});
