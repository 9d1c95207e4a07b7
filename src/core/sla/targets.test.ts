import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Calendar } from './business-time.ts';
import { describeTarget, fulfilTarget, nearMinutesOf, pauseTarget, resumeTarget, retarget, startTarget, usedAt } from './targets.ts';

const cal: Calendar = { timeZone: 'Europe/London', hours: { mon: [{ start: '09:00', end: '17:00' }], tue: [{ start: '09:00', end: '17:00' }], wed: [{ start: '09:00', end: '17:00' }] }, holidays: [] };
const at = (s: string) => new Date(s);
const spec = { metric: 'resolution' as const, policyId: null, calendarId: null, targetMinutes: 240, nearMinutes: 192 };

describe('SLA target rules', () => {
  test('near breach: a percent of the target, or minutes before it', () => {
    assert.equal(nearMinutesOf({ nearBreachPercent: 80, nearBreachMinutes: null }, 60), 48);
    assert.equal(nearMinutesOf({ nearBreachPercent: 80, nearBreachMinutes: 15 }, 60), 45);
    assert.equal(nearMinutesOf({ nearBreachPercent: 80, nearBreachMinutes: 90 }, 60), 0);
  });

  test('start, pause over closing time, resume: due moves by the paused business time only', () => {
    const r = startTarget('t', 'k', spec, at('2026-01-12T15:00:00Z'), cal); // Mon 15:00
    assert.equal(r.dueAt.toISOString(), '2026-01-13T11:00:00.000Z');
    assert.equal(r.nearBreachAt!.toISOString(), '2026-01-13T10:12:00.000Z');
    const p = pauseTarget(r, at('2026-01-12T16:00:00Z'), cal);
    assert.equal(p.businessMinutesUsed, 60);
    assert.equal(pauseTarget(p, at('2026-01-12T16:30:00Z'), cal), p, 'pausing twice changes nothing');
    const back = resumeTarget(p, at('2026-01-13T10:00:00Z'), cal); // paused 60 + 60 business minutes
    assert.equal(back.pausedAt, null);
    assert.equal(back.dueAt.toISOString(), '2026-01-13T13:00:00.000Z');
    assert.equal(Math.round(usedAt(back, at('2026-01-13T12:00:00Z'), cal)), 180);
  });

  test('a target that ran out before a pause keeps its past due time on resume', () => {
    const r = startTarget('t', 'k', { ...spec, targetMinutes: 30, nearMinutes: 24 }, at('2026-01-12T09:00:00Z'), cal);
    const p = pauseTarget(r, at('2026-01-12T10:00:00Z'), cal);
    const d = describeTarget(p, at('2026-01-12T11:00:00Z'), cal);
    assert.equal(d.state, 'breached');
    const back = resumeTarget(p, at('2026-01-12T12:00:00Z'), cal);
    assert.equal(back.dueAt.toISOString(), '2026-01-12T09:30:00.000Z');
  });

  test('fulfilment after the due time before the tick records the breach', () => {
    const r = startTarget('t', 'k', { ...spec, targetMinutes: 60, nearMinutes: 48 }, at('2026-01-12T09:00:00Z'), cal);
    const onTime = fulfilTarget(r, at('2026-01-12T09:59:00Z'), cal);
    assert.equal(onTime.lateBreach, false);
    assert.equal(describeTarget(onTime.row, at('2026-01-12T11:00:00Z'), cal).state, 'fulfilled');
    const late = fulfilTarget(r, at('2026-01-12T10:05:00Z'), cal);
    assert.equal(late.lateBreach, true);
    assert.equal(late.row.breachedAt!.toISOString(), '2026-01-12T10:00:00.000Z');
    const d = describeTarget(late.row, at('2026-01-12T11:00:00Z'), cal);
    assert.deepEqual([d.state, d.breached, d.remainingBusinessMinutes], ['fulfilled', true, null]);
  });

  test('retargeting counts the time already used; a shorter target already used up is due now', () => {
    const r = startTarget('t', 'k', spec, at('2026-01-12T09:00:00Z'), cal);
    const longer = retarget(r, { ...spec, targetMinutes: 480, nearMinutes: 384 }, at('2026-01-12T10:00:00Z'), { before: cal, after: cal });
    assert.equal(longer.dueAt.toISOString(), '2026-01-12T17:00:00.000Z');
    const shorter = retarget(r, { ...spec, targetMinutes: 30, nearMinutes: 24 }, at('2026-01-12T10:00:00Z'), { before: cal, after: cal });
    assert.equal(shorter.dueAt.toISOString(), '2026-01-12T10:00:00.000Z');
  });

  test('what a client sees while running: remaining business minutes and wall-clock ms', () => {
    const r = startTarget('t', 'k', spec, at('2026-01-12T16:00:00Z'), cal); // 60 today, 180 tomorrow
    const d = describeTarget(r, at('2026-01-12T16:30:00Z'), cal);
    assert.equal(d.state, 'running');
    assert.equal(d.remainingBusinessMinutes, 210);
    assert.equal(d.remainingMs, at('2026-01-13T12:00:00Z').getTime() - at('2026-01-12T16:30:00Z').getTime());
    assert.equal(d.nearBreach, false);
    assert.equal(describeTarget(r, at('2026-01-13T11:11:00Z'), cal).nearBreach, false);
    assert.equal(describeTarget(r, at('2026-01-13T11:12:00Z'), cal).nearBreach, true, '80% of 240 = 192 business minutes');
  });
});
