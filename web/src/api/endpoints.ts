import type { ApiToken, MeResponse, Role, Session, TokenScope, User } from '../../../src/contracts/auth.ts';
import type { Language, Page } from '../../../src/contracts/common.ts';
import type { Conversation, ConversationStatus, Inbox, Message, Priority } from '../../../src/contracts/conversations.ts';
import type { Customer } from '../../../src/contracts/customers.ts';
import type { Invitation, Team } from '../../../src/contracts/users.ts';
import { api } from './client.ts';

export interface AuditEntry {
  id: string;
  action: string;
  actorId: string | null;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
  createdAt: string;
}

export interface InvitationLookup {
  email: string;
  name: string;
  workspace: string;
  expiresAt: string;
}

export interface ListParams {
  limit?: number;
  cursor?: string | null;
  q?: string;
}

const enc = encodeURIComponent;
const PAGE = 50;

function list(params: ListParams = {}) {
  return { limit: params.limit ?? PAGE, cursor: params.cursor ?? undefined, q: params.q?.trim() || undefined };
}

/** Some list endpoints may answer with a bare array; treat it as a single page. */
function asPage<T>(data: Page<T> | T[]): Page<T> {
  return Array.isArray(data) ? { items: data, nextCursor: null } : data;
}

export const authApi = {
  me: () => api.get<MeResponse>('/api/v1/auth/me'),
  login: (body: { email: string; password: string; workspace?: string }) => api.post<unknown>('/api/v1/auth/login', body),
  logout: () => api.post<unknown>('/api/v1/auth/logout'),
};

export const invitationsApi = {
  lookup: (token: string) => api.get<InvitationLookup>(`/api/v1/invitations/${enc(token)}`),
  accept: (token: string, body: { password: string; name?: string; language?: Language }) =>
    api.post<unknown>(`/api/v1/invitations/${enc(token)}/accept`, body),
};

export const meApi = {
  update: (body: { name?: string; language?: Language }) => api.patch<unknown>('/api/v1/me', body),
  changePassword: (body: { currentPassword: string; newPassword: string }) =>
    api.post<unknown>('/api/v1/me/password', body),
  sessions: async (params?: ListParams) => asPage(await api.get<Page<Session> | Session[]>('/api/v1/me/sessions', list(params))),
  revokeSession: (id: string) => api.del<unknown>(`/api/v1/me/sessions/${enc(id)}`),
};

export const usersApi = {
  list: async (params?: ListParams) => asPage(await api.get<Page<User> | User[]>('/api/v1/users', list(params))),
  invite: (body: { email: string; name: string; role: Role; teamIds: string[] }) =>
    api.post<{ invitation: Invitation; link: string }>('/api/v1/users/invitations', body),
  update: (id: string, body: { role?: Role; active?: boolean; name?: string }) =>
    api.patch<User>(`/api/v1/users/${enc(id)}`, body),
};

export const teamsApi = {
  list: async (params?: ListParams) => asPage(await api.get<Page<Team> | Team[]>('/api/v1/teams', list(params))),
  create: (body: { name: string; description: string }) => api.post<Team>('/api/v1/teams', body),
  update: (id: string, body: { name?: string; description?: string }) => api.patch<Team>(`/api/v1/teams/${enc(id)}`, body),
  remove: (id: string) => api.del<unknown>(`/api/v1/teams/${enc(id)}`),
  members: async (id: string, params?: ListParams) =>
    asPage(await api.get<Page<User> | User[]>(`/api/v1/teams/${enc(id)}/members`, list(params))),
  addMember: (id: string, userId: string) => api.put<unknown>(`/api/v1/teams/${enc(id)}/members/${enc(userId)}`),
  removeMember: (id: string, userId: string) => api.del<unknown>(`/api/v1/teams/${enc(id)}/members/${enc(userId)}`),
};

export const tokensApi = {
  list: async (params?: ListParams) => asPage(await api.get<Page<ApiToken> | ApiToken[]>('/api/v1/tokens', list(params))),
  create: (body: { name: string; scope: TokenScope }) => api.post<{ token: ApiToken; secret: string }>('/api/v1/tokens', body),
  revoke: (id: string) => api.del<unknown>(`/api/v1/tokens/${enc(id)}`),
};

export const auditApi = {
  list: async (params?: ListParams) => asPage(await api.get<Page<AuditEntry> | AuditEntry[]>('/api/v1/audit', list(params))),
};

export interface CustomerPatch {
  name?: string;
  language?: string | null;
  timeZone?: string | null;
  company?: string | null;
  tags?: string[];
}

export const customersApi = {
  list: async (params?: ListParams) => asPage(await api.get<Page<Customer> | Customer[]>('/api/v1/customers', list(params))),
  get: (id: string) => api.get<Customer>(`/api/v1/customers/${enc(id)}`),
  update: (id: string, body: CustomerPatch) => api.patch<Customer>(`/api/v1/customers/${enc(id)}`, body),
};

export interface ConversationFilter {
  status?: ConversationStatus;
  assigneeId?: string;
  customerId?: string;
  inboxId?: string;
}

export interface ConversationPatch {
  status?: ConversationStatus;
  snoozedUntil?: string;
  priority?: Priority;
  assigneeId?: string | null;
}

export const conversationsApi = {
  list: async (filter: ConversationFilter, params?: ListParams) =>
    asPage(await api.get<Page<Conversation>>('/api/v1/conversations', { ...list(params), q: undefined, ...filter })),
  get: (id: string) => api.get<Conversation>(`/api/v1/conversations/${enc(id)}`),
  update: (id: string, body: ConversationPatch) => api.patch<Conversation>(`/api/v1/conversations/${enc(id)}`, body),
  /** Messages with seq greater than `after` (a seq, or a nextCursor from an earlier page), oldest first. */
  /** `after`: a seq (messages after it) or a nextCursor from the previous page. */
  messages: (id: string, after: number | string, limit = PAGE) =>
    api.get<Page<Message>>(`/api/v1/conversations/${enc(id)}/messages`, {
      limit,
      ...(typeof after === 'string' ? { cursor: after } : after > 0 ? { afterSeq: after } : {}),
    }),
  post: (id: string, body: { kind: 'reply' | 'note'; text: string }) => api.post<Message>(`/api/v1/conversations/${enc(id)}/messages`, body),
};

export const inboxesApi = {
  list: async () => asPage(await api.get<Page<Inbox>>('/api/v1/inboxes', { limit: 200 })),
};
