import type { CreateTicketBody, UpdateTicketBody } from '../../contracts/tickets.ts';
import type { TicketFilter } from '../../storage/tickets.repo.ts';
import { invalid, notFound } from '../errors.ts';
import type { CoreDeps } from '../deps.ts';
import type { Principal } from '../auth/principal.ts';
import { draftEvent } from '../events/draft.ts';
import { applyCustom } from './custom-fields.ts';
import { fieldActions } from './fields.ts';
import { relationActions } from './relations.ts';
import { activeUser, checkRefs, decorate, mustGetTicket, ticketTopics, type TicketView } from './shared.ts';
import { changeTicket } from './change.ts';
import { viewActions } from './views.ts';
import { applyMacroIn, macroCrud } from './macros.ts';
import { bulkActions } from './bulk.ts';
import { mergeActions } from './merge.ts';
import { audienceOf, mayUse } from './sharing.ts';
import { mustGetVisibleTicket, ticketScope } from './visibility.ts';

export type { TicketView } from './shared.ts';

/** Tickets: numbered per tenant, status rules, custom fields, followers, linked conversations, notes, history. */
export function createTicketsService(d: CoreDeps) {
  async function view(tenantId: string, id: string): Promise<TicketView> {
    const t = await mustGetTicket(d.repos, tenantId, id);
    return (await decorate(d.repos, tenantId, [t]))[0]!;
  }

  return {
    ...relationActions(d),
    ...fieldActions(d),
    ...viewActions(d),
    ...macroCrud(d),
    ...bulkActions(d),
    ...mergeActions(d),

    /** Applies a macro the principal may use to a ticket they may see, in one transaction. */
    async applyMacro(p: Principal, id: string, macroId: string): Promise<TicketView> {
      const now = d.clock.now();
      await d.uow(async (r) => {
        const t = await mustGetVisibleTicket(r, p, id, { lock: true });
        const m = await r.ticketMacros.byId(p.tenantId, macroId);
        if (!m || !mayUse(await audienceOf(r, p), m)) throw notFound('Macro');
        await applyMacroIn(d, r, p, t, m, now);
      });
      return view(p.tenantId, id);
    },

    async get(p: Principal, id: string): Promise<TicketView> {
      await mustGetVisibleTicket(d.repos, p, id);
      return view(p.tenantId, id);
    },

    /** Tickets the principal may see (docs/decisions/005-tickets.md, "Visibility"). */
    async list(p: Principal, args: { limit: number; cursor?: string } & TicketFilter) {
      const page = await d.repos.tickets.list(p.tenantId, { ...args, scope: await ticketScope(d.repos, p) });
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
        const before = await mustGetVisibleTicket(r, p, id, { lock: true });
        await changeTicket(d, r, p, before, change, now);
      });
      return view(p.tenantId, id);
    },
  };
}
export type TicketsService = ReturnType<typeof createTicketsService>;
