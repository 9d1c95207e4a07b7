import type { z } from 'zod';
import type {
  agentProfilePatch,
  liveView,
  presenceBody,
  queueBody,
  queuePatch,
  skillMatrixBody,
  traceEntry,
  workflow,
  workflowBody,
  workflowTestBody,
  workflowTestResult,
  AgentProfile,
  OfferDto,
  Queue,
  Skill,
  Task,
} from '../../../src/contracts/routing.ts';
import { api } from './client.ts';

const enc = encodeURIComponent;

export type QueueBody = z.input<typeof queueBody>;
export type QueuePatch = z.input<typeof queuePatch>;
export type AgentPatch = z.input<typeof agentProfilePatch>;
export type MatrixCell = z.input<typeof skillMatrixBody>['cells'][number];
export type PresenceBody = z.input<typeof presenceBody>;
export type Workflow = z.infer<typeof workflow>;
export type WorkflowRules = z.input<typeof workflowBody>['rules'];
export type WorkflowRule = WorkflowRules[number];
export type WorkflowTarget = WorkflowRule['targets'][number];
export type WorkflowTestBody = z.input<typeof workflowTestBody>;
export type WorkflowTestResult = z.infer<typeof workflowTestResult>;
export type TraceEntry = z.infer<typeof traceEntry>;
export type LiveView = z.infer<typeof liveView>;
export type { AgentProfile, OfferDto, Queue, Skill, Task };

/** A list answer: `{ items, nextCursor? }` (a bare array is accepted too). */
export interface List<T> {
  items: T[];
  nextCursor: string | null;
}
type ListLike<T> = T[] | { items: T[]; nextCursor?: string | null };
const list = <T>(x: ListLike<T>): List<T> => (Array.isArray(x) ? { items: x, nextCursor: null } : { items: x.items ?? [], nextCursor: x.nextCursor ?? null });

export type TaskListStatus = 'waiting' | 'active' | 'ended';

/** Routing: set-up (admins), the agent's presence and offers, supervisors' live view, tasks and traces. */
export const routingApi = {
  skills: async () => list(await api.get<ListLike<Skill>>('/api/v1/routing/skills')),
  createSkill: (name: string) => api.post<Skill>('/api/v1/routing/skills', { name }),
  renameSkill: (id: string, name: string) => api.patch<Skill>(`/api/v1/routing/skills/${enc(id)}`, { name }),
  removeSkill: (id: string) => api.del<null>(`/api/v1/routing/skills/${enc(id)}`),

  queues: async (p: { q?: string; cursor?: string | null; limit?: number } = {}) =>
    list(await api.get<ListLike<Queue>>('/api/v1/routing/queues', { limit: p.limit ?? 50, q: p.q?.trim() || undefined, cursor: p.cursor ?? undefined })),
  queue: (id: string) => api.get<Queue>(`/api/v1/routing/queues/${enc(id)}`),
  createQueue: (body: QueueBody) => api.post<Queue>('/api/v1/routing/queues', body),
  updateQueue: (id: string, body: QueuePatch) => api.patch<Queue>(`/api/v1/routing/queues/${enc(id)}`, body),
  removeQueue: (id: string) => api.del<null>(`/api/v1/routing/queues/${enc(id)}`),

  agents: async () => list(await api.get<ListLike<AgentProfile>>('/api/v1/routing/agents')),
  updateAgent: (userId: string, body: AgentPatch) => api.patch<AgentProfile>(`/api/v1/routing/agents/${enc(userId)}`, body),
  setAgentPresence: (userId: string, body: PresenceBody) => api.put<AgentProfile>(`/api/v1/routing/agents/${enc(userId)}/presence`, body),
  saveMatrix: (cells: MatrixCell[]) => api.put<unknown>('/api/v1/routing/skill-matrix', { cells }),

  workflow: () => api.get<Workflow>('/api/v1/routing/workflow'),
  saveWorkflow: (rules: WorkflowRules) => api.put<Workflow>('/api/v1/routing/workflow', { rules }),
  workflowVersions: async () => list(await api.get<ListLike<Omit<Workflow, 'rules'> & { rules?: unknown }>>('/api/v1/routing/workflow/versions')),
  testWorkflow: (body: WorkflowTestBody) => api.post<WorkflowTestResult>('/api/v1/routing/workflow/test', body),

  me: () => api.get<AgentProfile>('/api/v1/routing/me'),
  setPresence: (body: PresenceBody) => api.put<AgentProfile>('/api/v1/routing/me/presence', body),
  offers: async () => list(await api.get<ListLike<OfferDto>>('/api/v1/routing/offers')),
  accept: (offerId: string) => api.post<unknown>(`/api/v1/routing/offers/${enc(offerId)}/accept`, {}),
  reject: (offerId: string) => api.post<unknown>(`/api/v1/routing/offers/${enc(offerId)}/reject`, {}),

  tasks: async (p: { queueId?: string; status?: TaskListStatus; sourceId?: string; cursor?: string | null; limit?: number } = {}) =>
    list(
      await api.get<ListLike<Task>>('/api/v1/routing/tasks', {
        queueId: p.queueId || undefined,
        status: p.status ?? 'waiting',
        sourceId: p.sourceId || undefined,
        limit: p.limit ?? 50,
        cursor: p.cursor ?? undefined,
      }),
    ),
  task: (id: string) => api.get<Task>(`/api/v1/routing/tasks/${enc(id)}`),
  trace: async (id: string) => list(await api.get<ListLike<TraceEntry>>(`/api/v1/routing/tasks/${enc(id)}/trace`)).items,
  pick: (id: string) => api.post<Task>(`/api/v1/routing/tasks/${enc(id)}/pick`, {}),
  transfer: (id: string, body: { toUserId?: string; toQueueId?: string; note?: string }) => api.post<Task>(`/api/v1/routing/tasks/${enc(id)}/transfer`, body),
  escalate: (id: string, note?: string) => api.post<Task>(`/api/v1/routing/tasks/${enc(id)}/escalate`, note ? { note } : {}),
  assign: (id: string, userId: string) => api.post<Task>(`/api/v1/routing/tasks/${enc(id)}/assign`, { userId }),
  move: (id: string, queueId: string) => api.post<Task>(`/api/v1/routing/tasks/${enc(id)}/move`, { queueId }),
  wrapUpDone: (id: string) => api.post<Task>(`/api/v1/routing/tasks/${enc(id)}/wrap-up-done`, {}),

  live: () => api.get<LiveView>('/api/v1/routing/live'),
};

/** Every queue (all pages), for pickers and names. */
export async function allQueues(): Promise<Queue[]> {
  const out: Queue[] = [];
  let cursor: string | null = null;
  do {
    const page: List<Queue> = await routingApi.queues({ cursor, limit: 100 });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && out.length < 2000);
  return out;
}
