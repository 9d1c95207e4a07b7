/**
 * Core routing engine benchmark against a naive baseline measured in the same run.
 *
 *   npx tsx bench/routing.ts            # 10,000 agents, 100,000 waiting tasks
 *   npx tsx bench/routing.ts --quick    # 1,000 agents, 10,000 waiting tasks (smoke)
 *
 * Workload: 20 skills (levels 1-10), 5 languages, 3 priority levels, 20 queues cycling the four
 * strategies, a workflow of 300 rules (topic x language x priority) whose targets are "skill >= 5
 * and speaks the language" then "skill >= 1". Every agent starts fully busy and 100,000 tasks wait.
 * One step: an agent finishes a task -> decide (measured: "agent frees") -> the offer is accepted
 * -> a new task arrives -> decide (measured: "task arrives"). The naive baseline does the same
 * decisions by scanning every waiting task, then every agent, per decision.
 * No database here (bench/routing-db.ts measures persisted assignments).
 */
import { createEngine } from '../src/core/routing/engine.ts';
import { blockReason, emptyUsage, type Usage } from '../src/core/routing/engine-model.ts';
import { T0, agent as mkAgent, counterIds, queue as mkQueue, rule, target, taskRow } from '../src/core/routing/engine-fixtures.ts';
import { capacityChannelOf, strategies } from '../src/core/routing/types.ts';
import type { CompiledRule, CompiledTarget, RoutingAgent, RoutingQueue, RoutingTask, TaskKind } from '../src/core/routing/types.ts';

const quick = process.argv.includes('--quick');
const AGENTS = quick ? 1_000 : 10_000;
const TASKS = quick ? 10_000 : 100_000;
const STEPS = quick ? 2_000 : 20_000;
const NAIVE_STEPS = quick ? 200 : 200;
const SKILLS = 20;
const LANGS = ['en', 'pl', 'de', 'fr', 'es'];
const PRIOS = [25, 50, 75];

let seed = 42;
const rnd = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;

// ---- workload -------------------------------------------------------------------------------
const queues: RoutingQueue[] = Array.from({ length: SKILLS }, (_, i) => mkQueue(`q${i}`, { strategy: strategies[i % 4], agingPerMinute: 1 }));
const wide: CompiledTarget[] = Array.from({ length: SKILLS }, (_, i) => target(`q${i}`, { skills: { [`s${i}`]: 1 } }));
const rules: CompiledRule[] = [];
const ruleOf = new Map<string, CompiledRule>();
for (let i = 0; i < SKILLS; i++)
  for (const lang of LANGS) {
    const narrow = target(`q${i}`, { skills: { [`s${i}`]: 5 }, lang, timeoutMs: 3_600_000 });
    for (const p of PRIOS) {
      const r = rule(`r${i}-${lang}-${p}`, [narrow, wide[i] as CompiledTarget], { priority: p, when: (a) => a.topic === i && a.language === lang && a.prio === p });
      rules.push(r);
      ruleOf.set(`${i}|${lang}|${p}`, r);
    }
  }
const wf = { version: 1, rules };

function makeAgent(n: number): RoutingAgent {
  const voice = rnd() < 0.2;
  const skills: Record<string, number> = {};
  const k = 3 + Math.floor(rnd() * 3);
  for (let j = 0; j < k; j++) skills[`s${Math.floor(rnd() * SKILLS)}`] = 1 + Math.floor(rnd() * 10);
  const languages = rnd() < 0.4 ? ['en', pick(LANGS.slice(1))] : ['en'];
  return mkAgent(`a${n}`, {
    skills, languages, idleSince: T0 - Math.floor(rnd() * 3_600_000),
    capacity: voice ? { voice: 1, chat: 0, email: 0, messaging: 0, ticket: 0 } : { voice: 0, chat: 2, email: 2, messaging: 0, ticket: 0 },
  });
}
const agents = Array.from({ length: AGENTS }, (_, n) => makeAgent(n));

interface Spec { id: string; kind: TaskKind; topic: number; lang: string; prio: number; enqueuedAt: number }
let taskN = 0;
function makeTask(at: number): Spec {
  const r = rnd();
  return { id: `t${taskN++}`, kind: r < 0.15 ? 'call' : r < 0.6 ? 'chat' : 'email', topic: Math.floor(rnd() * SKILLS), lang: rnd() < 0.7 ? 'en' : pick(LANGS.slice(1)), prio: pick(PRIOS), enqueuedAt: at };
}
/** Every agent full: voice agents on one call, the others on two chats and two emails. */
function busyRows(): RoutingTask[] {
  const rows: RoutingTask[] = [];
  for (const a of agents) {
    const kinds: TaskKind[] = a.capacity.voice ? ['call'] : ['chat', 'chat', 'email', 'email'];
    for (const kind of kinds) rows.push(taskRow(`busy${taskN++}`, { kind, status: 'assigned', assignedUserId: a.id, queueId: 'q0' }));
  }
  return rows;
}
const attrs = (s: Spec) => ({ topic: s.topic, language: s.lang, prio: s.prio, channel: s.kind });

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}
const ns = (): bigint => process.hrtime.bigint();

interface Result { name: string; decisions: number; offers: number; perSec: number; offersPerSec: number; p50: number; p99: number; arriveP50: number; arriveP99: number }

// ---- the engine -----------------------------------------------------------------------------
function runEngine(): Result & { setupMs: number; mean: number; p999: number; max: number } {
  const t0 = Date.now();
  const e = createEngine({ newId: counterIds() });
  const rows = busyRows();
  e.load({ workflow: wf, queues, agents, tasks: rows, offers: [] });
  const assigned = new Map<string, string[]>();
  for (const r of rows) assigned.set(r.assignedUserId as string, [...(assigned.get(r.assignedUserId as string) ?? []), r.id]);
  let now = T0;
  for (let i = 0; i < TASKS; i++) {
    const s = makeTask(now);
    e.addTask({ id: s.id, kind: s.kind, attributes: attrs(s), priority: s.prio, enqueuedAt: s.enqueuedAt }, now);
  }
  e.decide(now);
  const setupMs = Date.now() - t0;
  const free: number[] = [];
  const arrive: number[] = [];
  let offers = 0;
  let total = 0n;
  const warm = Math.floor(STEPS / 10);
  for (let step = -warm; step < STEPS; step++) {
    if (step === 0) {
      free.length = arrive.length = 0;
      offers = 0;
      total = 0n;
    }
    now += 50;
    const a = pick(agents);
    const mine = assigned.get(a.id) ?? [];
    const done = mine.splice(Math.floor(rnd() * mine.length), 1)[0];
    if (done) e.endTask(done, 'completed', now);
    let t = ns();
    const fx = e.decide(now);
    let d = ns() - t;
    total += d;
    free.push(Number(d) / 1e6);
    for (const f of fx)
      if (f.kind === 'offer') {
        offers++;
        e.accept(f.offer.id, f.offer.userId, now);
        assigned.get(f.offer.userId)?.push(f.offer.taskId);
      }
    const s = makeTask(now);
    e.addTask({ id: s.id, kind: s.kind, attributes: attrs(s), priority: s.prio, enqueuedAt: s.enqueuedAt }, now);
    t = ns();
    e.decide(now);
    d = ns() - t;
    total += d;
    arrive.push(Number(d) / 1e6);
  }
  const decisions = free.length + arrive.length;
  const mean = free.reduce((a, b) => a + b, 0) / Math.max(1, free.length);
  return { mean, p999: pct(free, 99.9), max: Math.max(...free), name: 'engine (indexed)', decisions, offers, perSec: decisions / (Number(total) / 1e9), offersPerSec: offers / (Number(total) / 1e9), p50: pct(free, 50), p99: pct(free, 99), arriveP50: pct(arrive, 50), arriveP99: pct(arrive, 99), setupMs };
}

// ---- naive baseline: scan every waiting task, then every agent, per decision ------------------
interface NTask { id: string; ch: ReturnType<typeof ch>; prio: number; enq: number; target: CompiledTarget; q: RoutingQueue; declined: Set<string> }
const ch = (k: TaskKind) => capacityChannelOf[k];

function runNaive(): Result {
  const usage = new Map<string, Usage>(agents.map((a) => [a.id, emptyUsage()]));
  const assigned = new Map<string, NTask[]>();
  for (const r of busyRows()) {
    const u = usage.get(r.assignedUserId as string) as Usage;
    u[ch(r.kind)]++;
    const list = assigned.get(r.assignedUserId as string) ?? [];
    list.push({ id: r.id, ch: ch(r.kind), prio: 0, enq: 0, target: wide[0] as CompiledTarget, q: queues[0] as RoutingQueue, declined: new Set() });
    assigned.set(r.assignedUserId as string, list);
  }
  const toTask = (s: Spec): NTask => {
    const r = ruleOf.get(`${s.topic}|${s.lang}|${s.prio}`) as CompiledRule;
    const tg = r.targets[0] as CompiledTarget;
    return { id: s.id, ch: ch(s.kind), prio: r.priority, enq: s.enqueuedAt, target: tg, q: queues[s.topic] as RoutingQueue, declined: new Set() };
  };
  let now = T0;
  const waiting: NTask[] = [];
  for (let i = 0; i < TASKS; i++) waiting.push(toTask(makeTask(now)));
  const eligible = (a: RoutingAgent, t: NTask) =>
    !t.declined.has(a.id) && blockReason(a, usage.get(a.id) as Usage, t.ch, now) === null && (!t.target.agentFilter || t.target.agentFilter(a));
  const eff = (t: NTask) => t.prio + t.target.priorityBoost + (t.q.agingPerMinute * (now - t.enq)) / 60000;
  function decideNaive(): number {
    let offers = 0;
    for (const a of agents) {
      // every agent with room: best task by scanning all waiting tasks
      const u = usage.get(a.id) as Usage;
      if (blockReason(a, u, a.capacity.voice ? 'voice' : 'chat', now) !== null && blockReason(a, u, 'email', now) !== null) continue;
      let best = -1;
      for (let i = 0; i < waiting.length; i++) {
        const t = waiting[i] as NTask;
        if (!eligible(a, t)) continue;
        const b = waiting[best];
        if (!b || eff(t) > eff(b) || (eff(t) === eff(b) && t.enq < b.enq)) best = i;
      }
      if (best < 0) continue;
      const t = waiting[best] as NTask;
      // then the best agent for it by scanning all agents (longest idle)
      let who: RoutingAgent | null = null;
      for (const b of agents) if (eligible(b, t) && (!who || b.idleSince < who.idleSince)) who = b;
      if (!who) continue;
      waiting[best] = waiting[waiting.length - 1] as NTask;
      waiting.pop();
      (usage.get(who.id) as Usage)[t.ch]++;
      assigned.get(who.id)?.push(t);
      offers++;
      return offers;
    }
    return offers;
  }
  const free: number[] = [];
  const arrive: number[] = [];
  let offers = 0;
  let total = 0n;
  for (let step = 0; step < NAIVE_STEPS; step++) {
    now += 50;
    const a = pick(agents);
    const mine = assigned.get(a.id) ?? [];
    const done = mine.splice(Math.floor(rnd() * mine.length), 1)[0];
    if (done) (usage.get(a.id) as Usage)[done.ch]--;
    let t = ns();
    offers += decideNaive();
    let d = ns() - t;
    total += d;
    free.push(Number(d) / 1e6);
    waiting.push(toTask(makeTask(now)));
    t = ns();
    offers += decideNaive();
    d = ns() - t;
    total += d;
    arrive.push(Number(d) / 1e6);
  }
  const decisions = free.length + arrive.length;
  return { name: 'naive scan (baseline)', decisions, offers, perSec: decisions / (Number(total) / 1e9), offersPerSec: offers / (Number(total) / 1e9), p50: pct(free, 50), p99: pct(free, 99), arriveP50: pct(arrive, 50), arriveP99: pct(arrive, 99) };
}

const eng = runEngine();
const naive = runNaive();
const f = (x: number, d = 3) => x.toFixed(d);
console.log(`routing core benchmark: ${AGENTS} agents, ${TASKS} waiting tasks, ${SKILLS} skills, ${LANGS.length} languages, ${PRIOS.length} priorities, ${queues.length} queues, ${rules.length} rules${quick ? ' (--quick)' : ''}`);
console.log(`engine set-up (load + ${TASKS} addTask): ${eng.setupMs} ms; node ${process.version}`);
console.log('decide calls: one after each agent frees a slot and one after each arrival; offers/s counts only decide calls that placed a task');
console.log('| run | decide calls | offers | decide calls/s | offers/s | agent frees p50 ms | p99 ms | task arrives p50 ms | p99 ms |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of [eng, naive]) console.log(`| ${r.name} | ${r.decisions} | ${r.offers} | ${Math.round(r.perSec)} | ${Math.round(r.offersPerSec)} | ${f(r.p50)} | ${f(r.p99)} | ${f(r.arriveP50)} | ${f(r.arriveP99)} |`);
console.log(`engine agent-frees decisions: mean ${f(eng.mean)} ms, p99.9 ${f(eng.p999)} ms, max ${f(eng.max)} ms (outliers are mostly GC pauses)`);
console.log(`ratio engine/naive: ${(eng.perSec / naive.perSec).toFixed(1)}x decide calls/s, ${(eng.offersPerSec / naive.offersPerSec).toFixed(1)}x offers/s; p99 (agent frees) ${(naive.p99 / Math.max(eng.p99, 1e-6)).toFixed(1)}x lower`);
console.log(`goal >= 50,000 decisions/s and p99 < 1 ms: ${eng.perSec >= 50_000 && eng.p99 < 1 ? 'met' : 'NOT met'} (offer-making decisions alone: ${Math.round(eng.offersPerSec)}/s)`);
