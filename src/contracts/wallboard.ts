import { z } from 'zod';
import { agentProfile, queueLive } from './routing.ts';

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
});

export const wallboardQueue = queueLive.extend({ today: queueToday });

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
  timeZone: z.string(),
  serviceLevelSeconds: z.number(),
  shortAbandonSeconds: z.number(),
});
export type WallboardView = z.infer<typeof wallboardView>;
export type WallboardQueue = z.infer<typeof wallboardQueue>;
export type WallboardAgent = z.infer<typeof wallboardAgent>;

export const wallboardQuery = z.object({
  serviceLevelSeconds: z.coerce.number().int().min(1).max(3600).optional(),
  shortAbandonSeconds: z.coerce.number().int().min(0).max(600).optional(),
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
