/**
 * The engine's state and the operations that keep its indexes right: groups (lines) per queue,
 * free sets per group, capacity in use, timers, and placing a task on a target. engine.ts builds
 * the public RoutingEngine from these; nothing here does I/O or reads a clock.
 */
import { createHeap, type Heap } from './heap.ts';
import {
  blockReason, emptyUsage, inPool, isMember, orderKey, taskBefore,
  type AgentRec, type Group, type QueueRec, type TaskRec, type Usage,
} from './engine-model.ts';
import { selectAgent, type SelectContext } from './strategies.ts';
import type { CapacityChannel, CompiledTarget, CompiledWorkflow, EngineOptions, FinalAction, RoutingEffect, TraceEntry } from './types.ts';

interface Timer<T> {
  at: number;
  item: T;
}
const timerBefore = <T>(a: Timer<T>, b: Timer<T>): boolean => a.at < b.at;

export function createState(opts: EngineOptions & { newId: () => string }) {
  const s = {
    opts,
    workflow: null as CompiledWorkflow | null,
    queues: new Map<string, QueueRec>(),
    agents: new Map<string, AgentRec>(),
    tasks: new Map<string, TaskRec>(),
    /** offer id -> the task on offer */
    offers: new Map<string, TaskRec>(),
    usage: new Map<string, Usage>(),
    dirtyTasks: new Set<TaskRec>(),
    dirtyAgents: new Set<AgentRec>(),
    offerTimers: createHeap<Timer<TaskRec>>(timerBefore),
    targetTimers: createHeap<Timer<TaskRec>>(timerBefore),
    wrapTimers: createHeap<Timer<AgentRec>>(timerBefore),
    agentsVersion: 0,
    nextOrd: 1,
    isOpen: undefined as ((calendarId: string, now: number) => boolean) | undefined,
  };

  function usageOf(id: string): Usage {
    let u = s.usage.get(id);
    if (!u) s.usage.set(id, (u = emptyUsage()));
    return u;
  }

  function poolCount(g: Group): number {
    const qr = g.queue;
    if (qr.poolVersion !== s.agentsVersion) {
      let n = 0;
      for (const ag of s.agents.values()) if (inPool(qr.q, ag.a)) n++;
      qr.poolCount = n;
      qr.poolVersion = s.agentsVersion;
    }
    return qr.poolCount;
  }

  const selectCtx = (now: number): SelectContext => ({
    now,
    traceCandidates: opts.traceCandidates,
    usageOf,
    agentById: (id) => s.agents.get(id),
    poolCount,
  });

  /** Re-check which of its groups an agent is free in; remember it if it can take work. */
  function refreshAgent(ag: AgentRec, now: number): void {
    const u = usageOf(ag.a.id);
    let any = false;
    for (const g of ag.groups) {
      if (blockReason(ag.a, u, g.channel, now) === null) {
        g.free.add(ag);
        if (g.heap.size) any = true;
      } else g.free.delete(ag);
    }
    if (any) s.dirtyAgents.add(ag);
    if (ag.a.wrapUpUntil > now && ag.wrapTimerAt !== ag.a.wrapUpUntil) {
      ag.wrapTimerAt = ag.a.wrapUpUntil;
      s.wrapTimers.push({ at: ag.a.wrapUpUntil, item: ag });
    }
  }

  /** Recompute which groups an agent belongs to (after its skills, teams or the config changed). */
  function rebuildMembership(ag: AgentRec, now: number): void {
    for (const g of ag.groups) {
      g.members.delete(ag);
      g.free.delete(ag);
    }
    ag.groups.clear();
    for (const qr of s.queues.values())
      for (const g of qr.groups)
        if (isMember(g, ag.a)) {
          g.members.add(ag);
          ag.groups.add(g);
        }
    refreshAgent(ag, now);
  }

  function groupFor(qr: QueueRec, target: CompiledTarget | null, channel: CapacityChannel, now: number): Group {
    for (const g of qr.groups) if (g.target === target && g.channel === channel) return g;
    const g: Group = {
      queue: qr,
      target,
      channel,
      heap: createHeap<TaskRec>(taskBefore, (r, i) => (r.heapIndex = i)),
      members: new Set(),
      free: new Set(),
    };
    qr.groups.push(g);
    const u0 = emptyUsage();
    for (const ag of s.agents.values()) {
      if (!isMember(g, ag.a)) continue;
      g.members.add(ag);
      ag.groups.add(g);
      if (blockReason(ag.a, s.usage.get(ag.a.id) ?? u0, channel, now) === null) g.free.add(ag);
    }
    return g;
  }

  /** Drop every group of a queue (config changed); its waiting tasks are returned to re-place. */
  function dropGroups(qr: QueueRec): TaskRec[] {
    const out: TaskRec[] = [];
    for (const g of qr.groups) {
      out.push(...g.heap.items());
      g.heap.clear();
      for (const ag of g.members) ag.groups.delete(g);
    }
    qr.groups = [];
    return out;
  }

  function unqueue(r: TaskRec): void {
    if (r.heapIndex >= 0 && r.group) r.group.heap.removeAt(r.heapIndex);
    r.heapIndex = -1;
    s.dirtyTasks.delete(r);
  }

  /** Put a task in line at its place (order is by priority and enqueuedAt: a returning task keeps its place). */
  function enqueue(r: TaskRec, now: number): void {
    unqueue(r);
    r.t.status = 'queued';
    r.t.assignedUserId = null;
    const qr = r.t.queueId ? s.queues.get(r.t.queueId) : undefined;
    if (!qr) {
      r.group = null;
      return;
    }
    const g = groupFor(qr, r.target, r.channel, now);
    r.group = g;
    r.key = orderKey(r, qr.q);
    g.heap.push(r);
    if (g.free.size) s.dirtyTasks.add(r);
    if (r.timeoutAt !== null) s.targetTimers.push({ at: r.timeoutAt, item: r });
  }

  function hold(r: TaskRec, userId: string, now: number): void {
    r.holder = userId;
    usageOf(userId)[r.channel]++;
    const ag = s.agents.get(userId);
    if (ag) refreshAgent(ag, now);
  }

  function release(r: TaskRec, now: number): void {
    if (!r.holder) return;
    const u = usageOf(r.holder);
    u[r.channel] = Math.max(0, u[r.channel] - 1);
    const ag = s.agents.get(r.holder);
    r.holder = null;
    if (ag) refreshAgent(ag, now);
  }

  function dropOffer(r: TaskRec): void {
    if (!r.offer) return;
    s.offers.delete(r.offer.id);
    s.agents.get(r.offer.userId)?.offers.delete(r.offer.id);
    r.offer = null;
  }

  /** Take a task out of every index (line, offer, capacity). */
  function detach(r: TaskRec, now: number): void {
    unqueue(r);
    dropOffer(r);
    release(r, now);
  }

  function targetOf(r: TaskRec): CompiledTarget | null {
    return r.rule?.targets[r.t.targetIndex] ?? null;
  }

  function hasEligible(g: Group, r: TaskRec): boolean {
    for (const ag of g.free) if (!r.declined.has(ag.a.id)) return true;
    return false;
  }

  function skipWhy(target: CompiledTarget, g: Group, r: TaskRec, now: number): string | null {
    for (const c of target.skipWhen) {
      if (c === 'outside_business_hours') {
        const cal = g.queue.q.calendarId;
        if (cal && s.isOpen && !s.isOpen(cal, now)) return `queue ${g.queue.q.name} is outside business hours`;
      } else if (c === 'no_agents_logged_in') {
        let on = false;
        for (const ag of g.members) if (ag.a.presence !== 'offline') { on = true; break; }
        if (!on) return 'no agent who matches it is logged in';
      } else if (c === 'no_agents_available') {
        if (!hasEligible(g, r)) return 'no agent who matches it is available now';
      }
    }
    return null;
  }

  function place(r: TaskRec, i: number, target: CompiledTarget, timeout: boolean, now: number, trace: TraceEntry[]): void {
    unqueue(r);
    r.t.targetIndex = i;
    r.t.queueId = target.queueId;
    r.t.targetStartedAt = now;
    r.target = target;
    r.timeoutAt = timeout && target.timeoutMs !== null ? now + target.timeoutMs : null;
    const qr = s.queues.get(target.queueId);
    const who = target.agentsSource.trim() ? `agents matching \`${target.agentsSource}\`` : 'any agent of the queue';
    const boost = target.priorityBoost ? ` with priority ${target.priorityBoost > 0 ? '+' : ''}${target.priorityBoost}` : '';
    const limit = r.timeoutAt !== null ? ` for up to ${Math.round((target.timeoutMs ?? 0) / 1000)} s` : '';
    trace.push({ at: now, step: 'target', message: `Target ${i + 1}: waits in queue ${qr?.q.name ?? target.queueId} for ${who}${boost}${limit}.`, ruleId: r.t.ruleId ?? undefined, queueId: target.queueId, targetIndex: i });
    enqueue(r, now);
    if (r.group && !hasEligible(r.group, r)) trace.push(selectAgent(r.group, r, selectCtx(now)).trace);
  }

  /**
   * Start the rule's targets from index `from`, skipping those whose skip condition holds. Returns
   * the final action when every target ran out and the rule says voicemail or callback.
   */
  function startTarget(r: TaskRec, from: number, now: number, trace: TraceEntry[]): Exclude<FinalAction, 'stay'> | null {
    const rule = r.rule;
    if (!rule) return null;
    const n = rule.targets.length;
    for (let i = from; i < n; i++) {
      const target = rule.targets[i] as CompiledTarget;
      const qr = s.queues.get(target.queueId);
      if (!qr) {
        trace.push({ at: now, step: 'target_skipped', message: `Target ${i + 1} skipped: its queue ${target.queueId} does not exist.`, queueId: target.queueId, targetIndex: i });
        continue;
      }
      const why = skipWhy(target, groupFor(qr, target, r.channel, now), r, now);
      if (why) {
        trace.push({ at: now, step: 'target_skipped', message: `Target ${i + 1} (queue ${qr.q.name}) skipped: ${why}.`, queueId: target.queueId, targetIndex: i });
        continue;
      }
      place(r, i, target, true, now, trace);
      return null;
    }
    if (rule.finally !== 'stay') return rule.finally;
    const last = n ? (rule.targets[n - 1] as CompiledTarget) : null;
    if (last && s.queues.has(last.queueId)) {
      trace.push({ at: now, step: 'target', message: `Every target ran out; the rule says stay, so it keeps waiting on target ${n}.`, queueId: last.queueId, targetIndex: n - 1 });
      place(r, n - 1, last, false, now, trace);
    } else {
      unqueue(r);
      r.t.queueId = null;
      r.timeoutAt = null;
    }
    return null;
  }

  /** Offer a task to an agent (auto-accepted when the queue says so). */
  function makeOffer(r: TaskRec, ag: AgentRec, now: number, trace: TraceEntry[], forced = false): RoutingEffect {
    unqueue(r);
    const q = r.t.queueId ? s.queues.get(r.t.queueId)?.q : undefined;
    const timeout = q?.offerTimeoutMs ?? opts.offerTimeoutMs[r.t.kind];
    const offer = { id: opts.newId(), taskId: r.t.id, userId: ag.a.id, offeredAt: now, expiresAt: now + timeout };
    const auto = Boolean(q?.autoAccept) && !forced;
    if (auto) {
      r.t.status = 'assigned';
      r.t.assignedUserId = ag.a.id;
      ag.a.missedInRow = 0;
      trace.push({ at: now, step: 'auto_accepted', message: `Assigned to ${ag.a.name} at once: queue ${q?.name} auto-accepts.`, userId: ag.a.id, queueId: q?.id });
    } else {
      r.t.status = 'offered';
      r.offer = offer;
      s.offers.set(offer.id, r);
      ag.offers.add(offer.id);
      s.offerTimers.push({ at: offer.expiresAt, item: r });
      trace.push({ at: now, step: 'offered', message: `Offered to ${ag.a.name} for ${Math.round(timeout / 1000)} s.`, userId: ag.a.id, queueId: q?.id });
    }
    hold(r, ag.a.id, now);
    return { kind: 'offer', offer, autoAccept: auto, trace };
  }

  return { s, usageOf, poolCount, selectCtx, refreshAgent, rebuildMembership, groupFor, dropGroups, unqueue, enqueue, hold, release, dropOffer, detach, targetOf, startTarget, place, makeOffer };
}

export type EngineState = ReturnType<typeof createState>;
