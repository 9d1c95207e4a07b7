import { sql } from 'kysely';
import type { SlaMetric } from '../contracts/sla.ts';
import type { Executor } from './executor.ts';

/** One SLA target of a ticket (ticket_sla). */
export interface TicketSlaRow {
  tenantId: string;
  ticketId: string;
  metric: SlaMetric;
  policyId: string | null;
  calendarId: string | null;
  targetMinutes: number;
  nearMinutes: number;
  startedAt: Date;
  dueAt: Date;
  pausedAt: Date | null;
  businessMinutesUsed: number;
  nearBreachAt: Date | null;
  nearBreachedAt: Date | null;
  breachedAt: Date | null;
  fulfilledAt: Date | null;
}

const cols = [
  'tenant_id as tenantId', 'ticket_id as ticketId', 'metric', 'policy_id as policyId', 'calendar_id as calendarId', 'target_minutes as targetMinutes',
  'near_minutes as nearMinutes', 'started_at as startedAt', 'due_at as dueAt', 'paused_at as pausedAt', 'business_minutes_used as businessMinutesUsed',
  'near_breach_at as nearBreachAt', 'near_breached_at as nearBreachedAt', 'breached_at as breachedAt', 'fulfilled_at as fulfilledAt',
] as const;
const toRow = (r: TicketSlaRow): TicketSlaRow => ({ ...r, targetMinutes: Number(r.targetMinutes), nearMinutes: Number(r.nearMinutes), businessMinutesUsed: Number(r.businessMinutesUsed) });

/** Ticket SLA targets, the SLA engine's event cursors and the lookups the engine needs. */
export function slaStateRepo(db: Executor) {
  return {
    async forTicket(tenantId: string, ticketId: string): Promise<TicketSlaRow[]> {
      const r = await db.selectFrom('ticket_sla').select(cols).where('tenant_id', '=', tenantId).where('ticket_id', '=', ticketId).orderBy('metric').forUpdate().execute();
      return r.map(toRow);
    },
    /** Same, without locking (reads outside the engine). */
    async read(tenantId: string, ticketId: string): Promise<TicketSlaRow[]> {
      const r = await db.selectFrom('ticket_sla').select(cols).where('tenant_id', '=', tenantId).where('ticket_id', '=', ticketId).execute();
      return r.map(toRow);
    },
    async save(s: TicketSlaRow, at: Date): Promise<void> {
      const v = {
        policy_id: s.policyId, calendar_id: s.calendarId, target_minutes: s.targetMinutes, near_minutes: s.nearMinutes, started_at: s.startedAt,
        due_at: s.dueAt, paused_at: s.pausedAt, business_minutes_used: s.businessMinutesUsed, near_breach_at: s.nearBreachAt,
        near_breached_at: s.nearBreachedAt, breached_at: s.breachedAt, fulfilled_at: s.fulfilledAt, updated_at: at,
      };
      await db
        .insertInto('ticket_sla')
        .values({ tenant_id: s.tenantId, ticket_id: s.ticketId, metric: s.metric, ...v })
        .onConflict((oc) => oc.columns(['tenant_id', 'ticket_id', 'metric']).doUpdateSet(v))
        .execute();
    },
    async remove(tenantId: string, ticketId: string, metric: SlaMetric): Promise<void> {
      await db.deleteFrom('ticket_sla').where('tenant_id', '=', tenantId).where('ticket_id', '=', ticketId).where('metric', '=', metric).execute();
    },

    /** Tenants with events the SLA engine has not read yet (the engine's only cross-tenant read). */
    async tenantsBehind(limit: number): Promise<string[]> {
      const r = await db
        .selectFrom('tenants as t')
        .leftJoin('sla_cursors as c', 'c.tenant_id', 't.id')
        .select('t.id')
        .where(sql<boolean>`t.event_seq > coalesce(c.last_seq, 0)`)
        .orderBy('t.id')
        .limit(limit)
        .execute();
      return r.map((x) => x.id);
    },
    /** The tenant's cursor, locked until the transaction ends (one consumer per tenant at a time). */
    async lockCursor(tenantId: string, at: Date): Promise<number> {
      await db.insertInto('sla_cursors').values({ tenant_id: tenantId, last_seq: 0, updated_at: at }).onConflict((oc) => oc.column('tenant_id').doNothing()).execute();
      const r = await db.selectFrom('sla_cursors').select('last_seq').where('tenant_id', '=', tenantId).forUpdate().executeTakeFirstOrThrow();
      return Number(r.last_seq);
    },
    async setCursor(tenantId: string, seq: number, at: Date): Promise<void> {
      await db.updateTable('sla_cursors').set({ last_seq: seq, updated_at: at }).where('tenant_id', '=', tenantId).execute();
    },

    /** Running targets whose breach has come, locked, skipping rows another node is firing. */
    async dueBreaches(now: Date, limit: number): Promise<TicketSlaRow[]> {
      const r = await db
        .selectFrom('ticket_sla').select(cols)
        .where('breached_at', 'is', null).where('fulfilled_at', 'is', null).where('paused_at', 'is', null).where('due_at', '<=', now)
        .orderBy('due_at').limit(limit).forUpdate().skipLocked().execute();
      return r.map(toRow);
    },
    /** Running targets whose near breach has come (and not yet fired), locked likewise. */
    async dueNearBreaches(now: Date, limit: number): Promise<TicketSlaRow[]> {
      const r = await db
        .selectFrom('ticket_sla').select(cols)
        .where('near_breached_at', 'is', null).where('fulfilled_at', 'is', null).where('paused_at', 'is', null)
        .where('near_breach_at', 'is not', null).where('near_breach_at', '<=', now)
        .orderBy('near_breach_at').limit(limit).forUpdate().skipLocked().execute();
      return r.map(toRow);
    },
    async markNearBreached(tenantId: string, ticketId: string, metric: SlaMetric, at: Date): Promise<boolean> {
      const r = await db.updateTable('ticket_sla').set({ near_breached_at: at, updated_at: at })
        .where('tenant_id', '=', tenantId).where('ticket_id', '=', ticketId).where('metric', '=', metric).where('near_breached_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    /** Marks the breach (at the due instant); false when it was already marked. Also marks near breach. */
    async markBreached(tenantId: string, ticketId: string, metric: SlaMetric, dueAt: Date, at: Date): Promise<boolean> {
      const r = await db.updateTable('ticket_sla').set({ breached_at: dueAt, near_breached_at: sql`coalesce(near_breached_at, ${at})`, updated_at: at })
        .where('tenant_id', '=', tenantId).where('ticket_id', '=', ticketId).where('metric', '=', metric).where('breached_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    /** The soonest breach or near breach still to fire, across tenants (to wake the tick on time). */
    async nextDue(): Promise<Date | null> {
      const r = await sql<{ at: Date | null }>`SELECT least(
          (SELECT min(due_at) FROM ticket_sla WHERE breached_at IS NULL AND fulfilled_at IS NULL AND paused_at IS NULL),
          (SELECT min(near_breach_at) FROM ticket_sla WHERE near_breached_at IS NULL AND fulfilled_at IS NULL AND paused_at IS NULL AND near_breach_at IS NOT NULL)
        ) AS at`.execute(db);
      const at = r.rows[0]?.at;
      return at ? new Date(at) : null;
    },

    /** Active supervisors to notify: those in the ticket's team, else all of the tenant's. */
    async supervisors(tenantId: string, teamId: string | null): Promise<string[]> {
      const base = () => db.selectFrom('users').select('users.id').where('users.tenant_id', '=', tenantId).where('users.role', '=', 'supervisor').where('users.active', '=', true);
      if (teamId) {
        const inTeam = await base()
          .where('users.id', 'in', (eb) => eb.selectFrom('team_members').select('user_id').where('tenant_id', '=', tenantId).where('team_id', '=', teamId))
          .orderBy('users.id').execute();
        if (inTeam.length > 0) return inTeam.map((u) => u.id);
      }
      return (await base().orderBy('users.id').limit(50).execute()).map((u) => u.id);
    },
    /** Tickets the conversation was linked to at `at` (a message from before the link is not the ticket's). */
    async ticketsOfConversation(tenantId: string, conversationId: string, at: Date): Promise<string[]> {
      const r = await db.selectFrom('ticket_conversations').select('ticket_id').where('tenant_id', '=', tenantId).where('conversation_id', '=', conversationId).where('linked_at', '<=', at).orderBy('ticket_id').execute();
      return r.map((x) => x.ticket_id);
    },
  };
}
export type SlaStateRepo = ReturnType<typeof slaStateRepo>;
