import type { Principal } from '../auth/principal.ts';
import type { Repos } from '../../storage/repos.ts';
import { notFound } from '../errors.ts';
import type { TicketScope } from '../../storage/ticket-visibility.repo.ts';

export type { TicketScope } from '../../storage/ticket-visibility.repo.ts';
export { visibleTicketsWhere } from '../../storage/ticket-visibility.repo.ts';

/**
 * Per-team visibility of tickets (docs/decisions/005-tickets.md, "Visibility"). Admins and
 * supervisors see every ticket of the tenant; agents see tickets with no team, of their teams,
 * assigned to them, or that they follow. An invisible ticket is answered as not found.
 *
 * For other areas (search, reports): `const scope = await ticketScope(repos, principal)`, then
 * restrict a Kysely query over `tickets` with `.where((eb) => visibleTicketsWhere(eb, scope))`
 * (pass the table alias as a third argument when the query aliases tickets), or check single
 * rows with `canSeeTicket(scope, row, followerIds)`.
 */
export const seesAllTickets = (p: Pick<Principal, 'role'>): boolean => p.role === 'admin' || p.role === 'supervisor';

/** The principal's ticket scope: one query for an agent's teams, none for admins and supervisors. */
export async function ticketScope(r: Repos, p: Principal): Promise<TicketScope> {
  if (seesAllTickets(p)) return { all: true, userId: p.userId, teamIds: [] };
  return { all: false, userId: p.userId, teamIds: await r.teams.teamIdsOf(p.tenantId, p.userId) };
}

/** The rule on one ticket row, for code that already holds the row and its followers. */
export function canSeeTicket(scope: TicketScope, t: { teamId: string | null; assigneeId: string | null }, followerIds: readonly string[]): boolean {
  if (scope.all) return true;
  return t.teamId === null || scope.teamIds.includes(t.teamId) || t.assigneeId === scope.userId || followerIds.includes(scope.userId);
}

/** Throws not found (404) when the ticket does not exist in the tenant or the principal may not see it. */
export async function mustSeeTicket(r: Repos, p: Principal, id: string, scope?: TicketScope): Promise<void> {
  const s = scope ?? (await ticketScope(r, p));
  if (s.all) return;
  if (!(await r.ticketVisibility.visibleIds(p.tenantId, [id], s)).has(id)) throw notFound('Ticket');
}

/** The ticket row when it exists and the principal may see it; else not found (404). */
export async function mustGetVisibleTicket(r: Repos, p: Principal, id: string, opts: { lock?: boolean; scope?: TicketScope } = {}) {
  const t = opts.lock ? await r.tickets.lock(p.tenantId, id) : await r.tickets.byId(p.tenantId, id);
  if (!t) throw notFound('Ticket');
  const s = opts.scope ?? (await ticketScope(r, p));
  if (!s.all && !canSeeTicket(s, t, [])) await mustSeeTicket(r, p, id, s);
  return t;
}
