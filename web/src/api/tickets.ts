import type { Page } from '../../../src/contracts/common.ts';
import type {
  BulkResult,
  MacroActions,
  ShareScope,
  Ticket,
  TicketComment,
  TicketField,
  TicketFieldType,
  TicketHistoryEntry,
  TicketMacro,
  TicketStatus,
  TicketType,
  TicketViewDef,
  ViewFilters,
  ViewSort,
} from '../../../src/contracts/tickets.ts';
import { api } from './client.ts';

export type { BulkResult, MacroActions, ShareScope, Ticket, TicketComment, TicketField, TicketFieldType, TicketHistoryEntry, TicketMacro, TicketStatus, TicketType, TicketViewDef, ViewFilters, ViewSort };

const enc = encodeURIComponent;
type CustomValue = string | number | boolean;

export interface TicketChange {
  subject?: string;
  status?: TicketStatus;
  priority?: Ticket['priority'];
  type?: TicketType | null;
  requesterId?: string | null;
  assigneeId?: string | null;
  teamId?: string | null;
  tags?: string[];
  custom?: Record<string, CustomValue | null>;
}

export interface NewTicket extends Omit<TicketChange, 'status'> {
  subject: string;
  status?: Exclude<TicketStatus, 'closed'>;
  followerIds?: string[];
  conversationIds?: string[];
}

export interface ViewBody {
  name: string;
  scope?: ShareScope;
  teamId?: string | null;
  filters?: ViewFilters;
  sort?: ViewSort;
}

export interface MacroBody {
  name: string;
  description?: string;
  scope?: ShareScope;
  teamId?: string | null;
  actions: MacroActions;
}

/** Tickets, their comments and history, views, macros, bulk changes, merges and custom fields. */
export const ticketsApi = {
  list: (p: { q?: string; cursor?: string | null; status?: TicketStatus; requesterId?: string } = {}) =>
    api.get<Page<Ticket>>('/api/v1/tickets', { limit: 50, q: p.q?.trim() || undefined, cursor: p.cursor ?? undefined, status: p.status, requesterId: p.requesterId }),
  get: (id: string) => api.get<Ticket>(`/api/v1/tickets/${enc(id)}`),
  create: (body: NewTicket) => api.post<Ticket>('/api/v1/tickets', body),
  update: (id: string, body: TicketChange) => api.patch<Ticket>(`/api/v1/tickets/${enc(id)}`, body),
  follow: (id: string, userId: string) => api.put<null>(`/api/v1/tickets/${enc(id)}/followers/${enc(userId)}`),
  unfollow: (id: string, userId: string) => api.del<null>(`/api/v1/tickets/${enc(id)}/followers/${enc(userId)}`),
  comments: (id: string, cursor?: string | null) => api.get<Page<TicketComment>>(`/api/v1/tickets/${enc(id)}/comments`, { limit: 200, cursor: cursor ?? undefined }),
  comment: (id: string, body: { text: string; public: boolean; mentions?: string[] }) => api.post<TicketComment>(`/api/v1/tickets/${enc(id)}/comments`, body),
  history: (id: string, cursor?: string | null) => api.get<Page<TicketHistoryEntry>>(`/api/v1/tickets/${enc(id)}/history`, { limit: 50, cursor: cursor ?? undefined }),
  applyMacro: (id: string, macroId: string) => api.post<Ticket>(`/api/v1/tickets/${enc(id)}/apply-macro`, { macroId }),
  merge: (id: string, sourceIds: string[]) => api.post<Ticket>(`/api/v1/tickets/${enc(id)}/merge`, { sourceIds }),
  bulk: (body: { ids: string[]; change?: Pick<TicketChange, 'status' | 'priority' | 'type' | 'assigneeId' | 'teamId' | 'tags'>; macroId?: string }) =>
    api.post<BulkResult>('/api/v1/tickets/bulk', body),

  views: () => api.get<{ items: TicketViewDef[] }>('/api/v1/ticket-views'),
  viewTickets: (id: string, cursor?: string | null) => api.get<Page<Ticket>>(`/api/v1/ticket-views/${enc(id)}/tickets`, { limit: 50, cursor: cursor ?? undefined }),
  createView: (body: ViewBody) => api.post<TicketViewDef>('/api/v1/ticket-views', body),
  updateView: (id: string, body: Partial<ViewBody>) => api.patch<TicketViewDef>(`/api/v1/ticket-views/${enc(id)}`, body),
  removeView: (id: string) => api.del<null>(`/api/v1/ticket-views/${enc(id)}`),

  macros: (p: { q?: string; cursor?: string | null } = {}) => api.get<Page<TicketMacro>>('/api/v1/ticket-macros', { limit: 100, q: p.q?.trim() || undefined, cursor: p.cursor ?? undefined }),
  createMacro: (body: MacroBody) => api.post<TicketMacro>('/api/v1/ticket-macros', body),
  updateMacro: (id: string, body: Partial<MacroBody>) => api.patch<TicketMacro>(`/api/v1/ticket-macros/${enc(id)}`, body),
  removeMacro: (id: string) => api.del<null>(`/api/v1/ticket-macros/${enc(id)}`),

  fields: (cursor?: string | null) => api.get<Page<TicketField>>('/api/v1/ticket-fields', { limit: 200, cursor: cursor ?? undefined }),
  createField: (body: { key: string; label: string; type: TicketFieldType; options?: string[]; required?: boolean }) => api.post<TicketField>('/api/v1/ticket-fields', body),
  updateField: (id: string, body: { label?: string; options?: string[]; required?: boolean }) => api.patch<TicketField>(`/api/v1/ticket-fields/${enc(id)}`, body),
  removeField: (id: string) => api.del<null>(`/api/v1/ticket-fields/${enc(id)}`),
};
