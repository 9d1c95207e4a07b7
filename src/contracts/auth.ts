import { z } from 'zod';
import { languages } from './common.ts';
import { PASSWORD_MIN_LENGTH } from './limits.ts';

export const roles = ['admin', 'supervisor', 'agent'] as const;
export type Role = (typeof roles)[number];

export const tokenScopes = ['read', 'write', 'admin'] as const;
export type TokenScope = (typeof tokenScopes)[number];

/** Every permission a route can require. The table of who has what is core/auth/permissions.ts. */
export const permissions = [
  'desk.use',
  'supervise.view',
  'admin.view',
  'users.read',
  'users.manage',
  'teams.read',
  'teams.manage',
  'tokens.manage',
  'audit.read',
  'events.read',
  'customers.read',
  'customers.manage',
  'customers.privacy',
  'conversations.read',
  'conversations.manage',
  'inboxes.manage',
  'tickets.read',
  'tickets.manage',
  'tickets.configure',
  /** Outgoing webhooks: endpoints, secrets, delivery log (admins). */
  'webhooks.manage',
  /** Create and change ticket views and macros shared with a team or everyone. */
  'tickets.share',
  /** Create and update orders (REST upsert, CSV import). */
  'orders.manage',
  /** Order webhook sources and their signing secrets (admins). */
  'orders.configure',
  /** Create, change and delete customer segments, and export their members as CSV (supervisors, admins). */
  'segments.manage',
  /** Read business calendars and SLA policies (supervisors, admins). */
  'sla.read',
  /** Create, change, reorder and delete business calendars and SLA policies (admins). */
  'sla.configure',
  /** Routing as an agent: own presence, accept or reject offers, pick from queues, transfer own tasks. */
  'routing.work',
  /** Routing as a supervisor: live queues, move and assign tasks, change agents' presence and skills, read traces. */
  'routing.supervise',
  /** Routing set-up: queues, skills, agent profiles, workflows (admins). */
  'routing.configure',
  /** Knowledge base: read articles of every state and visibility (agents, supervisors, admins). */
  'kb.read',
  /** Knowledge base: write, publish, import and export articles and categories (supervisors, admins). */
  'kb.manage',
  /** Flows (chatbot/IVR): build, publish, assign to inboxes; intents and HTTP allow-list (admins, supervisors). */
  'flows.manage',
  /** Analytics: historical reports, drill-down, CSV export, own scheduled reports, journeys (supervisors, admins). */
  'analytics.read',
  /** Analytics set-up: wallboard alert thresholds, survey settings, rollup rebuild (admins, supervisors). */
  'analytics.configure',
] as const;
export type Permission = (typeof permissions)[number];

export const email = z.email().max(254).transform((s) => s.toLowerCase());
export { PASSWORD_MIN_LENGTH };
export const password = z.string().min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`).max(256);

export const loginBody = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(256),
  workspace: z.string().trim().min(1).max(64).optional(),
});

export const tenant = z.object({ id: z.uuid(), slug: z.string(), name: z.string() });

export const skillLevel = z.object({ skill: z.string(), level: z.number().int() });

export const user = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(roles),
  language: z.enum(languages),
  active: z.boolean(),
  createdAt: z.iso.datetime(),
  lastLoginAt: z.iso.datetime().nullable(),
  teams: z.array(z.object({ id: z.uuid(), name: z.string() })),
  skills: z.array(skillLevel),
});
export type User = z.infer<typeof user>;

export const meResponse = z.object({
  user,
  tenant,
  permissions: z.array(z.enum(permissions)),
});
export type MeResponse = z.infer<typeof meResponse>;

export const session = z.object({
  id: z.uuid(),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  current: z.boolean(),
});
export type Session = z.infer<typeof session>;

export const updateMeBody = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    language: z.enum(languages).optional(),
  })
  .strict();

export const changePasswordBody = z.object({ currentPassword: z.string().min(1).max(256), newPassword: password });

export const apiToken = z.object({
  id: z.uuid(),
  name: z.string(),
  scope: z.enum(tokenScopes),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});
export type ApiToken = z.infer<typeof apiToken>;

export const createTokenBody = z.object({
  name: z.string().trim().min(1).max(120),
  scope: z.enum(tokenScopes),
});
export const createTokenResponse = z.object({
  token: apiToken,
  /** The secret, shown this once; only its hash is stored. */
  secret: z.string(),
});
