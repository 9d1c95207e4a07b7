import type { Permission, Role } from '../../src/contracts/auth.ts';
import type { Repos } from '../../src/storage/repos.ts';
import type { TestServer } from '../helpers/server.ts';

/**
 * The rows both tenants already have when an area's `seed` runs: tenant A is the demo
 * workspace, tenant B ("othercorp") a foreign one that A's users must never reach.
 */
export interface IsolationContext {
  t: TestServer;
  repos: Repos;
  cookies: Record<Role, string>;
  tenantA: string;
  tenantB: string;
  /** B's admin, team, customer, inbox, conversation and ticket. */
  userB: string;
  teamB: string;
  customerB: string;
  inboxB: string;
  conversationB: string;
  ticketB: string;
  /** A's own rows, for routes that take two ids (one ours, one theirs). */
  userA: string;
  teamA: string;
  customerA: string;
  conversationA: string;
  ticketA: string;
}

/**
 * One area's part of the tenant-isolation walk (test/api-tenant-isolation.test.ts).
 * Every /api/v1 route with a `:param` must be listed by exactly one area (or by the core table
 * in the test itself), or the walk fails.
 */
export interface IsolationArea {
  name: string;
  /** Each id route of the area, "METHOD /api/v1/path/:id", and the permission it needs. */
  routes: Record<string, Permission | 'authenticated' | 'public'>;
  /** Text of B's rows that must never appear in any response to A. */
  foreignStrings: string[];
  /** Creates B's rows for this area (through the repos or SQL, in tenant B). */
  seed(ctx: IsolationContext): Promise<void>;
  /**
   * The param combinations to call a route with, e.g. `[{ id: <B's order id> }]`; for two-id routes,
   * both foreign and one foreign with one of A's. Each must be answered 404 (or 403 without the permission).
   */
  params(route: string, ctx: IsolationContext): Record<string, string>[];
  /** Request bodies by route, where one is needed for the body to pass validation. */
  bodies?(ctx: IsolationContext): Record<string, unknown>;
  /** A's list and search URLs that must show none of B's rows (GET, as A's admin). */
  listUrls?(ctx: IsolationContext): string[];
  /** After the walk: B's rows are unchanged and A's gained nothing of B's. */
  untouched?(ctx: IsolationContext): Promise<void>;
}
