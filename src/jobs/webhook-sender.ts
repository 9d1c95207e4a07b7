import type { Logger } from 'pino';
import type { Clock, IdGen } from '../core/context.ts';
import { writeAudit } from '../core/audit.ts';
import { draftEvent } from '../core/events/draft.ts';
import { DISABLE_AFTER_DEAD, nextAttemptAt } from '../core/webhooks/backoff.ts';
import { SIGNATURE_HEADER, signPayload } from '../security/hmac.ts';
import type { Db } from '../storage/db.ts';
import { createRepos, type Repos, type UnitOfWork } from '../storage/repos.ts';
import type { WebhookDeliveryRow } from '../storage/webhook-deliveries.repo.ts';
import { postWebhook, WEBHOOK_TIMEOUT_MS, type HttpOutcome } from './webhook-http.ts';

/** What the fan-out and the sender need; tests build it around a test server's database and a fake clock. */
export interface WebhookJobDeps {
  db: Db;
  uow: UnitOfWork;
  clock: Clock;
  newId: IdGen;
  allowPrivate: boolean;
  log?: Logger;
  /** The HTTP call (tests may replace it; the default is postWebhook). */
  post?: typeof postWebhook;
  /** [0, 1) for the backoff jitter. */
  random?: () => number;
}

/** A claim lasts longer than one request may take, so no other sender picks the delivery up meanwhile. */
export const LEASE_MS = WEBHOOK_TIMEOUT_MS * 6;

const USER_AGENT = 'Switchboard-Webhooks';

/** The event that tells the admin screen (topic `webhooks`) how an attempt went. */
function attemptEvent(newId: IdGen, d: WebhookDeliveryRow) {
  return draftEvent(newId, {
    type: 'webhook.delivery_attempted',
    aggregateType: 'webhook_endpoint',
    aggregateId: d.endpointId,
    actorId: null,
    topics: ['webhooks'],
    payload: { deliveryId: d.id, eventType: d.eventType, status: d.status, attempts: d.attempts, statusCode: d.lastStatusCode },
  });
}

/** Records an attempt's outcome; dead deliveries count towards switching the endpoint off. */
async function record(deps: WebhookJobDeps, d: WebhookDeliveryRow, out: HttpOutcome, ping: boolean): Promise<WebhookDeliveryRow> {
  const now = deps.clock.now();
  const attempts = d.attempts + 1;
  const ok = out.statusCode !== null && out.statusCode >= 200 && out.statusCode < 300;
  const retryAt = ok || ping ? null : nextAttemptAt(attempts, now, deps.random?.());
  const status = ok ? 'succeeded' : retryAt ? 'retrying' : 'dead';
  return deps.uow(async (r: Repos) => {
    const row = await r.webhookDeliveries.recordAttempt(d.tenantId, d.id, {
      status, nextAttemptAt: retryAt, at: now, statusCode: out.statusCode, error: out.error, responseExcerpt: out.responseExcerpt, durationMs: out.durationMs, attempts,
    });
    if (!row) return d; // the endpoint was deleted meanwhile
    const events = [attemptEvent(deps.newId, row)];
    if (ok) await r.webhooks.resetFailures(d.tenantId, d.endpointId);
    if (status === 'dead' && !ping) {
      const run = await r.webhooks.addFailure(d.tenantId, d.endpointId);
      const ep = await r.webhooks.lock(d.tenantId, d.endpointId);
      if (ep?.active && run >= DISABLE_AFTER_DEAD) {
        const reason = `${run} deliveries in a row failed every attempt`;
        await r.webhooks.update(d.tenantId, d.endpointId, { active: false, disabledReason: reason }, now);
        events.push(draftEvent(deps.newId, {
          type: 'webhook.endpoint_disabled', aggregateType: 'webhook_endpoint', aggregateId: d.endpointId, actorId: null, topics: ['webhooks'],
          payload: { reason },
        }));
        await writeAudit(r, deps.newId, now, { tenantId: d.tenantId, actorId: null, action: 'webhook.disabled', targetType: 'webhook_endpoint', targetId: d.endpointId, details: { url: ep.url, reason } });
        deps.log?.warn({ endpointId: d.endpointId, tenantId: d.tenantId }, 'webhook endpoint disabled after repeated failures');
      }
    }
    await r.events.append(d.tenantId, events, now);
    return row;
  });
}

/** Sends one claimed delivery now: signs the stored body, POSTs it, records the outcome. */
export async function sendDelivery(deps: WebhookJobDeps, d: WebhookDeliveryRow, o: { ping?: boolean } = {}): Promise<WebhookDeliveryRow> {
  const repos = createRepos(deps.db);
  const endpoint = await repos.webhooks.byId(d.tenantId, d.endpointId);
  const secret = await repos.webhooks.secretOf(d.tenantId, d.endpointId);
  if (!endpoint || !secret) return d;
  const body = typeof d.payload === 'string' ? (d.payload as string) : JSON.stringify(d.payload);
  const at = deps.clock.now();
  const out = await (deps.post ?? postWebhook)({
    url: endpoint.url,
    body,
    allowPrivate: deps.allowPrivate,
    headers: {
      [SIGNATURE_HEADER]: signPayload(secret, body, at),
      'x-switchboard-event': d.eventType,
      'x-switchboard-delivery': d.id,
      'user-agent': USER_AGENT,
    },
  });
  return record(deps, d, out, o.ping ?? d.eventType === 'ping');
}

/** Claims one delivery of a tenant for an immediate send (test ping, redelivery) and sends it. */
export async function sendDeliveryNow(deps: WebhookJobDeps, tenantId: string, id: string, o: { restart: boolean; ping?: boolean }): Promise<WebhookDeliveryRow | undefined> {
  const now = deps.clock.now();
  const repos = createRepos(deps.db);
  const claimed = o.restart ? await repos.webhookDeliveries.restart(tenantId, id, new Date(now.getTime() + LEASE_MS), now) : await repos.webhookDeliveries.byId(tenantId, id);
  if (!claimed) return undefined;
  return sendDelivery(deps, claimed, { ping: o.ping });
}

export interface SendResult {
  attempted: number;
  succeeded: number;
  failed: number;
}

/**
 * One pass of the sender: claims due deliveries of active endpoints and sends them. Each endpoint
 * is one lane (its deliveries one after another, at most `perEndpoint` a pass); up to
 * `concurrency` lanes run at once, so a slow receiver holds one lane, never the others.
 * `busy` holds endpoints another pass on this node is still sending to; they are skipped.
 */
export async function sendDueWebhooks(
  deps: WebhookJobDeps,
  o: { limit?: number; perEndpoint?: number; concurrency?: number; busy?: Set<string> } = {},
): Promise<SendResult> {
  const now = deps.clock.now();
  const busy = o.busy ?? new Set<string>();
  const claimed = await createRepos(deps.db).webhookDeliveries.claimDue(now, new Date(now.getTime() + LEASE_MS), {
    limit: o.limit ?? 100,
    perEndpoint: o.perEndpoint ?? 5,
    skipEndpoints: [...busy],
  });
  const lanes = new Map<string, WebhookDeliveryRow[]>();
  for (const d of claimed) {
    const lane = lanes.get(d.endpointId) ?? [];
    lane.push(d);
    lanes.set(d.endpointId, lane);
  }
  const result: SendResult = { attempted: 0, succeeded: 0, failed: 0 };
  const queue = [...lanes.entries()];
  for (const [endpointId] of queue) busy.add(endpointId);
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [endpointId, items] = next;
      try {
        for (const d of items) {
          try {
            const after = await sendDelivery(deps, d);
            result.attempted++;
            if (after.status === 'succeeded') result.succeeded++;
            else result.failed++;
          } catch (e) {
            deps.log?.warn({ err: e, deliveryId: d.id }, 'webhook delivery could not be recorded; it is retried when its lease ends');
          }
        }
      } finally {
        busy.delete(endpointId);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.concurrency ?? 8, queue.length) }, worker));
  return result;
}
