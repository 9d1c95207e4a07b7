/**
 * Business time: a calendar is an IANA time zone, open intervals per weekday (local wall-clock
 * times, several a day, `24:00` closes at midnight) and whole-day holidays (local dates). Business
 * minutes are real elapsed minutes that fall inside open intervals, so a 09:00–17:00 day is 480
 * minutes and a 24/7 calendar's DST day is 23 or 25 hours. Pure: no clock, no I/O.
 */

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

/** Local times `HH:MM`; `end` may be `24:00`. */
export interface OpenInterval {
  start: string;
  end: string;
}

export interface Calendar {
  timeZone: string;
  hours: Partial<Record<Weekday, OpenInterval[]>>;
  /** Local dates `YYYY-MM-DD`, closed all day. */
  holidays: string[];
}

const allDay: OpenInterval[] = [{ start: '00:00', end: '24:00' }];
/** Open around the clock, no holidays: the calendar of a policy without one. */
export const ALWAYS_OPEN: Calendar = {
  timeZone: 'UTC',
  hours: Object.fromEntries(weekdays.map((d) => [d, allDay])) as Record<Weekday, OpenInterval[]>,
  holidays: [],
};

const MINUTE = 60_000;
/** A calendar with no open time in this many days is treated as never open. */
const MAX_DAYS = 3 * 366;

const HHMM = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;
/** Minutes after local midnight of `HH:MM`, or null when malformed. */
export function parseTime(s: string): number | null {
  const m = HHMM.exec(s);
  if (!m) return null;
  return m[3] ? 24 * 60 : Number(m[1]) * 60 + Number(m[2]);
}

/** Whether `tz` is a time zone this runtime knows (IANA names, e.g. Europe/London). */
export function isTimeZone(tz: string): boolean {
  if (!tz || tz.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(tz, f);
  }
  return f;
}

interface LocalParts {
  y: number;
  m: number; // 1-12
  d: number;
  hh: number;
  mm: number;
  ss: number;
}

function localParts(ms: number, tz: string): LocalParts {
  const p: Record<string, number> = {};
  for (const part of formatter(tz).formatToParts(new Date(ms))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { y: p.year!, m: p.month!, d: p.day!, hh: p.hour! % 24, mm: p.minute!, ss: p.second! };
}

/** The zone's offset from UTC at instant `ms`, in ms (local = utc + offset). */
function offsetAt(ms: number, tz: string): number {
  const l = localParts(ms, tz);
  const asUtc = Date.UTC(l.y, l.m - 1, l.d, l.hh, l.mm, l.ss);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant of local wall-clock `minutes` after midnight of local date (y, m, d). A time in a
 * spring-forward gap moves forward by the gap (02:30 → 03:30, as Temporal's "compatible"); a
 * repeated autumn time maps to its first occurrence.
 */
export function localToInstant(y: number, m: number, d: number, minutes: number, tz: string): number {
  const wall = Date.UTC(y, m - 1, d) + minutes * MINUTE;
  // The offsets a day before and after cover both sides of any change near `wall`. A candidate is
  // valid when it reads back as `wall`: in an autumn overlap both are (take the earlier); in a
  // spring gap neither is (take the later: the time moved forward by the gap).
  const t1 = wall - offsetAt(wall - 24 * 60 * MINUTE, tz);
  const t2 = wall - offsetAt(wall + 24 * 60 * MINUTE, tz);
  if (t1 === t2) return t1;
  const valid = [t1, t2].filter((t) => offsetAt(t, tz) === wall - t);
  return valid.length > 0 ? Math.min(...valid) : Math.max(t1, t2);
}

const dayKey = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Open spans [from, to) in epoch ms of one local date (UTC midnight `day` names it), in order. */
function daySpans(day: number, cal: Calendar, holidays: ReadonlySet<string>): [number, number][] {
  const dt = new Date(day);
  const y = dt.getUTCFullYear();
  const m = dt.getUTCMonth() + 1;
  const d = dt.getUTCDate();
  if (holidays.has(dayKey(y, m, d))) return [];
  const wd = weekdays[(dt.getUTCDay() + 6) % 7]!;
  const spans: [number, number][] = [];
  for (const iv of cal.hours[wd] ?? []) {
    const s = parseTime(iv.start);
    const e = parseTime(iv.end);
    if (s === null || e === null || e <= s) continue;
    const from = localToInstant(y, m, d, s, cal.timeZone);
    const to = localToInstant(y, m, d, e, cal.timeZone);
    if (to > from) spans.push([from, to]);
  }
  return spans.sort((a, b) => a[0] - b[0]);
}

/** Open spans [from, to) in epoch ms of each local day from the day holding `startMs`, in order. */
function* openSpans(startMs: number, cal: Calendar): Generator<[number, number]> {
  const holidays = new Set(cal.holidays);
  const l = localParts(startMs, cal.timeZone);
  let day = Date.UTC(l.y, l.m - 1, l.d);
  for (let i = 0; i < MAX_DAYS; i++, day += 24 * 60 * MINUTE) yield* daySpans(day, cal, holidays);
  throw new Error(`The calendar has no open hours within ${MAX_DAYS} days`);
}

/**
 * Business milliseconds in [a, b) for many pairs on one calendar (reports fold thousands): each
 * local day's open spans are computed once and kept.
 */
export function businessClock(cal: Calendar): (a: number, b: number) => number {
  const holidays = new Set(cal.holidays);
  const memo = new Map<number, [number, number][]>();
  const HOURS_14 = 14 * 60 * MINUTE;
  return (a, b) => {
    if (b <= a) return 0;
    const l = localParts(a, cal.timeZone);
    let total = 0;
    for (let day = Date.UTC(l.y, l.m - 1, l.d), i = 0; i < MAX_DAYS; i++, day += 24 * 60 * MINUTE) {
      // A local date starts at most 14 h before its UTC midnight: past that, nothing opens before b.
      if (day - HOURS_14 >= b) break;
      let spans = memo.get(day);
      if (!spans) memo.set(day, (spans = daySpans(day, cal, holidays)));
      for (const [from, to] of spans) {
        if (from >= b) return total;
        if (to <= a) continue;
        total += Math.min(to, b) - Math.max(from, a);
      }
    }
    return total;
  };
}

/** The instant when `minutes` business minutes have passed after `start` (start itself if 0). */
export function addBusinessMinutes(start: Date, minutes: number, cal: Calendar): Date {
  const s = start.getTime();
  if (!(minutes > 0)) return new Date(s);
  let left = minutes * MINUTE;
  for (const [from, to] of openSpans(s, cal)) {
    if (to <= s) continue;
    const a = Math.max(from, s);
    if (to - a >= left) return new Date(a + left);
    left -= to - a;
  }
  /* c8 ignore next */
  throw new Error('unreachable');
}

/** Business minutes in [a, b); 0 when b is not after a. May be fractional. */
export function businessMinutesBetween(a: Date, b: Date, cal: Calendar): number {
  const s = a.getTime();
  const e = b.getTime();
  if (e <= s) return 0;
  let total = 0;
  for (const [from, to] of openSpans(s, cal)) {
    if (from >= e) break;
    if (to <= s) continue;
    total += Math.min(to, e) - Math.max(from, s);
  }
  return total / MINUTE;
}

/** Business minutes from `now` until `due`: negative once `due` has passed. */
export function signedBusinessMinutes(now: Date, due: Date, cal: Calendar): number {
  return due >= now ? businessMinutesBetween(now, due, cal) : -businessMinutesBetween(due, now, cal);
}

/** Whether the calendar is open at `at`. */
export function isOpen(at: Date, cal: Calendar): boolean {
  const t = at.getTime();
  for (const [from, to] of openSpans(t, cal)) {
    if (from > t) return false;
    if (to > t) return true;
  }
  return false;
}

/** Problems with a calendar's hours and holidays, each with the path of the field; empty when valid. */
export function calendarProblems(cal: { timeZone: string; hours: Record<string, OpenInterval[] | undefined>; holidays: string[] }): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (!isTimeZone(cal.timeZone)) out.push({ path: 'timeZone', message: 'not a known IANA time zone, e.g. Europe/London' });
  let open = 0;
  for (const [day, list] of Object.entries(cal.hours)) {
    if (!(weekdays as readonly string[]).includes(day)) {
      out.push({ path: `hours.${day}`, message: 'not a weekday (mon … sun)' });
      continue;
    }
    const parsed: [number, number][] = [];
    (list ?? []).forEach((iv, i) => {
      const s = parseTime(iv.start);
      const e = parseTime(iv.end);
      if (s === null || s === 24 * 60) out.push({ path: `hours.${day}.${i}.start`, message: 'must be HH:MM between 00:00 and 23:59' });
      if (e === null) out.push({ path: `hours.${day}.${i}.end`, message: 'must be HH:MM between 00:01 and 24:00' });
      if (s !== null && e !== null && e <= s) out.push({ path: `hours.${day}.${i}.end`, message: 'must be after the start' });
      if (s !== null && e !== null && e > s) parsed.push([s, e]);
    });
    parsed.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < parsed.length; i++) if (parsed[i]![0] < parsed[i - 1]![1]) out.push({ path: `hours.${day}`, message: 'intervals overlap' });
    open += parsed.length;
  }
  if (open === 0) out.push({ path: 'hours', message: 'at least one open interval is needed' });
  cal.holidays.forEach((h, i) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(h);
    const ok = m && (() => {
      const dt = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      return dt.getUTCFullYear() === Number(m[1]) && dt.getUTCMonth() === Number(m[2]) - 1 && dt.getUTCDate() === Number(m[3]);
    })();
    if (!ok) out.push({ path: `holidays.${i}`, message: 'must be a date YYYY-MM-DD' });
  });
  return out;
}
