import type {
  DrillItem,
  DrillQuery,
  MetricName,
  ReportName,
  ReportQuery,
  ReportResponse,
  ReportRow,
  Schedule,
  ScheduleBody,
} from '../../../src/contracts/analytics.ts';
import type { Page } from '../../../src/contracts/common.ts';
import { api, withQuery } from './client.ts';

export type { DrillItem, DrillQuery, MetricName, ReportName, ReportQuery, ReportResponse, ReportRow, Schedule, ScheduleBody };

/** A report query as the URL carries it: every field optional except the range. */
export type ReportParams = Partial<Omit<ReportQuery, 'from' | 'to'>> & { from: string; to: string };
export type DrillParams = Omit<Partial<DrillQuery>, 'metric' | 'from' | 'to'> & { metric: MetricName; from: string; to: string };

const enc = encodeURIComponent;

function clean(q: Record<string, unknown>): Record<string, string | number | undefined> {
  const out: Record<string, string | number | undefined> = {};
  for (const [k, v] of Object.entries(q)) if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  return out;
}

export const analyticsApi = {
  report: (name: ReportName, q: ReportParams) => api.get<ReportResponse>(`/api/v1/analytics/reports/${enc(name)}`, clean({ ...q, format: undefined })),
  /** The same query as CSV: a plain link, so the browser downloads it with the session cookie. */
  csvUrl: (name: ReportName, q: ReportParams) => withQuery(`/api/v1/analytics/reports/${enc(name)}`, clean({ ...q, compare: q.compare, format: 'csv' })),
  drill: (q: DrillParams, cursor?: string | null) => api.get<{ items: DrillItem[]; nextCursor: string | null }>('/api/v1/analytics/drill', clean({ ...q, cursor: cursor ?? undefined })),
  schedules: (cursor?: string | null) => api.get<Page<Schedule>>('/api/v1/analytics/schedules', { limit: 50, cursor: cursor ?? undefined }),
  createSchedule: (body: ScheduleBody) => api.post<Schedule>('/api/v1/analytics/schedules', body),
  updateSchedule: (id: string, body: Partial<ScheduleBody>) => api.patch<Schedule>(`/api/v1/analytics/schedules/${enc(id)}`, body),
  removeSchedule: (id: string) => api.del<null>(`/api/v1/analytics/schedules/${enc(id)}`),
};
