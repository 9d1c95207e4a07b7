import { localToInstant } from '../sla/business-time.ts';
import { counterIndex, taskContributions, zeroCounters, type ContributionContext, type Counters } from './contributions.ts';
import { addCounters, toMetrics } from './metrics.ts';
import { buildTaskFact, type TaskEvent } from './task-facts.ts';

/**
 * Today's figures per queue for the live wallboard, computed from task events by the definitions
 * of docs (METRICS.md): offered, answered, abandoned (short abandons apart), service level, ASA,
 * and the longest wait of tasks still waiting. Pure: events and `now` (epoch ms) are passed in.
 *
 * Attribution: a task counts for the day (tenant time zone) in which it first entered a queue (a
 * `task.queued` without `reason`; requeues carry a reason and are not new arrivals). It counts in
 * ONE queue: the queue it was in when it was first answered or abandoned, else the queue it is in
 * now, so offered = answered + abandoned + still open in every queue. Wait runs from that first
 * entry (enqueuedAt is kept across transfers) to the first accept/assign or the abandon.
 * "Within" a threshold is inclusive: answered at exactly T counts as in service level, a customer
 * who left at exactly the short-abandon threshold is a short abandon.
 */

export interface LiveTaskEvent {
  type: string;
  taskId: string;
  /** The task's queue as carried by every task event's payload. */
  queueId: string | null;
  at: number;
  payload: Record<string, unknown>;
}

export interface LiveTodayOptions {
  timeZone: string;
  now: number;
  /** Service-level threshold T, default 20 s. */
  serviceLevelMs?: number;
  /** Short-abandon threshold, default 5 s. */
  shortAbandonMs?: number;
}

export interface QueueToday {
  queueId: string;
  offered: number;
  answered: number;
  /** Abandoned after the short-abandon threshold. */
  abandoned: number;
  shortAbandoned: number;
  answeredInServiceLevel: number;
  /** answeredInServiceLevel / (offered - shortAbandoned); null when nothing counted yet. */
  serviceLevel: number | null;
  /** Mean wait of answered tasks in ms; null when none answered. */
  asaMs: number | null;
  /** abandoned / (offered - shortAbandoned); null when nothing counted. */
  abandonRate: number | null;
  /** Tasks of today still waiting (queued or offered). */
  waiting: number;
  longestWaitMs: number;
  /** Tasks whose handling ended in the period, and their mean handle time (ms; null when none). */
  handled: number;
  ahtMs: number | null;
}

export const defaultServiceLevelMs = 20_000;
export const defaultShortAbandonMs = 5_000;


const dayFormatters = new Map<string, Intl.DateTimeFormat>();
function localDate(ms: number, tz: string): { y: number; m: number; d: number } {
  let f = dayFormatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(tz, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(ms))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { y: p.year!, m: p.month!, d: p.day! };
}

/** [start, end) in epoch ms of the local day (in `timeZone`) that holds `now`; 23 or 25 h long on DST days. */
export function dayBounds(now: number, timeZone: string): { from: number; to: number } {
  const { y, m, d } = localDate(now, timeZone);
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return { from: localToInstant(y, m, d, 0, timeZone), to: localToInstant(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0, timeZone) };
}

/**
 * Per-queue figures of the local day holding `now`. `events` may hold more than today (they are
 * filtered); order does not matter (sorted by time here, stable). `queueIds` lists queues to
 * report even when they had nothing today.
 */
export function computeLiveToday(events: readonly LiveTaskEvent[], opts: LiveTodayOptions, queueIds: readonly string[] = []): QueueToday[] {
  const { from, to } = dayBounds(opts.now, opts.timeZone);
  return computeLivePeriod(events, { ...opts, from, to }, queueIds);
}

/**
 * Per-queue figures of tasks in [from, to) as of `now`, folded by the same task facts and
 * contributions as the rollups (task-facts.ts, contributions.ts), so the wallboard and the
 * historical reports agree: offered/answered/abandoned in the interval of arrival, handled and
 * handle time in the interval the handling ended. `from` and `to` are 15-minute aligned.
 */
export function computeLivePeriod(events: readonly LiveTaskEvent[], opts: LiveTodayOptions & { from: number; to: number }, queueIds: readonly string[] = []): QueueToday[] {
  const ctx: ContributionContext = {
    serviceLevelMs: () => opts.serviceLevelMs ?? defaultServiceLevelMs,
    shortAbandonMs: opts.shortAbandonMs ?? defaultShortAbandonMs,
    teamOf: () => '',
    inboxOf: () => '',
  };
  const byTask = new Map<string, TaskEvent[]>();
  events.forEach((e, i) => {
    if (e.at > opts.now) return;
    const list = byTask.get(e.taskId) ?? [];
    list.push({ type: e.type, seq: i, at: e.at, payload: e.queueId ? { ...e.payload, queueId: e.payload.queueId ?? e.queueId } : e.payload });
    byTask.set(e.taskId, list);
  });
  const sums = new Map<string, Counters>();
  const waiting = new Map<string, { n: number; longest: number }>();
  for (const q of queueIds) sums.set(q, zeroCounters());
  for (const [taskId, list] of byTask) {
    const f = buildTaskFact(taskId, list);
    if (!f || !f.queueId) continue;
    for (const c of taskContributions(f, ctx)) {
      if (c.k !== 'q' || c.b < opts.from || c.b >= opts.to) continue;
      addCounters(sums.get(c.queue) ?? sums.set(c.queue, zeroCounters()).get(c.queue)!, c.v);
    }
    if (f.waiting && f.outcome === null && f.arrivedAt >= opts.from && f.arrivedAt < opts.to) {
      const w = waiting.get(f.queueId) ?? { n: 0, longest: 0 };
      w.n++;
      w.longest = Math.max(w.longest, opts.now - f.arrivedAt);
      waiting.set(f.queueId, w);
      if (!sums.has(f.queueId)) sums.set(f.queueId, zeroCounters());
    }
  }
  return [...sums].map(([queueId, v]) => {
    const m = toMetrics(v);
    const g = (n: keyof typeof counterIndex) => v[counterIndex[n]] ?? 0;
    return {
      queueId, offered: g('offered'), answered: g('answered'), abandoned: g('abandoned'), shortAbandoned: g('short_abandoned'), answeredInServiceLevel: g('answered_in_sl'),
      serviceLevel: m.serviceLevel ?? null, asaMs: g('answered') > 0 ? g('wait_answered_ms') / g('answered') : null, abandonRate: m.abandonRate ?? null,
      waiting: waiting.get(queueId)?.n ?? 0, longestWaitMs: waiting.get(queueId)?.longest ?? 0,
      handled: g('handled'), ahtMs: g('handled') > 0 ? g('handle_ms') / g('handled') : null,
    };
  });
}
