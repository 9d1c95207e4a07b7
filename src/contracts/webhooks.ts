import { z } from 'zod';
import { listQuery, uuid } from './common.ts';

/** The prefixes the admin screen offers as checkboxes; any event type or `<prefix>.*` is accepted. */
export const webhookEventPrefixes = ['customer.*', 'conversation.*', 'message.*', 'ticket.*', 'order.*'] as const;

export const deliveryStatuses = ['pending', 'succeeded', 'retrying', 'dead'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/** `*` (everything), an event type (`ticket.created`) or a prefix (`ticket.*`). */
export const webhookEventFilter = z
  .string()
  .trim()
  .max(100)
  .regex(/^(\*|[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*(\.\*)?)$/, 'must be *, an event type like ticket.created or a prefix like ticket.*');

const events = z.array(webhookEventFilter).min(1, 'choose at least one event type').max(50);
const url = z.string().trim().min(1).max(2048);
const description = z.string().trim().max(500);

export const webhookEndpoint = z.object({
  id: z.uuid(),
  url: z.string(),
  description: z.string(),
  events: z.array(z.string()),
  active: z.boolean(),
  /** Why the endpoint was switched off automatically (null when an admin did it or it is active). */
  disabledReason: z.string().nullable(),
  consecutiveFailures: z.number().int(),
  createdBy: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type WebhookEndpoint = z.infer<typeof webhookEndpoint>;

export const createWebhookBody = z.object({ url, description: description.default(''), events, active: z.boolean().default(true) }).strict();
export type CreateWebhookBody = z.infer<typeof createWebhookBody>;

export const updateWebhookBody = z.object({ url: url.optional(), description: description.optional(), events: events.optional(), active: z.boolean().optional() }).strict();
export type UpdateWebhookBody = z.infer<typeof updateWebhookBody>;

/** The signing secret is in this answer (create, rotate) and nowhere else. */
export const webhookWithSecret = z.object({ endpoint: webhookEndpoint, secret: z.string() });
export type WebhookWithSecret = z.infer<typeof webhookWithSecret>;

export const listWebhooksQuery = listQuery;

export const webhookDelivery = z.object({
  id: z.uuid(),
  endpointId: z.uuid(),
  eventId: z.uuid(),
  eventType: z.string(),
  status: z.enum(deliveryStatuses),
  attempts: z.number().int(),
  nextAttemptAt: z.iso.datetime().nullable(),
  lastAttemptAt: z.iso.datetime().nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  /** At most 1 KB of the receiver's answer. */
  responseExcerpt: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  /** The JSON body that is (or was) sent. */
  request: z.record(z.string(), z.unknown()),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type WebhookDelivery = z.infer<typeof webhookDelivery>;

export const listDeliveriesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
  status: z.enum(deliveryStatuses).optional(),
});
export type ListDeliveriesQuery = z.infer<typeof listDeliveriesQuery>;

export const webhookDeliveryParams = z.object({ id: uuid });

/** What a receiver gets: the body of every POST. */
export const webhookBody = z.object({
  id: z.uuid(),
  type: z.string(),
  occurredAt: z.iso.datetime(),
  workspace: z.string(),
  data: z.record(z.string(), z.unknown()),
  aggregate: z.object({ type: z.string(), id: z.string() }),
});
export type WebhookBody = z.infer<typeof webhookBody>;
