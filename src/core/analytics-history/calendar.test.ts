import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectedArrivals, hourShares, localDayStart, localParts, localToInstant, nextLocalDay, season } from './calendar.ts';
import { createRng } from './random.ts';

const H = 3_600_000;

test('local days in the tenant zone: 23 and 25 hours across the DST changes, midnight in other zones', () => {
  const spring = localDayStart(Date.UTC(2026, 2, 29, 12), 'Europe/London');
  assert.equal(new Date(spring).toISOString(), '2026-03-29T00:00:00.000Z');
  assert.equal(nextLocalDay(spring, 'Europe/London') - spring, 23 * H);
  const autumn = localDayStart(Date.UTC(2026, 9, 25, 12), 'Europe/London');
  assert.equal(new Date(autumn).toISOString(), '2026-10-24T23:00:00.000Z');
  assert.equal(nextLocalDay(autumn, 'Europe/London') - autumn, 25 * H);
  assert.equal(new Date(localToInstant(2026, 1, 15, 9, 30, 'Asia/Kolkata')).toISOString(), '2026-01-15T04:00:00.000Z');
  assert.equal(new Date(localDayStart(Date.UTC(2026, 0, 15, 3), 'America/New_York')).toISOString(), '2026-01-14T05:00:00.000Z');
  const p = localParts(Date.UTC(2026, 2, 2, 9), 'Europe/Warsaw');
  assert.deepEqual(p, { year: 2026, month: 3, day: 2, hour: 10, minute: 0, dow: 0 });
});

test('the arrival pattern: shares sum to 1, weekday mornings busy, nights quiet, December busier than August', () => {
  for (const dow of [0, 5]) assert.ok(Math.abs(hourShares(dow).reduce((a, b) => a + b, 0) - 1) < 1e-9);
  const weekday = hourShares(0);
  assert.ok(weekday[10]! > 10 * weekday[3]!);
  const monday = expectedArrivals(100, { month: 3, day: 2, dow: 0 });
  const sunday = expectedArrivals(100, { month: 3, day: 8, dow: 6 });
  assert.ok(monday > 3 * sunday, `${monday} vs ${sunday}`);
  assert.ok(season(12, 10) > season(8, 15));
  // Over a typical week the mean is the requested volume (within the season's swing).
  const week = [0, 1, 2, 3, 4, 5, 6].map((dow) => expectedArrivals(100, { month: 4, day: 10, dow }));
  assert.ok(Math.abs(week.reduce((a, b) => a + b, 0) / 7 - 100) < 10);
});

test('the seeded generator: same seed same numbers; UUIDv7 ids carry the time', () => {
  const a = createRng(5);
  const b = createRng(5);
  const xs = Array.from({ length: 50 }, () => a.next());
  assert.deepEqual(xs, Array.from({ length: 50 }, () => b.next()));
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  assert.notDeepEqual(xs, Array.from({ length: 50 }, () => createRng(6).next()));
  const id = createRng(1).uuid7(Date.UTC(2026, 0, 1));
  assert.match(id, /^019b76da-a800-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const r = createRng(9);
  const logs = Array.from({ length: 4000 }, () => r.lognormal(300, 0.5)).sort((x, y) => x - y);
  assert.ok(Math.abs(logs[2000]! - 300) < 30, `median ${logs[2000]}`);
  const pois = Array.from({ length: 4000 }, () => r.poisson(4));
  assert.ok(Math.abs(pois.reduce((s, x) => s + x, 0) / 4000 - 4) < 0.2);
});
