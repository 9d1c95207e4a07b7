import type { Permission } from '../../../src/contracts/auth.ts';

export interface Area {
  path: string;
  permission: Permission;
  /** Key of the nav label in the translations. */
  label: 'nav.desk' | 'tickets.nav' | 'nav.customers' | 'nav.supervisor' | 'nav.admin' | 'search.nav' | 'segments.nav' | 'routing.navQueue' | 'wallboard.nav' | 'flows.nav' | 'kb.nav' | 'analytics.nav';
  /** The letter that follows "g" to jump here. */
  shortcut: string;
}

/** The top-level areas, in nav order. */
export const areas: readonly Area[] = [
  { path: '/desk', permission: 'desk.use', label: 'nav.desk', shortcut: 'd' },
  { path: '/tickets', permission: 'tickets.read', label: 'tickets.nav', shortcut: 't' },
  { path: '/customers', permission: 'customers.read', label: 'nav.customers', shortcut: 'c' },
  // Search needs any one read permission; customers.read is the one every role has (kinds are narrowed on the server).
  { path: '/search', permission: 'customers.read', label: 'search.nav', shortcut: 'f' },
  { path: '/segments', permission: 'customers.read', label: 'segments.nav', shortcut: 'e' },
  { path: '/queue', permission: 'routing.work', label: 'routing.navQueue', shortcut: 'q' },
  { path: '/supervisor', permission: 'supervise.view', label: 'nav.supervisor', shortcut: 's' },
  { path: '/supervisor/wallboard', permission: 'routing.supervise', label: 'wallboard.nav', shortcut: 'w' },
  { path: '/flows', permission: 'flows.manage', label: 'flows.nav', shortcut: 'b' },
  { path: '/kb', permission: 'kb.read', label: 'kb.nav', shortcut: 'k' },
  { path: '/analytics', permission: 'analytics.read', label: 'analytics.nav', shortcut: 'r' },
  { path: '/admin', permission: 'admin.view', label: 'nav.admin', shortcut: 'a' },
];
