import type { CreateCalendarBody, CreatePolicyBody, UpdateCalendarBody, UpdatePolicyBody } from '../../contracts/sla.ts';
import type { Repos } from '../../storage/repos.ts';
import type { CalendarRow } from '../../storage/business-calendars.repo.ts';
import { toCalendar } from '../../storage/business-calendars.repo.ts';
import type { PolicyFields, PolicyRow } from '../../storage/sla-policies.repo.ts';
import { writeAudit } from '../audit.ts';
import type { Principal } from '../auth/principal.ts';
import type { CoreDeps } from '../deps.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import { draftEvent } from '../events/draft.ts';
import { ALWAYS_OPEN, calendarProblems } from './business-time.ts';
import { mustGetVisibleTicket } from '../tickets/visibility.ts';
import { describeTarget } from './targets.ts';

type Problem = { path: string; message: string };
const refuse = (what: string, problems: Problem[]) => {
  if (problems.length > 0) throw invalid(`The ${what} is invalid: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`, problems);
};

/** Flat policy columns from the API's nested shape. */
function policyFields(b: Partial<CreatePolicyBody>): Partial<PolicyFields> {
  return {
    ...(b.name !== undefined && { name: b.name }),
    ...(b.description !== undefined && { description: b.description }),
    ...(b.active !== undefined && { active: b.active }),
    ...(b.conditions && { priorities: [...new Set(b.conditions.priorities)], segmentId: b.conditions.segmentId, customerTags: [...new Set(b.conditions.customerTags)] }),
    ...(b.targets && { firstResponseMinutes: b.targets.firstResponse, nextResponseMinutes: b.targets.nextResponse, resolutionMinutes: b.targets.resolution }),
    ...(b.calendar && { calendarMode: b.calendar.mode, calendarId: b.calendar.mode === 'calendar' ? b.calendar.calendarId : null }),
    ...(b.nearBreach && { nearBreachPercent: b.nearBreach.percent, nearBreachMinutes: b.nearBreach.minutes }),
    ...(b.escalation && { escalateToUserId: b.escalation.reassignToUserId, escalateToTeamId: b.escalation.reassignToTeamId, notifySupervisors: b.escalation.notifySupervisors }),
  };
}

/** References a policy makes must exist in the tenant; at least one target. 400 naming the field. */
async function checkPolicy(r: Repos, tenantId: string, f: PolicyFields): Promise<void> {
  const problems: Problem[] = [];
  if (!f.firstResponseMinutes && !f.nextResponseMinutes && !f.resolutionMinutes) problems.push({ path: 'targets', message: 'set at least one target (minutes)' });
  if (f.calendarId && !(await r.businessCalendars.byId(tenantId, f.calendarId))) problems.push({ path: 'calendar.calendarId', message: 'unknown business calendar' });
  if (f.escalateToUserId) {
    const u = await r.users.byId(tenantId, f.escalateToUserId);
    if (!u || !u.active) problems.push({ path: 'escalation.reassignToUserId', message: u ? 'user is deactivated' : 'unknown user' });
  }
  if (f.escalateToTeamId && !(await r.teams.byId(tenantId, f.escalateToTeamId))) problems.push({ path: 'escalation.reassignToTeamId', message: 'unknown team' });
  if (f.segmentId && !(await r.segments.byId(tenantId, f.segmentId))) problems.push({ path: 'conditions.segmentId', message: 'unknown segment' });
  if (f.nearBreachMinutes !== null && f.nearBreachMinutes !== undefined) {
    const targets = [f.firstResponseMinutes, f.nextResponseMinutes, f.resolutionMinutes].filter((t): t is number => !!t);
    if (targets.some((t) => f.nearBreachMinutes! >= t)) problems.push({ path: 'nearBreach.minutes', message: 'must be less than every target' });
  }
  refuse('SLA policy', problems);
}

async function checkCalendar(r: Repos, tenantId: string, c: Pick<CalendarRow, 'timeZone' | 'hours' | 'holidays' | 'teamId'>, selfId?: string): Promise<void> {
  const problems = calendarProblems(c);
  if (c.teamId) {
    if (!(await r.teams.byId(tenantId, c.teamId))) problems.push({ path: 'teamId', message: 'unknown team' });
    else {
      const other = await r.businessCalendars.forTeam(tenantId, c.teamId);
      if (other && other.id !== selfId) problems.push({ path: 'teamId', message: `the team already has calendar "${other.name}"` });
    }
  }
  refuse('business calendar', problems);
}

/** Business calendars and SLA policies (admins configure, supervisors read), and a ticket's SLA. */
export function createSlaService(d: CoreDeps) {
  const audit = (r: Repos, p: Principal, at: Date, action: string, targetType: string, targetId: string, details: Record<string, unknown> = {}) =>
    writeAudit(r, d.newId, at, { tenantId: p.tenantId, actorId: p.userId, action, targetType, targetId, details });
  const ev = (p: Principal, aggregateType: string, id: string, type: string, payload: Record<string, unknown>) =>
    draftEvent(d.newId, { type, aggregateType, aggregateId: id, actorId: p.userId, topics: ['tenant'], payload });

  async function calendar(tenantId: string, id: string): Promise<CalendarRow> {
    const c = await d.repos.businessCalendars.byId(tenantId, id);
    if (!c) throw notFound('Business calendar');
    return c;
  }
  async function policy(tenantId: string, id: string): Promise<PolicyRow> {
    const c = await d.repos.slaPolicies.byId(tenantId, id);
    if (!c) throw notFound('SLA policy');
    return c;
  }
  const nameTaken = (what: string, name: string) => new AppError('conflict', `A ${what} named "${name}" already exists; pick another name`, [{ path: 'name', message: 'already in use' }]);

  return {
    listCalendars: (p: Principal, args: { limit: number; cursor?: string; q?: string }) => d.repos.businessCalendars.list(p.tenantId, args),
    getCalendar: (p: Principal, id: string) => calendar(p.tenantId, id),

    async createCalendar(p: Principal, b: CreateCalendarBody): Promise<CalendarRow> {
      const id = d.newId();
      const now = d.clock.now();
      await d.uow(async (r) => {
        const row = { id, tenantId: p.tenantId, name: b.name, timeZone: b.timeZone, hours: b.hours as CalendarRow['hours'], holidays: [...new Set(b.holidays)].sort(), teamId: b.teamId, isDefault: b.isDefault };
        await checkCalendar(r, p.tenantId, row);
        if (b.isDefault) await r.businessCalendars.clearDefault(p.tenantId, now);
        if (!(await r.businessCalendars.insert({ ...row, at: now }))) throw nameTaken('business calendar', b.name);
        await audit(r, p, now, 'sla.calendar_created', 'business_calendar', id, { name: b.name });
        await r.events.append(p.tenantId, [ev(p, 'business_calendar', id, 'business_calendar.created', { name: b.name })], now);
      });
      return calendar(p.tenantId, id);
    },

    async updateCalendar(p: Principal, id: string, b: UpdateCalendarBody): Promise<CalendarRow> {
      const now = d.clock.now();
      await d.uow(async (r) => {
        const before = await r.businessCalendars.byId(p.tenantId, id);
        if (!before) throw notFound('Business calendar');
        const next = { ...before, ...b, hours: (b.hours ?? before.hours) as CalendarRow['hours'], holidays: b.holidays ? [...new Set(b.holidays)].sort() : before.holidays };
        await checkCalendar(r, p.tenantId, next, id);
        if (b.name && b.name !== before.name && (await r.businessCalendars.byName(p.tenantId, b.name))) throw nameTaken('business calendar', b.name);
        if (b.isDefault && !before.isDefault) await r.businessCalendars.clearDefault(p.tenantId, now);
        await r.businessCalendars.update(p.tenantId, id, { ...b, holidays: b.holidays ? next.holidays : undefined }, now);
        await audit(r, p, now, 'sla.calendar_updated', 'business_calendar', id, { fields: Object.keys(b) });
        await r.events.append(p.tenantId, [ev(p, 'business_calendar', id, 'business_calendar.updated', { name: next.name, fields: Object.keys(b) })], now);
      });
      return calendar(p.tenantId, id);
    },

    /** Refused (409) while a policy uses the calendar; running targets on it fall back to 24/7. */
    async removeCalendar(p: Principal, id: string): Promise<void> {
      const now = d.clock.now();
      await d.uow(async (r) => {
        const c = await r.businessCalendars.byId(p.tenantId, id);
        if (!c) throw notFound('Business calendar');
        const n = await r.businessCalendars.policyCount(p.tenantId, id);
        if (n > 0) throw new AppError('conflict', `The calendar "${c.name}" is used by ${n} SLA ${n === 1 ? 'policy' : 'policies'}; choose another calendar there first`);
        await r.businessCalendars.remove(p.tenantId, id);
        await audit(r, p, now, 'sla.calendar_deleted', 'business_calendar', id, { name: c.name });
        await r.events.append(p.tenantId, [ev(p, 'business_calendar', id, 'business_calendar.deleted', { name: c.name })], now);
      });
    },

    listPolicies: (p: Principal, args: { limit: number; cursor?: string; q?: string }) => d.repos.slaPolicies.list(p.tenantId, args),
    getPolicy: (p: Principal, id: string) => policy(p.tenantId, id),

    async createPolicy(p: Principal, b: CreatePolicyBody): Promise<PolicyRow> {
      const id = d.newId();
      const now = d.clock.now();
      const fields = policyFields(b) as PolicyFields;
      await d.uow(async (r) => {
        await checkPolicy(r, p.tenantId, fields);
        if (!(await r.slaPolicies.insert(id, p.tenantId, fields, now))) throw nameTaken('SLA policy', b.name);
        await audit(r, p, now, 'sla.policy_created', 'sla_policy', id, { name: b.name });
        await r.events.append(p.tenantId, [ev(p, 'sla_policy', id, 'sla_policy.created', { name: b.name })], now);
      });
      return policy(p.tenantId, id);
    },

    /** Applies to tickets whose policy is picked from now on; running targets keep theirs. */
    async updatePolicy(p: Principal, id: string, b: UpdatePolicyBody): Promise<PolicyRow> {
      const now = d.clock.now();
      await d.uow(async (r) => {
        const before = await r.slaPolicies.byId(p.tenantId, id);
        if (!before) throw notFound('SLA policy');
        const patch = policyFields(b);
        await checkPolicy(r, p.tenantId, { ...before, ...patch });
        if (b.name && b.name !== before.name && (await r.slaPolicies.byName(p.tenantId, b.name))) throw nameTaken('SLA policy', b.name);
        await r.slaPolicies.update(p.tenantId, id, patch, now);
        await audit(r, p, now, 'sla.policy_updated', 'sla_policy', id, { fields: Object.keys(b) });
        await r.events.append(p.tenantId, [ev(p, 'sla_policy', id, 'sla_policy.updated', { name: b.name ?? before.name, fields: Object.keys(b) })], now);
      });
      return policy(p.tenantId, id);
    },

    async removePolicy(p: Principal, id: string): Promise<void> {
      const now = d.clock.now();
      await d.uow(async (r) => {
        const before = await r.slaPolicies.byId(p.tenantId, id);
        if (!before) throw notFound('SLA policy');
        await r.slaPolicies.remove(p.tenantId, id);
        await audit(r, p, now, 'sla.policy_deleted', 'sla_policy', id, { name: before.name });
        await r.events.append(p.tenantId, [ev(p, 'sla_policy', id, 'sla_policy.deleted', { name: before.name })], now);
      });
    },

    /** New order: `ids` must name every policy of the workspace once. */
    async reorderPolicies(p: Principal, ids: string[]): Promise<PolicyRow[]> {
      const now = d.clock.now();
      await d.uow(async (r) => {
        const current = await r.slaPolicies.ids(p.tenantId);
        const given = new Set(ids);
        if (given.size !== ids.length || given.size !== current.length || current.some((c) => !given.has(c))) {
          throw invalid('The order must list every SLA policy of this workspace exactly once', [{ path: 'ids', message: `expected ${current.length} distinct policy ids of this workspace` }]);
        }
        for (const [i, id] of ids.entries()) await r.slaPolicies.setPosition(p.tenantId, id, i, now);
        await audit(r, p, now, 'sla.policies_reordered', 'sla_policy', ids[0]!, { ids });
        await r.events.append(p.tenantId, [ev(p, 'sla_policy', ids[0]!, 'sla_policy.reordered', { ids })], now);
      });
      return (await d.repos.slaPolicies.list(p.tenantId, { limit: 500 })).items;
    },

    /** The ticket's targets as of now: due time, what remains (business minutes and wall-clock), state. */
    async ticketSla(p: Principal, ticketId: string) {
      // Per-team ticket visibility: a ticket the principal may not see is not found.
      await mustGetVisibleTicket(d.repos, p, ticketId);
      const rows = await d.repos.slaState.read(p.tenantId, ticketId);
      const now = d.clock.now();
      const calIds = [...new Set(rows.map((r) => r.calendarId).filter((c): c is string => !!c))];
      const cals = new Map((await d.repos.businessCalendars.byIds(p.tenantId, calIds)).map((c) => [c.id, toCalendar(c)]));
      const policyId = rows.find((r) => r.policyId)?.policyId ?? null;
      const pol = policyId ? await d.repos.slaPolicies.byId(p.tenantId, policyId) : undefined;
      const order = ['first_response', 'next_response', 'resolution'];
      return {
        ticketId,
        policyId,
        policyName: pol?.name ?? null,
        now: now.toISOString(),
        targets: rows
          .sort((a, b) => order.indexOf(a.metric) - order.indexOf(b.metric))
          .map((r) => describeTarget(r, now, (r.calendarId && cals.get(r.calendarId)) || ALWAYS_OPEN)),
      };
    },
  };
}
export type SlaService = ReturnType<typeof createSlaService>;
