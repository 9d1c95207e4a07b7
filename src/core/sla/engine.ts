import type { SlaMetric } from '../../contracts/sla.ts';
import type { EventDraft, StoredEvent } from '../../storage/events.repo.ts';
import type { Repos } from '../../storage/repos.ts';
import type { TicketSlaRow } from '../../storage/sla-state.repo.ts';
import type { CoreDeps } from '../deps.ts';
import { draftEvent } from '../events/draft.ts';
import { ticketTopics } from '../tickets/shared.ts';
import { slaLookups, type SlaLookups } from './policy-match.ts';
import { describeTarget, fulfilTarget, pauseTarget, resumeTarget, retarget, startTarget } from './targets.ts';

export type SlaDeps = Pick<CoreDeps, 'repos' | 'uow' | 'clock' | 'newId'>;

const BATCH = 200;
const PAUSING = new Set(['pending', 'on-hold']);
const DONE = new Set(['solved', 'closed']);

/**
 * The SLA engine reads each tenant's committed events in seq order from its cursor and keeps
 * ticket_sla in step; the cursor advances in the same transaction as the changes, so every event
 * is applied exactly once. Times are the events' own times, not the time of reading. Returns how
 * many events were read. Run after commits (bus) and by the SLA tick.
 */
export async function consumeSlaEvents(d: SlaDeps): Promise<number> {
  let total = 0;
  for (let round = 0; round < 50; round++) {
    const tenants = await d.repos.slaState.tenantsBehind(100);
    if (tenants.length === 0) break;
    let read = 0;
    for (const tenantId of tenants) read += await consumeTenant(d, tenantId);
    total += read;
    if (read === 0) break;
  }
  return total;
}

async function consumeTenant(d: SlaDeps, tenantId: string): Promise<number> {
  return d.uow(async (r) => {
    const cursor = await r.slaState.lockCursor(tenantId, d.clock.now());
    const events = await r.events.list(tenantId, { afterSeq: cursor, limit: BATCH });
    if (events.length === 0) return 0;
    const ctx: Ctx = { r, tenantId, look: slaLookups(r, tenantId), out: [], d };
    for (const e of events) await apply(ctx, e);
    await r.slaState.setCursor(tenantId, events[events.length - 1]!.seq, d.clock.now());
    if (ctx.out.length > 0) await r.events.append(tenantId, ctx.out, d.clock.now());
    return events.length;
  });
}

interface Ctx {
  r: Repos;
  tenantId: string;
  look: SlaLookups;
  out: EventDraft[];
  d: SlaDeps;
}

async function apply(ctx: Ctx, e: StoredEvent): Promise<void> {
  const p = e.payload as Record<string, unknown>;
  switch (e.type) {
    case 'ticket.created':
      return onCreated(ctx, e.aggregateId, e.createdAt, p);
    case 'ticket.priority_changed':
      return onRepick(ctx, e.aggregateId, e.createdAt, e.type);
    case 'ticket.status_changed':
      return onStatus(ctx, e.aggregateId, e.createdAt, String(p.from), String(p.to));
    case 'ticket.replied':
      if (p.public === false) return;
      return onResponse(ctx, e.aggregateId, e.createdAt, e.type);
    case 'message.created': {
      if (typeof p.conversationId !== 'string' || (p.direction !== 'inbound' && p.direction !== 'outbound')) return;
      // A bot's answer is not a person's response: the SLA clock keeps running until an agent answers.
      if (p.direction === 'outbound' && p.authorKind === 'bot') return;
      for (const ticketId of await ctx.r.slaState.ticketsOfConversation(ctx.tenantId, p.conversationId, e.createdAt)) {
        if (p.direction === 'outbound') await onResponse(ctx, ticketId, e.createdAt, 'message.outbound');
        else await onCustomerMessage(ctx, ticketId, e.createdAt);
      }
      return;
    }
    default:
      return;
  }
}

/** Saves changed rows and records one `sla.updated` event for the ticket. */
async function commit(ctx: Ctx, ticketId: string, at: Date, reason: string, before: TicketSlaRow[], after: TicketSlaRow[], removed: SlaMetric[] = []) {
  const changed = after.filter((a) => {
    const b = before.find((x) => x.metric === a.metric);
    return !b || JSON.stringify(b) !== JSON.stringify(a);
  });
  for (const row of changed) await ctx.r.slaState.save(row, ctx.d.clock.now());
  for (const m of removed) await ctx.r.slaState.remove(ctx.tenantId, ticketId, m);
  if (changed.length === 0 && removed.length === 0) return;
  const ticket = await ctx.r.tickets.byId(ctx.tenantId, ticketId);
  const targets = [];
  for (const row of after) targets.push({ metric: row.metric, ...pick(describeTarget(row, at, await ctx.look.calendar(row.calendarId))) });
  ctx.out.push(draftEvent(ctx.d.newId, {
    type: 'sla.updated', aggregateType: 'ticket', aggregateId: ticketId, actorId: null,
    topics: ticketTopics(ticketId, ticket?.assigneeId),
    payload: { reason, at: at.toISOString(), targets, removed },
  }));
}
const pick = (t: ReturnType<typeof describeTarget>) => ({ state: t.state, dueAt: t.dueAt, targetMinutes: t.targetMinutes });

async function onCreated(ctx: Ctx, ticketId: string, at: Date, p: Record<string, unknown>) {
  const before = await ctx.r.slaState.forTicket(ctx.tenantId, ticketId);
  if (before.length > 0 || !(await ctx.r.tickets.byId(ctx.tenantId, ticketId))) return;
  const status = String(p.status ?? 'new');
  if (DONE.has(status)) return;
  const teamId = (p.teamId as string | null) ?? null;
  const policy = await ctx.look.pick({ priority: String(p.priority ?? 'normal'), requesterId: (p.requesterId as string | null) ?? null, teamId }, at);
  if (!policy) return;
  const after: TicketSlaRow[] = [];
  for (const metric of ['first_response', 'resolution'] as const) {
    const spec = await ctx.look.spec(policy, metric, teamId);
    if (!spec) continue;
    const cal = await ctx.look.calendar(spec.calendarId);
    const row = startTarget(ctx.tenantId, ticketId, spec, at, cal);
    after.push(PAUSING.has(status) ? pauseTarget(row, at, cal) : row);
  }
  await commit(ctx, ticketId, at, 'ticket.created', before, after);
}

/** Priority changed: the first matching policy now applies; business time already used still counts. */
async function onRepick(ctx: Ctx, ticketId: string, at: Date, reason: string) {
  const ticket = await ctx.r.tickets.byId(ctx.tenantId, ticketId);
  if (!ticket || DONE.has(ticket.status)) return;
  const before = await ctx.r.slaState.forTicket(ctx.tenantId, ticketId);
  const policy = await ctx.look.pick(ticket, at);
  const after: TicketSlaRow[] = [];
  const removed: SlaMetric[] = [];
  for (const row of before) {
    if (row.fulfilledAt) {
      after.push(row);
      continue;
    }
    const spec = policy ? await ctx.look.spec(policy, row.metric, ticket.teamId) : null;
    if (!spec) {
      removed.push(row.metric);
      continue;
    }
    after.push(retarget(row, spec, at, { before: await ctx.look.calendar(row.calendarId), after: await ctx.look.calendar(spec.calendarId) }));
  }
  // A resolution target the old policy lacked starts now.
  if (policy && !before.some((b) => b.metric === 'resolution')) {
    const spec = await ctx.look.spec(policy, 'resolution', ticket.teamId);
    if (spec) {
      const cal = await ctx.look.calendar(spec.calendarId);
      const row = startTarget(ctx.tenantId, ticketId, spec, at, cal);
      after.push(PAUSING.has(ticket.status) ? pauseTarget(row, at, cal) : row);
    }
  }
  await commit(ctx, ticketId, at, reason, before, after, removed);
}

async function onStatus(ctx: Ctx, ticketId: string, at: Date, from: string, to: string) {
  const before = await ctx.r.slaState.forTicket(ctx.tenantId, ticketId);
  if (before.length === 0) return;
  const after: TicketSlaRow[] = [];
  const reopened = DONE.has(from) && !DONE.has(to);
  for (const row of before) {
    const cal = await ctx.look.calendar(row.calendarId);
    let next = row;
    if (DONE.has(to) && !DONE.has(from)) {
      // Solving (or closing straight away, as a merge does) fulfils resolution and ends every
      // response target still running.
      const f = fulfilTarget(row, at, cal);
      next = f.row;
      if (f.lateBreach) lateBreach(ctx, ticketId, row, at);
    } else if (reopened && row.metric === 'resolution') {
      // Reopening restarts resolution: a fresh target from the reopening, same length.
      next = startTarget(ctx.tenantId, ticketId, row, at, cal);
      if (PAUSING.has(to)) next = pauseTarget(next, at, cal);
    } else if (PAUSING.has(to)) {
      next = pauseTarget(row, at, cal);
    } else if (PAUSING.has(from)) {
      next = resumeTarget(row, at, cal);
    }
    after.push(next);
  }
  await commit(ctx, ticketId, at, 'ticket.status_changed', before, after);
}

/** A public reply (ticket comment or outbound message): fulfils first response and the running next response. */
async function onResponse(ctx: Ctx, ticketId: string, at: Date, reason: string) {
  const before = await ctx.r.slaState.forTicket(ctx.tenantId, ticketId);
  const after: TicketSlaRow[] = [];
  for (const row of before) {
    if (row.metric === 'resolution' || row.fulfilledAt) {
      after.push(row);
      continue;
    }
    const f = fulfilTarget(row, at, await ctx.look.calendar(row.calendarId));
    if (f.lateBreach) lateBreach(ctx, ticketId, row, at);
    after.push(f.row);
  }
  await commit(ctx, ticketId, at, reason, before, after);
}

/** A customer's message after the first response starts the next-response target (unless one runs). */
async function onCustomerMessage(ctx: Ctx, ticketId: string, at: Date) {
  const ticket = await ctx.r.tickets.byId(ctx.tenantId, ticketId);
  if (!ticket || DONE.has(ticket.status)) return;
  const before = await ctx.r.slaState.forTicket(ctx.tenantId, ticketId);
  const first = before.find((b) => b.metric === 'first_response');
  if (first && !first.fulfilledAt) return;
  const running = before.find((b) => b.metric === 'next_response');
  if (running && !running.fulfilledAt) return;
  const policy = (await ctx.look.byId(before[0]?.policyId ?? null)) ?? (await ctx.look.pick(ticket, at));
  const spec = policy ? await ctx.look.spec(policy, 'next_response', ticket.teamId) : null;
  if (!spec) return;
  const cal = await ctx.look.calendar(spec.calendarId);
  let row = startTarget(ctx.tenantId, ticketId, spec, at, cal);
  if (PAUSING.has(ticket.status)) row = pauseTarget(row, at, cal);
  await commit(ctx, ticketId, at, 'message.inbound', before, [...before.filter((b) => b.metric !== 'next_response'), row]);
}

/** Fulfilled after its due time before the tick marked the breach: record the breach now. */
function lateBreach(ctx: Ctx, ticketId: string, row: TicketSlaRow, at: Date) {
  ctx.out.push(draftEvent(ctx.d.newId, {
    type: 'sla.breached', aggregateType: 'ticket', aggregateId: ticketId, actorId: null,
    topics: ticketTopics(ticketId),
    payload: { metric: row.metric, policyId: row.policyId, dueAt: row.dueAt.toISOString(), fulfilledAt: at.toISOString(), late: true },
  }));
}
