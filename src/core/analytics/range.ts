import type { Resolution } from '../../contracts/analytics.ts';
import { invalid } from '../errors.ts';
import { localToInstant } from '../sla/business-time.ts';

/** Report ranges and resolutions in the tenant's time zone (pure). */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** The most intervals a series may have. */
export const maxPoints = 2000;
/** The longest range a report covers. */
export const maxRangeDays = 3 * 366;

const approxMs: Record<Resolution, number> = { '15m': 15 * MINUTE, '30m': 30 * MINUTE, hour: 60 * MINUTE, day: DAY, week: 7 * DAY, month: 30 * DAY };

const fmt = new Map<string, Intl.DateTimeFormat>();
function parts(ms: number, tz: string): { y: number; m: number; d: number; h: number; min: number } {
  let f = fmt.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    fmt.set(tz, f);
  }
  const p: Record<string, number> = {};
  for (const x of f.formatToParts(new Date(ms))) if (x.type !== 'literal') p[x.type] = Number(x.value);
  return { y: p.year!, m: p.month!, d: p.day!, h: p.hour!, min: p.minute! };
}
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The tenant-local date (YYYY-MM-DD) holding an instant. */
export function localDayKey(ms: number, tz: string): string {
  const p = parts(ms, tz);
  return `${p.y}-${pad(p.m)}-${pad(p.d)}`;
}

/** The tenant-local wall-clock label `YYYY-MM-DDTHH:MM` of an instant (the series keys the database returns). */
export function localLabel(ms: number, tz: string): string {
  const p = parts(ms, tz);
  return `${p.y}-${pad(p.m)}-${pad(p.d)}T${pad(p.h)}:${pad(p.min)}`;
}

/** Is the instant a local midnight? (Ranges on whole local days can read the daily rollups.) */
export function isLocalMidnight(ms: number, tz: string): boolean {
  const p = parts(ms, tz);
  return p.h === 0 && p.min === 0 && ms % MINUTE === 0;
}

/** The instant of a local label `YYYY-MM-DDTHH:MM`. */
export function labelToInstant(label: string, tz: string): number {
  const [d, t] = label.split('T');
  const [y, m, day] = d!.split('-').map(Number);
  const [h, min] = (t ?? '00:00').split(':').map(Number);
  return localToInstant(y!, m!, day!, h! * 60 + min!, tz);
}

export interface ResolvedRange {
  from: number;
  to: number;
  resolution: Resolution;
  note?: string;
}

/**
 * Checks a range and picks its resolution: end after start, at most three years; `auto` gives a
 * readable number of points (15 minutes up to 2 days, hours up to 14 days, days up to 6 months,
 * weeks up to 2 years, else months). An explicit resolution that would make more than 2,000 points is
 * a 400 saying which resolution would do.
 */
export function resolveRange(fromIso: string, toIso: string, requested: Resolution | 'auto'): ResolvedRange {
  const from = Date.parse(fromIso);
  const to = Date.parse(toIso);
  if (!Number.isFinite(from) || !Number.isFinite(to)) throw invalid('from and to must be ISO dates with a time zone offset, e.g. 2026-11-01T00:00:00Z');
  if (to <= from) throw invalid(`The range ends (${toIso}) before or when it starts (${fromIso}); the end (to) must be after the start (from)`);
  const span = to - from;
  if (span > maxRangeDays * DAY) throw invalid(`The range is ${Math.round(span / DAY)} days long; reports cover at most ${maxRangeDays} days`);
  if (requested === 'auto') {
    const resolution: Resolution = span <= 2 * DAY ? '15m' : span <= 14 * DAY ? 'hour' : span <= 186 * DAY ? 'day' : span <= 732 * DAY ? 'week' : 'month';
    return { from, to, resolution, note: `resolution ${resolution} chosen for a ${Math.max(1, Math.round(span / DAY))}-day range` };
  }
  const points = Math.ceil(span / approxMs[requested]);
  if (points > maxPoints) {
    const fit = (Object.keys(approxMs) as Resolution[]).find((r) => Math.ceil(span / approxMs[r]) <= maxPoints) ?? 'month';
    throw invalid(`A ${Math.round(span / DAY)}-day range at ${requested} resolution has ${points} intervals (at most ${maxPoints}); use resolution=${fit} or resolution=auto`);
  }
  return { from, to, resolution: requested };
}

/** The local labels of every interval of the range at a resolution (so empty intervals show as zero). */
export function seriesLabels(from: number, to: number, resolution: Resolution, tz: string): string[] {
  const out: string[] = [];
  const first = truncate(from, resolution, tz);
  let cur = first;
  for (let i = 0; i < maxPoints + 2 && cur < to; i++) {
    out.push(localLabel(cur, tz));
    cur = nextStart(cur, resolution, tz);
  }
  return out;
}

/** Start of the interval holding `ms`. */
export function truncate(ms: number, r: Resolution, tz: string): number {
  const p = parts(ms, tz);
  switch (r) {
    case '15m': return localToInstant(p.y, p.m, p.d, p.h * 60 + Math.floor(p.min / 15) * 15, tz);
    case '30m': return localToInstant(p.y, p.m, p.d, p.h * 60 + Math.floor(p.min / 30) * 30, tz);
    case 'hour': return localToInstant(p.y, p.m, p.d, p.h * 60, tz);
    case 'day': return localToInstant(p.y, p.m, p.d, 0, tz);
    case 'week': {
      const dow = (new Date(Date.UTC(p.y, p.m - 1, p.d)).getUTCDay() + 6) % 7;
      const s = new Date(Date.UTC(p.y, p.m - 1, p.d - dow));
      return localToInstant(s.getUTCFullYear(), s.getUTCMonth() + 1, s.getUTCDate(), 0, tz);
    }
    case 'month': return localToInstant(p.y, p.m, 1, 0, tz);
  }
}

function nextStart(ms: number, r: Resolution, tz: string): number {
  if (r === '15m' || r === '30m' || r === 'hour') {
    // Step in real time, then re-truncate: a DST change never makes an interval repeat or vanish.
    const step = r === '15m' ? 15 * MINUTE : r === '30m' ? 30 * MINUTE : 60 * MINUTE;
    return truncate(ms + step, r, tz) > ms ? truncate(ms + step, r, tz) : ms + step;
  }
  const p = parts(ms, tz);
  if (r === 'day') {
    const n = new Date(Date.UTC(p.y, p.m - 1, p.d + 1));
    return localToInstant(n.getUTCFullYear(), n.getUTCMonth() + 1, n.getUTCDate(), 0, tz);
  }
  if (r === 'week') {
    const n = new Date(Date.UTC(p.y, p.m - 1, p.d + 7));
    return localToInstant(n.getUTCFullYear(), n.getUTCMonth() + 1, n.getUTCDate(), 0, tz);
  }
  const n = new Date(Date.UTC(p.y, p.m, 1));
  return localToInstant(n.getUTCFullYear(), n.getUTCMonth() + 1, 1, 0, tz);
}
