import { z } from 'zod';
import { listQuery, uuid } from './common.ts';
import { priorities } from './conversations.ts';

export const slaMetrics = ['first_response', 'next_response', 'resolution'] as const;
export type SlaMetric = (typeof slaMetrics)[number];
export const slaStates = ['running', 'paused', 'fulfilled', 'breached'] as const;
export type SlaState = (typeof slaStates)[number];
export const weekdayKeys = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** HH:MM local times; well-formedness and start < end are checked by core (400 naming the field). */
const interval = z.object({ start: z.string().max(5), end: z.string().max(5) }).strict();
const hours = z.object(Object.fromEntries(weekdayKeys.map((d) => [d, z.array(interval).max(12).optional()])) as Record<(typeof weekdayKeys)[number], z.ZodOptional<z.ZodArray<typeof interval>>>).strict();

export const businessCalendar = z.object({
  id: uuid,
  name: z.string(),
  timeZone: z.string(),
  hours: z.record(z.string(), z.array(z.object({ start: z.string(), end: z.string() }))),
  holidays: z.array(z.string()),
  teamId: uuid.nullable(),
  isDefault: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type BusinessCalendar = z.infer<typeof businessCalendar>;

const name = z.string().trim().min(1).max(120);

export const createCalendarBody = z
  .object({
    name,
    timeZone: z.string().trim().min(1).max(64),
    hours,
    holidays: z.array(z.string().max(10)).max(400).default([]),
    teamId: uuid.nullable().default(null),
    isDefault: z.boolean().default(false),
  })
  .strict();
export type CreateCalendarBody = z.infer<typeof createCalendarBody>;
export const updateCalendarBody = z
  .object({
    name: name.optional(),
    timeZone: z.string().trim().min(1).max(64).optional(),
    hours: hours.optional(),
    holidays: z.array(z.string().max(10)).max(400).optional(),
    teamId: uuid.nullable().optional(),
    isDefault: z.boolean().optional(),
  })
  .strict();
export type UpdateCalendarBody = z.infer<typeof updateCalendarBody>;

/** Business minutes, at most a year. */
const target = z.number().int('must be a whole number of minutes').positive('must be a positive number of minutes').max(525_600).nullable();

const conditions = z
  .object({
    priorities: z.array(z.enum(priorities)).max(4).default([]),
    /** Customers in this segment (src/core/segments), when segments are available. */
    segmentId: uuid.nullable().default(null),
    /** Customers with any of these tags; empty = any customer. */
    customerTags: z.array(z.string().trim().min(1).max(64)).max(20).default([]),
  })
  .strict();
const targets = z.object({ firstResponse: target.default(null), nextResponse: target.default(null), resolution: target.default(null) }).strict();
const calendar = z.object({ mode: z.enum(['calendar', 'team']).default('calendar'), calendarId: uuid.nullable().default(null) }).strict();
const nearBreach = z
  .object({
    percent: z.number().int().min(1).max(99).default(80),
    /** When set: near breach when this many business minutes remain (instead of percent). */
    minutes: z.number().int().positive().max(525_600).nullable().default(null),
  })
  .strict();
const escalation = z
  .object({
    reassignToUserId: uuid.nullable().default(null),
    reassignToTeamId: uuid.nullable().default(null),
    notifySupervisors: z.boolean().default(false),
  })
  .strict();

export const createPolicyBody = z
  .object({
    name,
    description: z.string().trim().max(1000).default(''),
    active: z.boolean().default(true),
    conditions: conditions.default({ priorities: [], segmentId: null, customerTags: [] }),
    targets,
    calendar: calendar.default({ mode: 'calendar', calendarId: null }),
    nearBreach: nearBreach.default({ percent: 80, minutes: null }),
    escalation: escalation.default({ reassignToUserId: null, reassignToTeamId: null, notifySupervisors: false }),
  })
  .strict();
export type CreatePolicyBody = z.infer<typeof createPolicyBody>;
export const updatePolicyBody = z
  .object({
    name: name.optional(),
    description: z.string().trim().max(1000).optional(),
    active: z.boolean().optional(),
    conditions: conditions.optional(),
    targets: targets.optional(),
    calendar: calendar.optional(),
    nearBreach: nearBreach.optional(),
    escalation: escalation.optional(),
  })
  .strict();
export type UpdatePolicyBody = z.infer<typeof updatePolicyBody>;
export const reorderPoliciesBody = z.object({ ids: z.array(uuid).min(1).max(500) }).strict();

export const slaPolicy = z.object({
  id: uuid,
  name: z.string(),
  description: z.string(),
  position: z.number().int(),
  active: z.boolean(),
  conditions: z.object({ priorities: z.array(z.enum(priorities)), segmentId: uuid.nullable(), customerTags: z.array(z.string()) }),
  targets: z.object({ firstResponse: z.number().int().nullable(), nextResponse: z.number().int().nullable(), resolution: z.number().int().nullable() }),
  calendar: z.object({ mode: z.enum(['calendar', 'team']), calendarId: uuid.nullable() }),
  nearBreach: z.object({ percent: z.number().int(), minutes: z.number().int().nullable() }),
  escalation: z.object({ reassignToUserId: uuid.nullable(), reassignToTeamId: uuid.nullable(), notifySupervisors: z.boolean() }),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type SlaPolicy = z.infer<typeof slaPolicy>;

export const listSlaQuery = listQuery;

export const ticketSlaTarget = z.object({
  metric: z.enum(slaMetrics),
  state: z.enum(slaStates),
  targetMinutes: z.number().int(),
  startedAt: z.iso.datetime(),
  /** Null while paused: the due time moves by however long the pause lasts. */
  dueAt: z.iso.datetime().nullable(),
  /** Business minutes left (negative once breached); null when fulfilled. */
  remainingBusinessMinutes: z.number().nullable(),
  /** Wall-clock ms until dueAt (negative once breached); null when paused or fulfilled. */
  remainingMs: z.number().nullable(),
  businessMinutesUsed: z.number(),
  nearBreach: z.boolean(),
  breached: z.boolean(),
  pausedAt: z.iso.datetime().nullable(),
  nearBreachedAt: z.iso.datetime().nullable(),
  breachedAt: z.iso.datetime().nullable(),
  fulfilledAt: z.iso.datetime().nullable(),
});
export type TicketSlaTarget = z.infer<typeof ticketSlaTarget>;
export const ticketSla = z.object({
  ticketId: uuid,
  policyId: uuid.nullable(),
  policyName: z.string().nullable(),
  /** The server's time of this answer, so a countdown can correct for clock skew. */
  now: z.iso.datetime(),
  targets: z.array(ticketSlaTarget),
});
export type TicketSla = z.infer<typeof ticketSla>;
