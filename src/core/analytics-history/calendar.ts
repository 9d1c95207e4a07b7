/**
 * Local time for generated history (pure): tenant time-zone offsets through Intl, local day
 * starts, and the arrival pattern: an hour-of-week shape (busy weekday mornings, a Monday peak,
 * quiet nights and weekends) times a yearly season (a summer dip, a December rush).
 */
import { localParts as wallClock } from '../analytics/report-periods.ts';
import { localToInstant as wallToInstant } from '../sla/business-time.ts';

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Monday .. 6 = Sunday. */
  dow: number;
}

/** Wall-clock fields of an instant in a zone (the reports' calendar math, with the weekday as `dow`). */
export function localParts(at: number, timeZone: string): LocalParts {
  const p = wallClock(at, timeZone);
  return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, dow: p.weekday };
}

/** The instant of a local wall-clock time (the earlier one across a DST fold; the SLA clock's rule). */
export function localToInstant(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): number {
  return wallToInstant(year, month, day, hour * 60 + minute, timeZone);
}

/** Start of the local day containing `at`. */
export function localDayStart(at: number, timeZone: string): number {
  const p = localParts(at, timeZone);
  return localToInstant(p.year, p.month, p.day, 0, 0, timeZone);
}

/** Start of the next local day after the day starting at `dayStart` (23, 24 or 25 hours later). */
export function nextLocalDay(dayStart: number, timeZone: string): number {
  const p = localParts(dayStart + 36 * 3_600_000, timeZone);
  return localToInstant(p.year, p.month, p.day, 0, 0, timeZone);
}

export const dayKey = (p: Pick<LocalParts, 'year' | 'month' | 'day'>): string =>
  `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;

/** Relative arrivals per local hour on a weekday and on a weekend day. */
const weekdayHours = [0.08, 0.05, 0.04, 0.04, 0.05, 0.1, 0.25, 0.55, 1.05, 1.5, 1.45, 1.3, 1.05, 1.15, 1.2, 1.1, 0.95, 0.75, 0.5, 0.38, 0.3, 0.24, 0.17, 0.11];
const weekendHours = [0.1, 0.06, 0.05, 0.04, 0.04, 0.06, 0.1, 0.2, 0.35, 0.55, 0.7, 0.75, 0.7, 0.65, 0.6, 0.6, 0.55, 0.5, 0.45, 0.4, 0.35, 0.3, 0.2, 0.14];
/** Relative volume per weekday (Monday first). */
const dayWeights = [1.3, 1.12, 1.05, 1.0, 0.9, 0.4, 0.3];
const weekdaySum = weekdayHours.reduce((a, b) => a + b, 0);
const weekendSum = weekendHours.reduce((a, b) => a + b, 0);
const dayWeightMean = dayWeights.reduce((a, b) => a + b, 0) / 7;

/** Share of a day's arrivals in each local hour (sums to 1). */
export function hourShares(dow: number): number[] {
  const src = dow >= 5 ? weekendHours : weekdayHours;
  const sum = dow >= 5 ? weekendSum : weekdaySum;
  return src.map((w) => w / sum);
}

/** Yearly season, mean ≈ 1: quieter in August, busy in late November and December, a January bump. */
export function season(month: number, day: number): number {
  const doy = (month - 1) * 30.4 + day;
  const base = 1 + 0.08 * Math.cos(((doy - 15) / 365) * 2 * Math.PI);
  const rush = month === 12 && day < 24 ? 1.2 : month === 11 && day > 20 ? 1.12 : 1;
  const holiday = (month === 12 && day >= 24) || (month === 1 && day === 1) ? 0.45 : 1;
  return base * rush * holiday;
}

/** Expected arrivals on a local day, for a mean of `perDay` over a typical week. */
export function expectedArrivals(perDay: number, p: Pick<LocalParts, 'month' | 'day' | 'dow'>): number {
  return (perDay * dayWeights[p.dow]! * season(p.month, p.day)) / dayWeightMean;
}
