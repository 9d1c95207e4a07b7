/**
 * Routing event names, shared by the service (people's actions) and the runner (the leader's
 * automatic decisions), so both write and follow the same types. Design: docs/decisions/013-routing.md.
 *
 * Task events: aggregateType 'task', aggregateId = task id; payload always carries taskId, queueId,
 * kind, channel, sourceType, sourceId plus the fields noted. Topics: 'tenant', 'wallboard',
 * `user:<agent>` of every agent concerned, `conversation:<sourceId>` for conversation tasks.
 */
export const routingEvents = {
  /** {priority, ruleId, targetIndex} (runner) */
  taskQueued: 'task.queued',
  /** {userId, offerId, expiresAt} (runner; service for transfer to an agent / escalate) */
  taskOffered: 'task.offered',
  /** {userId, offerId} */
  taskOfferExpired: 'task.offer_expired',
  /** {userId, offerId} */
  taskOfferRejected: 'task.offer_rejected',
  /** {userId, offerId, waitMs} waitMs = accepted at - enqueuedAt */
  taskAccepted: 'task.accepted',
  /** {userId, by: 'picked'|'manual'|'auto', waitMs} */
  taskAssigned: 'task.assigned',
  /** {fromUserId, toUserId?, toQueueId?, note?} */
  taskTransferred: 'task.transferred',
  /** {fromUserId, toUserId?, note?} */
  taskEscalated: 'task.escalated',
  /** {userId} */
  taskWrapUpStarted: 'task.wrap_up_started',
  /** {userId, handleMs} */
  taskCompleted: 'task.completed',
  /** {waitMs} */
  taskAbandoned: 'task.abandoned',
  taskCancelled: 'task.cancelled',
  /** {callbackNumber} a waiting customer asked to be called back: kind becomes 'callback', place kept (service) */
  taskCallbackRequested: 'task.callback_requested',
  /** {action} */
  taskOverflowed: 'task.overflowed',
  /** {queueId, targetIndex} */
  taskTargetChanged: 'task.target_changed',
  /** aggregate 'agent', id userId: {userId, from, to, reason} */
  agentPresenceChanged: 'agent.presence_changed',
  /** aggregate 'routing': {what: 'queue'|'skill'|'agent'|'workflow', id} */
  routingConfigChanged: 'routing.config_changed',
} as const;

export type RoutingEventName = (typeof routingEvents)[keyof typeof routingEvents];
export const routingEventNames: readonly RoutingEventName[] = Object.values(routingEvents);

/** Event types that concern a task (aggregateType 'task'). */
export const taskEventNames: readonly RoutingEventName[] = routingEventNames.filter((n) => n.startsWith('task.'));

export const routingAggregates = { task: 'task', agent: 'agent', routing: 'routing' } as const;

export type ConfigChangeWhat = 'queue' | 'skill' | 'agent' | 'workflow';

/** Fields every task event's payload carries. */
export interface TaskEventBase {
  taskId: string;
  queueId: string | null;
  kind: string;
  channel: string | null;
  sourceType: string | null;
  sourceId: string | null;
}

/** Topics of a task event: tenant, wallboard, each agent concerned and the conversation when the source is one. */
export function taskEventTopics(t: { sourceType: string | null; sourceId: string | null }, userIds: readonly (string | null | undefined)[] = []): string[] {
  const topics = ['tenant', 'wallboard'];
  for (const u of userIds) if (u && !topics.includes(`user:${u}`)) topics.push(`user:${u}`);
  if (t.sourceType === 'conversation' && t.sourceId) topics.push(`conversation:${t.sourceId}`);
  return topics;
}
