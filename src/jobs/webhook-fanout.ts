import { filterMatches, isInternalType } from '../core/webhooks/filter.ts';
import type { Clock, IdGen } from '../core/context.ts';
import type { Db } from '../storage/db.ts';
import { createRepos } from '../storage/repos.ts';
import type { NewDelivery } from '../storage/webhook-deliveries.repo.ts';
import type { StoredEvent } from '../storage/events.repo.ts';

/** The body every receiver gets for an event. */
export function webhookBodyOf(e: Pick<StoredEvent, 'id' | 'type' | 'createdAt' | 'payload' | 'aggregateType' | 'aggregateId'>, workspace: string): Record<string, unknown> {
  return {
    id: e.id,
    type: e.type,
    occurredAt: new Date(e.createdAt).toISOString(),
    workspace,
    data: e.payload,
    aggregate: { type: e.aggregateType, id: e.aggregateId },
  };
}

/**
 * Turns committed events into deliveries: per tenant, under the tenant's cursor row (locked FOR
 * UPDATE), reads the events after the cursor in seq order, inserts one delivery per matching
 * active endpoint and moves the cursor, all in one transaction. Seq is gapless in commit order,
 * so nothing is skipped; a crash rolls the whole batch back; two passes at once wait for each
 * other, and (endpoint, event) is unique besides. Returns how many deliveries were created.
 */
export async function fanOutWebhooks(deps: { db: Db; clock: Clock; newId: IdGen }, o: { batch?: number } = {}): Promise<number> {
  const batch = o.batch ?? 500;
  let created = 0;
  for (const tenantId of await createRepos(deps.db).webhooks.tenantsWithActive()) {
    for (;;) {
      const { read, inserted } = await deps.db.transaction().execute(async (tx) => {
        const r = createRepos(tx);
        const now = deps.clock.now();
        const last = await r.webhooks.lockCursor(tenantId);
        if (last === undefined) {
          await r.webhooks.ensureCursor(tenantId, await r.tenants.currentSeq(tenantId), now);
          return { read: 0, inserted: 0 };
        }
        const events = await r.events.list(tenantId, { afterSeq: last, limit: batch });
        if (events.length === 0) return { read: 0, inserted: 0 };
        const endpoints = await r.webhooks.active(tenantId);
        const workspace = (await r.tenants.byId(tenantId))?.slug ?? '';
        const rows: NewDelivery[] = [];
        for (const e of events) {
          if (isInternalType(e.type)) continue;
          for (const ep of endpoints) {
            if (e.seq <= ep.startSeq || !filterMatches(ep.events, e.type)) continue;
            rows.push({ id: deps.newId(), tenantId, endpointId: ep.id, eventId: e.id, eventType: e.type, payload: webhookBodyOf(e, workspace), nextAttemptAt: now });
          }
        }
        const n = await r.webhookDeliveries.insertMany(rows, now);
        await r.webhooks.moveCursor(tenantId, events[events.length - 1]!.seq, now);
        return { read: events.length, inserted: n };
      });
      created += inserted;
      if (read < batch) break;
    }
  }
  return created;
}
