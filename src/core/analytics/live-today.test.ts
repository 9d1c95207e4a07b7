import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeLiveToday, dayBounds, type LiveTaskEvent } from './live-today.ts';

const Q1 = 'q1';
const Q2 = 'q2';
const S = 1000;
const ev = (type: string, taskId: string, queueId: string | null, at: number, payload: Record<string, unknown> = {}): LiveTaskEvent => ({ type, taskId, queueId, at, payload });

test('dayBounds: local midnight in the tenant zone, 23 h on a spring-forward day', () => {
  // 2026-06-10 12:00 UTC is 13:00 in London (BST, UTC+1): the day starts 2026-06-09 23:00 UTC.
  const b = dayBounds(Date.UTC(2026, 5, 10, 12), 'Europe/London');
  assert.equal(new Date(b.from).toISOString(), '2026-06-09T23:00:00.000Z');
  assert.equal(new Date(b.to).toISOString(), '2026-06-10T23:00:00.000Z');
  // 2026-03-29 is the spring-forward day in Europe: 23 h long.
  const dst = dayBounds(Date.UTC(2026, 2, 29, 12), 'Europe/Warsaw');
  assert.equal(new Date(dst.from).toISOString(), '2026-03-28T23:00:00.000Z');
  assert.equal(dst.to - dst.from, 23 * 3600 * S);
  // New York, 03:00 UTC is still the previous local day (22:00 or 23:00 local).
  const ny = dayBounds(Date.UTC(2026, 0, 15, 3), 'America/New_York');
  assert.equal(new Date(ny.from).toISOString(), '2026-01-14T05:00:00.000Z');
});

test('a scripted day: offered, answered, abandoned, short abandons, service level and ASA by hand', () => {
  const t0 = Date.UTC(2026, 5, 10, 9); // 09:00 UTC, tz UTC
  const events: LiveTaskEvent[] = [
    // A: answered after 10 s (in SL)
    ev('task.queued', 'A', Q1, t0), ev('task.offered', 'A', Q1, t0 + 2 * S), ev('task.accepted', 'A', Q1, t0 + 10 * S, { waitMs: 10_000 }),
    // B: answered after exactly 20 s (in SL, inclusive), then completed; later events do not count twice
    ev('task.queued', 'B', Q1, t0 + 60 * S), ev('task.assigned', 'B', Q1, t0 + 80 * S), ev('task.completed', 'B', Q1, t0 + 300 * S),
    // C: answered after 50 s (outside SL)
    ev('task.queued', 'C', Q1, t0 + 100 * S), ev('task.offered', 'C', Q1, t0 + 101 * S), ev('task.offer_expired', 'C', Q1, t0 + 131 * S), ev('task.accepted', 'C', Q1, t0 + 150 * S),
    // D: left after 3 s: short abandon
    ev('task.queued', 'D', Q1, t0 + 200 * S), ev('task.abandoned', 'D', Q1, t0 + 203 * S),
    // E: left after exactly 5 s: short abandon (inclusive)
    ev('task.queued', 'E', Q1, t0 + 210 * S), ev('task.abandoned', 'E', Q1, t0 + 215 * S),
    // F: left after 40 s: abandoned
    ev('task.queued', 'F', Q1, t0 + 220 * S), ev('task.abandoned', 'F', Q1, t0 + 260 * S),
    // G: still waiting since t0+500 s
    ev('task.queued', 'G', Q1, t0 + 500 * S), ev('task.offered', 'G', Q1, t0 + 501 * S), ev('task.offer_rejected', 'G', Q1, t0 + 510 * S),
    // H: in Q2, waiting since t0+550 s; a requeue (reason) is not a new arrival
    ev('task.queued', 'H', Q2, t0 + 550 * S), ev('task.queued', 'H', Q2, t0 + 560 * S, { reason: 'requeued' }),
  ];
  const now = t0 + 600 * S;
  const rows = computeLiveToday(events, { timeZone: 'UTC', now }, [Q1, Q2, 'q3']);
  const q1 = rows.find((r) => r.queueId === Q1)!;
  assert.deepEqual(
    { offered: q1.offered, answered: q1.answered, abandoned: q1.abandoned, short: q1.shortAbandoned, inSl: q1.answeredInServiceLevel, waiting: q1.waiting, longest: q1.longestWaitMs },
    { offered: 7, answered: 3, abandoned: 1, short: 2, inSl: 2, waiting: 1, longest: 100 * S },
  );
  // SL = 2 / (7 - 2) = 0.4; ASA = (10 + 20 + 50) / 3 s; abandon rate = 1 / 5
  assert.equal(q1.serviceLevel, 0.4);
  assert.equal(q1.asaMs, 80_000 / 3);
  assert.equal(q1.abandonRate, 0.2);
  const q2 = rows.find((r) => r.queueId === Q2)!;
  assert.equal(q2.offered, 1);
  assert.equal(q2.waiting, 1);
  assert.equal(q2.longestWaitMs, 50 * S);
  assert.equal(q2.serviceLevel, 0);
  assert.equal(q2.asaMs, null);
  const q3 = rows.find((r) => r.queueId === 'q3')!;
  assert.deepEqual([q3.offered, q3.serviceLevel, q3.asaMs, q3.abandonRate], [0, null, null, null]);
});

test('day boundary in the tenant zone: yesterday\'s arrivals do not count, even when answered today', () => {
  // Europe/Warsaw in June is UTC+2: local midnight of 2026-06-10 is 2026-06-09 22:00 UTC.
  const midnight = Date.UTC(2026, 5, 9, 22);
  const events: LiveTaskEvent[] = [
    // arrived 23:59:50 local yesterday, answered 00:00:05 today: not today's
    ev('task.queued', 'Y', Q1, midnight - 10 * S), ev('task.accepted', 'Y', Q1, midnight + 5 * S),
    // arrived exactly at local midnight: today's
    ev('task.queued', 'T', Q1, midnight), ev('task.accepted', 'T', Q1, midnight + 30 * S),
    // arrived 23:30 UTC on 06-09 = 01:30 local on 06-10: today's, although the UTC date is yesterday
    ev('task.queued', 'U', Q1, Date.UTC(2026, 5, 9, 23, 30)), ev('task.abandoned', 'U', Q1, Date.UTC(2026, 5, 9, 23, 31)),
  ];
  const now = Date.UTC(2026, 5, 10, 8);
  const [q] = computeLiveToday(events, { timeZone: 'Europe/Warsaw', now });
  assert.equal(q!.offered, 2);
  assert.equal(q!.answered, 1);
  assert.equal(q!.asaMs, 30_000);
  assert.equal(q!.answeredInServiceLevel, 0);
  assert.equal(q!.abandoned, 1);
  // In UTC all three arrived on 06-09 (21:59:50, 22:00 and 23:30 UTC): none is today's at 08:00 UTC on 06-10.
  const utc = computeLiveToday(events, { timeZone: 'UTC', now });
  assert.equal(utc.length, 0);
});

test('a transfer to another queue before the answer counts the task in the queue that answered it', () => {
  const t0 = Date.UTC(2026, 5, 10, 9);
  const events = [
    ev('task.queued', 'A', Q1, t0),
    ev('task.transferred', 'A', Q2, t0 + 5 * S, { toQueueId: Q2 }),
    ev('task.accepted', 'A', Q2, t0 + 15 * S),
    // answered in Q1 then transferred to Q2: stays in Q1
    ev('task.queued', 'B', Q1, t0), ev('task.accepted', 'B', Q1, t0 + 25 * S), ev('task.transferred', 'B', Q2, t0 + 60 * S, { toQueueId: Q2 }),
  ];
  const rows = computeLiveToday(events, { timeZone: 'UTC', now: t0 + 100 * S });
  const q1 = rows.find((r) => r.queueId === Q1)!;
  const q2 = rows.find((r) => r.queueId === Q2)!;
  assert.deepEqual([q1.offered, q1.answered, q1.answeredInServiceLevel], [1, 1, 0]);
  assert.deepEqual([q2.offered, q2.answered, q2.answeredInServiceLevel, q2.asaMs], [1, 1, 1, 15_000]);
});

test('custom thresholds and events after now are ignored', () => {
  const t0 = Date.UTC(2026, 5, 10, 9);
  const events = [
    ev('task.queued', 'A', Q1, t0), ev('task.accepted', 'A', Q1, t0 + 30 * S),
    ev('task.queued', 'B', Q1, t0), ev('task.abandoned', 'B', Q1, t0 + 8 * S),
    ev('task.queued', 'C', Q1, t0 + 500 * S),
  ];
  const [q] = computeLiveToday(events, { timeZone: 'UTC', now: t0 + 100 * S, serviceLevelMs: 30_000, shortAbandonMs: 10_000 });
  assert.deepEqual([q!.offered, q!.answered, q!.answeredInServiceLevel, q!.shortAbandoned, q!.abandoned, q!.serviceLevel], [2, 1, 1, 1, 0, 1]);
});
