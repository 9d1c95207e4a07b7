import type { TaskAttributes, TaskKind } from './types.ts';

/**
 * Task intake, pure: which committed events create, end or change a routing task, and the
 * attributes a task gets from its conversation, customer and inbox. The runner
 * (src/jobs/routing-runner.ts) reads events in order and does what these functions say.
 * Design: docs/decisions/013-routing.md ("Tasks come from events").
 */

export interface IntakeEvent {
  id: string;
  type: string;
  aggregateId: string;
  actorId: string | null;
  payload: Record<string, unknown>;
}

/** What an event means for routing. */
export type IntakeAction =
  /** A conversation may need a task (created, reopened, customer wrote): check its state, then create one. */
  | { kind: 'consider_conversation'; conversationId: string }
  /** The conversation was resolved: end its live task. */
  | { kind: 'end_conversation'; conversationId: string }
  /** A person set the conversation's assignee: the live task is assigned to them (manual). */
  | { kind: 'assigned_by_person'; conversationId: string; userId: string; actorId: string }
  /** A person removed the conversation's assignee: its assigned task goes back in line at its original place. */
  | { kind: 'unassigned_by_person'; conversationId: string; actorId: string }
  /** The service changed a task (accepted, picked, transferred...): re-read it. */
  | { kind: 'task_changed'; taskId: string }
  /** An agent's profile, presence, teams or account changed: re-read them. */
  | { kind: 'agent_changed'; userId: string; deactivated: boolean }
  /** A session of the user ended (sign-out, revoked): with none left, the agent goes offline. */
  | { kind: 'signed_out'; userId: string }
  /** Queues, skills or the workflow changed. */
  | { kind: 'config_changed'; what: 'queue' | 'skill' | 'agent' | 'workflow' | 'team'; id: string | null };

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** Task events the runner itself writes: mirrored already, nothing to re-read. */
export const runnerTaskEvents = new Set(['task.queued', 'task.offered', 'task.offer_expired', 'task.target_changed', 'task.overflowed', 'task.position_changed']);

/** Maps one committed event to what routing must do about it (null: nothing). */
export function intakeAction(e: IntakeEvent): IntakeAction | null {
  const p = e.payload;
  switch (e.type) {
    case 'conversation.created':
    case 'conversation.reopened':
      return { kind: 'consider_conversation', conversationId: e.aggregateId };
    case 'conversation.status_changed':
      if (p.to === 'resolved') return { kind: 'end_conversation', conversationId: e.aggregateId };
      // A snoozed or pending conversation the customer woke up, or an agent reopened.
      if (p.to === 'open') return { kind: 'consider_conversation', conversationId: e.aggregateId };
      return null;
    case 'message.created': {
      const conversationId = str(p.conversationId);
      if (p.direction !== 'inbound' || !conversationId) return null;
      // Written to a conversation someone had: no task to make (an unassignment is its own event).
      if (str(p.assigneeId)) return null;
      return { kind: 'consider_conversation', conversationId };
    }
    case 'conversation.assigned': {
      const to = str(p.to);
      // Only a person's assignment; routing's own auto-accept writes the assignee with no actor.
      if (!e.actorId) return null;
      if (!to) return { kind: 'unassigned_by_person', conversationId: e.aggregateId, actorId: e.actorId };
      return { kind: 'assigned_by_person', conversationId: e.aggregateId, userId: to, actorId: e.actorId };
    }
    case 'agent.presence_changed': {
      const userId = str(p.userId) ?? e.aggregateId;
      return { kind: 'agent_changed', userId, deactivated: false };
    }
    case 'user.updated':
      return { kind: 'agent_changed', userId: e.aggregateId, deactivated: p.active === false };
    case 'session.revoked':
      return { kind: 'signed_out', userId: e.aggregateId };
    case 'user.joined':
      return { kind: 'agent_changed', userId: e.aggregateId, deactivated: false };
    case 'team.member_added':
    case 'team.member_removed': {
      const userId = str(p.userId);
      return userId ? { kind: 'agent_changed', userId, deactivated: false } : null;
    }
    case 'team.deleted':
      return { kind: 'config_changed', what: 'team', id: e.aggregateId };
    case 'routing.config_changed': {
      const what = p.what;
      if (what === 'queue' || what === 'skill' || what === 'workflow' || what === 'team') return { kind: 'config_changed', what, id: str(p.id) };
      if (what === 'agent') {
        const id = str(p.id);
        return id ? { kind: 'agent_changed', userId: id, deactivated: false } : { kind: 'config_changed', what: 'agent', id: null };
      }
      return null;
    }
    default:
      if (e.type.startsWith('task.') && !runnerTaskEvents.has(e.type)) {
        const taskId = str(p.taskId) ?? e.aggregateId;
        return { kind: 'task_changed', taskId };
      }
      return null;
  }
}

export interface ConversationFacts {
  status: 'open' | 'pending' | 'snoozed' | 'resolved';
  assigneeId: string | null;
}

/** A conversation needs a task when it is open, nobody has it, and it has no live task already. */
export function needsTask(c: ConversationFacts, hasLiveTask: boolean): boolean {
  return c.status === 'open' && c.assigneeId === null && !hasLiveTask;
}

/** The task kind of an inbox channel: its capacity class follows (types.ts capacityChannelOf). */
export function kindOfChannel(channel: string): TaskKind {
  switch (channel) {
    case 'voice':
      return 'call';
    case 'email':
      return 'email';
    case 'sms':
    case 'whatsapp':
    case 'messenger':
    case 'telegram':
      return 'messaging';
    default:
      // chat, and the API inbox (custom chat front ends)
      return 'chat';
  }
}

/** Base priority of a task (0..100) from the conversation's priority; a matching rule may set its own. */
export const priorityPoints: Record<string, number> = { low: 25, normal: 50, high: 75, urgent: 100 };

export interface TaskSourceFacts {
  conversation: { id: string; priority: string; tags: readonly string[]; teamId: string | null; inboxId: string; customerId: string; subject?: string | null };
  customer: { id: string; language: string | null; tags: readonly string[]; attributes: Record<string, unknown> } | null;
  inbox: { id: string; channel: string };
  /** The tenant's languages, first = default. */
  tenantLanguages: readonly string[];
  /** Ids of segments the customer is in, when known. */
  segments?: readonly string[];
}

/**
 * The task a conversation becomes: kind from the inbox channel; attributes `channel`, `kind`,
 * `language` (the customer's, else the tenant's first), `priority`, `tags` (the conversation's and
 * the customer's), `inboxId`, `teamId`, `customerId`, `segment`, `intent` (null for now) and
 * `custom.<name>` for every scalar custom attribute of the customer.
 */
export function taskFromConversation(f: TaskSourceFacts): { kind: TaskKind; priority: number; attributes: TaskAttributes } {
  const kind = kindOfChannel(f.inbox.channel);
  const tags = [...new Set([...f.conversation.tags, ...(f.customer?.tags ?? [])])];
  const attributes: Record<string, TaskAttributes[string]> = {
    channel: f.inbox.channel,
    kind,
    language: f.customer?.language ?? f.tenantLanguages[0] ?? 'en',
    priority: f.conversation.priority,
    tags,
    inboxId: f.inbox.id,
    teamId: f.conversation.teamId,
    customerId: f.conversation.customerId,
    segment: [...(f.segments ?? [])],
    intent: null,
  };
  for (const [k, v] of Object.entries(f.customer?.attributes ?? {})) {
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(k)) continue;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null) attributes[`custom.${k}`] = v;
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) attributes[`custom.${k}`] = v as string[];
  }
  return { kind, priority: priorityPoints[f.conversation.priority] ?? 50, attributes };
}

/** How a live task ends when its conversation is resolved. */
export function endOnResolve(status: string, wrapUpMs: number): 'completed' | 'wrap_up' | 'abandoned' | null {
  if (status === 'assigned') return wrapUpMs > 0 ? 'wrap_up' : 'completed';
  if (status === 'queued' || status === 'offered') return 'abandoned';
  if (status === 'wrap_up') return null;
  return null;
}
