/**
 * The engine's operations over its state: placing tasks from database rows, offers coming back
 * (expired, rejected), target timeouts and the matching loop (decide). engine.ts exposes them
 * as the RoutingEngine API. Pure: every function is handed `now`.
 */
import { effectivePriority, taskBefore, type AgentRec, type Group, type TaskRec } from './engine-model.ts';
import type { EngineState } from './engine-state.ts';
import { selectAgent } from './strategies.ts';
import { capacityChannelOf } from './types.ts';
import type { EngineOptions, Offer, RoutingAgent, RoutingEffect, RoutingTask, TraceEntry } from './types.ts';

/** Shared by every task nobody declined yet (most of them): no Set per task. Never added to. */
const noDeclines: Set<string> = new Set();

export const secs = (ms: number): string => `${Math.round(ms / 1000)} s`;

export interface OpsRef {
  st: EngineState;
  opts: EngineOptions;
}

export function createOps(ref: OpsRef) {
  function newRec(t: RoutingTask): TaskRec {
    return {
      t: { ...t, attributes: { ...t.attributes }, declinedBy: [...t.declinedBy] },
      channel: capacityChannelOf[t.kind],
      rule: null,
      target: null,
      group: null,
      heapIndex: -1,
      key: 0,
      timeoutAt: null,
      offer: null,
      holder: null,
      declined: t.declinedBy.length ? new Set(t.declinedBy) : noDeclines,
    };
  }

  function newAgent(a: RoutingAgent): AgentRec {
    return { a: copyAgent(a), ord: ref.st.s.nextOrd++, groups: new Set(), offers: new Set(), wrapTimerAt: 0 };
  }
  const copyAgent = (a: RoutingAgent) => ({ ...a, skills: { ...a.skills }, languages: [...a.languages], teamIds: [...a.teamIds], capacity: { ...a.capacity } });

  /** Rule and target of a task from the running workflow (target only if it is on that queue). */
  function resolve(r: TaskRec): void {
    r.rule = (r.t.ruleId && ref.st.s.workflow?.rules.find((x) => x.id === r.t.ruleId)) || null;
    const target = r.rule?.targets[r.t.targetIndex] ?? null;
    r.target = target && target.queueId === r.t.queueId ? target : null;
    r.timeoutAt = r.target && r.target.timeoutMs !== null ? r.t.targetStartedAt + r.target.timeoutMs : null;
  }

  function decline(r: TaskRec, userId: string): void {
    if (r.declined === noDeclines) r.declined = new Set();
    r.declined.add(userId);
    if (!r.t.declinedBy.includes(userId)) r.t.declinedBy = [...r.t.declinedBy, userId];
  }

  function remove(r: TaskRec, now: number): void {
    ref.st.detach(r, now);
    ref.st.s.tasks.delete(r.t.id);
  }

  function overflow(r: TaskRec, action: 'voicemail' | 'callback', now: number, trace: TraceEntry[]): RoutingEffect {
    trace.push({ at: now, step: 'overflowed', message: `Every target ran out; the rule sends it to ${action}.`, ruleId: r.t.ruleId ?? undefined });
    remove(r, now);
    r.t.status = 'overflowed';
    return { kind: 'overflowed', taskId: r.t.id, action, trace };
  }

  const changed = (r: TaskRec, trace: TraceEntry[]): RoutingEffect => ({ kind: 'target_changed', taskId: r.t.id, queueId: r.t.queueId, targetIndex: r.t.targetIndex, priority: r.t.priority, trace });

  /** Put a task with its pending offer (if any) into the indexes as the database has it. */
  function attach(t: RoutingTask, offer: Offer | null, now: number): void {
    const s = ref.st.s;
    const r = newRec(t);
    resolve(r);
    s.tasks.set(t.id, r);
    if (t.status === 'offered' && offer && offer.taskId === t.id) {
      r.offer = { ...offer };
      s.offers.set(offer.id, r);
      s.agents.get(offer.userId)?.offers.add(offer.id);
      s.offerTimers.push({ at: offer.expiresAt, item: r });
      ref.st.hold(r, offer.userId, now);
    } else if ((t.status === 'assigned' || t.status === 'wrap_up') && t.assignedUserId) {
      ref.st.hold(r, t.assignedUserId, now);
    } else ref.st.enqueue(r, now);
  }

  /** Offer back to the line at its place: by expiry (missed) or reject. */
  function offerBack(r: TaskRec, now: number): void {
    const offer = r.offer as Offer;
    ref.st.dropOffer(r);
    ref.st.release(r, now);
    decline(r, offer.userId);
    ref.st.enqueue(r, now);
  }

  function expire(r: TaskRec, now: number, out: RoutingEffect[]): void {
    const offer = r.offer as Offer;
    const ag = ref.st.s.agents.get(offer.userId);
    const name = ag?.a.name ?? offer.userId;
    const trace: TraceEntry[] = [{ at: now, step: 'offer_expired', message: `${name} did not answer within ${secs(offer.expiresAt - offer.offeredAt)}; it goes back to its place in line and is not offered to them again.`, userId: offer.userId, queueId: r.t.queueId ?? undefined }];
    offerBack(r, now);
    out.push({ kind: 'offer_expired', offerId: offer.id, taskId: r.t.id, userId: offer.userId, trace });
    if (!ag) return;
    ag.a.missedInRow++;
    if (ag.a.missedInRow >= ref.opts.maxMissedOffers && ag.a.presence === 'available') {
      ag.a.presence = 'away';
      ag.a.awayReason = 'missed_offers';
      ag.a.presenceSince = now;
      ref.st.refreshAgent(ag, now);
      trace.push({ at: now, step: 'agent_away', message: `${name} missed ${ag.a.missedInRow} offers in a row and is set away (missed offers).`, userId: ag.a.id });
      out.push({ kind: 'agent_away', userId: ag.a.id, reason: 'missed_offers', at: now });
    }
  }

  function timeoutTarget(r: TaskRec, now: number, out: RoutingEffect[]): void {
    const trace: TraceEntry[] = [{ at: now, step: 'target_timeout', message: `No agent took it within ${secs(now - r.t.targetStartedAt)} on target ${r.t.targetIndex + 1}; it moves on.`, queueId: r.t.queueId ?? undefined, targetIndex: r.t.targetIndex }];
    const action = ref.st.startTarget(r, r.t.targetIndex + 1, now, trace);
    out.push(action ? overflow(r, action, now, trace) : changed(r, trace));
  }

  function dueTimers(now: number, out: RoutingEffect[] | null): void {
    const s = ref.st.s;
    for (let x = s.wrapTimers.peek(); x && x.at <= now; x = s.wrapTimers.peek()) {
      s.wrapTimers.pop();
      if (s.agents.get(x.item.a.id) === x.item) ref.st.refreshAgent(x.item, now);
    }
    if (!out) return;
    for (let x = s.offerTimers.peek(); x && x.at <= now; x = s.offerTimers.peek()) {
      s.offerTimers.pop();
      const r = x.item;
      if (r.offer && r.offer.expiresAt <= now && s.tasks.get(r.t.id) === r) expire(r, now, out);
    }
    for (let x = s.targetTimers.peek(); x && x.at <= now; x = s.targetTimers.peek()) {
      s.targetTimers.pop();
      const r = x.item;
      if (s.tasks.get(r.t.id) === r && r.heapIndex >= 0 && r.timeoutAt !== null && r.timeoutAt <= now) timeoutTarget(r, now, out);
    }
  }

  /** The best task an agent could take now among the lines it serves. */
  function bestFor(ag: AgentRec, now: number): [TaskRec, Group] | null {
    let best: TaskRec | null = null;
    let bestG: Group | null = null;
    let bestP = 0;
    const id = ag.a.id;
    for (const g of ag.groups) {
      if (!g.heap.size || !g.free.has(ag)) continue;
      const c = g.heap.firstWhere((r) => !r.declined.has(id));
      if (!c) continue;
      const p = effectivePriority(c, g.queue.q, now);
      if (!best || p > bestP || (p === bestP && (c.t.enqueuedAt < best.t.enqueuedAt || (c.t.enqueuedAt === best.t.enqueuedAt && c.t.id < best.t.id)))) {
        best = c;
        bestG = g;
        bestP = p;
      }
    }
    return best && bestG ? [best, bestG] : null;
  }

  function decide(now: number, max = Infinity): RoutingEffect[] {
    const s = ref.st.s;
    dueTimers(now, null);
    const out: RoutingEffect[] = [];
    const ctx = ref.st.selectCtx(now);
    const offerTo = (r: TaskRec, g: Group): boolean => {
      const sel = selectAgent(g, r, ctx);
      if (!sel.agent) return false;
      out.push(ref.st.makeOffer(r, sel.agent, now, [sel.trace]));
      return true;
    };
    // Agents who can take work: each takes the best task of the lines it serves (the strategy
    // still decides among every free agent of that line).
    for (const ag of s.dirtyAgents) {
      if (out.length >= max) return out;
      for (;;) {
        if (out.length >= max) return out;
        const found = bestFor(ag, now);
        if (!found || !offerTo(found[0], found[1])) {
          s.dirtyAgents.delete(ag);
          break;
        }
      }
    }
    if (!s.dirtyTasks.size) return out;
    const list = [...s.dirtyTasks];
    list.sort((a, b) => {
      const pa = a.group ? effectivePriority(a, a.group.queue.q, now) : 0;
      const pb = b.group ? effectivePriority(b, b.group.queue.q, now) : 0;
      return pa !== pb ? pb - pa : taskBefore(a, b) ? -1 : 1;
    });
    for (const r of list) {
      if (out.length >= max) break;
      s.dirtyTasks.delete(r);
      if (r.heapIndex < 0 || !r.group || !r.group.free.size) continue;
      offerTo(r, r.group);
    }
    return out;
  }

  function validTop<T>(h: { peek(): { at: number; item: T } | undefined; pop(): unknown }, valid: (at: number, item: T) => boolean): number | null {
    for (let x = h.peek(); x; x = h.peek()) {
      if (valid(x.at, x.item)) return x.at;
      h.pop();
    }
    return null;
  }

  return { newRec, newAgent, copyAgent, resolve, decline, remove, overflow, changed, attach, offerBack, expire, timeoutTarget, dueTimers, bestFor, decide, validTop };
}

export type EngineOps = ReturnType<typeof createOps>;
