/**
 * What a fact adds to the rollups (pure): a list of (15-minute bucket, row kind, dimensions,
 * counters). Rollups are sums of contributions, so a changed fact is applied as new − old, a fact
 * seen twice changes nothing, and a rebuild from scratch gives the same sums.
 *
 * Row kinds: 'q' a task for its queue (offered in the arrival interval; handled when completed),
 * 'a' one agent's part of a task, 'c' a conversation, 's' an SLA breach, 'p' an agent's presence
 * time. Times that run across intervals (an agent's busy time, presence) are sliced by bucket. Dimensions are strings,
 * '' when not applicable.
 */

import { BUCKET_MS, bucketOf } from './buckets.ts';
import { fcrWindowMs, type ConversationFact } from './conversation-facts.ts';
import { partHandleMs, type TaskFact } from './task-facts.ts';

export const counterNames = [
  'offered', 'answered', 'abandoned', 'short_abandoned', 'answered_in_sl', 'wait_answered_ms',
  'handled', 'handle_ms', 'transfers', 'escalations',
  'conversations', 'first_responses', 'first_response_ms', 'resolved', 'resolution_ms', 'fcr_resolved', 'reopened', 'bot_resolved',
  'csat_responses', 'csat_positive', 'nps_responses', 'promoters', 'detractors', 'sentiment_milli', 'sentiment_messages',
  'sla_fr_breaches', 'sla_res_breaches',
  'busy_ms', 'logged_in_ms', 'available_ms',
] as const;
export type CounterName = (typeof counterNames)[number];
export const counterIndex = Object.fromEntries(counterNames.map((n, i) => [n, i])) as Record<CounterName, number>;
export type Counters = number[];

export const rowKinds = ['q', 'a', 'c', 's', 'p'] as const;
export type RowKind = (typeof rowKinds)[number];

export interface Dims {
  queue: string;
  channel: string;
  inbox: string;
  agent: string;
  team: string;
}

export interface Contribution extends Dims {
  /** Start of the 15-minute bucket, epoch ms (UTC-aligned; every real time zone offset is a multiple of 15 minutes). */
  b: number;
  k: RowKind;
  v: Counters;
}

export { BUCKET_MS, bucketOf };
export const zeroCounters = (): Counters => new Array<number>(counterNames.length).fill(0);

export interface ContributionContext {
  /** Service-level threshold T of a queue, ms (default 20 s). */
  serviceLevelMs(queueId: string | null): number;
  /** Short-abandon threshold, ms (default 5 s). */
  shortAbandonMs: number;
  teamOf(userId: string | null): string;
  /** A conversation's inbox (tasks carry the conversation, not the inbox). */
  inboxOf(conversationId: string | null): string;
}

class Builder {
  readonly out: Contribution[] = [];
  private readonly byKey = new Map<string, Contribution>();
  add(at: number, k: RowKind, d: Dims, name: CounterName, value: number): void {
    if (value === 0) return;
    const b = bucketOf(at);
    const key = `${b}|${k}|${d.queue}|${d.channel}|${d.inbox}|${d.agent}|${d.team}`;
    let c = this.byKey.get(key);
    if (!c) {
      c = { b, k, ...d, v: zeroCounters() };
      this.byKey.set(key, c);
      this.out.push(c);
    }
    c.v[counterIndex[name]] = (c.v[counterIndex[name]] ?? 0) + value;
  }
}

export function taskContributions(f: TaskFact, ctx: ContributionContext): Contribution[] {
  const out = new Builder();
  const channel = f.channel ?? '';
  const inbox = ctx.inboxOf(f.conversationId);
  const q: Dims = { queue: f.queueId ?? '', channel, inbox, agent: '', team: ctx.teamOf(f.firstAgentId) };
  const sl = ctx.serviceLevelMs(f.queueId);
  out.add(f.arrivedAt, 'q', q, 'offered', 1);
  if (f.outcome === 'answered' && f.waitMs !== null) {
    out.add(f.arrivedAt, 'q', q, 'answered', 1);
    out.add(f.arrivedAt, 'q', q, 'wait_answered_ms', f.waitMs);
    if (f.waitMs <= sl) out.add(f.arrivedAt, 'q', q, 'answered_in_sl', 1);
  } else if (f.outcome === 'abandoned' && f.waitMs !== null) {
    out.add(f.arrivedAt, 'q', q, f.waitMs <= ctx.shortAbandonMs ? 'short_abandoned' : 'abandoned', 1);
  }
  let total = 0;
  let done = 0;
  let lastDone = 0;
  for (const p of f.parts) {
    const ms = partHandleMs(p);
    if (ms === null || p.doneAt === null) continue;
    const a: Dims = { queue: f.queueId ?? '', channel, inbox, agent: p.userId, team: ctx.teamOf(p.userId) };
    out.add(p.doneAt, 'a', a, 'handled', 1);
    out.add(p.doneAt, 'a', a, 'handle_ms', ms);
    out.add(p.doneAt, 'a', a, 'transfers', p.transfersOut);
    for (const [b, ms] of slices(p.startAt, p.doneAt)) out.add(b, 'a', a, 'busy_ms', ms);
    total += ms;
    done++;
    lastDone = Math.max(lastDone, p.doneAt);
  }
  if (f.outcome === 'answered' && f.firstAgentId && f.waitMs !== null && f.outcomeAt !== null) {
    const a: Dims = { queue: f.queueId ?? '', channel, inbox, agent: f.firstAgentId, team: ctx.teamOf(f.firstAgentId) };
    out.add(f.outcomeAt, 'a', a, 'answered', 1);
    out.add(f.outcomeAt, 'a', a, 'wait_answered_ms', f.waitMs);
    if (f.waitMs <= sl) out.add(f.outcomeAt, 'a', a, 'answered_in_sl', 1);
  }
  // The queue counts a task as handled once, when all of its handling is done.
  const finished = f.completedAt ?? (done > 0 && f.parts.every((p) => p.doneAt !== null) && !f.waiting ? lastDone : null);
  if (finished !== null && done > 0) {
    out.add(finished, 'q', q, 'handled', 1);
    out.add(finished, 'q', q, 'handle_ms', total);
    out.add(finished, 'q', q, 'transfers', f.transfers > 0 ? 1 : 0);
    out.add(finished, 'q', q, 'escalations', f.escalations > 0 ? 1 : 0);
  }
  return out.out;
}

export function conversationContributions(f: ConversationFact, ctx: Pick<ContributionContext, 'teamOf'>): Contribution[] {
  const out = new Builder();
  const d: Dims = { queue: '', channel: f.channel ?? '', inbox: f.inboxId ?? '', agent: f.agentId ?? '', team: ctx.teamOf(f.agentId) };
  out.add(f.openedAt, 'c', d, 'conversations', 1);
  if (f.firstResponseAt !== null && f.firstResponseMs !== null) {
    out.add(f.firstResponseAt, 'c', d, 'first_responses', 1);
    out.add(f.firstResponseAt, 'c', d, 'first_response_ms', f.firstResponseMs);
  }
  if (f.resolvedAt !== null && f.resolutionMs !== null) {
    if (f.botOnly) out.add(f.resolvedAt, 'c', d, 'bot_resolved', 1);
    else {
      out.add(f.resolvedAt, 'c', d, 'resolved', 1);
      out.add(f.resolvedAt, 'c', d, 'resolution_ms', f.resolutionMs);
      out.add(f.resolvedAt, 'c', d, 'fcr_resolved', f.fcr ? 1 : 0);
      out.add(f.resolvedAt, 'c', d, 'reopened', f.reopens > 0 ? 1 : 0);
    }
  }
  for (const s of f.surveys) {
    if (s.kind === 'csat') {
      out.add(s.at, 'c', d, 'csat_responses', 1);
      out.add(s.at, 'c', d, 'csat_positive', s.score >= 4 ? 1 : 0);
    } else {
      out.add(s.at, 'c', d, 'nps_responses', 1);
      out.add(s.at, 'c', d, 'promoters', s.score >= 9 ? 1 : 0);
      out.add(s.at, 'c', d, 'detractors', s.score <= 6 ? 1 : 0);
    }
  }
  for (const s of f.sentiments) {
    out.add(s.at, 'c', d, 'sentiment_milli', s.milli);
    out.add(s.at, 'c', d, 'sentiment_messages', s.n);
  }
  return out.out;
}

/** [bucket start, ms] of the part of [from, to) in each 15-minute bucket. */
export function slices(from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  for (let b = bucketOf(from); b < to; b += BUCKET_MS) out.push([b, Math.min(to, b + BUCKET_MS) - Math.max(from, b)]);
  return out;
}

/** An agent's presence from `from` to `to` (logged in unless offline; available only when available), sliced by bucket. */
export function presenceContributions(agent: string, team: string, presence: string, from: number, to: number): Contribution[] {
  const out = new Builder();
  if (to <= from || presence === 'offline') return out.out;
  const d: Dims = { queue: '', channel: '', inbox: '', agent, team };
  for (const [b, ms] of slices(from, to)) {
    out.add(b, 'p', d, 'logged_in_ms', ms);
    if (presence === 'available') out.add(b, 'p', d, 'available_ms', ms);
  }
  return out.out;
}

/** An SLA breach event's contribution (the event itself is the fact). */
export function slaBreachContribution(at: number, metric: unknown): Contribution[] {
  const out = new Builder();
  const none: Dims = { queue: '', channel: '', inbox: '', agent: '', team: '' };
  out.add(at, 's', none, metric === 'first_response' ? 'sla_fr_breaches' : 'sla_res_breaches', 1);
  return out.out;
}

const keyOf = (c: Contribution): string => `${c.b}|${c.k}|${c.queue}|${c.channel}|${c.inbox}|${c.agent}|${c.team}`;

/** new − old per row; rows that do not change are left out. */
export function diffContributions(oldList: readonly Contribution[], newList: readonly Contribution[]): Contribution[] {
  const m = new Map<string, Contribution>();
  const put = (c: Contribution, sign: 1 | -1) => {
    const key = keyOf(c);
    let r = m.get(key);
    if (!r) {
      r = { ...c, v: zeroCounters() };
      m.set(key, r);
    }
    for (let i = 0; i < c.v.length; i++) r.v[i] = (r.v[i] ?? 0) + sign * (c.v[i] ?? 0);
  };
  for (const c of oldList) put(c, -1);
  for (const c of newList) put(c, 1);
  return [...m.values()].filter((c) => c.v.some((x) => x !== 0));
}

/** Sums contributions with the same row key (merging many facts' deltas before one write). */
export function mergeContributions(list: readonly Contribution[]): Contribution[] {
  return diffContributions([], list);
}

/** Window after a resolution in which a new contact can still turn FCR false: facts younger than this are provisional. */
export const provisionalMs = fcrWindowMs;

/** Contributions as stored on a fact: [bucket, kind, queue, channel, inbox, agent, team, i, v, i, v, ...] with only the non-zero counters (compact JSON). */
export function packContributions(list: readonly Contribution[]): unknown[] {
  return list.map((c) => {
    const row: unknown[] = [c.b, c.k, c.queue, c.channel, c.inbox, c.agent, c.team];
    c.v.forEach((x, i) => {
      if (x !== 0) row.push(i, x);
    });
    return row;
  });
}
export function unpackContributions(x: unknown): Contribution[] {
  if (!Array.isArray(x)) return [];
  return x.map((t) => {
    const a = t as unknown[];
    const v = zeroCounters();
    for (let i = 7; i + 1 < a.length; i += 2) v[Number(a[i])] = Number(a[i + 1]);
    return { b: Number(a[0]), k: a[1] as RowKind, queue: String(a[2]), channel: String(a[3]), inbox: String(a[4]), agent: String(a[5]), team: String(a[6]), v };
  });
}
