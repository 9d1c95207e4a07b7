import type { Page } from '../../../src/contracts/common.ts';
import type { AtRiskItem, CustomerHealth, HealthBandName } from '../../../src/contracts/health.ts';
import type { PreviewResponse, Segment, SegmentDefinition, SegmentMember } from '../../../src/contracts/segments.ts';
import { api } from './client.ts';

export type { AtRiskItem, CustomerHealth, HealthBandName, PreviewResponse, Segment, SegmentDefinition, SegmentMember };

export const healthApi = {
  forCustomer: (id: string) => api.get<CustomerHealth>(`/api/v1/customers/${id}/health`),
  atRisk: (opts: { cursor?: string | null; band?: HealthBandName | ''; limit?: number } = {}) =>
    api.get<Page<AtRiskItem>>('/api/v1/customers/at-risk', { cursor: opts.cursor ?? undefined, band: opts.band || undefined, limit: opts.limit ?? 50 }),
};

export const segmentsApi = {
  list: (opts: { q?: string; cursor?: string | null } = {}) => api.get<Page<Segment>>('/api/v1/segments', { q: opts.q, cursor: opts.cursor ?? undefined, limit: 50 }),
  get: (id: string) => api.get<Segment>(`/api/v1/segments/${id}`),
  create: (body: { name: string; description: string; definition: SegmentDefinition }) => api.post<Segment>('/api/v1/segments', body),
  update: (id: string, body: { name?: string; description?: string; definition?: SegmentDefinition }) => api.patch<Segment>(`/api/v1/segments/${id}`, body),
  remove: (id: string) => api.del<null>(`/api/v1/segments/${id}`),
  preview: (definition: SegmentDefinition) => api.post<PreviewResponse>('/api/v1/segments/preview', { definition }),
  members: (id: string, cursor?: string | null) => api.get<Page<SegmentMember>>(`/api/v1/segments/${id}/customers`, { cursor: cursor ?? undefined, limit: 50 }),
  /** A plain link: the browser downloads the streamed file with the session cookie. */
  exportUrl: (id: string) => `/api/v1/segments/${id}/export.csv`,
};
