import { localToInstant } from '../sla/business-time.ts';

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
}

export const defaultServiceLevelMs = 20_000;
export const defaultShortAbandonMs = 5_000;

const waitingAfter = new Set(['task.queued', 'task.offered', 'task.offer_expired', 'task.offer_rejected', 'task.callback_requested', 'task.overflowed', 'task.target_changed']);
const notWaitingAfter = new Set(['task.accepted', 'task.assigned', 'task.wrap_up_started', 'task.completed', 'task.abandoned', 'task.cancelled']);

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

interface TaskState {
  arrivedAt: number;
  queueId: string | null;
  outcome: 'answered' | 'abandoned' | 'cancelled' | null;
  outcomeAt: number;
  waiting: boolean;
}

const queueOf = (e: LiveTaskEvent): string | null => {
  const to = e.payload.toQueueId;
  if (e.type === 'task.transferred' && typeof to === 'string') return to;
  return e.queueId;
};

/**
 * Per-queue figures of the local day holding `now`. `events` may hold more than today (they are
 * filtered); order does not matter (sorted by time here, stable). `queueIds` lists queues to
 * report even when they had nothing today.
 */
export function computeLiveToday(events: readonly LiveTaskEvent[], opts: LiveTodayOptions, queueIds: readonly string[] = []): QueueToday[] {
  const sl = opts.serviceLevelMs ?? defaultServiceLevelMs;
  const short = opts.shortAbandonMs ?? defaultShortAbandonMs;
  const { from, to } = dayBounds(opts.now, opts.timeZone);
  const sorted = [...events].sort((a, b) => a.at - b.at);
  const tasks = new Map<string, TaskState>();
  for (const e of sorted) {
    if (e.at > opts.now) continue;
    let t = tasks.get(e.taskId);
    if (!t) {
      if (e.type !== 'task.queued' || e.payload.reason !== undefined) continue; // arrived before the events we hold
      if (e.at < from || e.at >= to) continue;
      t = { arrivedAt: e.at, queueId: e.queueId, outcome: null, outcomeAt: 0, waiting: true };
      tasks.set(e.taskId, t);
      continue;
    }
    if (t.outcome === null) t.queueId = queueOf(e) ?? t.queueId;
    if (e.type === 'task.transferred') t.waiting = typeof e.payload.toQueueId === 'string' || typeof e.payload.toUserId === 'string';
    else if (waitingAfter.has(e.type)) t.waiting = true;
    else if (notWaitingAfter.has(e.type)) t.waiting = false;
    if (t.outcome !== null) continue;
    if (e.type === 'task.accepted' || e.type === 'task.assigned') t.outcome = 'answered';
    else if (e.type === 'task.abandoned') t.outcome = 'abandoned';
    else if (e.type === 'task.cancelled') t.outcome = 'cancelled';
    else continue;
    t.outcomeAt = e.at;
  }

  const out = new Map<string, QueueToday & { waitSum: number }>();
  const row = (queueId: string) => {
    let r = out.get(queueId);
    if (!r) {
      r = { queueId, offered: 0, answered: 0, abandoned: 0, shortAbandoned: 0, answeredInServiceLevel: 0, serviceLevel: null, asaMs: null, abandonRate: null, waiting: 0, longestWaitMs: 0, waitSum: 0 };
      out.set(queueId, r);
    }
    return r;
  };
  for (const q of queueIds) row(q);
  for (const t of tasks.values()) {
    if (!t.queueId) continue;
    const r = row(t.queueId);
    r.offered++;
    const wait = t.outcomeAt - t.arrivedAt;
    if (t.outcome === 'answered') {
      r.answered++;
      r.waitSum += wait;
      if (wait <= sl) r.answeredInServiceLevel++;
    } else if (t.outcome === 'abandoned') {
      if (wait <= short) r.shortAbandoned++;
      else r.abandoned++;
    }
    if (t.waiting && t.outcome === null) {
      r.waiting++;
      r.longestWaitMs = Math.max(r.longestWaitMs, opts.now - t.arrivedAt);
    }
  }
  return [...out.values()].map(({ waitSum, ...r }) => {
    const base = r.offered - r.shortAbandoned;
    return {
      ...r,
      serviceLevel: base > 0 ? r.answeredInServiceLevel / base : null,
      asaMs: r.answered > 0 ? waitSum / r.answered : null,
      abandonRate: base > 0 ? r.abandoned / base : null,
    };
  });
}
