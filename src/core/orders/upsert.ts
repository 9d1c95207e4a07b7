import { isDeepStrictEqual } from 'node:util';
import type { OrderSourceKind, UpsertOutcome } from '../../contracts/orders.ts';
import type { EventDraft } from '../../storage/events.repo.ts';
import type { OrderFields, OrderRow } from '../../storage/orders.repo.ts';
import type { Repos } from '../../storage/repos.ts';
import type { IdGen } from '../context.ts';
import { AppError, invalid } from '../errors.ts';
import { draftEvent } from '../events/draft.ts';
import type { PreparedOrder } from './validate.ts';

export interface UpsertContext {
  tenantId: string;
  actorId: string | null;
  source: OrderSourceKind;
  sourceId?: string | null;
  importId?: string | null;
  newId: IdGen;
  now: Date;
  /** Path prefix for errors ("orders.2"). */
  path?: string;
  /**
   * Customers already resolved and share-locked in this transaction (an import chunk), by
   * identity or id: the lock holds until commit, so the answer cannot change meanwhile.
   */
  customers?: Map<string, string>;
}

export interface UpsertResult {
  order: OrderRow;
  outcome: UpsertOutcome;
  customerCreated: boolean;
  /** To append in the same transaction (batched by the caller: the append locks the tenant's event sequence until commit). */
  events: EventDraft[];
}

const compared = ['customerId', 'orderedAt', 'status', 'currency', 'total', 'items'] as const;
const plain = (v: unknown) => (v instanceof Date ? v.toISOString() : v);

/** The customer of an order: by id (following merges to the survivor), or found / created by identity. */
async function resolveCustomer(r: Repos, c: UpsertContext, o: PreparedOrder): Promise<{ customerId: string; created: boolean }> {
  const key = 'customerId' in o.customer ? `id:${o.customer.customerId}` : `${o.customer.identity.kind}:${o.customer.identity.value}`;
  const known = c.customers?.get(key);
  if (known) return { customerId: known, created: false };
  const res = await resolveUncached(r, c, o);
  c.customers?.set(key, res.customerId);
  return res;
}

async function resolveUncached(r: Repos, c: UpsertContext, o: PreparedOrder): Promise<{ customerId: string; created: boolean }> {
  const at = (p: string) => (c.path ? `${c.path}.${p}` : p);
  let customerId: string;
  let created = false;
  if ('customerId' in o.customer) {
    customerId = o.customer.customerId;
  } else {
    const res = await r.customers.resolveIdentity(c.tenantId, o.customer.identity, { newId: c.newId, name: o.customer.name, at: c.now });
    customerId = res.customerId;
    created = res.created;
  }
  // A merged customer's orders belong to the survivor; lock it so a merge cannot move rows under us.
  for (let hop = 0; hop < 5; hop++) {
    const locked = await r.orders.lockCustomerShared(c.tenantId, customerId);
    if (!locked) throw invalid(`${at('customerId')} ${customerId} is not a customer of this workspace; check the id, or give customer { email | phone | externalId } instead`, [{ path: at('customerId'), message: 'unknown customer' }]);
    if (!locked.mergedInto) return { customerId, created };
    customerId = 'identity' in o.customer ? ((await r.customers.identityOwner(c.tenantId, o.customer.identity.kind, o.customer.identity.value)) ?? locked.mergedInto) : locked.mergedInto;
  }
  throw new AppError('conflict', 'The customer is being merged right now; retry in a moment');
}

/**
 * Creates or updates the order with this external id inside the caller's transaction: the same
 * data again changes nothing and gives no event; changed data gives `order.updated` with each
 * changed field { from, to }; a new order gives `order.created`. The caller appends the events.
 */
export async function upsertOrder(r: Repos, c: UpsertContext, o: PreparedOrder): Promise<UpsertResult> {
  const { customerId, created: customerCreated } = await resolveCustomer(r, c, o);
  const fields: OrderFields = { customerId, orderedAt: o.orderedAt, status: o.status, currency: o.currency, total: o.total, items: o.items };
  let before = await r.orders.lockByExternalId(c.tenantId, o.externalId);
  const events: EventDraft[] = [];
  let id: string;
  let outcome: UpsertOutcome;
  if (!before) {
    id = c.newId();
    if (await r.orders.insert({ id, tenantId: c.tenantId, externalId: o.externalId, source: c.source, sourceId: c.sourceId ?? null, importId: c.importId ?? null, at: c.now, ...fields })) {
      outcome = 'created';
      events.push(draftEvent(c.newId, {
        type: 'order.created', aggregateType: 'order', aggregateId: id, actorId: c.actorId, topics: ['tenant'],
        payload: { externalId: o.externalId, customerId, orderedAt: o.orderedAt.toISOString(), status: o.status, currency: o.currency, total: o.total, itemCount: o.items.length, source: c.source, customerCreated },
      }));
    } else {
      // A racing request inserted it between our look-up and insert: update that row instead.
      before = await r.orders.lockByExternalId(c.tenantId, o.externalId);
      if (!before) throw new AppError('conflict', `Order ${o.externalId} changed while saving it; retry`);
    }
  }
  if (before) {
    id = before.id;
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const k of compared) {
      if (!isDeepStrictEqual(plain(before[k]), plain(fields[k]))) changes[k] = { from: plain(before[k]), to: plain(fields[k]) };
    }
    if (Object.keys(changes).length === 0) outcome = 'unchanged';
    else {
      outcome = 'updated';
      await r.orders.update(c.tenantId, id, fields, c.now);
      events.push(draftEvent(c.newId, {
        type: 'order.updated', aggregateType: 'order', aggregateId: id, actorId: c.actorId, topics: ['tenant'],
        payload: { externalId: o.externalId, customerId, source: c.source, changes },
      }));
    }
  }
  const order: OrderRow = before
    ? outcome! === 'unchanged' ? before : { ...before, ...fields, updatedAt: c.now }
    : { id: id!, tenantId: c.tenantId, externalId: o.externalId, ...fields, source: c.source, sourceId: c.sourceId ?? null, importId: c.importId ?? null, createdAt: c.now, updatedAt: c.now };
  return { order, outcome: outcome!, customerCreated, events };
}
