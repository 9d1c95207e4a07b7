import type { CreateTicketBody, UpdateTicketBody } from '../../contracts/tickets.ts';
import type { EventDraft } from '../../storage/events.repo.ts';
import type { TicketFilter, TicketPatch } from '../../storage/tickets.repo.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import type { CoreDeps } from '../deps.ts';
import type { Principal } from '../auth/principal.ts';
import { draftEvent } from '../events/draft.ts';
import { applyCustom } from './custom-fields.ts';
import { fieldActions } from './fields.ts';
import { relationActions } from './relations.ts';
import { activeUser, checkRefs, decorate, mustGetTicket, ticketTopics, type TicketView } from './shared.ts';
import { checkTransition, transitionStamps } from './status.ts';

export type { TicketView } from './shared.ts';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Tickets: numbered per tenant, status rules, custom fields, followers, linked conversations, notes, history. */
export function createTicketsService(d: CoreDeps) {
  async function view(tenantId: string, id: string): Promise<TicketView> {
    const t = await mustGetTicket(d.repos, tenantId, id);
    return (await decorate(d.repos, tenantId, [t]))[0]!;
  }

  return {
    ...relationActions(d),
    ...fieldActions(d),

    get: (p: Principal, id: string) => view(p.tenantId, id),

    async list(p: Principal, args: { limit: number; cursor?: string } & TicketFilter) {
      const page = await d.repos.tickets.list(p.tenantId, args);
      return { items: await decorate(d.repos, p.tenantId, page.items), nextCursor: page.nextCursor };
    },

    /** A new ticket with the tenant's next number; references and custom fields checked first. */
    async create(p: Principal, input: CreateTicketBody): Promise<TicketView> {
      const id = d.newId();
      const now = d.clock.now();
      await d.uow(async (r) => {
        const custom = applyCustom(await r.ticketFields.all(p.tenantId), {}, input.custom, true);
        await checkRefs(r, p.tenantId, input);
        const followerIds = [...new Set(input.followerIds)];
        for (const [i, u] of followerIds.entries()) await activeUser(r, p.tenantId, u, `followerIds.${i}`, 'follower');
        const conversationIds = [...new Set(input.conversationIds)];
        for (const [i, c] of conversationIds.entries()) {
          if (!(await r.conversations.byId(p.tenantId, c))) throw invalid('A conversation to link does not exist in this workspace', [{ path: `conversationIds.${i}`, message: 'unknown conversation' }]);
        }
        // Last before the insert: the counter row stays locked for as short a time as possible.
        const number = await r.tickets.nextNumber(p.tenantId);
        await r.tickets.insert({
          id, tenantId: p.tenantId, number, subject: input.subject, status: input.status, priority: input.priority, type: input.type,
          requesterId: input.requesterId, assigneeId: input.assigneeId, teamId: input.teamId, tags: input.tags, custom,
          createdBy: p.userId, createdAt: now, solvedAt: input.status === 'solved' ? now : null,
        });
        for (const u of followerIds) await r.tickets.addFollower(p.tenantId, id, u, now);
        for (const c of conversationIds) await r.tickets.link(p.tenantId, id, c, p.userId, now);
        await r.events.append(p.tenantId, [draftEvent(d.newId, {
          type: 'ticket.created', aggregateType: 'ticket', aggregateId: id, actorId: p.userId,
          topics: [...ticketTopics(id, input.assigneeId, ...followerIds), ...conversationIds.map((c) => `conversation:${c}`)],
          payload: { number, subject: input.subject, status: input.status, priority: input.priority, type: input.type, requesterId: input.requesterId, assigneeId: input.assigneeId, teamId: input.teamId, tags: input.tags, custom, followerIds, conversationIds },
        })], now);
      });
      return view(p.tenantId, id);
    },

    /** Changes fields; each change appends `ticket.<what>` with { from, to }. A closed ticket never changes. */
    async update(p: Principal, id: string, change: UpdateTicketBody): Promise<TicketView> {
      const now = d.clock.now();
      await d.uow(async (r) => {
        const before = await r.tickets.lock(p.tenantId, id);
        if (!before) throw notFound('Ticket');
        const followers = (await r.tickets.followers(p.tenantId, [id])).map((f) => f.userId);
        const assignee = change.assigneeId !== undefined ? change.assigneeId : before.assigneeId;
        const patch: TicketPatch = {};
        const events: EventDraft[] = [];
        const ev = (what: string, payload: Record<string, unknown>, ...users: (string | null)[]) =>
          events.push(draftEvent(d.newId, { type: `ticket.${what}`, aggregateType: 'ticket', aggregateId: id, actorId: p.userId, topics: ticketTopics(id, assignee, ...followers, ...users), payload }));

        if (change.status !== undefined) checkTransition(before.number, before.status, change.status);
        if (before.status === 'closed' && Object.keys(change).length > 0) {
          throw new AppError('conflict', `Ticket #${before.number} is closed and cannot be changed; create a follow-up ticket instead`);
        }
        await checkRefs(r, p.tenantId, {
          requesterId: change.requesterId !== before.requesterId ? change.requesterId : undefined,
          assigneeId: change.assigneeId !== before.assigneeId ? change.assigneeId : undefined,
          teamId: change.teamId !== before.teamId ? change.teamId : undefined,
        });
        if (change.custom !== undefined) {
          const custom = applyCustom(await r.ticketFields.all(p.tenantId), before.custom, change.custom, false);
          if (!same(custom, before.custom)) {
            patch.custom = custom;
            for (const key of [...new Set([...Object.keys(before.custom), ...Object.keys(custom)])].sort()) {
              if (!same(before.custom[key], custom[key])) ev('field_changed', { field: key, from: before.custom[key] ?? null, to: custom[key] ?? null });
            }
          }
        }
        if (change.status !== undefined && change.status !== before.status) {
          patch.status = change.status;
          Object.assign(patch, transitionStamps(before.status, change.status, now));
          ev('status_changed', { from: before.status, to: change.status, number: before.number });
        }
        const simple = [['subject', 'subject_changed'], ['priority', 'priority_changed'], ['type', 'type_changed'], ['requesterId', 'requester_changed'], ['teamId', 'team_changed'], ['tags', 'tags_changed']] as const;
        for (const [key, what] of simple) {
          const to = change[key];
          if (to !== undefined && !same(to, before[key])) {
            (patch as Record<string, unknown>)[key] = to;
            ev(what, { from: before[key], to });
          }
        }
        if (change.assigneeId !== undefined && change.assigneeId !== before.assigneeId) {
          patch.assigneeId = change.assigneeId;
          ev('assigned', { from: before.assigneeId, to: change.assigneeId }, before.assigneeId);
        }
        if (events.length === 0) return;
        await r.tickets.update(p.tenantId, id, patch, now);
        await r.events.append(p.tenantId, events, now);
      });
      return view(p.tenantId, id);
    },
  };
}
export type TicketsService = ReturnType<typeof createTicketsService>;
