import type { Page } from '../../../src/contracts/common.ts';
import type { BusinessCalendar, CreateCalendarBody, CreatePolicyBody, SlaPolicy, TicketSla, UpdateCalendarBody, UpdatePolicyBody } from '../../../src/contracts/sla.ts';
import { api } from './client.ts';

const enc = encodeURIComponent;

/** Business calendars, SLA policies (admins change, supervisors read) and a ticket's SLA. */
export const slaApi = {
  calendars: (p: { q?: string; cursor?: string | null } = {}) =>
    api.get<Page<BusinessCalendar>>('/api/v1/business-calendars', { limit: 50, q: p.q?.trim() || undefined, cursor: p.cursor ?? undefined }),
  createCalendar: (body: Partial<CreateCalendarBody> & Pick<CreateCalendarBody, 'name' | 'timeZone' | 'hours'>) => api.post<BusinessCalendar>('/api/v1/business-calendars', body),
  updateCalendar: (id: string, body: UpdateCalendarBody) => api.patch<BusinessCalendar>(`/api/v1/business-calendars/${enc(id)}`, body),
  removeCalendar: (id: string) => api.del<null>(`/api/v1/business-calendars/${enc(id)}`),
  policies: (p: { q?: string; cursor?: string | null } = {}) =>
    api.get<Page<SlaPolicy>>('/api/v1/sla-policies', { limit: 50, q: p.q?.trim() || undefined, cursor: p.cursor ?? undefined }),
  createPolicy: (body: Partial<CreatePolicyBody> & Pick<CreatePolicyBody, 'name' | 'targets'>) => api.post<SlaPolicy>('/api/v1/sla-policies', body),
  updatePolicy: (id: string, body: UpdatePolicyBody) => api.patch<SlaPolicy>(`/api/v1/sla-policies/${enc(id)}`, body),
  removePolicy: (id: string) => api.del<null>(`/api/v1/sla-policies/${enc(id)}`),
  reorder: (ids: string[]) => api.put<{ items: SlaPolicy[] }>('/api/v1/sla-policies/order', { ids }),
  ticket: (ticketId: string) => api.get<TicketSla>(`/api/v1/tickets/${enc(ticketId)}/sla`),
};
