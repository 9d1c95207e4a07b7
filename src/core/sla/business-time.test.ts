import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ALWAYS_OPEN, addBusinessMinutes, businessMinutesBetween, calendarProblems, isOpen, isTimeZone, localToInstant, signedBusinessMinutes, type Calendar } from './business-time.ts';

const weekdays9to5 = (timeZone: string, holidays: string[] = []): Calendar => ({
  timeZone,
  hours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ start: '09:00', end: '17:00' }]])),
  holidays,
});
const iso = (d: Date) => d.toISOString();
const at = (s: string) => new Date(s);

describe('business time', () => {
  const london = weekdays9to5('Europe/London');
  const newYork = weekdays9to5('America/New_York');

  test('inside one day: minutes add within the open interval', () => {
    // Tue 2026-01-13 10:00 GMT
    assert.equal(iso(addBusinessMinutes(at('2026-01-13T10:00:00Z'), 90, london)), '2026-01-13T11:30:00.000Z');
    assert.equal(iso(addBusinessMinutes(at('2026-01-13T10:00:00Z'), 0, london)), '2026-01-13T10:00:00.000Z');
    // Exactly the rest of the day ends at closing time, not the next morning.
    assert.equal(iso(addBusinessMinutes(at('2026-01-13T16:00:00Z'), 60, london)), '2026-01-13T17:00:00.000Z');
  });

  test('weekend: Friday afternoon plus two hours is Monday 10:00', () => {
    assert.equal(iso(addBusinessMinutes(at('2026-01-16T16:00:00Z'), 120, london)), '2026-01-19T10:00:00.000Z');
    assert.equal(businessMinutesBetween(at('2026-01-16T16:00:00Z'), at('2026-01-19T10:00:00Z'), london), 120);
    assert.equal(businessMinutesBetween(at('2026-01-17T10:00:00Z'), at('2026-01-18T20:00:00Z'), london), 0, 'a weekend has no business time');
  });

  test('holidays are closed all day', () => {
    const xmas = weekdays9to5('Europe/London', ['2026-12-25']);
    // Thu 24 Dec 16:30 + 60 min: 30 min on Thursday, Friday 25th is a holiday, then Monday 09:30.
    assert.equal(iso(addBusinessMinutes(at('2026-12-24T16:30:00Z'), 60, xmas)), '2026-12-28T09:30:00.000Z');
    assert.equal(businessMinutesBetween(at('2026-12-24T00:00:00Z'), at('2026-12-29T00:00:00Z'), xmas), 8 * 60 * 2);
    assert.equal(isOpen(at('2026-12-25T10:00:00Z'), xmas), false);
  });

  test('a start outside hours waits for the next opening', () => {
    // Tue 20:00 → Wed 09:00 + 30
    assert.equal(iso(addBusinessMinutes(at('2026-01-13T20:00:00Z'), 30, london)), '2026-01-14T09:30:00.000Z');
    // Tue 06:00 → Tue 09:00 + 30
    assert.equal(iso(addBusinessMinutes(at('2026-01-13T06:00:00Z'), 30, london)), '2026-01-13T09:30:00.000Z');
    // Saturday → Monday
    assert.equal(iso(addBusinessMinutes(at('2026-01-17T12:00:00Z'), 1, london)), '2026-01-19T09:01:00.000Z');
    assert.equal(isOpen(at('2026-01-17T12:00:00Z'), london), false);
    assert.equal(isOpen(at('2026-01-19T09:00:00Z'), london), true);
  });

  test('several intervals a day: the lunch break does not count', () => {
    const split: Calendar = { timeZone: 'Europe/Warsaw', hours: { mon: [{ start: '13:00', end: '17:00' }, { start: '09:00', end: '12:00' }] }, holidays: [] };
    // Mon 2026-01-12 11:30 Warsaw (UTC+1) = 10:30Z; +60 → 30 before lunch, 30 after → 13:30 local = 12:30Z
    assert.equal(iso(addBusinessMinutes(at('2026-01-12T10:30:00Z'), 60, split)), '2026-01-12T12:30:00.000Z');
    assert.equal(businessMinutesBetween(at('2026-01-12T00:00:00Z'), at('2026-01-13T00:00:00Z'), split), 7 * 60);
    // Next Monday when this week's hours are used up.
    assert.equal(iso(addBusinessMinutes(at('2026-01-12T15:00:00Z'), 120, split)), '2026-01-19T09:00:00.000Z');
  });

  test('DST spring forward, London: business hours keep local 09:00', () => {
    // Fri 27 Mar 2026 16:00 GMT; clocks go forward Sun 29 Mar. Monday 10:00 BST is 09:00Z.
    assert.equal(iso(addBusinessMinutes(at('2026-03-27T16:00:00Z'), 120, london)), '2026-03-30T09:00:00.000Z');
    assert.equal(businessMinutesBetween(at('2026-03-27T16:00:00Z'), at('2026-03-30T09:00:00Z'), london), 120);
  });

  test('DST spring forward, 24/7 London: the day is 23 hours of real time', () => {
    const always: Calendar = { ...ALWAYS_OPEN, timeZone: 'Europe/London' };
    assert.equal(businessMinutesBetween(at('2026-03-29T00:00:00Z'), at('2026-03-29T23:00:00Z'), always), 23 * 60);
    // 24 business hours from Saturday noon GMT end at Sunday 13:00 BST (12:00Z).
    assert.equal(iso(addBusinessMinutes(at('2026-03-28T12:00:00Z'), 24 * 60, always)), '2026-03-29T12:00:00.000Z');
  });

  test('DST fall back, New York: the 25-hour day and local opening times', () => {
    const always: Calendar = { ...ALWAYS_OPEN, timeZone: 'America/New_York' };
    // Local midnight Nov 1 (EDT, 04:00Z) to local midnight Nov 2 (EST, 05:00Z).
    assert.equal(businessMinutesBetween(at('2026-11-01T04:00:00Z'), at('2026-11-02T05:00:00Z'), always), 25 * 60);
    // Fri 30 Oct 16:00 EDT (20:00Z) + 120 → Mon 2 Nov 10:00 EST (15:00Z).
    assert.equal(iso(addBusinessMinutes(at('2026-10-30T20:00:00Z'), 120, newYork)), '2026-11-02T15:00:00.000Z');
  });

  test('DST spring forward, New York, and autumn in London', () => {
    // Fri 6 Mar 16:00 EST (21:00Z) + 120 → Mon 9 Mar 10:00 EDT (14:00Z).
    assert.equal(iso(addBusinessMinutes(at('2026-03-06T21:00:00Z'), 120, newYork)), '2026-03-09T14:00:00.000Z');
    // Fri 23 Oct 16:00 BST (15:00Z) + 120 → Mon 26 Oct 10:00 GMT (10:00Z).
    assert.equal(iso(addBusinessMinutes(at('2026-10-23T15:00:00Z'), 120, london)), '2026-10-26T10:00:00.000Z');
  });

  test('local times in a DST gap or overlap', () => {
    // 02:30 does not exist in New York on 8 Mar 2026: it moves forward by the gap, to 03:30 EDT (07:30Z).
    assert.equal(new Date(localToInstant(2026, 3, 8, 150, 'America/New_York')).toISOString(), '2026-03-08T07:30:00.000Z');
    // 01:30 happens twice on 1 Nov 2026: the first (EDT, 05:30Z).
    assert.equal(new Date(localToInstant(2026, 11, 1, 90, 'America/New_York')).toISOString(), '2026-11-01T05:30:00.000Z');
  });

  test('adding and measuring agree, including negative remaining time', () => {
    const cal = weekdays9to5('America/New_York', ['2026-03-10']);
    for (const start of ['2026-03-05T13:17:00Z', '2026-03-07T01:00:00Z', '2026-10-29T22:59:00Z']) {
      for (const n of [1, 59, 480, 481, 2400, 10_000]) {
        const due = addBusinessMinutes(at(start), n, cal);
        assert.equal(Math.round(businessMinutesBetween(at(start), due, cal)), n, `${start} + ${n}`);
      }
    }
    assert.equal(signedBusinessMinutes(at('2026-01-13T11:00:00Z'), at('2026-01-13T10:00:00Z'), london), -60);
    assert.equal(signedBusinessMinutes(at('2026-01-13T10:00:00Z'), at('2026-01-13T11:00:00Z'), london), 60);
    assert.equal(businessMinutesBetween(at('2026-01-13T11:00:00Z'), at('2026-01-13T10:00:00Z'), london), 0);
  });

  test('validation names each bad field', () => {
    assert.equal(isTimeZone('Europe/London'), true);
    assert.equal(isTimeZone('Mars/Olympus'), false);
    assert.deepEqual(calendarProblems(london), []);
    const bad = calendarProblems({
      timeZone: 'Mars/Olympus',
      hours: { mon: [{ start: '9:00', end: '17:00' }, { start: '12:00', end: '11:00' }], tue: [{ start: '09:00', end: '13:00' }, { start: '12:00', end: '14:00' }], xyz: [] },
      holidays: ['2026-02-30', '2026-12-25'],
    });
    const paths = bad.map((p) => p.path).sort();
    assert.deepEqual(paths, ['holidays.0', 'hours.mon.0.start', 'hours.mon.1.end', 'hours.tue', 'hours.xyz', 'timeZone']);
    assert.deepEqual(calendarProblems({ timeZone: 'UTC', hours: { mon: [] }, holidays: [] }).map((p) => p.path), ['hours']);
  });

  test('a calendar that is never open is refused rather than looping', () => {
    assert.throws(() => addBusinessMinutes(at('2026-01-01T00:00:00Z'), 5, { timeZone: 'UTC', hours: {}, holidays: [] }), /no open hours/);
  });
});
