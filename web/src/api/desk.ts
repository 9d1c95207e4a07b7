import type { z } from 'zod';
import type { Conversation, Message } from '../../../src/contracts/conversations.ts';
import type { CannedResponse, DeskConversation, Disposition, WrapUp, cannedBody, dispositionBody } from '../../../src/contracts/desk.ts';
import type { Page } from '../../../src/contracts/common.ts';
import { api } from './client.ts';

const enc = encodeURIComponent;
export type CannedBody = z.input<typeof cannedBody>;
export type DispositionBody = z.input<typeof dispositionBody>;
export type { CannedResponse, DeskConversation, Disposition, WrapUp };

/** The agent desk: the agent's chats, read markers, notes with mentions, canned responses, dispositions, wrap-up. */
export const deskApi = {
  mine: async () => (await api.get<{ items: DeskConversation[] }>('/api/v1/desk/conversations', { limit: 50 })).items,
  markRead: (conversationId: string, seq: number) => api.put<{ conversationId: string; seq: number; unread: number }>(`/api/v1/conversations/${enc(conversationId)}/read`, { seq }),
  note: (conversationId: string, body: { text: string; mentionIds: string[]; attachmentIds?: string[] }) => api.post<Message>(`/api/v1/conversations/${enc(conversationId)}/notes`, body),
  wrapUp: (conversationId: string, body: { dispositionCode?: string; note?: string }) =>
    api.post<{ conversation: Conversation; wrapUp: WrapUp }>(`/api/v1/conversations/${enc(conversationId)}/wrap-up`, body),
  setTags: (conversationId: string, tags: string[]) => api.patch<Conversation>(`/api/v1/conversations/${enc(conversationId)}`, { tags }),

  canned: (q?: string, cursor?: string | null) => api.get<Page<CannedResponse>>('/api/v1/canned-responses', { limit: 200, q: q?.trim() || undefined, cursor: cursor ?? undefined }),
  createCanned: (body: CannedBody) => api.post<CannedResponse>('/api/v1/canned-responses', body),
  updateCanned: (id: string, body: Partial<CannedBody>) => api.patch<CannedResponse>(`/api/v1/canned-responses/${enc(id)}`, body),
  removeCanned: (id: string) => api.del<null>(`/api/v1/canned-responses/${enc(id)}`),
  renderCanned: (id: string, conversationId: string) => api.post<{ text: string; unknown: string[] }>(`/api/v1/canned-responses/${enc(id)}/render`, { conversationId }),

  dispositions: async (includeInactive = false) => (await api.get<{ items: Disposition[] }>('/api/v1/dispositions', { includeInactive: includeInactive ? 'true' : undefined })).items,
  createDisposition: (body: DispositionBody) => api.post<Disposition>('/api/v1/dispositions', body),
  updateDisposition: (id: string, body: Partial<DispositionBody>) => api.patch<Disposition>(`/api/v1/dispositions/${enc(id)}`, body),
  removeDisposition: (id: string) => api.del<null>(`/api/v1/dispositions/${enc(id)}`),
};
