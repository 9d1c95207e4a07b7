import { test } from 'node:test';
import assert from 'node:assert/strict';
import { localToInstant } from '../sla/business-time.ts';
import { isLocalMidnight, localDayKey, resolveRange, seriesLabels } from './range.ts';

const iso = (ms: number) => new Date(ms).toISOString();

test('local wall-clock to instant around DST changes (spring gap moves forward, autumn overlap takes the first)', () => {
  assert.equal(iso(localToInstant(2027, 3, 28, 105, 'Europe/Warsaw')), '2027-03-28T00:45:00.000Z', '01:45 CET, just before the jump');
  assert.equal(iso(localToInstant(2027, 3, 28, 150, 'Europe/Warsaw')), '2027-03-28T01:30:00.000Z', '02:30 does not exist: 03:30 CEST');
  assert.equal(iso(localToInstant(2027, 10, 31, 150, 'Europe/Warsaw')), '2027-10-31T00:30:00.000Z', '02:30 happens twice: the first');
  assert.equal(iso(localToInstant(2027, 11, 7, 90, 'America/New_York')), '2027-11-07T05:30:00.000Z');
  assert.equal(iso(localToInstant(2027, 6, 10, 600, 'Asia/Kathmandu')), '2027-06-10T04:15:00.000Z', 'a +05:45 zone');
});

test('series labels: a spring-forward day has 92 quarter hours, an autumn day 100, days follow local midnights', () => {
  assert.equal(seriesLabels(Date.parse('2027-03-27T23:00:00Z'), Date.parse('2027-03-28T22:00:00Z'), '15m', 'Europe/Warsaw').length, 92);
  assert.equal(seriesLabels(Date.parse('2027-10-30T22:00:00Z'), Date.parse('2027-10-31T23:00:00Z'), '15m', 'Europe/Warsaw').length, 100);
  assert.equal(seriesLabels(Date.parse('2027-10-30T22:00:00Z'), Date.parse('2027-10-31T23:00:00Z'), 'hour', 'Europe/Warsaw').length, 25);
  const days = seriesLabels(Date.parse('2027-03-26T23:00:00Z'), Date.parse('2027-03-29T22:00:00Z'), 'day', 'Europe/Warsaw');
  assert.deepEqual(days, ['2027-03-27T00:00', '2027-03-28T00:00', '2027-03-29T00:00']);
  assert.equal(localDayKey(Date.parse('2027-03-28T22:30:00Z'), 'Europe/Warsaw'), '2027-03-29');
  assert.equal(isLocalMidnight(Date.parse('2027-03-27T23:00:00Z'), 'Europe/Warsaw'), true);
  assert.equal(isLocalMidnight(Date.parse('2027-03-28T23:00:00Z'), 'Europe/Warsaw'), false, 'after the change midnight is 22:00Z');
});

test('ranges: end after start, at most three years, auto picks a readable resolution, too many intervals is a 400 naming one that fits', () => {
  assert.throws(() => resolveRange('2027-01-02T00:00:00Z', '2027-01-01T00:00:00Z', 'auto'), /must be after the start/);
  assert.throws(() => resolveRange('2027-01-01T00:00:00Z', '2027-01-01T00:00:00Z', 'auto'), /must be after the start/);
  assert.throws(() => resolveRange('2017-01-01T00:00:00Z', '2027-01-01T00:00:00Z', 'month'), /at most 1098 days/);
  assert.throws(() => resolveRange('nope', '2027-01-01T00:00:00Z', 'auto'), /ISO dates/);
  assert.throws(() => resolveRange('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z', '15m'), /use resolution=day/);
  assert.equal(resolveRange('2027-01-01T00:00:00Z', '2027-01-02T00:00:00Z', 'auto').resolution, '15m');
  assert.equal(resolveRange('2027-01-01T00:00:00Z', '2027-01-08T00:00:00Z', 'auto').resolution, 'hour');
  assert.equal(resolveRange('2027-01-01T00:00:00Z', '2027-01-31T00:00:00Z', 'auto').resolution, 'day');
  assert.equal(resolveRange('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z', 'auto').resolution, 'week');
  assert.equal(resolveRange('2025-01-01T00:00:00Z', '2027-06-01T00:00:00Z', 'auto').resolution, 'month');
});

test('business time for reports (cached per day) equals the SLA engine\'s, on random pairs across a DST change and a holiday', async () => {
  const { businessClock, businessMinutesBetween } = await import('../sla/business-time.ts');
  const cal = { timeZone: 'Europe/London', hours: { mon: [{ start: '09:00', end: '17:30' }], tue: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '17:30' }], fri: [{ start: '09:00', end: '17:30' }] }, holidays: ['2027-03-30'] };
  const clock = businessClock(cal);
  let x = 42;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < 2000; i++) {
    const a = Date.parse('2027-03-20T00:00:00Z') + Math.floor(rnd() * 20 * 86_400_000);
    const b = a + Math.floor(rnd() * 6 * 86_400_000);
    assert.equal(clock(a, b), Math.round(businessMinutesBetween(new Date(a), new Date(b), cal) * 60_000));
  }
  assert.equal(clock(Date.parse('2027-03-29T08:00:00Z'), Date.parse('2027-03-29T10:00:00Z')), 2 * 3_600_000, 'Monday 09:00–11:00 BST');
});
