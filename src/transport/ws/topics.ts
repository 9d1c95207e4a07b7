import type { Principal } from '../../core/auth/principal.ts';

/**
 * May this principal follow a topic? `user:<own id>`; `team:<id>` for members (supervisors and
 * admins: any team of the tenant); `tenant` with users.read; `wallboard` with supervise.view;
 * `conversation:<id>` with conversations.read; `ticket:<id>` with tickets.read.
 */
export function mayFollow(p: Principal, topic: string, teamIds: ReadonlySet<string>): boolean {
  if (topic === 'tenant') return p.permissions.has('users.read');
  if (topic === 'wallboard') return p.permissions.has('supervise.view');
  const [kind, id] = topic.split(':', 2);
  if (!id) return false;
  if (kind === 'user') return id === p.userId;
  if (kind === 'team') return teamIds.has(id) || p.permissions.has('supervise.view');
  if (kind === 'conversation') return p.permissions.has('conversations.read');
  if (kind === 'ticket') return p.permissions.has('tickets.read');
  return false;
}
