import type { z } from 'zod';
import type { AgentProfile, OfferDto, Queue, Task, TraceEntryDto, liveView, workflow } from '../../contracts/routing.ts';
import type { AgentView, TaskView } from '../../core/routing/service-shared.ts';
import type { OfferView } from '../../core/routing/service-offers.ts';
import type { TraceEntry, TaskKind } from '../../core/routing/types.ts';
import type { QueueRow, WorkflowRow } from '../../storage/routing-queues.repo.ts';

export const queueDto = (q: QueueRow): Queue => ({
  id: q.id,
  name: q.name,
  strategy: q.strategy,
  stickyMinutes: q.stickyMs / 60_000,
  offerTimeoutSeconds: q.offerTimeoutMs === null ? null : Math.round(q.offerTimeoutMs / 1000),
  autoAccept: q.autoAccept,
  wrapUpSeconds: Math.round(q.wrapUpMs / 1000),
  agingPerMinute: q.agingPerMinute,
  calendarId: q.calendarId,
  teamIds: q.teamIds,
  createdAt: q.createdAt.toISOString(),
  updatedAt: q.updatedAt.toISOString(),
});

export const agentDto = (a: AgentView): AgentProfile => ({
  userId: a.userId,
  name: a.name,
  role: a.role,
  presence: a.presence,
  activity: a.activity,
  awayReason: a.awayReason,
  presenceSince: a.presenceSince.toISOString(),
  skills: a.skills,
  languages: a.languages,
  teamIds: a.teamIds,
  capacity: a.capacity,
  load: a.load,
  missedInRow: a.missedInRow,
});

export const taskDto = (t: TaskView): Task => ({
  id: t.id,
  kind: t.kind as TaskKind,
  sourceType: t.sourceType,
  sourceId: t.sourceId,
  attributes: t.attributes as Record<string, unknown>,
  priority: t.priority,
  status: t.status,
  queueId: t.queueId,
  ruleId: t.ruleId,
  targetIndex: t.targetIndex,
  assignedUserId: t.assignedUserId,
  enqueuedAt: t.enqueuedAt.toISOString(),
  assignedAt: t.assignedAt?.toISOString() ?? null,
  endedAt: t.endedAt?.toISOString() ?? null,
  endReason: t.endReason,
  position: t.position,
  estimatedWaitSeconds: t.estimatedWaitSeconds,
});

export const offerDto = (o: OfferView): OfferDto => ({
  id: o.id,
  taskId: o.taskId,
  userId: o.userId,
  offeredAt: o.offeredAt.toISOString(),
  expiresAt: o.expiresAt.toISOString(),
  status: o.status,
  task: taskDto(o.task),
});

export const traceDto = ({ candidates, ...e }: TraceEntry): TraceEntryDto => ({ ...e, at: new Date(e.at).toISOString(), ...(candidates && { candidates: [...candidates] }) });

export const workflowDto = (w: WorkflowRow | undefined): z.infer<typeof workflow> =>
  w
    ? { version: w.version, rules: w.rules as z.infer<typeof workflow>['rules'], createdAt: w.createdAt.toISOString(), createdBy: w.createdBy }
    : { version: 0, rules: [], createdAt: null, createdBy: null };

export const liveDto = (l: { queues: z.infer<typeof liveView>['queues']; agents: AgentView[]; at: Date }): z.infer<typeof liveView> => ({
  queues: l.queues,
  agents: l.agents.map(agentDto),
  at: l.at.toISOString(),
});
