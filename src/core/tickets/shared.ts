import type { Repos } from '../../storage/repos.ts';
import type { TicketRow } from '../../storage/tickets.repo.ts';
import { invalid, notFound } from '../errors.ts';

export interface TicketView extends TicketRow {
  followerIds: string[];
  conversationIds: string[];
}

export const ticketTopics = (id: string, ...userIds: (string | null | undefined)[]) => [
  'tenant',
  `ticket:${id}`,
  ...[...new Set(userIds.filter((u): u is string => !!u))].map((u) => `user:${u}`),
];

/** Tickets with their followers and linked conversations (two queries for any number of tickets). */
export async function decorate(r: Repos, tenantId: string, rows: TicketRow[]): Promise<TicketView[]> {
  const ids = rows.map((t) => t.id);
  const [followers, links] = await Promise.all([r.tickets.followers(tenantId, ids), r.tickets.conversations(tenantId, ids)]);
  return rows.map((t) => ({
    ...t,
    followerIds: followers.filter((f) => f.ticketId === t.id).map((f) => f.userId),
    conversationIds: links.filter((l) => l.ticketId === t.id).map((l) => l.conversationId),
  }));
}

export async function mustGetTicket(r: Repos, tenantId: string, id: string): Promise<TicketRow> {
  const t = await r.tickets.byId(tenantId, id);
  if (!t) throw notFound('Ticket');
  return t;
}

/** An active user of the tenant, or a 400 naming `path`. */
export async function activeUser(r: Repos, tenantId: string, userId: string, path: string, role = 'user'): Promise<void> {
  const u = await r.users.byId(tenantId, userId);
  if (!u || !u.active) throw invalid(`The ${role} must be an active user of this workspace`, [{ path, message: u ? 'user is deactivated' : 'unknown user' }]);
}

/** Requester, assignee and team, when given, must exist in the tenant (the requester not merged away). */
export async function checkRefs(r: Repos, tenantId: string, c: { requesterId?: string | null; assigneeId?: string | null; teamId?: string | null }): Promise<void> {
  if (c.requesterId) {
    const cust = await r.customers.byId(tenantId, c.requesterId);
    if (!cust) throw invalid('The requester must be a customer of this workspace', [{ path: 'requesterId', message: 'unknown customer' }]);
    if (cust.mergedInto) throw invalid(`The requester was merged into customer ${cust.mergedInto}; use that one`, [{ path: 'requesterId', message: 'merged customer' }]);
  }
  if (c.assigneeId) await activeUser(r, tenantId, c.assigneeId, 'assigneeId', 'assignee');
  if (c.teamId && !(await r.teams.byId(tenantId, c.teamId))) throw invalid('The team does not exist in this workspace', [{ path: 'teamId', message: 'unknown team' }]);
}
