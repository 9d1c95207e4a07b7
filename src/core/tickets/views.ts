import type { CreateTicketViewBody, UpdateTicketViewBody, ViewFilters } from '../../contracts/tickets.ts';
import type { ResolvedFilters } from '../../storage/ticket-view-query.repo.ts';
import type { TicketViewRow } from '../../storage/ticket-views.repo.ts';
import type { Principal } from '../auth/principal.ts';
import { writeAudit } from '../audit.ts';
import type { CoreDeps } from '../deps.ts';
import { invalid, notFound } from '../errors.ts';
import { draftEvent } from '../events/draft.ts';
import { audienceOf, checkScopeTeam, checkShareWrite, mayUse } from './sharing.ts';
import { decorate } from './shared.ts';
import { ticketScope } from './visibility.ts';

export const resolveFilters = (f: ViewFilters, userId: string): ResolvedFilters => ({ ...f, assignee: f.assignee === 'me' ? userId : f.assignee });

function checkFilters(f: ViewFilters) {
  if (f.createdAfter && f.createdBefore && new Date(f.createdAfter) >= new Date(f.createdBefore)) {
    throw invalid('createdAfter must be before createdBefore', [{ path: 'filters.createdAfter', message: 'after createdBefore' }]);
  }
}

/** Saved ticket lists: shared with everyone, a team or just the owner; counts and pages within the viewer's visibility. */
export function viewActions(d: CoreDeps) {
  async function visibleView(p: Principal, id: string): Promise<TicketViewRow> {
    const v = await d.repos.ticketViews.byId(p.tenantId, id);
    if (!v || !mayUse(await audienceOf(d.repos, p), v)) throw notFound('Ticket view');
    return v;
  }
  // A personal view concerns its owner only; a shared one the whole workspace (sidebars refresh live).
  const ev = (p: Principal, id: string, type: string, payload: Record<string, unknown> & { scope: string }) =>
    draftEvent(d.newId, { type, aggregateType: 'ticket_view', aggregateId: id, actorId: p.userId, topics: payload.scope === 'me' ? [`user:${p.userId}`] : ['tenant'], payload });
  const audit = async (r: Parameters<Parameters<CoreDeps['uow']>[0]>[0], p: Principal, v: { id: string; scope: string }, action: string, details: Record<string, unknown>, at: Date) => {
    if (v.scope !== 'me') await writeAudit(r, d.newId, at, { tenantId: p.tenantId, actorId: p.userId, action, targetType: 'ticket_view', targetId: v.id, details });
  };

  return {
    /** The views the principal may see, each with the count of its tickets that the principal may see. */
    async listViews(p: Principal): Promise<(TicketViewRow & { count: number })[]> {
      const [views, scope] = await Promise.all([audienceOf(d.repos, p).then((a) => d.repos.ticketViews.visible(p.tenantId, a)), ticketScope(d.repos, p)]);
      const counts = await Promise.all(views.map((v) => d.repos.ticketViewQuery.count(p.tenantId, resolveFilters(v.filters, p.userId), scope)));
      return views.map((v, i) => ({ ...v, count: counts[i]! }));
    },

    getView: visibleView,

    async viewTickets(p: Principal, id: string, args: { limit: number; cursor?: string }) {
      const v = await visibleView(p, id);
      const page = await d.repos.ticketViewQuery.page(p.tenantId, resolveFilters(v.filters, p.userId), await ticketScope(d.repos, p), v.sort, args);
      return { items: await decorate(d.repos, p.tenantId, page.items), nextCursor: page.nextCursor };
    },

    async createView(p: Principal, input: CreateTicketViewBody): Promise<TicketViewRow> {
      checkShareWrite(p, 'view', { scope: input.scope, ownerId: p.userId });
      checkFilters(input.filters);
      const id = d.newId();
      const now = d.clock.now();
      await d.uow(async (r) => {
        const teamId = await checkScopeTeam(r, p.tenantId, input.scope, input.teamId);
        if (input.filters.teamId && !(await r.teams.byId(p.tenantId, input.filters.teamId))) throw invalid('The team to filter by does not exist in this workspace', [{ path: 'filters.teamId', message: 'unknown team' }]);
        await r.ticketViews.insert({ id, tenantId: p.tenantId, ownerId: p.userId, name: input.name, scope: input.scope, teamId, filters: input.filters, sort: input.sort, position: input.position, at: now });
        await r.events.append(p.tenantId, [ev(p, id, 'ticket_view.created', { name: input.name, scope: input.scope, teamId })], now);
        await audit(r, p, { id, scope: input.scope }, 'ticket_view.created', { name: input.name, scope: input.scope }, now);
      });
      return (await d.repos.ticketViews.byId(p.tenantId, id))!;
    },

    async updateView(p: Principal, id: string, patch: UpdateTicketViewBody): Promise<TicketViewRow> {
      const now = d.clock.now();
      await d.uow(async (r) => {
        const v = await r.ticketViews.byId(p.tenantId, id);
        if (!v || !mayUse(await audienceOf(r, p), v)) throw notFound('Ticket view');
        checkShareWrite(p, 'view', v);
        const scope = patch.scope ?? v.scope;
        checkShareWrite(p, 'view', { scope, ownerId: v.ownerId ?? p.userId });
        const teamId = await checkScopeTeam(r, p.tenantId, scope, patch.teamId !== undefined ? patch.teamId : patch.scope && patch.scope !== 'team' ? null : v.teamId);
        if (patch.filters) checkFilters(patch.filters);
        if (scope === 'me' && !v.ownerId) throw invalid('A built-in view has no owner and cannot be made personal', [{ path: 'scope', message: 'built-in view' }]);
        await r.ticketViews.update(p.tenantId, id, { ...patch, scope, teamId }, now);
        await r.events.append(p.tenantId, [ev(p, id, 'ticket_view.updated', { ...patch, scope })], now);
        await audit(r, p, { id, scope: v.scope === 'me' ? scope : v.scope }, 'ticket_view.updated', { name: patch.name ?? v.name, scope }, now);
      });
      return (await d.repos.ticketViews.byId(p.tenantId, id))!;
    },

    async removeView(p: Principal, id: string): Promise<void> {
      const now = d.clock.now();
      await d.uow(async (r) => {
        const v = await r.ticketViews.byId(p.tenantId, id);
        if (!v || !mayUse(await audienceOf(r, p), v)) throw notFound('Ticket view');
        checkShareWrite(p, 'view', v);
        await r.ticketViews.remove(p.tenantId, id);
        await r.events.append(p.tenantId, [ev(p, id, 'ticket_view.deleted', { name: v.name, scope: v.scope })], now);
        await audit(r, p, v, 'ticket_view.deleted', { name: v.name }, now);
      });
    },
  };
}
