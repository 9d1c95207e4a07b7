import { z } from 'zod';
import { capacityChannels, finalActions, skipConditions, strategies, taskKinds, taskStatuses } from '../core/routing/types.ts';

/** Routing over HTTP and the websocket: queues, skills, agent profiles, workflows, tasks, offers. */

const name = z.string().trim().min(1).max(120);

export const queue = z.object({
  id: z.uuid(),
  name: z.string(),
  strategy: z.enum(strategies),
  stickyMinutes: z.number(),
  offerTimeoutSeconds: z.number().int().nullable(),
  autoAccept: z.boolean(),
  wrapUpSeconds: z.number().int(),
  agingPerMinute: z.number(),
  calendarId: z.uuid().nullable(),
  teamIds: z.array(z.uuid()),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Queue = z.infer<typeof queue>;

export const queueBody = z
  .object({
    name,
    strategy: z.enum(strategies).default('longest_idle'),
    stickyMinutes: z.number().min(0).max(7 * 24 * 60).default(0),
    offerTimeoutSeconds: z.number().int().min(5).max(600).nullable().default(null),
    autoAccept: z.boolean().default(false),
    wrapUpSeconds: z.number().int().min(0).max(3600).default(0),
    agingPerMinute: z.number().min(0).max(100).default(1),
    calendarId: z.uuid().nullable().default(null),
    teamIds: z.array(z.uuid()).max(100).default([]),
  })
  .strict();
export const queuePatch = queueBody.partial().strict();

export const skill = z.object({ id: z.uuid(), name: z.string(), agents: z.number().int() });
export type Skill = z.infer<typeof skill>;
/** Skill names are identifiers in skill expressions: letters, digits, _ and -, starting with a letter. */
export const skillName = z.string().trim().regex(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/, 'a letter, then up to 39 letters, digits, _ or -');
export const skillBody = z.object({ name: skillName }).strict();

export const capacity = z.object(Object.fromEntries(capacityChannels.map((c) => [c, z.number().int().min(0).max(50)])) as Record<(typeof capacityChannels)[number], z.ZodNumber>);

export const presence = z.enum(['available', 'away', 'offline']);
/** What the UI shows: presence plus what the agent is doing (on a task, wrap-up). */
export const agentActivity = z.enum(['available', 'on_task', 'wrap_up', 'away', 'offline']);

export const agentProfile = z.object({
  userId: z.uuid(),
  name: z.string(),
  role: z.enum(['admin', 'supervisor', 'agent']),
  presence,
  activity: agentActivity,
  awayReason: z.string().nullable(),
  presenceSince: z.iso.datetime(),
  skills: z.array(z.object({ skill: z.string(), level: z.number().int().min(1).max(10) })),
  languages: z.array(z.string()),
  teamIds: z.array(z.uuid()),
  capacity,
  /** Capacity in use now, per channel. */
  load: capacity,
  missedInRow: z.number().int(),
});
export type AgentProfile = z.infer<typeof agentProfile>;

/** One agent's routing settings (admin): any field left out is unchanged. */
export const agentProfilePatch = z
  .object({
    skills: z.array(z.object({ skill: skillName, level: z.number().int().min(1).max(10) })).max(100),
    languages: z.array(z.string().trim().min(2).max(16)).max(20),
    capacity: capacity.partial(),
  })
  .partial()
  .strict();

/** The skill matrix bulk edit: set (level 1..10) or remove (null) many agent×skill cells at once. */
export const skillMatrixBody = z
  .object({
    cells: z.array(z.object({ userId: z.uuid(), skill: skillName, level: z.number().int().min(1).max(10).nullable() })).min(1).max(10_000),
  })
  .strict();

export const presenceBody = z
  .object({
    presence,
    awayReason: z.string().trim().min(1).max(60).optional(),
  })
  .strict();

const workflowTarget = z
  .object({
    queueId: z.uuid(),
    agents: z.string().max(2000).default(''),
    priorityBoost: z.number().int().min(-100).max(100).default(0),
    timeoutSeconds: z.number().int().min(5).max(7 * 24 * 3600).nullable().default(null),
    skipWhen: z.array(z.enum(skipConditions)).max(3).default([]),
  })
  .strict();
const workflowRule = z
  .object({
    id: z.string().trim().min(1).max(60),
    name,
    filter: z.string().max(2000).default(''),
    priority: z.number().int().min(0).max(100).default(50),
    targets: z.array(workflowTarget).min(1).max(10),
    finally: z.enum(finalActions).default('stay'),
  })
  .strict();
export const workflowBody = z.object({ rules: z.array(workflowRule).max(200) }).strict();
export type WorkflowBody = z.infer<typeof workflowBody>;
export const workflow = z.object({
  version: z.number().int(),
  rules: z.array(workflowRule),
  createdAt: z.iso.datetime().nullable(),
  createdBy: z.uuid().nullable(),
});

/** The workflow test box: a task's attributes in, where it would go out (nothing stored). */
export const workflowTestBody = z
  .object({
    /** A workflow to test before saving it; the running one when left out. */
    rules: z.array(workflowRule).max(200).optional(),
    kind: z.enum(taskKinds).default('chat'),
    attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())])),
  })
  .strict();

export const traceEntry = z.object({
  at: z.iso.datetime(),
  step: z.string(),
  message: z.string(),
  ruleId: z.string().optional(),
  queueId: z.string().optional(),
  targetIndex: z.number().int().optional(),
  userId: z.string().optional(),
  candidates: z.array(z.object({ userId: z.string(), chosen: z.boolean(), reason: z.string(), score: z.number().optional() })).optional(),
});
export type TraceEntryDto = z.infer<typeof traceEntry>;

export const workflowTestResult = z.object({
  ruleId: z.string().nullable(),
  ruleName: z.string().nullable(),
  /** Each target in order, with the agents it would consider now and the one it would pick. */
  targets: z.array(z.object({
    queueId: z.string(),
    queueName: z.string(),
    timeoutSeconds: z.number().nullable(),
    skipped: z.string().nullable(),
    eligibleAgents: z.array(z.object({ userId: z.string(), name: z.string() })),
    wouldOffer: z.object({ userId: z.string(), name: z.string() }).nullable(),
  })),
  finally: z.enum(finalActions).nullable(),
  trace: z.array(traceEntry),
});

export const task = z.object({
  id: z.uuid(),
  kind: z.enum(taskKinds),
  sourceType: z.enum(['conversation', 'ticket', 'callback', 'api']),
  sourceId: z.uuid().nullable(),
  attributes: z.record(z.string(), z.unknown()),
  priority: z.number().int(),
  status: z.enum(taskStatuses),
  queueId: z.uuid().nullable(),
  ruleId: z.string().nullable(),
  targetIndex: z.number().int(),
  assignedUserId: z.uuid().nullable(),
  enqueuedAt: z.iso.datetime(),
  assignedAt: z.iso.datetime().nullable(),
  endedAt: z.iso.datetime().nullable(),
  endReason: z.string().nullable(),
  /** Place in the queue and estimated wait, while waiting. */
  position: z.number().int().nullable(),
  estimatedWaitSeconds: z.number().int().nullable(),
});
export type Task = z.infer<typeof task>;

export const offer = z.object({
  id: z.uuid(),
  taskId: z.uuid(),
  userId: z.uuid(),
  offeredAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  status: z.enum(['pending', 'accepted', 'rejected', 'expired', 'withdrawn']),
  task,
});
export type OfferDto = z.infer<typeof offer>;

export const transferBody = z
  .object({
    toUserId: z.uuid().optional(),
    toQueueId: z.uuid().optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .strict()
  .refine((b) => (b.toUserId ? 1 : 0) + (b.toQueueId ? 1 : 0) === 1, { message: 'give exactly one of toUserId or toQueueId', path: ['toUserId'] });

export const assignBody = z.object({ userId: z.uuid() }).strict();
export const escalateBody = z.object({ note: z.string().trim().max(2000).optional() }).strict();
export const callbackBody = z.object({ phone: z.string().trim().min(3).max(32) }).strict();

/** Queue position and estimated wait for the customer (widget, IVR). */
export const taskPosition = z.object({
  taskId: z.uuid(),
  status: z.enum(taskStatuses),
  position: z.number().int().nullable(),
  waiting: z.number().int().nullable(),
  estimatedWaitSeconds: z.number().int().nullable(),
});

/** Supervisor: a queue now. */
export const queueLive = z.object({
  queueId: z.uuid(),
  name: z.string(),
  waiting: z.number().int(),
  offered: z.number().int(),
  longestWaitSeconds: z.number().int(),
  agents: z.object({ available: z.number().int(), on_task: z.number().int(), wrap_up: z.number().int(), away: z.number().int(), offline: z.number().int() }),
  estimatedWaitSeconds: z.number().int().nullable(),
});
export const liveView = z.object({ queues: z.array(queueLive), agents: z.array(agentProfile), at: z.iso.datetime() });

export const listTasksQuery = z.object({
  queueId: z.uuid().optional(),
  status: z.enum(['waiting', 'active', 'ended']).default('waiting'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

/** Routes that take an agent's user id. */
export const userIdParams = z.object({ userId: z.uuid() });
export const skillPatch = skillBody;
/** One saved workflow version (without its rules). */
export const workflowVersionItem = z.object({ version: z.number().int(), rules: z.number().int(), createdAt: z.iso.datetime(), createdBy: z.uuid().nullable() });
export const skillMatrixResult = z.object({ updated: z.number().int(), agents: z.number().int() });
