import type { OrderItem, OrderStatus } from '../../contracts/orders.ts';
import type { Repos } from '../../storage/repos.ts';
import type { IdGen } from '../context.ts';
import { draftEvent } from '../events/draft.ts';

const DAY = 86_400_000;
const demoOrders: { customer: string; externalId: string; daysAgo: number; status: OrderStatus; currency: string; items: OrderItem[] }[] = [
  { customer: 'Olivia Bennett', externalId: 'DEMO-1001', daysAgo: 40, status: 'fulfilled', currency: 'GBP', items: [{ sku: 'DESK-OAK', name: 'Oak standing desk', quantity: 1, unitPrice: 549 }] },
  { customer: 'Olivia Bennett', externalId: 'DEMO-1042', daysAgo: 3, status: 'paid', currency: 'GBP', items: [{ sku: 'CHAIR-ERG', name: 'Ergonomic chair', quantity: 2, unitPrice: 189.5 }] },
  { customer: 'Rhys Llewellyn', externalId: 'DEMO-1017', daysAgo: 12, status: 'refunded', currency: 'GBP', items: [{ sku: 'LAMP-01', name: 'Desk lamp', quantity: 1, unitPrice: 39.99 }] },
  { customer: 'Zofia Kowalska', externalId: 'DEMO-1023', daysAgo: 8, status: 'fulfilled', currency: 'PLN', items: [{ sku: 'MON-27', name: '27" monitor', quantity: 2, unitPrice: 1199 }, { sku: 'ARM-2', name: 'Monitor arm', quantity: 1, unitPrice: 249 }] },
  { customer: 'Li Na', externalId: 'DEMO-1030', daysAgo: 21, status: 'fulfilled', currency: 'CNY', items: [{ sku: 'DESK-OAK', name: 'Oak standing desk', quantity: 10, unitPrice: 3999 }] },
  { customer: 'Li Na', externalId: 'DEMO-1051', daysAgo: 1, status: 'pending', currency: 'CNY', items: [{ sku: 'CHAIR-ERG', name: 'Ergonomic chair', quantity: 10, unitPrice: 1299 }] },
  { customer: 'Jamie Walker', externalId: 'DEMO-1036', daysAgo: 5, status: 'cancelled', currency: 'USD', items: [{ sku: 'LAMP-01', name: 'Desk lamp', quantity: 3, unitPrice: 45 }] },
];

/** A few orders for the demo customers (src/seed.ts), each with its `order.created` event. */
export async function seedDemoOrders(r: Repos, tenantId: string, newId: IdGen, now: Date, customerIds: Map<string, string>): Promise<void> {
  const events = [];
  for (const o of demoOrders) {
    const customerId = customerIds.get(o.customer);
    if (!customerId) continue;
    const id = newId();
    const total = o.items.reduce((s, i) => s + i.quantity * i.unitPrice, 0).toFixed(2);
    const orderedAt = new Date(now.getTime() - o.daysAgo * DAY);
    await r.orders.insert({ id, tenantId, customerId, externalId: o.externalId, orderedAt, status: o.status, currency: o.currency, total, items: o.items, source: 'api', sourceId: null, importId: null, at: now });
    events.push(draftEvent(newId, {
      type: 'order.created', aggregateType: 'order', aggregateId: id, actorId: null, topics: ['tenant'],
      payload: { externalId: o.externalId, customerId, orderedAt: orderedAt.toISOString(), status: o.status, currency: o.currency, total, itemCount: o.items.length, source: 'api', customerCreated: false },
    }));
  }
  await r.events.append(tenantId, events, now);
}
