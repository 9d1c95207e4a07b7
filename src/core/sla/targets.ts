import type { SlaMetric, SlaState } from '../../contracts/sla.ts';
import type { TicketSlaRow } from '../../storage/sla-state.repo.ts';
import type { PolicyRow } from '../../storage/sla-policies.repo.ts';
import { addBusinessMinutes, signedBusinessMinutes, type Calendar } from './business-time.ts';

/**
 * One SLA target's life, pure: start, pause, resume, fulfil, re-target. While running, `dueAt` is
 * exact and the business minutes used are derived from it; while paused, `businessMinutesUsed` is
 * exact and `dueAt` is recomputed on resume (so the due time moves by the paused business time).
 */

export interface TargetSpec {
  metric: SlaMetric;
  policyId: string | null;
  calendarId: string | null;
  targetMinutes: number;
  nearMinutes: number;
}

export const policyTarget = (p: PolicyRow, metric: SlaMetric): number | null =>
  metric === 'first_response' ? p.firstResponseMinutes : metric === 'next_response' ? p.nextResponseMinutes : p.resolutionMinutes;

/** Business minutes used at which the near breach fires: a percent of the target, or `minutes` before it. */
export function nearMinutesOf(p: Pick<PolicyRow, 'nearBreachPercent' | 'nearBreachMinutes'>, target: number): number {
  if (p.nearBreachMinutes !== null) return Math.max(0, target - p.nearBreachMinutes);
  return (target * p.nearBreachPercent) / 100;
}

const finished = (r: TicketSlaRow) => r.fulfilledAt !== null;

export function startTarget(tenantId: string, ticketId: string, spec: TargetSpec, at: Date, cal: Calendar): TicketSlaRow {
  return {
    tenantId, ticketId, ...spec,
    startedAt: at,
    dueAt: addBusinessMinutes(at, spec.targetMinutes, cal),
    pausedAt: null,
    businessMinutesUsed: 0,
    nearBreachAt: addBusinessMinutes(at, Math.min(spec.nearMinutes, spec.targetMinutes), cal),
    nearBreachedAt: null,
    breachedAt: null,
    fulfilledAt: null,
  };
}

/** Business minutes the target has used by `at`. */
export function usedAt(r: TicketSlaRow, at: Date, cal: Calendar): number {
  if (r.pausedAt || r.fulfilledAt) return r.businessMinutesUsed;
  return r.targetMinutes - signedBusinessMinutes(at, r.dueAt, cal);
}

export function pauseTarget(r: TicketSlaRow, at: Date, cal: Calendar): TicketSlaRow {
  if (r.pausedAt || finished(r)) return r;
  return { ...r, pausedAt: at, businessMinutesUsed: usedAt(r, at, cal) };
}

/** Due and near-breach instants from `at` for a target that has used `used` business minutes. */
function reschedule(r: TicketSlaRow, used: number, at: Date, cal: Calendar): Pick<TicketSlaRow, 'dueAt' | 'nearBreachAt'> {
  const left = r.targetMinutes - used;
  // Already past due: the due instant stays where it was when that is in the past (a target that
  // ran out before a pause), else it is now (a shorter target after a policy change).
  const dueAt = left > 0 ? addBusinessMinutes(at, left, cal) : r.dueAt < at ? r.dueAt : at;
  const nearBreachAt = r.nearBreachedAt ? r.nearBreachAt : addBusinessMinutes(at, Math.max(0, Math.min(r.nearMinutes, r.targetMinutes) - used), cal);
  return { dueAt, nearBreachAt };
}

export function resumeTarget(r: TicketSlaRow, at: Date, cal: Calendar): TicketSlaRow {
  if (!r.pausedAt || finished(r)) return r;
  return { ...r, ...reschedule(r, r.businessMinutesUsed, at, cal), pausedAt: null };
}

/**
 * Fulfils a running or paused target. `lateBreach` says it was fulfilled after its due time without
 * the tick having marked the breach yet: the caller records the breach then.
 */
export function fulfilTarget(r: TicketSlaRow, at: Date, cal: Calendar): { row: TicketSlaRow; lateBreach: boolean } {
  if (finished(r)) return { row: r, lateBreach: false };
  const used = usedAt(r, at, cal);
  const lateBreach = !r.breachedAt && !r.pausedAt && at > r.dueAt;
  return { row: { ...r, businessMinutesUsed: used, pausedAt: null, fulfilledAt: at, breachedAt: lateBreach ? r.dueAt : r.breachedAt }, lateBreach };
}

/** A new target (policy changed): the business time already used counts against it. */
export function retarget(r: TicketSlaRow, spec: TargetSpec, at: Date, cal: { before: Calendar; after: Calendar }): TicketSlaRow {
  if (finished(r)) return r;
  const used = usedAt(r, at, cal.before);
  const next: TicketSlaRow = { ...r, ...spec, businessMinutesUsed: used };
  if (spec.targetMinutes > used && r.breachedAt) next.breachedAt = null;
  if (spec.nearMinutes > used && r.nearBreachedAt) next.nearBreachedAt = null;
  if (r.pausedAt) return next;
  return { ...next, ...reschedule(next, used, at, cal.after) };
}

/** The target as a client sees it at `now`. */
export function describeTarget(r: TicketSlaRow, now: Date, cal: Calendar) {
  const used = usedAt(r, now, cal);
  const runningPastDue = !r.fulfilledAt && !r.pausedAt && now >= r.dueAt;
  const breached = r.breachedAt !== null || runningPastDue || (r.pausedAt !== null && used >= r.targetMinutes);
  const state: SlaState = r.fulfilledAt ? 'fulfilled' : breached ? 'breached' : r.pausedAt ? 'paused' : 'running';
  const nearBreach = !r.fulfilledAt && !breached && (r.nearBreachedAt !== null || used >= Math.min(r.nearMinutes, r.targetMinutes));
  return {
    metric: r.metric,
    state,
    targetMinutes: r.targetMinutes,
    startedAt: r.startedAt.toISOString(),
    dueAt: r.pausedAt || r.fulfilledAt ? null : r.dueAt.toISOString(),
    remainingBusinessMinutes: r.fulfilledAt ? null : Math.round((r.targetMinutes - used) * 100) / 100,
    remainingMs: r.pausedAt || r.fulfilledAt ? null : r.dueAt.getTime() - now.getTime(),
    businessMinutesUsed: Math.round(used * 100) / 100,
    nearBreach,
    breached,
    pausedAt: r.pausedAt?.toISOString() ?? null,
    nearBreachedAt: r.nearBreachedAt?.toISOString() ?? null,
    breachedAt: r.breachedAt?.toISOString() ?? null,
    fulfilledAt: r.fulfilledAt?.toISOString() ?? null,
  };
}
