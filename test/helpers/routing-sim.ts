/**
 * A discrete-event simulation of a contact center against the routing engine alone, on a fake
 * clock: seeded arrivals by an hourly profile, handle times, agents on shifts with breaks, abrupt
 * log-outs, rejects and missed offers, customers abandoning after their patience. After every
 * step it checks the invariants (see checkInvariants) and throws on the first violation.
 */
import { createEngine } from '../../src/core/routing/engine.ts';
import { createHeap } from '../../src/core/routing/heap.ts';
import { agent as mkAgent, queue, rule, target, workflow } from '../../src/core/routing/engine-fixtures.ts';
import { capacityChannelOf, capacityChannels } from '../../src/core/routing/types.ts';
import type { CompiledTarget, CompiledWorkflow, RoutingAgent, RoutingEffect, RoutingEngine, RoutingQueue, RoutingTask, TaskKind } from '../../src/core/routing/types.ts';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
export const DAY = 24 * H;

export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

export const simQueues: RoutingQueue[] = [
  queue('sales', { strategy: 'longest_idle', agingPerMinute: 1, offerTimeoutMs: 20 * S }),
  queue('support', { strategy: 'most_skilled', agingPerMinute: 2, wrapUpMs: 30 * S, stickyMs: 30 * M }),
  queue('general', { strategy: 'round_robin', agingPerMinute: 1, teamIds: ['general'] }),
];

export const simWorkflow: CompiledWorkflow = workflow([
  rule('billing', [
    target('support', { skills: { billing: 5 }, timeoutMs: 2 * M, priorityBoost: 5 }),
    target('general', { timeoutMs: 30 * M }),
  ], { when: (a) => a.topic === 'billing', priority: 50, finally: 'voicemail' }),
  rule('sales', [
    target('sales', { skills: { sales: 3 }, timeoutMs: 5 * M, skipWhen: ['no_agents_logged_in'] }),
    target('general', {}),
  ], { when: (a) => a.topic === 'sales', priority: 60 }),
  rule('rest', [target('general', { skipWhen: ['outside_business_hours'] }), target('support', {})], { priority: 20 }),
]);

interface Ev { at: number; seq: number; run: () => void }
type Outcome = 'answered' | 'abandoned' | 'overflowed';

export interface SimReport {
  tasks: number;
  outcomes: Record<Outcome, number>;
  steps: number;
  offers: number;
  expired: number;
  rejected: number;
  awaySet: number;
  maxWaitAnsweredMs: number;
  maxWaitLowPriorityMs: number;
  checks: number;
}

export function runSimulation(opts: { days: number; agents: number; seed: number; start: number }): SimReport {
  const rnd = prng(opts.seed);
  const exp = (mean: number) => -Math.log(1 - rnd()) * mean;
  const e: RoutingEngine = createEngine({ newId: (() => { let n = 0; return () => `o${++n}`; })() });
  const evs = createHeap<Ev>((a, b) => a.at < b.at || (a.at === b.at && a.seq < b.seq));
  let seq = 0;
  let now = opts.start;
  const at = (t: number, run: () => void) => evs.push({ at: Math.max(t, now), seq: seq++, run });
  const isOpen = (_c: string, t: number) => { const h = new Date(t).getUTCHours(); return h >= 7 && h < 21; };
  const agents: RoutingAgent[] = Array.from({ length: opts.agents }, (_, i) => mkAgent(`ag${i}`, {
    presence: 'offline',
    skills: { billing: 1 + (i % 10), sales: i % 3 === 0 ? 5 : 0 },
    teamIds: i % 4 === 3 ? [] : ['general'],
    capacity: { voice: 1, chat: 1 + (i % 3), email: 3, messaging: 0, ticket: 0 },
  }));
  e.load({ workflow: simWorkflow, queues: simQueues, agents: [], tasks: [], offers: [], isOpen });
  const online = new Map<string, RoutingAgent>();
  const status = new Map<string, 'waiting' | 'assigned' | Outcome>();
  const handleEv = new Map<string, number>(); // task -> generation (cancels stale handle ends)
  const assignedAt = new Map<string, number>();
  const rep: SimReport = { tasks: 0, outcomes: { answered: 0, abandoned: 0, overflowed: 0 }, steps: 0, offers: 0, expired: 0, rejected: 0, awaySet: 0, maxWaitAnsweredMs: 0, maxWaitLowPriorityMs: 0, checks: 0 };
  const enq = new Map<string, number>();
  const prio = new Map<string, number>();

  const setAgent = (a: RoutingAgent) => { online.set(a.id, a); apply(e.upsertAgent(a, now)); };
  const finish = (id: string, o: Outcome) => { status.set(id, o); rep.outcomes[o]++; };
  function startHandling(taskId: string, userId: string) {
    if (status.get(taskId) === 'assigned') throw new Error(`task ${taskId} assigned twice`);
    status.set(taskId, 'assigned');
    const wait = now - (enq.get(taskId) ?? now);
    rep.maxWaitAnsweredMs = Math.max(rep.maxWaitAnsweredMs, wait);
    if ((prio.get(taskId) ?? 0) <= 20) rep.maxWaitLowPriorityMs = Math.max(rep.maxWaitLowPriorityMs, wait);
    assignedAt.set(taskId, now);
    const gen = (handleEv.get(taskId) ?? 0) + 1;
    handleEv.set(taskId, gen);
    const kind = e.task(taskId)?.kind;
    at(now + exp(kind === 'email' ? 4 * M : kind === 'call' ? 5 * M : 6 * M), () => {
      if (handleEv.get(taskId) !== gen || status.get(taskId) !== 'assigned' || e.task(taskId)?.assignedUserId !== userId) return;
      apply(e.endTask(taskId, 'completed', now));
      finish(taskId, 'answered');
    });
  }
  function apply(fx: RoutingEffect[]) {
    for (const f of fx) {
      if (f.kind === 'offer') {
        rep.offers++;
        const { offer } = f;
        if (f.autoAccept) { startHandling(offer.taskId, offer.userId); continue; }
        const r = rnd();
        if (r < 0.85) at(now + 2 * S + rnd() * 8 * S, () => {
          const res = e.accept(offer.id, offer.userId, now);
          if (res.ok) { apply(res.effects); startHandling(offer.taskId, offer.userId); }
        });
        else if (r < 0.9) at(now + 3 * S, () => { const res = e.reject(offer.id, offer.userId, now); if (res.ok) { rep.rejected++; apply(res.effects); } });
        // else: ignored, it expires
      } else if (f.kind === 'offer_expired') rep.expired++;
      else if (f.kind === 'overflowed') finish(f.taskId, 'overflowed');
      else if (f.kind === 'requeued') { if (status.get(f.taskId) === 'assigned') status.set(f.taskId, 'waiting'); }
      else if (f.kind === 'agent_away') {
        rep.awaySet++;
        const a = online.get(f.userId);
        if (a) at(now + 5 * M, () => { if (online.get(a.id) && e.agent(a.id)?.presence === 'away') setAgent({ ...(e.agent(a.id) as RoutingAgent), presence: 'available', awayReason: null, missedInRow: 0, presenceSince: now }); });
      }
    }
  }

  // Arrivals: an hourly profile (busy days, quiet nights), a few thousand a week.
  const profile = [1, 1, 1, 1, 1, 2, 4, 10, 22, 30, 32, 30, 26, 28, 30, 28, 24, 18, 12, 8, 5, 3, 2, 1];
  const end = opts.start + opts.days * DAY;
  for (let t = opts.start; t < end; t += H) {
    const hour = new Date(t).getUTCHours();
    const n = Math.round(1.6 * profile[hour]! * (0.7 + rnd() * 0.6) * (new Date(t).getUTCDay() % 6 === 0 ? 0.4 : 1));
    for (let k = 0; k < n; k++) at(t + rnd() * H, () => arrive());
  }
  function arrive() {
    const id = `t${rep.tasks++}`;
    const r = rnd();
    const kind: TaskKind = r < 0.1 ? 'call' : r < 0.7 ? 'chat' : 'email';
    const topic = rnd() < 0.4 ? 'billing' : rnd() < 0.5 ? 'sales' : 'other';
    const last = rnd() < 0.2 ? { userId: `ag${Math.floor(rnd() * opts.agents)}`, at: now - rnd() * H } : null;
    enq.set(id, now);
    status.set(id, 'waiting');
    apply(e.addTask({ id, kind, attributes: { channel: kind, topic }, priority: 50, enqueuedAt: now, lastAgent: last }, now));
    prio.set(id, e.task(id)?.priority ?? 0);
    if (kind !== 'email') at(now + exp(kind === 'call' ? 3 * M : 10 * M), () => {
      if (status.get(id) !== 'waiting' || !e.task(id) || e.task(id)?.status === 'assigned') return;
      apply(e.endTask(id, 'abandoned', now));
      finish(id, 'abandoned');
    });
  }

  // Shifts: three overlapping 8-hour shifts a day, a break per shift, some abrupt log-outs.
  for (let d = 0; d < opts.days + 1; d++) {
    for (const [i, a] of agents.entries()) {
      const shiftStart = opts.start + d * DAY + [0, 6, 12][i % 3]! * H - 2 * H + rnd() * 20 * M;
      if (shiftStart >= end + DAY) continue;
      at(shiftStart, () => setAgent({ ...a, presence: 'available', presenceSince: now, idleSince: now }));
      at(shiftStart + 3 * H + rnd() * H, () => {
        if (!online.has(a.id)) return;
        setAgent({ ...(e.agent(a.id) as RoutingAgent), presence: 'away', awayReason: 'break', presenceSince: now });
        at(now + 15 * M, () => online.has(a.id) && setAgent({ ...(e.agent(a.id) as RoutingAgent), presence: 'available', awayReason: null, presenceSince: now, missedInRow: 0 }));
      });
      const logOut = () => { online.delete(a.id); apply(e.removeAgent(a.id, now)); };
      at(shiftStart + 8 * H, () => {
        if (!online.has(a.id)) return;
        if (rnd() < 0.1) return logOut(); // abrupt: tasks in hand go back to the queue
        setAgent({ ...(e.agent(a.id) as RoutingAgent), presence: 'away', awayReason: 'end_of_shift', presenceSince: now });
        at(now + 30 * M, () => online.has(a.id) && logOut());
      });
    }
  }

  function checkInvariants() {
    rep.checks++;
    const used = new Map<string, Record<string, number>>();
    const add = (u: string, kind: TaskKind) => { const x = used.get(u) ?? {}; x[capacityChannelOf[kind]] = (x[capacityChannelOf[kind]] ?? 0) + 1; used.set(u, x); };
    const offered = new Set<string>();
    for (const o of e.pendingOffers()) {
      if (offered.has(o.taskId)) throw new Error(`task ${o.taskId} has two pending offers`);
      offered.add(o.taskId);
      const t = e.task(o.taskId);
      if (!t || t.status !== 'offered') throw new Error(`offer for task ${o.taskId} in status ${t?.status}`);
      add(o.userId, t.kind);
    }
    const waitingTasks: Readonly<RoutingTask>[] = [];
    for (const [id, s] of status) {
      const t = e.task(id);
      if ((s === 'answered' || s === 'abandoned' || s === 'overflowed') && t) throw new Error(`ended task ${id} still in the engine`);
      if (!t) continue;
      if (t.status === 'assigned' && t.assignedUserId) add(t.assignedUserId, t.kind);
      if (t.status === 'queued') waitingTasks.push(t);
    }
    for (const [u, x] of used) {
      const a = e.agent(u);
      if (!a) throw new Error(`capacity held by unknown agent ${u}`);
      for (const c of capacityChannels) {
        if ((x[c] ?? 0) > a.capacity[c]) throw new Error(`agent ${u} over capacity on ${c}: ${x[c]}`);
        if ((x[c] ?? 0) !== e.usage(u)[c]) throw new Error(`agent ${u} usage ${c} is ${e.usage(u)[c]}, tasks say ${x[c] ?? 0}`);
      }
      if ((x.voice ?? 0) > 0 && Object.entries(x).some(([c, n]) => c !== 'voice' && n > 0)) throw new Error(`agent ${u} on a call and other work`);
    }
    // Work-conserving: after a decision round no waiting task can be taken by an idle eligible agent.
    for (const t of waitingTasks) {
      if (!t.queueId) continue;
      const q = simQueues.find((x) => x.id === t.queueId) as RoutingQueue;
      const rl = simWorkflow.rules.find((r) => r.id === t.ruleId);
      const tg: CompiledTarget | undefined = rl?.targets[t.targetIndex];
      const filter = tg && tg.queueId === t.queueId ? tg.agentFilter : undefined;
      for (const a of online.values()) {
        const cur = e.agent(a.id);
        if (!cur || cur.presence !== 'available' || now < cur.wrapUpUntil || t.declinedBy.includes(cur.id)) continue;
        if (q.teamIds.length && !cur.teamIds.some((x) => q.teamIds.includes(x))) continue;
        if (filter && !filter(cur)) continue;
        const u = used.get(cur.id) ?? {};
        const ch = capacityChannelOf[t.kind];
        const busyOther = Object.entries(u).some(([c, n]) => c !== 'voice' && n > 0);
        if ((u[ch] ?? 0) >= cur.capacity[ch] || (ch === 'voice' ? busyOther : (u.voice ?? 0) > 0)) continue;
        throw new Error(`starvation: task ${t.id} waits in ${t.queueId} while ${cur.id} could take it`);
      }
    }
  }

  const step = () => {
    rep.steps++;
    apply(e.tick(now));
    checkInvariants();
  };
  // Run the week, then drain: everyone logs in until nothing is left.
  let draining = false;
  for (let guard = 0; guard < 5_000_000; guard++) {
    const wake = e.nextWakeAt();
    const next = evs.peek();
    if (!next && wake === null) {
      const live = [...status.values()].filter((s) => s === 'waiting' || s === 'assigned').length;
      if (!live || draining) break;
      draining = true;
      for (const a of agents) if (!online.has(a.id)) setAgent({ ...a, presence: 'available', presenceSince: now, idleSince: now });
      step();
      continue;
    }
    now = Math.max(now, Math.min(next?.at ?? Infinity, wake ?? Infinity));
    while (evs.peek() && (evs.peek() as Ev).at <= now) (evs.pop() as Ev).run();
    step();
    if (!evs.size && now >= end && !draining) {
      draining = true;
      for (const a of agents) if (!online.has(a.id)) setAgent({ ...a, presence: 'available', presenceSince: now, idleSince: now });
    }
  }
  for (const [id, s] of status) if (s === 'waiting' || s === 'assigned') throw new Error(`task ${id} left in limbo (${s}, engine: ${e.task(id)?.status})`);
  return rep;
}
