import type { CustomerJourney, JourneysReport } from '../../../../src/contracts/journeys.ts';
import { touchpointKinds } from '../../../../src/contracts/journeys.ts';
import { api } from '../../api/client.ts';

export type { CustomerJourney, JourneysReport };
export type TouchpointKind = (typeof touchpointKinds)[number];
export { touchpointKinds };

export const journeysApi = {
  forCustomer: (id: string, q: { from?: string; to?: string } = {}) => api.get<CustomerJourney>(`/api/v1/customers/${id}/journey`, q),
  report: (q: { segmentId?: string; from?: string; to?: string; after?: string; then?: string; top?: number }) =>
    api.get<JourneysReport>('/api/v1/analytics/journeys', { ...q, segmentId: q.segmentId || undefined }),
};
