import type { EventDraft } from '../../storage/events.repo.ts';
import type { Repos } from '../../storage/repos.ts';
import type { AgentRow } from '../../storage/routing-agents.repo.ts';
import type { QueueRow, WorkflowRow } from '../../storage/routing-queues.repo.ts';
import type { TaskRow } from '../../storage/routing-tasks.repo.ts';
import type { Principal } from '../auth/principal.ts';
import { conversationTopics } from '../conversations/intake.ts';
import type { CoreDeps } from '../deps.ts';
import { draftEvent } from '../events/draft.ts';
import { conflict, notFound } from '../errors.ts';
import { estimateWaitMs } from './eta.ts';
import { agedPriority } from './engine-model.ts';
import { routingEvents, taskEventTopics } from './events.ts';
import { capacityChannelOf, capacityChannels, type CapacityChannel, type RoutingAgent, type TaskKind, type TraceEntry } from './types.ts';

export type Activity = 'available' | 'on_task' | 'wrap_up' | 'away' | 'offline';

/** A task as the API shows it: the row plus its place in line and estimated wait while waiting. */
export interface TaskView extends TaskRow {
  position: number | null;
  estimatedWaitSeconds: number | null;
}

export const isSupervisor = (p: Principal) => p.permissions.has('routing.supervise');

/** Default offer timeout when the queue sets none: chat 30 s, call 20 s, others 60 s. */
export function offerTimeoutMs(kind: TaskKind, queue: QueueRow | undefined): number {
  if (queue?.offerTimeoutMs) return queue.offerTimeoutMs;
  return kind === 'chat' ? 30_000 : kind === 'call' ? 20_000 : 60_000;
}

export interface AgentView extends AgentRow {
  activity: Activity;
}
export const withActivity = (a: AgentRow, now: Date): AgentView => ({ ...a, activity: activityOf(a, now) });

export function activityOf(a: AgentRow, now: Date): Activity {
  if (a.presence !== 'available') return a.presence;
  if (a.wrapUps > 0 || (a.wrapUpUntil && a.wrapUpUntil > now)) return 'wrap_up';
  return capacityChannels.some((c) => a.load[c] > 0) ? 'on_task' : 'available';
}

/** Does the agent serve the queue (a queue without teams is served by everyone)? */
export const serves = (a: { teamIds: readonly string[] }, q: { teamIds: readonly string[] }) => q.teamIds.length === 0 || q.teamIds.some((t) => a.teamIds.includes(t));

/** Room for one more task of this kind: capacity left on its channel class, voice exclusive. */
export function hasRoom(a: { load: Record<CapacityChannel, number>; capacity: Record<CapacityChannel, number> }, kind: TaskKind): boolean {
  const ch = capacityChannelOf[kind];
  if (a.load[ch] >= a.capacity[ch]) return false;
  const total = capacityChannels.reduce((s, c) => s + a.load[c], 0);
  if (ch === 'voice') return total === 0;
  return a.load.voice === 0;
}

/** Share of capacity in use, 0..1 (least busy ranks by it). */
export function busyShare(a: { load: Record<CapacityChannel, number>; capacity: Record<CapacityChannel, number> }): number {
  const cap = capacityChannels.reduce((s, c) => s + a.capacity[c], 0);
  const used = capacityChannels.reduce((s, c) => s + a.load[c], 0);
  return cap === 0 ? 1 : used / cap;
}

/** The engine's view of an agent, for workflow selectors. */
export function toRoutingAgent(a: AgentRow): RoutingAgent {
  return {
    id: a.userId, name: a.name, presence: a.presence, awayReason: a.awayReason, presenceSince: a.presenceSince.getTime(),
    wrapUpUntil: a.wrapUpUntil?.getTime() ?? 0, idleSince: a.idleSince.getTime(), skills: Object.fromEntries(a.skills.map((s) => [s.skill, s.level])),
    languages: a.languages, teamIds: a.teamIds, capacity: a.capacity, missedInRow: a.missedInRow, role: a.role,
  };
}

/** Builds task events: the common payload fields and topics (tenant, wallboard, agents concerned, conversation). */
export function taskEvent(d: CoreDeps, p: Principal | null, t: TaskRow, type: string, extra: Record<string, unknown>, users: (string | null | undefined)[] = []): EventDraft {
  return draftEvent(d.newId, {
    type, aggregateType: 'task', aggregateId: t.id, actorId: p?.userId ?? null,
    topics: taskEventTopics(t, [t.assignedUserId, ...users]),
    payload: { taskId: t.id, queueId: t.queueId, kind: t.kind, channel: (t.attributes.channel as string | undefined) ?? null, sourceType: t.sourceType, sourceId: t.sourceId, ...extra },
  });
}

export function configEvent(d: CoreDeps, p: Principal, what: 'queue' | 'skill' | 'agent' | 'workflow', id: string, extraTopics: string[] = []): EventDraft {
  return draftEvent(d.newId, { type: routingEvents.routingConfigChanged, aggregateType: 'routing', aggregateId: p.tenantId, actorId: p.userId, topics: ['tenant', ...extraTopics], payload: { what, id } });
}

export async function addTrace(d: CoreDeps, r: Repos, tenantId: string, taskId: string, entries: TraceEntry[]): Promise<void> {
  await r.routingTasks.appendTrace(tenantId, taskId, entries.map((entry) => ({ id: d.newId(), entry })));
}

export async function lockTask(r: Repos, tenantId: string, id: string): Promise<TaskRow> {
  const t = await r.routingTasks.lock(tenantId, id);
  if (!t) throw notFound('Task');
  return t;
}

const statusWords: Record<string, string> = {
  queued: 'waiting in its queue', offered: 'on offer to an agent right now', assigned: 'already assigned', wrap_up: 'in wrap-up',
  completed: 'completed', abandoned: 'abandoned by the customer', overflowed: 'overflowed out of routing', cancelled: 'cancelled',
};
export const taskConflict = (t: TaskRow, what: string) => conflict(`The task is ${statusWords[t.status] ?? t.status}, so it cannot be ${what}; reload and try again`);

/**
 * Sets (or clears) a conversation task's conversation assignee with its conversation.assigned event,
 * like the conversations service does; nothing for other sources or when it is already so.
 */
export async function setConversationAssignee(d: CoreDeps, r: Repos, p: Principal, t: TaskRow, to: string | null, now: Date): Promise<EventDraft[]> {
  if (t.sourceType !== 'conversation' || !t.sourceId) return [];
  const conv = await r.conversations.byId(p.tenantId, t.sourceId);
  if (!conv || conv.assigneeId === to) return [];
  await r.conversations.update(p.tenantId, conv.id, { assigneeId: to }, now);
  // No actor: the routing leader reads an assignment with an actor as a person's manual one (intake.ts);
  // who did it is in the payload and in the task event beside it.
  return [draftEvent(d.newId, {
    type: 'conversation.assigned', aggregateType: 'conversation', aggregateId: conv.id, actorId: null,
    topics: conversationTopics(conv.id, conv.assigneeId, to), payload: { from: conv.assigneeId, to, via: 'routing', taskId: t.id, byUserId: p.userId },
  })];
}

/** An internal note on the task's conversation (transfer and escalation notes), with its message.created event. */
export async function conversationNote(d: CoreDeps, r: Repos, p: Principal, t: TaskRow, text: string, now: Date): Promise<EventDraft[]> {
  if (t.sourceType !== 'conversation' || !t.sourceId) return [];
  const conv = await r.conversations.byId(p.tenantId, t.sourceId);
  if (!conv) return [];
  const messageId = d.newId();
  const seq = await r.conversations.nextSeq(p.tenantId, conv.id, now);
  await r.messages.insert({
    id: messageId, tenantId: p.tenantId, conversationId: conv.id, inboxId: conv.inboxId, seq, direction: 'note', authorUserId: p.userId,
    text, html: null, providerMessageId: null, deliveryStatus: 'received', at: now,
  });
  return [draftEvent(d.newId, {
    type: 'message.created', aggregateType: 'message', aggregateId: messageId, actorId: p.userId, topics: conversationTopics(conv.id, conv.assigneeId),
    payload: { conversationId: conv.id, inboxId: conv.inboxId, customerId: conv.customerId, seq, direction: 'note', authorUserId: p.userId, text: text.slice(0, 1000) },
  })];
}

/** The priority boost of the task's current target, from the workflow version it was routed by. */
function boostOf(t: TaskRow, workflows: Map<number, WorkflowRow | undefined>): number {
  if (t.workflowVersion === null || !t.ruleId) return 0;
  const rule = workflows.get(t.workflowVersion)?.rules.find((x) => x.id === t.ruleId);
  return rule?.targets[t.targetIndex]?.priorityBoost ?? 0;
}

/**
 * Positions of the waiting tasks of a queue, in the engine's order: effective priority (priority +
 * target boost + aging x minutes waited) high first, then enqueued first, then id.
 */
export async function queuePositions(r: Repos, tenantId: string, queue: QueueRow, now: Date): Promise<Map<string, number>> {
  const waiting = await r.routingTasks.waitingIn(tenantId, queue.id);
  const versions = new Map<number, WorkflowRow | undefined>();
  for (const t of waiting) if (t.workflowVersion !== null && !versions.has(t.workflowVersion)) versions.set(t.workflowVersion, await r.routingQueues.workflowVersion(tenantId, t.workflowVersion));
  const eff = (t: TaskRow) => agedPriority(t.priority + boostOf(t, versions), queue.agingPerMinute, now.getTime() - t.enqueuedAt.getTime());
  const keyed = waiting.map((t) => ({ t, e: eff(t) }));
  keyed.sort((a, b) => b.e - a.e || a.t.enqueuedAt.getTime() - b.t.enqueuedAt.getTime() || (a.t.id < b.t.id ? -1 : a.t.id > b.t.id ? 1 : 0));
  return new Map(keyed.map((k, i) => [k.t.id, i + 1]));
}

/** Agents serving a queue now (available or on a task), at least 1 for the estimate. */
export const servingCount = (agents: AgentRow[], q: QueueRow, now: Date) =>
  agents.filter((a) => a.active && serves(a, q) && ['available', 'on_task', 'wrap_up'].includes(activityOf(a, now))).length;

/** Adds position and estimated wait to tasks (computed once per queue). */
export async function withPositions(r: Repos, tenantId: string, tasks: TaskRow[], now: Date): Promise<TaskView[]> {
  const queueIds = [...new Set(tasks.filter((t) => t.queueId && (t.status === 'queued' || t.status === 'offered')).map((t) => t.queueId!))];
  const info = new Map<string, { pos: Map<string, number>; handle: number[]; serving: number }>();
  if (queueIds.length > 0) {
    const agents = await r.routingAgents.profiles(tenantId, { activeOnly: true });
    for (const qid of queueIds) {
      const q = await r.routingQueues.byId(tenantId, qid);
      if (!q) continue;
      info.set(qid, { pos: await queuePositions(r, tenantId, q, now), handle: await r.routingTasks.recentHandleMs(tenantId, qid), serving: servingCount(agents, q, now) });
    }
  }
  return tasks.map((t) => {
    const i = t.queueId ? info.get(t.queueId) : undefined;
    const position = (t.status === 'queued' || t.status === 'offered') ? (i?.pos.get(t.id) ?? null) : null;
    const ms = position === null || !i ? null : estimateWaitMs({ position, recentHandleMs: i.handle, agentsServing: i.serving });
    return { ...t, position, estimatedWaitSeconds: ms === null ? null : Math.ceil(ms / 1000) };
  });
}
