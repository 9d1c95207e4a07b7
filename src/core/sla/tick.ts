import type { EventDraft } from '../../storage/events.repo.ts';
import type { Repos } from '../../storage/repos.ts';
import type { TicketSlaRow } from '../../storage/sla-state.repo.ts';
import { draftEvent } from '../events/draft.ts';
import { ticketTopics } from '../tickets/shared.ts';
import { consumeSlaEvents, type SlaDeps } from './engine.ts';

const BATCH = 200;

export interface TickResult {
  nearBreached: number;
  breached: number;
  escalated: number;
}

/**
 * Fires `sla.near_breach` and `sla.breached` for running targets whose time has come, each exactly
 * once (the row is marked in the transaction that appends the event, rows locked with SKIP
 * LOCKED so nodes share the work), and runs the policy's escalation on a breach. Reads pending
 * events first so a reply committed before the due time is never reported as a breach. Run every
 * minute and at the next due instant by the background jobs; tests call it with a fake clock.
 */
export async function slaTick(d: SlaDeps, now: Date = d.clock.now()): Promise<TickResult> {
  await consumeSlaEvents(d);
  const result: TickResult = { nearBreached: 0, breached: 0, escalated: 0 };
  for (const kind of ['near', 'breach'] as const) {
    for (;;) {
      const n = await d.uow(async (r) => {
        const rows = kind === 'near' ? await r.slaState.dueNearBreaches(now, BATCH) : await r.slaState.dueBreaches(now, BATCH);
        for (const row of rows) {
          if (kind === 'near') {
            if (await r.slaState.markNearBreached(row.tenantId, row.ticketId, row.metric, now)) {
              await fire(d, r, row, 'sla.near_breach', now);
              result.nearBreached++;
            }
          } else if (await r.slaState.markBreached(row.tenantId, row.ticketId, row.metric, row.dueAt, now)) {
            if (await fire(d, r, row, 'sla.breached', now)) result.escalated++;
            result.breached++;
          }
        }
        return rows.length;
      });
      if (n < BATCH) break;
    }
  }
  return result;
}

/** Appends the event (and, for a breach, the escalation). True when the ticket was reassigned. */
async function fire(d: SlaDeps, r: Repos, row: TicketSlaRow, type: 'sla.near_breach' | 'sla.breached', now: Date): Promise<boolean> {
  const policy = row.policyId ? await r.slaPolicies.byId(row.tenantId, row.policyId) : undefined;
  const ticket = type === 'sla.breached' ? await r.tickets.lock(row.tenantId, row.ticketId) : await r.tickets.byId(row.tenantId, row.ticketId);
  if (!ticket) return false;
  const supervisors = policy?.notifySupervisors ? await r.slaState.supervisors(row.tenantId, ticket.teamId) : [];
  const events: EventDraft[] = [];
  let escalated: { assigneeId?: string; teamId?: string } | undefined;
  if (type === 'sla.breached' && policy && ticket.status !== 'closed' && ticket.status !== 'solved') {
    const patch: { assigneeId?: string; teamId?: string } = {};
    const user = policy.escalateToUserId ? await r.users.byId(row.tenantId, policy.escalateToUserId) : undefined;
    if (user?.active && user.id !== ticket.assigneeId) patch.assigneeId = user.id;
    if (policy.escalateToTeamId && policy.escalateToTeamId !== ticket.teamId && (await r.teams.byId(row.tenantId, policy.escalateToTeamId))) patch.teamId = policy.escalateToTeamId;
    if (patch.assigneeId || patch.teamId) {
      await r.tickets.update(row.tenantId, ticket.id, patch, now);
      const assignee = patch.assigneeId ?? ticket.assigneeId;
      const topics = ticketTopics(ticket.id, assignee, ticket.assigneeId);
      if (patch.assigneeId) events.push(draftEvent(d.newId, { type: 'ticket.assigned', aggregateType: 'ticket', aggregateId: ticket.id, actorId: null, topics, payload: { from: ticket.assigneeId, to: patch.assigneeId, reason: 'sla_escalation', metric: row.metric } }));
      if (patch.teamId) events.push(draftEvent(d.newId, { type: 'ticket.team_changed', aggregateType: 'ticket', aggregateId: ticket.id, actorId: null, topics, payload: { from: ticket.teamId, to: patch.teamId, reason: 'sla_escalation', metric: row.metric } }));
      escalated = patch;
    }
  }
  events.unshift(draftEvent(d.newId, {
    type, aggregateType: 'ticket', aggregateId: row.ticketId, actorId: null,
    topics: ticketTopics(row.ticketId, ticket.assigneeId, escalated?.assigneeId, ...supervisors),
    payload: {
      metric: row.metric, policyId: row.policyId, number: ticket.number, dueAt: row.dueAt.toISOString(), firedAt: now.toISOString(),
      ...(type === 'sla.near_breach' && { nearBreachAt: row.nearBreachAt?.toISOString() ?? null }),
      ...(escalated && { escalation: escalated }),
      notified: supervisors,
    },
  }));
  await r.events.append(row.tenantId, events, now);
  return !!escalated;
}

/** The soonest instant a breach or near breach is due (the jobs wake the tick then), or null. */
export async function nextSlaDue(d: Pick<SlaDeps, 'repos'>): Promise<Date | null> {
  return d.repos.slaState.nextDue();
}
