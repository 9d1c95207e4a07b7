import type { z } from 'zod';
import type { Page } from '../../../src/contracts/common.ts';
import type { FlowDto, FlowIssue, FlowVersionDto, IntentDto, assignmentDto, simulateResult } from '../../../src/core/flows-runtime/contracts.ts';
import type { FlowDefinitionInput } from '../../../src/core/flows/schema.ts';
import { api } from './client.ts';

const enc = encodeURIComponent;
export type Flow = FlowDto;
export type FlowVersion = FlowVersionDto;
export type { FlowIssue };
export type Intent = IntentDto;
export type Assignment = z.infer<typeof assignmentDto>;
export type SimulateResult = z.infer<typeof simulateResult>;
export type SimInput = { kind: 'start'; language?: string } | { kind: 'text'; text: string } | { kind: 'choice'; key: string };

/** Flows (chatbot): list, drafts, publish, validate, simulate, inbox assignment, intents, HTTP allow-list. */
export const flowsApi = {
  list: (q: string, cursor: string | null) => api.get<Page<Flow>>('/api/v1/flows', { limit: 25, q: q.trim() || undefined, cursor: cursor ?? undefined }),
  get: (id: string) => api.get<Flow>(`/api/v1/flows/${enc(id)}`),
  create: (body: { name: string; description?: string }) => api.post<Flow>('/api/v1/flows', body),
  update: (id: string, body: { name?: string; description?: string }) => api.patch<Flow>(`/api/v1/flows/${enc(id)}`, body),
  remove: (id: string) => api.del<null>(`/api/v1/flows/${enc(id)}`),
  versions: async (id: string) => (await api.get<{ items: FlowVersion[] }>(`/api/v1/flows/${enc(id)}/versions`)).items,
  current: (id: string) => api.get<FlowVersion & { definition: FlowDefinitionInput }>(`/api/v1/flows/${enc(id)}/current`),
  version: (id: string, v: number) => api.get<FlowVersion & { definition: FlowDefinitionInput }>(`/api/v1/flows/${enc(id)}/versions/${v}`),
  saveDraft: (id: string, definition: unknown) => api.put<{ version: FlowVersion; issues: FlowIssue[] }>(`/api/v1/flows/${enc(id)}/draft`, { definition }),
  publish: (id: string) => api.post<FlowVersion>(`/api/v1/flows/${enc(id)}/publish`, {}),
  validate: (definition: unknown) => api.post<{ ok: boolean; issues: FlowIssue[] }>('/api/v1/flows/validate', { definition }),
  simulate: (definition: unknown, state: unknown, input: SimInput) => api.post<SimulateResult>('/api/v1/flows/simulate', { definition, state, input }),

  assignments: async () => (await api.get<{ items: Assignment[] }>('/api/v1/flow-assignments')).items,
  assign: (inboxId: string, flowId: string | null) => api.put<Assignment>(`/api/v1/inboxes/${enc(inboxId)}/flow`, { flowId }),

  intents: (q: string, cursor: string | null) => api.get<Page<Intent>>('/api/v1/flow-intents', { limit: 50, q: q.trim() || undefined, cursor: cursor ?? undefined }),
  createIntent: (body: { name: string; examples: string[] }) => api.post<Intent>('/api/v1/flow-intents', body),
  updateIntent: (id: string, body: { name?: string; examples?: string[] }) => api.patch<Intent>(`/api/v1/flow-intents/${enc(id)}`, body),
  removeIntent: (id: string) => api.del<null>(`/api/v1/flow-intents/${enc(id)}`),

  hosts: async () => (await api.get<{ hosts: string[] }>('/api/v1/flow-allowed-hosts')).hosts,
  setHosts: async (hosts: string[]) => (await api.put<{ hosts: string[] }>('/api/v1/flow-allowed-hosts', { hosts })).hosts,
};
