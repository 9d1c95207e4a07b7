import type { Principal } from '../../core/auth/principal.ts';
import { ticketScope } from '../../core/tickets/visibility.ts';
import type { Repos } from '../../storage/repos.ts';

/**
 * May this principal follow a topic? `user:<own id>`; `team:<id>` for members (supervisors and
 * admins: any team of the tenant); `tenant` with users.read; `wallboard` with supervise.view;
 * `conversation:<id>` with conversations.read; `ticket:<id>` with tickets.read.
 */
export function mayFollow(p: Principal, topic: string, teamIds: ReadonlySet<string>): boolean {
  if (topic === 'tenant') return p.permissions.has('users.read');
  if (topic === 'wallboard') return p.permissions.has('supervise.view');
  if (topic === 'webhooks') return p.permissions.has('webhooks.manage');
  const [kind, id] = topic.split(':', 2);
  if (!id) return false;
  if (kind === 'user') return id === p.userId;
  if (kind === 'team') return teamIds.has(id) || p.permissions.has('supervise.view');
  if (kind === 'conversation') return p.permissions.has('conversations.read');
  if (kind === 'ticket') return p.permissions.has('tickets.read');
  return false;
}

const uuidRe = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The `ticket:<id>` topics among these that the principal may not follow because the ticket is
 * not one they may see (per-team visibility, docs/decisions/005-tickets.md); a ticket that does
 * not exist is denied too. One query, none for admins and supervisors.
 */
export async function deniedTicketTopics(repos: Repos, p: Principal, topics: readonly string[]): Promise<string[]> {
  const wanted = topics.filter((t) => t.startsWith('ticket:'));
  if (wanted.length === 0) return [];
  const ids = wanted.map((t) => t.slice('ticket:'.length)).filter((id) => uuidRe.test(id));
  const scope = await ticketScope(repos, p);
  const visible = await repos.ticketVisibility.visibleIds(p.tenantId, ids, scope);
  return wanted.filter((t) => !visible.has(t.slice('ticket:'.length)));
}
