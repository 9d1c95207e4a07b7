/**
 * The routing engine: all state in memory, every call handed `now`, every decision returned as
 * effects (docs/decisions/013-routing.md). Indexes live in engine-state.ts, agent choice in
 * strategies.ts, timed work and the matching loop in engine-ops.ts; this file is the
 * RoutingEngine API.
 */
import { emptyUsage, taskBefore, blockReason, orderKey, type AgentRec } from './engine-model.ts';
import { createOps, secs, type OpsRef } from './engine-ops.ts';
import { createState } from './engine-state.ts';
import { endedStatuses } from './types.ts';
import type { EngineOptions, EngineResult, Offer, RoutingEffect, RoutingEngine, TraceEntry } from './types.ts';

export const defaultEngineOptions: EngineOptions = {
  maxMissedOffers: 3,
  offerTimeoutMs: { chat: 30_000, call: 20_000, callback: 60_000, outbound: 60_000, email: 60_000, ticket: 60_000, messaging: 60_000 },
  traceCandidates: 5,
};

const conflict = (message: string): EngineResult => ({ ok: false, code: 'conflict', message });
const notFound = (message: string): EngineResult => ({ ok: false, code: 'not_found', message });
const ok = (effects: RoutingEffect[]): EngineResult => ({ ok: true, value: undefined, effects });

export function createEngine(options: Partial<EngineOptions> = {}): RoutingEngine {
  const opts = {
    ...defaultEngineOptions,
    ...options,
    offerTimeoutMs: { ...defaultEngineOptions.offerTimeoutMs, ...options.offerTimeoutMs },
    newId: options.newId ?? (() => globalThis.crypto.randomUUID()),
  };
  const ref: OpsRef = { st: createState(opts), opts };
  const ops = createOps(ref);
  const { newRec, newAgent, copyAgent, resolve, remove, overflow, changed, attach, offerBack, dueTimers, validTop } = ops;
  let st = ref.st;
  const decide = (now: number, max?: number): RoutingEffect[] => {
    seen(now);
    return ops.decide(now, max);
  };
  /** The latest instant any call was handed (for calls that get none: setWorkflow, upsertQueue). */
  let lastNow = 0;
  const seen = (now: number): number => (lastNow = Math.max(lastNow, now));

  const engine: RoutingEngine = {
    load(snap) {
      st = ref.st = createState(opts);
      st.s.isOpen = snap.isOpen;
      st.s.workflow = snap.workflow;
      for (const q of snap.queues) engine.upsertQueue(q);
      const now = seen(snap.agents.reduce((m, a) => Math.max(m, a.presenceSince), lastNow));
      for (const a of snap.agents) st.s.agents.set(a.id, newAgent(a));
      st.s.agentsVersion++;
      const offers = new Map(snap.offers.map((o) => [o.taskId, o]));
      for (const t of snap.tasks) if (!endedStatuses.includes(t.status)) attach(t, offers.get(t.id) ?? null, now);
      for (const ag of st.s.agents.values()) st.s.dirtyAgents.add(ag);
    },
    setWorkflow(w) {
      const s = st.s;
      s.workflow = w;
      const waiting = [...s.queues.values()].flatMap((qr) => st.dropGroups(qr));
      for (const r of s.tasks.values()) resolve(r);
      for (const r of waiting) st.enqueue(r, lastNow);
    },
    upsertQueue(q) {
      const s = st.s;
      const qr = s.queues.get(q.id);
      if (qr) {
        qr.q = { ...q, teamIds: [...q.teamIds] };
        qr.poolVersion = -1;
        for (const r of st.dropGroups(qr)) st.enqueue(r, lastNow);
        return;
      }
      s.queues.set(q.id, { q: { ...q, teamIds: [...q.teamIds] }, groups: [], rrCursor: 0, poolCount: 0, poolVersion: -1 });
      for (const r of s.tasks.values()) if (r.t.queueId === q.id && r.t.status === 'queued') { resolve(r); st.enqueue(r, lastNow); }
    },
    removeQueue(id, now) {
      const s = st.s;
      const qr = s.queues.get(id);
      if (!qr) return [];
      const out: RoutingEffect[] = [];
      st.dropGroups(qr);
      s.queues.delete(id);
      for (const r of s.tasks.values()) {
        if (r.t.queueId !== id) continue;
        r.t.queueId = null;
        r.target = null;
        r.timeoutAt = null;
        if (r.t.status === 'queued') {
          st.enqueue(r, now);
          out.push({ kind: 'requeued', taskId: r.t.id, queueId: null, trace: [{ at: now, step: 'requeued', message: `Queue ${qr.q.name} was removed; the task waits for someone to place it.` }] });
        }
      }
      return out;
    },
    upsertAgent(a, now) {
      const s = st.s;
      seen(now);
      const ag = s.agents.get(a.id);
      if (ag) ag.a = copyAgent(a);
      else s.agents.set(a.id, newAgent(a));
      s.agentsVersion++;
      st.rebuildMembership(s.agents.get(a.id) as AgentRec, now);
      return [];
    },
    removeAgent(id, now) {
      const s = st.s;
      const ag = s.agents.get(id);
      const out: RoutingEffect[] = [];
      for (const r of [...s.tasks.values()]) {
        if (r.holder !== id) continue;
        const offerId = r.offer?.id;
        const what = offerId ? `The offer to ${ag?.a.name ?? id} was withdrawn` : `${ag?.a.name ?? id} is gone`;
        st.dropOffer(r);
        st.release(r, now);
        st.enqueue(r, now);
        const e: RoutingEffect = { kind: 'requeued', taskId: r.t.id, queueId: r.t.queueId, trace: [{ at: now, step: 'requeued', message: `${what} (agent removed or logged out); the task is back at its place in line.`, userId: id, queueId: r.t.queueId ?? undefined }] };
        if (offerId) e.offerId = offerId;
        out.push(e);
      }
      if (ag) {
        for (const g of ag.groups) {
          g.members.delete(ag);
          g.free.delete(ag);
        }
        s.agents.delete(id);
        s.dirtyAgents.delete(ag);
        s.agentsVersion++;
      }
      s.usage.delete(id);
      return out;
    },
    addTask(input, now) {
      const s = st.s;
      seen(now);
      if (s.tasks.has(input.id)) return [];
      const r = newRec({ ...input, status: 'queued', ruleId: null, targetIndex: 0, targetStartedAt: now, queueId: input.queueId ?? null, assignedUserId: null, declinedBy: [] });
      s.tasks.set(r.t.id, r);
      const trace: TraceEntry[] = [];
      if (input.queueId) {
        trace.push({ at: now, step: 'target', message: `Placed in queue ${s.queues.get(input.queueId)?.q.name ?? input.queueId} directly, without a workflow rule.`, queueId: input.queueId });
        st.enqueue(r, now);
        return [changed(r, trace)];
      }
      const rule = s.workflow?.rules.find((x) => x.matches(r.t.attributes));
      if (!rule) {
        trace.push({ at: now, step: 'no_rule', message: s.workflow ? 'No workflow rule matches this task; it waits for someone to place it.' : 'No workflow is set up; the task waits for someone to place it.' });
        return [{ kind: 'trace', taskId: r.t.id, trace }];
      }
      r.rule = rule;
      r.t.ruleId = rule.id;
      r.t.priority = Math.max(rule.priority, r.t.priority);
      trace.push({ at: now, step: 'rule_matched', message: `Rule "${rule.name}" matched${rule.filterSource.trim() ? ` (${rule.filterSource})` : ''}; priority ${r.t.priority} (the higher of the rule's ${rule.priority} and the task's own).`, ruleId: rule.id });
      const action = st.startTarget(r, 0, now, trace);
      return [action ? overflow(r, action, now, trace) : changed(r, trace)];
    },
    endTask(taskId, status, now) {
      const s = st.s;
      const r = s.tasks.get(taskId);
      if (!r) return [];
      const holder = r.t.status === 'assigned' ? r.holder : null;
      remove(r, now);
      r.t.status = status;
      const ag = holder ? s.agents.get(holder) : undefined;
      if (ag && status === 'completed') {
        const wrap = (r.t.queueId && s.queues.get(r.t.queueId)?.q.wrapUpMs) || 0;
        ag.a.wrapUpUntil = Math.max(ag.a.wrapUpUntil, now + wrap);
        ag.a.idleSince = Math.max(now, ag.a.wrapUpUntil);
        st.refreshAgent(ag, now);
      }
      return [];
    },
    accept(offerId, userId, now) {
      const r = st.s.offers.get(offerId);
      if (!r || !r.offer) return conflict(`Offer ${offerId} is not pending: it was answered, withdrawn or has expired.`);
      if (r.offer.userId !== userId) return conflict(`Offer ${offerId} was made to another agent.`);
      if (now >= r.offer.expiresAt) return conflict(`Offer ${offerId} expired; the task has gone back to the queue.`);
      const ag = st.s.agents.get(userId);
      st.dropOffer(r);
      r.t.status = 'assigned';
      r.t.assignedUserId = userId;
      if (ag) ag.a.missedInRow = 0;
      return ok([{ kind: 'trace', taskId: r.t.id, trace: [{ at: now, step: 'accepted', message: `${ag?.a.name ?? userId} accepted it after ${secs(now - r.t.enqueuedAt)} in line.`, userId }] }]);
    },
    reject(offerId, userId, now) {
      const r = st.s.offers.get(offerId);
      if (!r || !r.offer) return conflict(`Offer ${offerId} is not pending: it was answered, withdrawn or has expired.`);
      if (r.offer.userId !== userId) return conflict(`Offer ${offerId} was made to another agent.`);
      if (now >= r.offer.expiresAt) return conflict(`Offer ${offerId} expired; the task has gone back to the queue.`);
      const name = st.s.agents.get(userId)?.a.name ?? userId;
      offerBack(r, now);
      return ok([{ kind: 'trace', taskId: r.t.id, trace: [{ at: now, step: 'offer_rejected', message: `${name} rejected it; it goes back to its place in line and is not offered to them again.`, userId }] }]);
    },
    assign(taskId, userId, now, why) {
      const s = st.s;
      const r = s.tasks.get(taskId);
      if (!r) return notFound(`Task ${taskId} is not waiting in routing.`);
      if (r.t.status === 'assigned' || r.t.status === 'wrap_up') return conflict(`Task ${taskId} is already assigned.`);
      const ag = s.agents.get(userId);
      if (!ag) return notFound(`Agent ${userId} is not known to routing.`);
      const block = blockReason({ ...ag.a, presence: 'available', wrapUpUntil: 0 }, st.usageOf(userId), r.channel, now);
      if (why === 'picked' && block) return conflict(`${ag.a.name} has no capacity left for this task (${block.replace('_', ' ')}).`);
      st.detach(r, now);
      r.t.status = 'assigned';
      r.t.assignedUserId = userId;
      st.hold(r, userId, now);
      const how = why === 'picked' ? `${ag.a.name} picked it from the queue` : `Assigned to ${ag.a.name} by hand`;
      return ok([{ kind: 'trace', taskId, trace: [{ at: now, step: 'assigned', message: `${how}.`, userId }] }]);
    },
    transfer(taskId, to, now, note) {
      const s = st.s;
      const r = s.tasks.get(taskId);
      if (!r) return notFound(`Task ${taskId} is not in routing.`);
      const suffix = note ? ` Note: ${note}` : '';
      const offerId = r.offer?.id;
      if ('queueId' in to) {
        const qr = s.queues.get(to.queueId);
        if (!qr) return notFound(`Queue ${to.queueId} does not exist.`);
        st.detach(r, now);
        r.t.queueId = to.queueId;
        r.t.targetStartedAt = now;
        r.target = null;
        r.timeoutAt = null;
        st.enqueue(r, now);
        const e: RoutingEffect = { kind: 'requeued', taskId, queueId: to.queueId, trace: [{ at: now, step: 'transferred', message: `Transferred to queue ${qr.q.name}; it keeps its place in line.${suffix}`, queueId: to.queueId }] };
        if (offerId) e.offerId = offerId;
        return ok([e]);
      }
      const ag = s.agents.get(to.userId);
      if (!ag) return notFound(`Agent ${to.userId} is not known to routing.`);
      st.detach(r, now);
      r.declined.delete(to.userId);
      r.t.declinedBy = r.t.declinedBy.filter((x) => x !== to.userId);
      return ok([st.makeOffer(r, ag, now, [{ at: now, step: 'transferred', message: `Transferred to ${ag.a.name}.${suffix}`, userId: ag.a.id }], true)]);
    },
    tick(now) {
      seen(now);
      const out: RoutingEffect[] = [];
      dueTimers(now, out);
      out.push(...decide(now));
      return out;
    },
    decide,
    nextWakeAt() {
      const s = st.s;
      const times = [
        validTop(s.offerTimers, (at, r) => Boolean(r.offer && r.offer.expiresAt === at && s.tasks.get(r.t.id) === r)),
        validTop(s.targetTimers, (at, r) => r.timeoutAt === at && r.heapIndex >= 0 && s.tasks.get(r.t.id) === r),
        validTop(s.wrapTimers, (at, ag) => ag.a.wrapUpUntil === at && s.agents.get(ag.a.id) === ag),
      ].filter((x): x is number => x !== null);
      return times.length ? Math.min(...times) : null;
    },
    position(taskId) {
      const s = st.s;
      const r = s.tasks.get(taskId);
      if (!r || !r.t.queueId || (r.t.status !== 'queued' && r.t.status !== 'offered')) return null;
      const qr = s.queues.get(r.t.queueId);
      if (!qr) return null;
      if (r.heapIndex < 0) r.key = orderKey(r, qr.q);
      let ahead = 0;
      let waiting = r.heapIndex < 0 ? 1 : 0;
      for (const g of qr.groups)
        for (const x of g.heap.items()) {
          waiting++;
          if (x !== r && taskBefore(x, r)) ahead++;
        }
      return { position: ahead + 1, waiting, queueId: qr.q.id };
    },
    task: (id) => st.s.tasks.get(id)?.t,
    agent: (id) => st.s.agents.get(id)?.a,
    usage: (id) => st.s.usage.get(id) ?? emptyUsage(),
    waiting(queueId) {
      const qr = st.s.queues.get(queueId);
      if (!qr) return [];
      const all = qr.groups.flatMap((g) => [...g.heap.items()]);
      all.sort((a, b) => (taskBefore(a, b) ? -1 : 1));
      return all.map((r) => r.t);
    },
    pendingOffers: () => [...st.s.offers.values()].map((r) => r.offer as Offer),
    applyTask(t, offer, now) {
      const s = st.s;
      seen(now);
      const old = s.tasks.get(t.id);
      if (old) remove(old, now);
      if (endedStatuses.includes(t.status)) return [];
      attach(t, offer, now);
      return [];
    },
  };
  return engine;
}
