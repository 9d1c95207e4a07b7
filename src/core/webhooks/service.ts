import type { CreateWebhookBody, ListDeliveriesQuery, UpdateWebhookBody } from '../../contracts/webhooks.ts';
import type { Repos } from '../../storage/repos.ts';
import type { WebhookDeliveryRow } from '../../storage/webhook-deliveries.repo.ts';
import type { WebhookEndpointRow } from '../../storage/webhooks.repo.ts';
import { writeAudit } from '../audit.ts';
import type { Principal } from '../auth/principal.ts';
import type { CoreDeps, RequestMeta } from '../deps.ts';
import { AppError, notFound } from '../errors.ts';
import { draftEvent } from '../events/draft.ts';

/** The outside world the webhooks service needs: URL checks (DNS) and an immediate send. */
export interface WebhookIo {
  /** The URL normalized, or a 400 naming it (bad shape, or a private address while those are refused). */
  checkUrl(url: string): Promise<string>;
  /** Sends a delivery now and records the outcome; `restart` makes it a redelivery from attempt 0. */
  sendNow(tenantId: string, deliveryId: string, o: { restart: boolean; ping?: boolean }): Promise<WebhookDeliveryRow | undefined>;
  /** How long an immediate send holds its delivery before a scheduled pass may take it. */
  leaseMs: number;
}

const SECRET_PREFIX = 'whsec_';

/** Outgoing webhook endpoints (admins): CRUD, secret rotation, a test ping, the delivery log, redelivery. */
export function createWebhooksService(d: CoreDeps, io: WebhookIo) {
  // Events are readable with events.read (supervisors too): they carry no URL (it may hold a token
  // of the receiver's) and never the secret. The audit log (admins) keeps the URL.
  const ev = (p: Principal, id: string, type: string, payload: Record<string, unknown>) =>
    draftEvent(d.newId, { type: `webhook.${type}`, aggregateType: 'webhook_endpoint', aggregateId: id, actorId: p.userId, topics: ['webhooks'], payload });
  const audit = (r: Repos, p: Principal, meta: RequestMeta | undefined, action: string, id: string, details: Record<string, unknown>, at: Date) =>
    writeAudit(r, d.newId, at, { tenantId: p.tenantId, actorId: p.userId, action: `webhook.${action}`, targetType: 'webhook_endpoint', targetId: id, ip: meta?.ip ?? null, details });

  async function mustGet(tenantId: string, id: string): Promise<WebhookEndpointRow> {
    const e = await d.repos.webhooks.byId(tenantId, id);
    if (!e) throw notFound('Webhook endpoint');
    return e;
  }

  /** Activation starts the endpoint at this event: nothing from before it (or from while it was off) is sent. */
  async function startAt(r: Repos, tenantId: string, id: string, seq: number, now: Date) {
    await r.webhooks.setStart(tenantId, id, seq);
    await r.webhooks.startCursor(tenantId, id, seq, now);
  }

  return {
    list: (p: Principal, args: { limit: number; cursor?: string; q?: string }) => d.repos.webhooks.list(p.tenantId, args),

    get: (p: Principal, id: string) => mustGet(p.tenantId, id),

    /** A new endpoint and its signing secret, which is shown this once. */
    async create(p: Principal, input: CreateWebhookBody, meta?: RequestMeta): Promise<{ endpoint: WebhookEndpointRow; secret: string }> {
      const url = await io.checkUrl(input.url);
      const id = d.newId();
      const secret = d.secrets.token(SECRET_PREFIX);
      const now = d.clock.now();
      const events = [...new Set(input.events)];
      await d.uow(async (r) => {
        await r.webhooks.insert({ id, tenantId: p.tenantId, url, description: input.description, events, active: input.active, secret, startSeq: 0, createdBy: p.userId, at: now });
        await r.events.append(p.tenantId, [ev(p, id, 'endpoint_created', { events, active: input.active })], now);
        // Events numbered from now on reach it (numbering follows commit: decision 016).
        await startAt(r, p.tenantId, id, await r.tenants.currentSeq(p.tenantId), now);
        await audit(r, p, meta, 'created', id, { url, events, active: input.active }, now);
      });
      return { endpoint: await mustGet(p.tenantId, id), secret };
    },

    async update(p: Principal, id: string, patch: UpdateWebhookBody, meta?: RequestMeta): Promise<WebhookEndpointRow> {
      const url = patch.url !== undefined ? await io.checkUrl(patch.url) : undefined;
      const now = d.clock.now();
      await d.uow(async (r) => {
        const before = await r.webhooks.lock(p.tenantId, id);
        if (!before) throw notFound('Webhook endpoint');
        const change = {
          ...(url !== undefined && url !== before.url && { url }),
          ...(patch.description !== undefined && patch.description !== before.description && { description: patch.description }),
          ...(patch.events !== undefined && { events: [...new Set(patch.events)] }),
          ...(patch.active !== undefined && patch.active !== before.active && { active: patch.active }),
        };
        if (Object.keys(change).length === 0) return;
        await r.webhooks.update(p.tenantId, id, { ...change, ...(change.active !== undefined && { disabledReason: null }) }, now);
        const { url: newUrl, ...visible } = change;
        await r.events.append(p.tenantId, [ev(p, id, 'endpoint_updated', { ...visible, urlChanged: newUrl !== undefined })], now);
        if (change.active === true) await startAt(r, p.tenantId, id, await r.tenants.currentSeq(p.tenantId), now);
        await audit(r, p, meta, 'updated', id, change, now);
      });
      return mustGet(p.tenantId, id);
    },

    async remove(p: Principal, id: string, meta?: RequestMeta): Promise<void> {
      const now = d.clock.now();
      await d.uow(async (r) => {
        const gone = await r.webhooks.remove(p.tenantId, id);
        if (!gone) throw notFound('Webhook endpoint');
        await r.events.append(p.tenantId, [ev(p, id, 'endpoint_deleted', {})], now);
        await audit(r, p, meta, 'deleted', id, { url: gone.url }, now);
      });
    },

    /** A new secret at once; the old one stops working (receivers accept several v1= values during a switch). */
    async rotateSecret(p: Principal, id: string, meta?: RequestMeta): Promise<{ endpoint: WebhookEndpointRow; secret: string }> {
      const secret = d.secrets.token(SECRET_PREFIX);
      const now = d.clock.now();
      await d.uow(async (r) => {
        if (!(await r.webhooks.lock(p.tenantId, id))) throw notFound('Webhook endpoint');
        await r.webhooks.setSecret(p.tenantId, id, secret, now);
        await r.events.append(p.tenantId, [ev(p, id, 'secret_rotated', {})], now);
        await audit(r, p, meta, 'secret_rotated', id, {}, now);
      });
      return { endpoint: await mustGet(p.tenantId, id), secret };
    },

    /** Sends a `ping` event now (active or not) and answers with the recorded delivery. */
    async test(p: Principal, id: string): Promise<WebhookDeliveryRow> {
      const ep = await mustGet(p.tenantId, id);
      const now = d.clock.now();
      const deliveryId = d.newId();
      const eventId = d.newId();
      const workspace = (await d.repos.tenants.byId(p.tenantId))?.slug ?? '';
      const payload = {
        id: eventId, type: 'ping', occurredAt: now.toISOString(), workspace,
        data: { endpointId: ep.id, message: 'A test from Switchboard: this endpoint is reachable if you answer 2xx', requestedBy: p.userId },
        aggregate: { type: 'webhook_endpoint', id: ep.id },
      };
      await d.repos.webhookDeliveries.insertMany([{ id: deliveryId, tenantId: p.tenantId, endpointId: ep.id, eventId, eventType: 'ping', payload, nextAttemptAt: new Date(now.getTime() + io.leaseMs) }], now);
      const sent = await io.sendNow(p.tenantId, deliveryId, { restart: false, ping: true });
      if (!sent) throw notFound('Webhook endpoint');
      return sent;
    },

    async deliveries(p: Principal, endpointId: string, args: ListDeliveriesQuery) {
      await mustGet(p.tenantId, endpointId);
      return d.repos.webhookDeliveries.list(p.tenantId, endpointId, args);
    },

    /** Sends a delivery again now, from attempt 0 (its retries start over if it fails). */
    async redeliver(p: Principal, deliveryId: string, meta?: RequestMeta): Promise<WebhookDeliveryRow> {
      const before = await d.repos.webhookDeliveries.byId(p.tenantId, deliveryId);
      if (!before) throw notFound('Webhook delivery');
      const ep = await mustGet(p.tenantId, before.endpointId);
      if (!ep.active && before.eventType !== 'ping') {
        throw new AppError('conflict', 'This endpoint is switched off; switch it on (or send a test) before redelivering');
      }
      await d.uow((r) => audit(r, p, meta, 'redelivered', ep.id, { deliveryId, eventType: before.eventType }, d.clock.now()));
      const sent = await io.sendNow(p.tenantId, deliveryId, { restart: true });
      if (!sent) throw notFound('Webhook delivery');
      return sent;
    },
  };
}
export type WebhooksService = ReturnType<typeof createWebhooksService>;
