import { z } from 'zod';
import { agentProfile, queueLive } from './routing.ts';
import { wallboardAlert } from './wallboard-alerts.ts';

/** Today's figures of a queue (tenant time zone), by the definitions of docs METRICS. */
export const queueToday = z.object({
  offered: z.number().int(),
  answered: z.number().int(),
  /** Left after the short-abandon threshold. */
  abandoned: z.number().int(),
  shortAbandoned: z.number().int(),
  answeredInServiceLevel: z.number().int(),
  /** 0..1: answered within T / (offered − short abandons); null before anything counted. */
  serviceLevel: z.number().nullable(),
  /** Average speed of answer in seconds (one decimal); null before any answer. */
  asaSeconds: z.number().nullable(),
  abandonRate: z.number().nullable(),
  /** Tasks whose handling (talk/active + wrap) ended in the period. */
  handled: z.number().int(),
  /** Average handle time in seconds (one decimal) of those; null when none. */
  ahtSeconds: z.number().nullable(),
});

/** `today` counts from the start of the tenant's day; `interval` from the start of the current 15- or 30-minute interval. */
export const wallboardQueue = queueLive.extend({ today: queueToday, interval: queueToday });

export const wallboardAgentTask = z.object({
  taskId: z.uuid(),
  kind: z.string(),
  status: z.enum(['offered', 'assigned', 'wrap_up']),
  queueId: z.uuid().nullable(),
  conversationId: z.uuid().nullable(),
  customerName: z.string().nullable(),
  since: z.iso.datetime(),
});

export const wallboardAgent = agentProfile.extend({
  stateSince: z.iso.datetime(),
  timeInStateSeconds: z.number().int(),
  tasks: z.array(wallboardAgentTask),
});

export const wallboardView = z.object({
  queues: z.array(wallboardQueue),
  agents: z.array(wallboardAgent),
  at: z.iso.datetime(),
  /** The start of "today" in the tenant's time zone. */
  dayStartedAt: z.iso.datetime(),
  /** The start of the current interval (tenant time zone) and its length. */
  intervalStartedAt: z.iso.datetime(),
  intervalMinutes: z.union([z.literal(15), z.literal(30)]),
  timeZone: z.string(),
  serviceLevelSeconds: z.number(),
  shortAbandonSeconds: z.number(),
  /** Alert rules whose thresholds the figures cross now (src/core/analytics/alerts.ts). */
  alerts: z.array(wallboardAlert),
});
export type WallboardView = z.infer<typeof wallboardView>;
export type WallboardQueue = z.infer<typeof wallboardQueue>;
export type WallboardAgent = z.infer<typeof wallboardAgent>;

export const wallboardQuery = z.object({
  serviceLevelSeconds: z.coerce.number().int().min(1).max(3600).optional(),
  shortAbandonSeconds: z.coerce.number().int().min(0).max(600).optional(),
  /** "This interval" is the current 15- (default) or 30-minute interval. */
  intervalMinutes: z.union([z.literal(15), z.literal(30)]).or(z.enum(['15', '30']).transform((x) => (x === '15' ? 15 : 30) as 15 | 30)).optional(),
}).strict();

export const whisperBody = z.object({ text: z.string().max(10_000) }).strict();
export const whisper = z.object({
  id: z.uuid(),
  conversationId: z.uuid(),
  seq: z.number().int(),
  text: z.string(),
  whisperTo: z.uuid(),
  authorUserId: z.uuid().nullable(),
  authorName: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type Whisper = z.infer<typeof whisper>;
