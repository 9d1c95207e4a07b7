import { z } from 'zod';

/**
 * Customer journeys and segment paths (issue 8; definitions in docs/journeys.md).
 * Times are ISO instants; a range is [from, to), at most one year.
 */

export const touchpointKinds = ['help_center', 'bot', 'handover', 'chat', 'email', 'call', 'sms', 'whatsapp', 'messaging', 'ticket', 'purchase', 'survey'] as const;
export const dropReasons = ['bot_abandoned', 'queue_abandoned', 'self_service_failed'] as const;

const range = {
  /** Inclusive start; default 30 days before `to`. */
  from: z.iso.datetime({ offset: true }).optional(),
  /** Exclusive end; default now. */
  to: z.iso.datetime({ offset: true }).optional(),
  /** A contact within this many days of the previous one is a repeat (default 7). */
  repeatDays: z.coerce.number().int().min(1).max(90).default(7),
};

export const journeyQuery = z.object(range);
export type JourneyQuery = z.infer<typeof journeyQuery>;

export const touchpoint = z.object({
  at: z.iso.datetime(),
  kind: z.enum(touchpointKinds),
  /** Inbox channel of a conversation's touchpoint (voice, chat, email, …), else null. */
  channel: z.string().nullable(),
  conversationId: z.string().nullable(),
  /** Ticket, order, article or survey answer id, by kind. */
  ref: z.string().nullable(),
  label: z.string().nullable(),
  /** An assisted contact (counts for repeats). */
  contact: z.boolean(),
});

export const journeyRepeat = z.object({ index: z.number().int(), previousIndex: z.number().int(), gapMs: z.number().int() });
export const journeyDrop = z.object({ index: z.number().int(), reason: z.enum(dropReasons), contactIndex: z.number().int().nullable() });

export const customerJourney = z.object({
  /** The customer whose journey this is (the survivor when the asked one was merged away). */
  customerId: z.uuid(),
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  touchpoints: z.array(touchpoint),
  repeats: z.array(journeyRepeat),
  drops: z.array(journeyDrop),
});
export type CustomerJourney = z.infer<typeof customerJourney>;

export const journeysQuery = z.object({
  ...range,
  /** The segment whose members to analyse; none = every customer of the workspace. */
  segmentId: z.uuid().optional(),
  /** The "X then Z" finding to answer: of customers who used `after`, how many used `then` after it. */
  after: z.enum(touchpointKinds).optional(),
  then: z.enum(touchpointKinds).optional(),
  /** How many of the most common paths to return (default 10). */
  top: z.coerce.number().int().min(1).max(100).default(10),
});
export type JourneysQuery = z.infer<typeof journeysQuery>;

export const conditional = z.object({
  after: z.enum(touchpointKinds),
  then: z.enum(touchpointKinds),
  customersAfter: z.number().int(),
  thenAnyTime: z.number().int(),
  thenAfter: z.number().int(),
  share: z.number(),
  baseRate: z.number(),
  interest: z.number(),
});

export const journeysReport = z.object({
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  segmentId: z.uuid().nullable(),
  customers: z.number().int(),
  withJourney: z.number().int(),
  paths: z.array(z.object({ kinds: z.array(z.enum(touchpointKinds)), truncated: z.boolean(), customers: z.number().int(), share: z.number() })),
  channels: z.array(z.object({ kind: z.enum(touchpointKinds), customers: z.number().int(), rate: z.number(), touchpoints: z.number().int(), perCustomer: z.number() })),
  conditionals: z.array(conditional),
  finding: conditional.nullable(),
  contacts: z.number().int(),
  repeats: z.number().int(),
  drops: z.record(z.enum(dropReasons), z.number().int()),
  /** How long the computation took, in milliseconds. */
  tookMs: z.number().int(),
});
export type JourneysReport = z.infer<typeof journeysReport>;

/** A help center article read by a visitor the chat widget knows: the widget's session token. */
export const articleViewBody = z.object({
  token: z.string().min(10).max(4000),
  articleId: z.uuid(),
  language: z.string().min(2).max(20),
});
