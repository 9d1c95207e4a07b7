import type { Page } from '../../../src/contracts/common.ts';
import type { CustomerNote, ErasureResult, TimelineItem } from '../../../src/contracts/customer-360.ts';
import type { Customer, CustomerMerge } from '../../../src/contracts/customers.ts';
import type { Ticket } from '../../../src/contracts/tickets.ts';
import { api } from './client.ts';

export type TimelineKindName = TimelineItem['kind'];

export const customer360Api = {
  timeline: (id: string, opts: { cursor?: string | null; kinds?: readonly TimelineKindName[] } = {}) =>
    api.get<Page<TimelineItem>>(`/api/v1/customers/${id}/timeline`, { cursor: opts.cursor ?? undefined, kinds: opts.kinds?.length ? opts.kinds.join(',') : undefined, limit: 30 }),
  addNote: (id: string, text: string) => api.post<CustomerNote>(`/api/v1/customers/${id}/notes`, { text }),
  deleteNote: (id: string, noteId: string) => api.del<null>(`/api/v1/customers/${id}/notes/${noteId}`),
  exportAll: (id: string) => api.get<Record<string, unknown>>(`/api/v1/customers/${id}/export`),
  erase: (id: string, reason?: string) => api.post<ErasureResult>(`/api/v1/customers/${id}/erase`, { confirm: id, ...(reason ? { reason } : {}) }),
};

export interface DuplicateSuggestion {
  customer: Customer;
  score: number;
  reasons: { code: string; message: string }[];
}

export const mergesApi = {
  duplicates: (id: string) => api.get<{ items: DuplicateSuggestion[] }>(`/api/v1/customers/${id}/duplicates`),
  history: (id: string, cursor?: string | null) => api.get<Page<CustomerMerge>>(`/api/v1/customers/${id}/merges`, { cursor: cursor ?? undefined }),
  merge: (survivorId: string, sourceId: string) => api.post<{ merge: CustomerMerge; survivor: Customer }>(`/api/v1/customers/${survivorId}/merge`, { sourceId }),
  undo: (mergeId: string) => api.post<{ merge: CustomerMerge; survivor: Customer; source: Customer }>(`/api/v1/customers/merges/${mergeId}/undo`),
};

/** A customer's tickets that are not solved or closed (up to 200, newest first). */
export async function openTicketsOf(customerId: string): Promise<Ticket[]> {
  const page = await api.get<Page<Ticket>>('/api/v1/tickets', { requesterId: customerId, limit: 200 });
  return page.items.filter((t) => t.status !== 'solved' && t.status !== 'closed');
}
