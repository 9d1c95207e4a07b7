import type { Permission, Role, TokenScope } from '../../contracts/auth.ts';
import { permissions } from '../../contracts/auth.ts';

/** Who may do what: the one table. Every route names the permission it needs. */
export const rolePermissions: Record<Role, readonly Permission[]> = {
  // customers.privacy (export everything about a person, erase them) is for admins only.
  admin: permissions,
  supervisor: ['desk.use', 'supervise.view', 'users.read', 'teams.read', 'events.read', 'customers.read', 'customers.manage', 'conversations.read', 'conversations.manage', 'tickets.read', 'tickets.manage', 'tickets.share', 'orders.manage', 'segments.manage', 'sla.read', 'routing.work', 'routing.supervise', 'flows.manage', 'kb.read', 'kb.manage', 'analytics.read', 'analytics.configure'],
  agent: ['desk.use', 'routing.work', 'kb.read', 'users.read', 'teams.read', 'customers.read', 'customers.manage', 'conversations.read', 'conversations.manage', 'tickets.read', 'tickets.manage'],
};

/** What an API token's scope allows, before the owner's role narrows it further. */
export const scopePermissions: Record<TokenScope, readonly Permission[]> = {
  read: ['analytics.read', 'kb.read', 'users.read', 'teams.read', 'events.read', 'audit.read', 'customers.read', 'conversations.read', 'tickets.read', 'sla.read'],
  write: ['analytics.read', 'kb.read', 'kb.manage', 'users.read', 'teams.read', 'events.read', 'audit.read', 'desk.use', 'routing.work', 'routing.supervise', 'customers.read', 'customers.manage', 'conversations.read', 'conversations.manage', 'tickets.read', 'tickets.manage', 'orders.manage', 'segments.manage', 'sla.read'],
  admin: permissions,
};

export function permissionsFor(role: Role, scope?: TokenScope): Set<Permission> {
  const own = new Set(rolePermissions[role]);
  if (!scope) return own;
  return new Set(scopePermissions[scope].filter((p) => own.has(p)));
}
