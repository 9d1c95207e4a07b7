import type { Logger } from 'pino';
import type { Clock, IdGen } from '../core/context.ts';
import { createEngine } from '../core/routing/engine.ts';
import type { EngineOptions, RoutingEngine } from '../core/routing/types.ts';
import type { Database } from '../storage/db.ts';
import { createRepos } from '../storage/repos.ts';
import { routingRuntimeRepo } from '../storage/routing-runtime.repo.ts';
import { createLeadership, type Leadership } from './routing-leader.ts';
import { loadWorkflow, metaOf, runPass, StaleCursor, type PassResult, type TenantRouting } from './routing-pass.ts';
import type { RecentEvents } from '../bus/recent-events.ts';
import { intakeAction } from '../core/routing/intake.ts';
import { FLOW_HANDED_OVER } from '../core/flows-runtime/routing-hook.ts';

/**
 * The routing runtime (docs/decisions/013-routing.md). For each tenant this node leads
 * (routing-leader.ts), it loads the database's routing state into a pure engine, follows the
 * events table from the tenant's cursor (task intake and every change the service makes), and
 * runs tick + decide; each batch is persisted with its events in one transaction before anything
 * is published (the outbox does that after commit). A timer per tenant wakes it at the engine's
 * next deadline; `poke` after commits; `settle` (tests) runs until nothing changes.
 */

export interface RoutingRunnerDeps {
  database: Database;
  clock: Clock;
  newId: IdGen;
  log: Logger;
  /** Called after a batch committed events (pokes the outbox dispatcher). */
  onEvents(): void;
  engine?: Partial<EngineOptions>;
  /** Another engine implementation (tests); default createEngine from src/core/routing/engine.ts. */
  createEngine?: (opts?: Partial<EngineOptions>) => RoutingEngine;
  /** Events per batch (default 200) and offers per decide (default 500). */
  batch?: number;
  /** Events the bus just delivered, read before the database (src/bus/recent-events.ts). */
  recent?: RecentEvents;
  maxDecide?: number;
  retryMs?: number;
}

interface TenantSlot {
  st: TenantRouting | null;
  loading: Promise<TenantRouting> | null;
  running: Promise<void> | null;
  again: boolean;
  timer?: NodeJS.Timeout;
  /** Bumped when leadership is lost: a batch of an older generation is discarded. */
  gen: number;
}

/** A cursor moved by quiet batches is saved by a real batch within this time or this many events. */
const QUIET_SAVE_MS = 5_000;
const QUIET_SAVE_EVENTS = 5_000;
const MIN_WAKE_MS = 10;
const MAX_WAKE_MS = 60_000;
const MAX_PASSES = 10_000;

export function routingRunner(d: RoutingRunnerDeps) {
  const db = d.database.db;
  const slots = new Map<string, TenantSlot>();
  const passDeps = { newId: d.newId, log: d.log, batch: d.batch ?? 200, maxDecide: d.maxDecide ?? 500, recent: d.recent };
  let stopped = false;

  const leadership: Leadership = createLeadership({
    database: d.database,
    log: d.log,
    retryMs: d.retryMs,
    tenantIds: () => routingRuntimeRepo(db).tenantIds(),
    onGain(tenantId) {
      const slot: TenantSlot = slots.get(tenantId) ?? { st: null, loading: null, running: null, again: false, gen: 0 };
      slots.set(tenantId, slot);
      poke(tenantId);
    },
    onLose(tenantId) {
      const slot = slots.get(tenantId);
      if (!slot) return;
      slot.gen++;
      slot.st = null;
      clearTimeout(slot.timer);
    },
  });

  async function load(tenantId: string): Promise<TenantRouting> {
    const rr = routingRuntimeRepo(db);
    const [queues, agents, tasks, wf, cursor, recentHandleMs] = await Promise.all([
      rr.queues(tenantId),
      rr.agents(tenantId),
      rr.liveTasks(tenantId),
      loadWorkflow(rr, tenantId, d.log),
      rr.cursor(tenantId),
      rr.recentHandleMs(tenantId),
    ]);
    const make = d.createEngine ?? createEngine;
    const engine = make(d.engine);
    const now = d.clock.now().getTime();
    const routed = tasks.filter((t) => t.task.status !== 'wrap_up');
    engine.load({ workflow: wf?.workflow ?? null, queues, agents, tasks: routed.map((t) => t.task), offers: routed.flatMap((t) => (t.offer ? [t.offer] : [])) });
    const st: TenantRouting = {
      tenantId,
      engine,
      workflowVersion: wf?.version ?? null,
      queues: new Map(queues.map((q) => [q.id, q])),
      meta: new Map(routed.map((t) => [t.task.id, metaOf(t)])),
      wrapUps: new Map(),
      cursor: cursor ?? 0,
      savedCursor: cursor ?? 0,
      savedAt: now,
      settled: false,
      pending: [],
      own: new Set(),
      positions: new Map(),
      recentHandleMs,
      agentIds: new Set(agents.map((a) => a.id)),
    };
    // Wrap-ups found at start end one full wrap-up from now (when they began is not stored).
    for (const t of tasks) {
      if (t.task.status !== 'wrap_up') continue;
      const wrapUpMs = (t.task.queueId && st.queues.get(t.task.queueId)?.wrapUpMs) || 0;
      st.wrapUps.set(t.task.id, { at: now + wrapUpMs, userId: t.task.assignedUserId, assignedAt: now });
    }
    d.log.debug({ tenantId, tasks: tasks.length, agents: agents.length, cursor: st.cursor }, 'routing state loaded');
    return st;
  }

  /** One batch in one transaction; on failure the engine is dropped and reloaded from the database. */
  async function pass(tenantId: string, slot: TenantSlot): Promise<PassResult | null> {
    const gen = slot.gen;
    if (!slot.st) {
      slot.loading ??= load(tenantId).finally(() => {
        slot.loading = null;
      });
      const st = await slot.loading;
      if (gen !== slot.gen || !leadership.isLeader(tenantId)) return null;
      slot.st = st;
    }
    const st = slot.st;
    const quiet = quietPass(tenantId, st);
    if (quiet) return quiet;
    let appended = false;
    try {
      const res = await db.transaction().execute(async (tx) => {
        const r = createRepos(tx);
        const append = r.events.append;
        r.events.append = async (...args) => {
          const stored = await append(...args);
          if (stored.length > 0) appended = true;
          return stored;
        };
        return runPass(passDeps, st, tx, r, d.clock.now());
      });
      if (appended) d.onEvents();
      st.settled = !res.changed;
      return res;
    } catch (e) {
      if (slot.st === st) slot.st = null;
      // A moved cursor is expected (another node's batch, or history written past it by the demo
      // seed's history writer): the tenant is reloaded, nothing is wrong, no stack to print.
      if (stopped) throw e;
      if (e instanceof StaleCursor) d.log.debug({ tenantId, reason: e.message }, 'routing cursor moved under this node; reloading the tenant from the database');
      else d.log.warn({ err: e, tenantId }, 'routing batch rolled back; reloading the tenant from the database');
      throw e;
    }
  }

  /**
   * A batch without a transaction, when it would do nothing: the engine has nothing due, the last
   * batch changed nothing, and the new events (read from memory) are none routing acts on — a chat
   * message to an assigned conversation, typing receipts, reads. Only the cursor moves, in memory;
   * the next real batch saves it, and one runs at least every QUIET_SAVE_MS or QUIET_SAVE_EVENTS so
   * a new leader never has far to re-read (re-reading such events changes nothing). Returns null
   * when a real batch is needed.
   */
  function quietPass(tenantId: string, st: TenantRouting): PassResult | null {
    const recent = d.recent;
    if (!recent || !st.settled || st.pending.length > 0) return null;
    const now = d.clock.now().getTime();
    if (st.cursor - st.savedCursor >= QUIET_SAVE_EVENTS || (st.cursor !== st.savedCursor && now - st.savedAt >= QUIET_SAVE_MS)) return null;
    const wake = st.engine.nextWakeAt();
    if (wake !== null && wake <= now) return null;
    for (const w of st.wrapUps.values()) if (w.at <= now) return null;
    // Nothing kept after the cursor (not delivered here yet, or never): the database answers.
    const events = recent.after(tenantId, st.cursor, passDeps.batch);
    if (!events || events.some((e) => !st.own.has(e.id) && (e.type === FLOW_HANDED_OVER || intakeAction(e) !== null))) return null;
    for (const e of events) st.own.delete(e.id);
    st.cursor = events[events.length - 1]!.seq;
    return { events: events.length, effects: 0, changed: false, quiet: true };
  }

  function arm(tenantId: string, slot: TenantSlot) {
    clearTimeout(slot.timer);
    if (stopped || !leadership.isLeader(tenantId)) return;
    if (!slot.st) {
      // The last load or batch failed: try again shortly.
      slot.timer = setTimeout(() => poke(tenantId), 1000);
      slot.timer.unref();
      return;
    }
    const now = d.clock.now().getTime();
    let next = slot.st.engine.nextWakeAt();
    for (const w of slot.st.wrapUps.values()) next = next === null ? w.at : Math.min(next, w.at);
    const delay = next === null ? MAX_WAKE_MS : Math.min(MAX_WAKE_MS, Math.max(MIN_WAKE_MS, next - now));
    slot.timer = setTimeout(() => poke(tenantId), delay);
    slot.timer.unref();
  }

  /** Runs batches until one changes nothing; concurrent pokes fold into one more round. */
  function run(tenantId: string): Promise<void> {
    const slot = slots.get(tenantId);
    if (!slot || stopped || !leadership.isLeader(tenantId)) return Promise.resolve();
    if (slot.running) {
      slot.again = true;
      return slot.running;
    }
    slot.running = (async () => {
      let failures = 0;
      do {
        slot.again = false;
        for (let i = 0; i < MAX_PASSES && !stopped && leadership.isLeader(tenantId); i++) {
          let res: PassResult | null;
          try {
            res = await pass(tenantId, slot);
          } catch {
            if (++failures > 3) break;
            continue;
          }
          // A quiet batch that took all it was given ends the round too: later events poke again.
          if (!res || (!res.changed && (res.events === 0 || (res.quiet && res.events < passDeps.batch)))) break;
        }
      } while (slot.again && !stopped);
      arm(tenantId, slot);
    })().finally(() => {
      slot.running = null;
    });
    return slot.running;
  }

  function poke(tenantId?: string): void {
    if (stopped) return;
    for (const id of tenantId ? [tenantId] : [...slots.keys()]) {
      if (!leadership.isLeader(id)) continue;
      void run(id).catch((e) => d.log.warn({ err: e, tenantId: id }, 'routing run failed; the timer retries'));
    }
  }

  return {
    start(): void {
      leadership.start();
    },
    poke,
    /** Tests: take leadership where possible, then process everything pending until nothing changes. */
    async settle(tenantId?: string): Promise<void> {
      await leadership.refresh().catch(() => {});
      const ids = tenantId ? [tenantId] : [...slots.keys()];
      for (let round = 0; round < 20; round++) {
        let busy = false;
        for (const id of ids) {
          const slot = slots.get(id);
          if (!slot || !leadership.isLeader(id)) continue;
          while (slot.running) await slot.running;
          await run(id);
          if (slot.running || slot.st?.pending.length) busy = true;
        }
        if (!busy) break;
      }
    },
    isLeader: (tenantId: string) => leadership.isLeader(tenantId),
    leading: () => leadership.leading(),
    /** The engine of a tenant this node leads (tests, diagnostics). */
    engine: (tenantId: string) => slots.get(tenantId)?.st?.engine,
    /** How far this leader has read a tenant's events, and how far that is saved (tests, diagnostics). */
    cursor(tenantId: string): { read: number; saved: number } | null {
      const st = slots.get(tenantId)?.st;
      return st ? { read: st.cursor, saved: st.savedCursor } : null;
    },
    async stop(): Promise<void> {
      stopped = true;
      for (const slot of slots.values()) clearTimeout(slot.timer);
      await Promise.allSettled([...slots.values()].map((s) => s.running));
      await leadership.stop();
    },
  };
}
export type RoutingRunner = ReturnType<typeof routingRunner>;
