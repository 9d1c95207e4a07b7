/**
 * The engine's in-memory records and the eligibility rules (engine.ts drives them).
 *
 * A *group* is one line of waiting tasks: the tasks of one queue on the same workflow target and
 * the same capacity channel. Every group knows its `members` (agents in the queue's teams whose
 * skills match the target's filter: static, recomputed only when an agent or the config changes)
 * and its `free` members (available now with capacity left for the channel). A task arriving
 * looks only at its group's free set; an agent freeing up looks only at the groups it belongs to.
 */
import type { Heap } from './heap.ts';
import { capacityChannels } from './types.ts';
import type { CapacityChannel, CompiledRule, CompiledTarget, Offer, RoutingAgent, RoutingQueue, RoutingTask } from './types.ts';

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };
export type Usage = Record<CapacityChannel, number>;

export interface TaskRec {
  t: Mutable<RoutingTask>;
  channel: CapacityChannel;
  rule: CompiledRule | null;
  target: CompiledTarget | null;
  /** The line the task belongs to while queued or offered (in its heap only while queued). */
  group: Group | null;
  heapIndex: number;
  /** Static order key: priority + boost - aging rate x enqueuedAt (minutes). Higher first. */
  key: number;
  /** When the current target times out (null: never, or the task is staying). */
  timeoutAt: number | null;
  offer: Offer | null;
  /** The agent whose capacity this task uses (offered, assigned or in wrap-up). */
  holder: string | null;
  declined: Set<string>;
}

export interface AgentRec {
  a: Mutable<RoutingAgent>;
  /** Stable ordinal for round robin and ties. */
  ord: number;
  groups: Set<Group>;
  offers: Set<string>;
  /** The wrap-up end a timer is set for (avoids duplicate timers). */
  wrapTimerAt: number;
}

export interface Group {
  queue: QueueRec;
  target: CompiledTarget | null;
  channel: CapacityChannel;
  heap: Heap<TaskRec>;
  members: Set<AgentRec>;
  free: Set<AgentRec>;
}

export interface QueueRec {
  q: RoutingQueue;
  groups: Group[];
  /** Round-robin cursor: ordinal of the agent chosen last. */
  rrCursor: number;
  /** Agents in the queue's teams (cached, recomputed when agents change). */
  poolCount: number;
  poolVersion: number;
}

export const emptyUsage = (): Usage => ({ voice: 0, chat: 0, email: 0, messaging: 0, ticket: 0 });

/** Task order within a queue: effective priority desc, then enqueuedAt asc, then id. */
export function taskBefore(a: TaskRec, b: TaskRec): boolean {
  if (a.key !== b.key) return a.key > b.key;
  if (a.t.enqueuedAt !== b.t.enqueuedAt) return a.t.enqueuedAt < b.t.enqueuedAt;
  return a.t.id < b.t.id;
}

export function boostOf(r: TaskRec): number {
  return r.target?.priorityBoost ?? 0;
}

export function orderKey(r: TaskRec, q: RoutingQueue): number {
  return r.t.priority + boostOf(r) - (q.agingPerMinute * r.t.enqueuedAt) / 60000;
}

/** A priority after waiting `waitedMs` in a queue that ages by `agingPerMinute` points a minute. */
export function agedPriority(priority: number, agingPerMinute: number, waitedMs: number): number {
  return priority + (agingPerMinute * Math.max(0, waitedMs)) / 60000;
}

/** Priority with aging at an instant: comparable across queues. */
export function effectivePriority(r: TaskRec, q: RoutingQueue, now: number): number {
  return agedPriority(r.t.priority + boostOf(r), q.agingPerMinute, now - r.t.enqueuedAt);
}

export function inPool(q: RoutingQueue, a: RoutingAgent): boolean {
  if (!q.teamIds.length) return true;
  for (const t of a.teamIds) if (q.teamIds.includes(t)) return true;
  return false;
}

export function isMember(g: Group, a: RoutingAgent): boolean {
  return inPool(g.queue.q, a) && (!g.target?.agentFilter || g.target.agentFilter(a));
}

/** Why an agent cannot take work of a channel now (null: they can). */
export function blockReason(a: RoutingAgent, u: Usage, ch: CapacityChannel, now: number): string | null {
  if (a.presence !== 'available') return a.presence;
  if (now < a.wrapUpUntil) return 'wrap_up';
  if (ch === 'voice') {
    for (const c of capacityChannels) if (c !== 'voice' && u[c] > 0) return 'voice_busy';
  } else if (u.voice > 0) return 'voice_busy';
  if (u[ch] >= (a.capacity[ch] ?? 0)) return 'at_capacity';
  return null;
}

/** Share of capacity in use, summed over the channels the agent has capacity for. */
export function load(a: RoutingAgent, u: Usage): number {
  let s = 0;
  for (const c of capacityChannels) {
    const cap = a.capacity[c] ?? 0;
    if (cap > 0) s += u[c] / cap;
  }
  return s;
}
