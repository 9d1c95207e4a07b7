import type { WebhookDelivery, WebhookEndpoint } from '../../contracts/webhooks.ts';
import type { WebhookDeliveryRow } from '../../storage/webhook-deliveries.repo.ts';
import type { WebhookEndpointRow } from '../../storage/webhooks.repo.ts';

/** Webhook rows to wire shapes. The endpoint row carries no secret, so none can leak from here. */
const iso = (d: Date) => new Date(d).toISOString();
const isoOrNull = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export const webhookEndpointDto = (e: WebhookEndpointRow): WebhookEndpoint => ({
  id: e.id,
  url: e.url,
  description: e.description,
  events: e.events,
  active: e.active,
  disabledReason: e.disabledReason,
  consecutiveFailures: e.consecutiveFailures,
  createdBy: e.createdBy,
  createdAt: iso(e.createdAt),
  updatedAt: iso(e.updatedAt),
});

export const webhookDeliveryDto = (d: WebhookDeliveryRow): WebhookDelivery => ({
  id: d.id,
  endpointId: d.endpointId,
  eventId: d.eventId,
  eventType: d.eventType,
  status: d.status,
  attempts: d.attempts,
  nextAttemptAt: d.status === 'succeeded' || d.status === 'dead' ? null : isoOrNull(d.nextAttemptAt),
  lastAttemptAt: isoOrNull(d.lastAttemptAt),
  lastStatusCode: d.lastStatusCode,
  lastError: d.lastError,
  responseExcerpt: d.responseExcerpt,
  durationMs: d.durationMs,
  request: typeof d.payload === 'string' ? (JSON.parse(d.payload) as Record<string, unknown>) : d.payload,
  createdAt: iso(d.createdAt),
  updatedAt: iso(d.updatedAt),
});
