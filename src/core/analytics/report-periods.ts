/**
 * Calendar math in a tenant's time zone, pure (the instant "now" is passed in): date-range presets
 * of the reports screen, the periods of scheduled reports and their next sending time.
 * A local time that does not exist (the spring-forward gap) moves forward by the gap; one that
 * exists twice (fall back) is the earlier instant. Uses only Intl, so it runs in Node and browsers.
 */

const DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock fields of an instant in a zone; month 1..12, weekday 0 = Monday .. 6 = Sunday. */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

export function localParts(ms: number, timeZone: string): LocalParts {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) if (p.type !== 'literal') out[p.type] = Number(p.value);
  const year = out.year ?? 1970;
  const month = out.month ?? 1;
  const day = out.day ?? 1;
  const weekday = (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
  return { year, month, day, hour: (out.hour ?? 0) % 24, minute: out.minute ?? 0, second: out.second ?? 0, weekday };
}

/** The zone's offset from UTC at an instant, in ms (positive east of Greenwich). */
export function zoneOffset(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The instant at a local wall-clock time (month 1..12; day may overflow, as Date.UTC allows). */
export function localToInstant(year: number, month: number, day: number, hour: number, timeZone: string): number {
  const guess = Date.UTC(year, month - 1, day, hour);
  const want = new Date(guess);
  const candidates = [...new Set([zoneOffset(guess - DAY, timeZone), zoneOffset(guess + DAY, timeZone)])]
    .map((off) => guess - off)
    .sort((a, b) => a - b);
  for (const t of candidates) {
    const p = localParts(t, timeZone);
    if (p.year === want.getUTCFullYear() && p.month === want.getUTCMonth() + 1 && p.day === want.getUTCDate() && p.hour === want.getUTCHours()) return t;
  }
  // In the gap: with the offset from before the change, the wall clock reads the same time after it.
  return candidates[candidates.length - 1] ?? guess;
}

/** Local midnight of the day `days` after the local day of `ms`. */
export function localMidnight(ms: number, timeZone: string, days = 0): number {
  const p = localParts(ms, timeZone);
  return localToInstant(p.year, p.month, p.day + days, 0, timeZone);
}

export interface Range {
  from: number;
  to: number;
}

export const rangePresets = ['today', 'yesterday', 'last7', 'last30', 'last90', 'thisMonth'] as const;
export type RangePreset = (typeof rangePresets)[number];

/** A preset's [from, to) in the zone: last N days end with today; this month runs to its end. */
export function presetRange(preset: RangePreset, now: number, timeZone: string): Range {
  const tomorrow = localMidnight(now, timeZone, 1);
  switch (preset) {
    case 'today':
      return { from: localMidnight(now, timeZone), to: tomorrow };
    case 'yesterday':
      return { from: localMidnight(now, timeZone, -1), to: localMidnight(now, timeZone) };
    case 'last7':
      return { from: localMidnight(now, timeZone, -6), to: tomorrow };
    case 'last30':
      return { from: localMidnight(now, timeZone, -29), to: tomorrow };
    case 'last90':
      return { from: localMidnight(now, timeZone, -89), to: tomorrow };
    case 'thisMonth': {
      const p = localParts(now, timeZone);
      return { from: localToInstant(p.year, p.month, 1, 0, timeZone), to: localToInstant(p.year, p.month + 1, 1, 0, timeZone) };
    }
  }
}

/** The same-length period just before a range (what compare=previous shows). */
export function previousRange(r: Range): Range {
  return { from: r.from - (r.to - r.from), to: r.from };
}

export type ScheduleFrequency = 'daily' | 'weekly' | 'monthly';

/**
 * The period a scheduled report covers when it runs at `at`: daily → the previous local day,
 * weekly → the previous Monday..Sunday, monthly → the previous calendar month.
 */
export function schedulePeriod(frequency: ScheduleFrequency, at: number, timeZone: string): Range {
  const today = localMidnight(at, timeZone);
  if (frequency === 'daily') return { from: localMidnight(at, timeZone, -1), to: today };
  if (frequency === 'weekly') {
    const monday = localMidnight(at, timeZone, -localParts(at, timeZone).weekday);
    return { from: localMidnight(monday, timeZone, -7), to: monday };
  }
  const p = localParts(at, timeZone);
  return { from: localToInstant(p.year, p.month - 1, 1, 0, timeZone), to: localToInstant(p.year, p.month, 1, 0, timeZone) };
}

/**
 * The first sending time strictly after `after`: the next local `hour`:00 that falls on any day
 * (daily), a Monday (weekly) or the 1st of a month (monthly).
 */
export function nextRunAt(frequency: ScheduleFrequency, hour: number, after: number, timeZone: string): number {
  const p = localParts(after, timeZone);
  for (let i = 0; i <= 62; i++) {
    const d = new Date(Date.UTC(p.year, p.month - 1, p.day + i));
    const weekday = (d.getUTCDay() + 6) % 7;
    if (frequency === 'weekly' && weekday !== 0) continue;
    if (frequency === 'monthly' && d.getUTCDate() !== 1) continue;
    const t = localToInstant(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), hour, timeZone);
    if (t > after) return t;
  }
  throw new Error('no sending time within 62 days'); // unreachable: every month has a 1st
}
