import type { Page } from '../../../src/contracts/common.ts';
import type { CreateWebhookBody, DeliveryStatus, UpdateWebhookBody, WebhookDelivery, WebhookEndpoint, WebhookWithSecret } from '../../../src/contracts/webhooks.ts';
import { api } from './client.ts';

const enc = encodeURIComponent;

/** Outgoing webhooks (admins): endpoints, secrets, test pings and the delivery log. */
export const webhooksApi = {
  list: (p: { q?: string; cursor?: string | null } = {}) => api.get<Page<WebhookEndpoint>>('/api/v1/webhooks', { limit: 50, q: p.q?.trim() || undefined, cursor: p.cursor ?? undefined }),
  get: (id: string) => api.get<WebhookEndpoint>(`/api/v1/webhooks/${enc(id)}`),
  create: (body: Partial<CreateWebhookBody> & { url: string; events: string[] }) => api.post<WebhookWithSecret>('/api/v1/webhooks', body),
  update: (id: string, body: UpdateWebhookBody) => api.patch<WebhookEndpoint>(`/api/v1/webhooks/${enc(id)}`, body),
  remove: (id: string) => api.del<null>(`/api/v1/webhooks/${enc(id)}`),
  rotateSecret: (id: string) => api.post<WebhookWithSecret>(`/api/v1/webhooks/${enc(id)}/rotate-secret`),
  test: (id: string) => api.post<WebhookDelivery>(`/api/v1/webhooks/${enc(id)}/test`),
  deliveries: (id: string, p: { status?: DeliveryStatus | ''; cursor?: string | null } = {}) =>
    api.get<Page<WebhookDelivery>>(`/api/v1/webhooks/${enc(id)}/deliveries`, { limit: 50, status: p.status || undefined, cursor: p.cursor ?? undefined }),
  redeliver: (deliveryId: string) => api.post<WebhookDelivery>(`/api/v1/webhook-deliveries/${enc(deliveryId)}/redeliver`),
};
