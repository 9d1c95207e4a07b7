import { dimensions, metricNames, reportNames, resolutions, type Dimension, type MetricName, type ReportName } from '../../../../src/contracts/analytics.ts';
import { localToInstant, presetRange, rangePresets, type RangePreset } from '../../../../src/core/analytics/report-periods.ts';
import type { ReportParams } from '../../api/analytics.ts';

/**
 * The reports screen's filter state, kept in the URL query so a link shows the same report:
 * ?range=last7|…|custom&start=YYYY-MM-DD&end=YYYY-MM-DD&resolution=&groupBy=&queueId=&…&compare=previous
 */
export type RangeChoice = RangePreset | 'custom';
export const rangeChoices: readonly RangeChoice[] = [...rangePresets, 'custom'];

/** The filters that narrow a report, with the query parameter each one is sent as. */
export const filterKeys = ['queueId', 'channel', 'teamId', 'agentId', 'inboxId', 'tag', 'intent', 'segmentId'] as const;
/** Filters typed as text (the others are picked from lists). */
export const textFilters: readonly FilterKey[] = ['tag', 'intent'];
export type FilterKey = (typeof filterKeys)[number];

/** Which filter a row of a report grouped by a dimension stands for (for drill-down). */
export const dimensionFilter: Record<Dimension, FilterKey> = {
  queue: 'queueId', channel: 'channel', team: 'teamId', agent: 'agentId', inbox: 'inboxId', tag: 'tag', intent: 'intent', segment: 'segmentId',
};

export const measures = ['firstResponse', 'resolution', 'wait', 'handle'] as const;
export type Measure = (typeof measures)[number];

export interface FilterState {
  range: RangeChoice;
  /** Custom range, local dates in the tenant zone, end inclusive. */
  start: string;
  end: string;
  resolution: (typeof resolutions)[number] | 'auto';
  groupBy: Dimension | '';
  filters: Partial<Record<FilterKey, string>>;
  compare: boolean;
  sort: MetricName | '';
  order: 'asc' | 'desc';
  measure: Measure | '';
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined => (v !== null && (list as readonly string[]).includes(v) ? (v as T) : undefined);

export function readFilters(p: URLSearchParams): FilterState {
  const filters: Partial<Record<FilterKey, string>> = {};
  for (const k of filterKeys) {
    const v = p.get(k)?.trim();
    if (v) filters[k] = v;
  }
  const start = p.get('start') ?? '';
  const end = p.get('end') ?? '';
  return {
    range: oneOf(rangeChoices, p.get('range')) ?? 'last7',
    start: DATE.test(start) ? start : '',
    end: DATE.test(end) ? end : '',
    resolution: oneOf([...resolutions, 'auto'] as const, p.get('resolution')) ?? 'auto',
    groupBy: oneOf(dimensions, p.get('groupBy')) ?? '',
    filters,
    compare: p.get('compare') === 'previous',
    sort: oneOf(metricNames, p.get('sort')) ?? '',
    order: p.get('order') === 'asc' ? 'asc' : 'desc',
    measure: oneOf(measures, p.get('measure')) ?? '',
  };
}

/** The URL query for a filter state; defaults are left out so links stay short. */
export function writeFilters(s: FilterState): URLSearchParams {
  const p = new URLSearchParams();
  if (s.range !== 'last7') p.set('range', s.range);
  if (s.range === 'custom') {
    if (s.start) p.set('start', s.start);
    if (s.end) p.set('end', s.end);
  }
  if (s.resolution !== 'auto') p.set('resolution', s.resolution);
  if (s.groupBy) p.set('groupBy', s.groupBy);
  for (const k of filterKeys) if (s.filters[k]) p.set(k, s.filters[k] as string);
  if (s.compare) p.set('compare', 'previous');
  if (s.sort) p.set('sort', s.sort);
  if (s.order === 'asc') p.set('order', 'asc');
  if (s.measure) p.set('measure', s.measure);
  return p;
}

function dateParts(d: string): [number, number, number] {
  const [y, m, day] = d.split('-').map(Number);
  return [y ?? 1970, m ?? 1, day ?? 1];
}

/** [from, to) of the state's range in the tenant zone; a custom range's end date is included. */
export function rangeOf(s: FilterState, now: number, timeZone: string): { from: string; to: string } {
  if (s.range === 'custom' && s.start && s.end) {
    const [y1, m1, d1] = dateParts(s.start);
    const [y2, m2, d2] = dateParts(s.end);
    return { from: new Date(localToInstant(y1, m1, d1, 0, timeZone)).toISOString(), to: new Date(localToInstant(y2, m2, d2 + 1, 0, timeZone)).toISOString() };
  }
  const r = presetRange(s.range === 'custom' ? 'last7' : s.range, now, timeZone);
  return { from: new Date(r.from).toISOString(), to: new Date(r.to).toISOString() };
}

/** The API query of a report for the state (the server answers 400 for an end before the start). */
export function toReportParams(s: FilterState, now: number, timeZone: string): ReportParams {
  return {
    ...rangeOf(s, now, timeZone),
    resolution: s.resolution,
    groupBy: s.groupBy || undefined,
    ...s.filters,
    compare: s.compare ? 'previous' : 'none',
    sort: s.sort || undefined,
    order: s.order,
    measure: s.measure || undefined,
  };
}

export function isReportName(v: string | undefined): v is ReportName {
  return v !== undefined && (reportNames as readonly string[]).includes(v);
}
