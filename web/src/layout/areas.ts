import type { Permission } from '../../../src/contracts/auth.ts';

export interface Area {
  path: string;
  permission: Permission;
  /** Key of the nav label in the translations. */
  label: 'nav.desk' | 'nav.customers' | 'nav.supervisor' | 'nav.admin';
  /** The letter that follows "g" to jump here. */
  shortcut: string;
}

/** The top-level areas, in nav order. */
export const areas: readonly Area[] = [
  { path: '/desk', permission: 'desk.use', label: 'nav.desk', shortcut: 'd' },
  { path: '/customers', permission: 'customers.read', label: 'nav.customers', shortcut: 'c' },
  { path: '/supervisor', permission: 'supervise.view', label: 'nav.supervisor', shortcut: 's' },
  { path: '/admin', permission: 'admin.view', label: 'nav.admin', shortcut: 'a' },
];
