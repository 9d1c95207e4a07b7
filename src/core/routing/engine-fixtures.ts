/**
 * Small builders for engine tests, the simulation and the benchmark: agents, queues, hand-made
 * compiled workflows (predicates are plain functions; no expression compiler needed).
 */
import { defaultCapacity } from './types.ts';
import type { CompiledRule, CompiledTarget, CompiledWorkflow, RoutingAgent, RoutingQueue, RoutingTask, TaskAttributes } from './types.ts';

/** Monday 6 January 2025, 09:00 UTC. */
export const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);

export function agent(id: string, over: Partial<RoutingAgent> = {}): RoutingAgent {
  return {
    id, name: id, presence: 'available', awayReason: null, presenceSince: T0 - 3_600_000, wrapUpUntil: 0, idleSince: T0 - 3_600_000,
    skills: {}, languages: ['en'], teamIds: [], capacity: { ...defaultCapacity }, missedInRow: 0, role: 'agent', ...over,
  };
}

export function queue(id: string, over: Partial<RoutingQueue> = {}): RoutingQueue {
  return { id, name: id, strategy: 'longest_idle', stickyMs: 0, offerTimeoutMs: null, autoAccept: false, wrapUpMs: 0, agingPerMinute: 0, calendarId: null, teamIds: [], ...over };
}

/** A target; `skills` names skills the agent must have at >= the given level (and scores their sum). */
export function target(queueId: string, over: Partial<CompiledTarget> & { skills?: Record<string, number>; lang?: string } = {}): CompiledTarget {
  const { skills, lang, ...rest } = over;
  const need = Object.entries(skills ?? {});
  const filter = need.length || lang
    ? (a: RoutingAgent) => need.every(([s, l]) => (a.skills[s] ?? 0) >= l) && (!lang || a.languages.includes(lang))
    : undefined;
  const src = [...need.map(([s, l]) => `${s} >= ${l}`), ...(lang ? [`lang == "${lang}"`] : [])].join(' && ');
  return {
    queueId, agentsSource: src, agentFilter: filter,
    skillScore: (a) => need.reduce((sum, [s]) => sum + (a.skills[s] ?? 0), 0),
    priorityBoost: 0, timeoutMs: null, skipWhen: [], ...rest,
  };
}

export function rule(id: string, targets: CompiledTarget[], over: Partial<CompiledRule> & { when?: (t: TaskAttributes) => boolean } = {}): CompiledRule {
  const { when, ...rest } = over;
  return { id, name: id, filterSource: '', matches: when ?? (() => true), priority: 50, targets, finally: 'stay', ...rest };
}

export function workflow(rules: CompiledRule[], version = 1): CompiledWorkflow {
  return { version, rules };
}

export function counterIds(prefix = 'offer'): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}

export type NewTask = Parameters<import('./types.ts').RoutingEngine['addTask']>[0];

export function task(id: string, over: Partial<NewTask> = {}): NewTask {
  return { id, kind: 'chat', attributes: { channel: 'chat' }, priority: 50, enqueuedAt: T0, ...over };
}

/** A task row as the database holds it (for load and applyTask). */
export function taskRow(id: string, over: Partial<RoutingTask> = {}): RoutingTask {
  return {
    id, kind: 'chat', attributes: {}, priority: 50, enqueuedAt: T0, status: 'queued', ruleId: null, targetIndex: 0,
    targetStartedAt: T0, queueId: null, assignedUserId: null, declinedBy: [], ...over,
  };
}
