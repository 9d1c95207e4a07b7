import type { SlaMetric } from '../../contracts/sla.ts';
import type { Repos } from '../../storage/repos.ts';
import type { PolicyRow } from '../../storage/sla-policies.repo.ts';
import { toCalendar } from '../../storage/business-calendars.repo.ts';
import { isAppError } from '../errors.ts';
import { customerInSegment } from '../segments/evaluate.ts';
import { ALWAYS_OPEN, type Calendar } from './business-time.ts';
import { nearMinutesOf, policyTarget, type TargetSpec } from './targets.ts';

export interface TicketFacts {
  priority: string;
  requesterId: string | null;
  teamId: string | null;
}

/**
 * Per-batch lookups of the SLA engine: the tenant's active policies, calendars and customers,
 * each read once per batch.
 */
export function slaLookups(r: Repos, tenantId: string) {
  let policies: Promise<PolicyRow[]> | undefined;
  const calendars = new Map<string, Promise<Calendar>>();
  const allPolicies = () => (policies ??= r.slaPolicies.active(tenantId));

  async function calendar(id: string | null): Promise<Calendar> {
    if (!id) return ALWAYS_OPEN;
    let c = calendars.get(id);
    if (!c) {
      c = r.businessCalendars.byId(tenantId, id).then((row) => (row ? toCalendar(row) : ALWAYS_OPEN));
      calendars.set(id, c);
    }
    return c;
  }

  /** Whether the requester is in the segment at `at`; a deleted segment matches nobody. */
  async function inSegment(segmentId: string, customerId: string | null, at: Date): Promise<boolean> {
    if (!customerId) return false;
    try {
      return await customerInSegment(r, tenantId, segmentId, customerId, at);
    } catch (e) {
      if (isAppError(e) && e.code === 'not_found') return false;
      throw e;
    }
  }

  /** The first active policy whose conditions the ticket meets (priorities, customer tags, segment), all of them. */
  async function pick(t: TicketFacts, at: Date): Promise<PolicyRow | null> {
    const list = await allPolicies();
    const needsCustomer = list.some((p) => p.customerTags.length > 0 || p.segmentId);
    const customer = needsCustomer && t.requesterId ? await r.customers.byId(tenantId, t.requesterId) : undefined;
    for (const p of list) {
      if (p.priorities.length > 0 && !(p.priorities as string[]).includes(t.priority)) continue;
      if (p.customerTags.length > 0 && !customer?.tags.some((tag) => p.customerTags.includes(tag))) continue;
      if (p.segmentId && !(await inSegment(p.segmentId, t.requesterId, at))) continue;
      return p;
    }
    return null;
  }

  async function byId(id: string | null): Promise<PolicyRow | null> {
    if (!id) return null;
    return (await allPolicies()).find((p) => p.id === id) ?? (await r.slaPolicies.byId(tenantId, id)) ?? null;
  }

  /** The calendar a policy runs on for a ticket of `teamId`. */
  async function calendarIdFor(p: PolicyRow, teamId: string | null): Promise<string | null> {
    if (p.calendarMode === 'calendar') return p.calendarId;
    const team = teamId ? await r.businessCalendars.forTeam(tenantId, teamId) : undefined;
    return (team ?? (await r.businessCalendars.tenantDefault(tenantId)))?.id ?? null;
  }

  async function spec(p: PolicyRow, metric: SlaMetric, teamId: string | null): Promise<TargetSpec | null> {
    const target = policyTarget(p, metric);
    if (!target) return null;
    return { metric, policyId: p.id, calendarId: await calendarIdFor(p, teamId), targetMinutes: target, nearMinutes: nearMinutesOf(p, target) };
  }

  return { pick, byId, calendar, spec };
}
export type SlaLookups = ReturnType<typeof slaLookups>;
