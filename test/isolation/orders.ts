import assert from 'node:assert/strict';
import { v7 as uuidv7 } from 'uuid';
import type { IsolationArea, IsolationContext } from './area.ts';

const F = {
  externalId: 'FOREIGN-ORDER-psi',
  importName: 'foreign-import-chi.csv',
  reason: 'foreign reason omega',
  sourceName: 'Foreign order source lambda',
};
const ids = { order: '', import: '', source: '', deletedSource: '' };

/** Orders, CSV imports and webhook sources of tenant B, walked by tenant A. */
export const ordersArea: IsolationArea = {
  name: 'orders',
  routes: {
    'GET /api/v1/orders/:id': 'customers.read',
    'GET /api/v1/order-imports/:id': 'orders.manage',
    'DELETE /api/v1/order-sources/:id': 'orders.configure',
    'POST /api/v1/order-sources/:id/rotate': 'orders.configure',
    // Public: addressed by the source id and proven by its signature, not by a session.
    'POST /api/v1/hooks/orders/:sourceId': 'public',
  },
  foreignStrings: [F.externalId, F.importName, F.reason, F.sourceName],
  async seed(c: IsolationContext) {
    const now = new Date();
    ids.order = uuidv7();
    await c.repos.orders.insert({
      id: ids.order, tenantId: c.tenantB, customerId: c.customerB, externalId: F.externalId, orderedAt: now, status: 'paid', currency: 'EUR', total: '12.00',
      items: [{ name: 'Foreign', quantity: 1, unitPrice: 12 }], source: 'api', sourceId: null, importId: null, at: now,
    });
    ids.import = uuidv7();
    await c.repos.orderImports.insert({ id: ids.import, tenantId: c.tenantB, filename: F.importName, content: 'external_id\n', contentSha256: 'x', totalRows: 1, createdBy: c.userB, at: now });
    await c.t.server.database.db.updateTable('order_imports').set({ status: 'done', report: JSON.stringify([{ line: 2, reason: F.reason }]) }).where('id', '=', ids.import).execute();
    ids.source = uuidv7();
    await c.repos.orderSources.insert({ id: ids.source, tenantId: c.tenantB, name: F.sourceName, secret: 'whsec_foreign', createdBy: c.userB, at: now });
    // A deleted source: its webhook must answer 404 to anyone.
    ids.deletedSource = uuidv7();
    await c.repos.orderSources.insert({ id: ids.deletedSource, tenantId: c.tenantB, name: 'gone', secret: 'whsec_gone', createdBy: c.userB, at: now });
    await c.repos.orderSources.remove(c.tenantB, ids.deletedSource);
  },
  params(route) {
    if (route.includes('/orders/:id')) return [{ id: ids.order }];
    if (route.includes('/order-imports/')) return [{ id: ids.import }];
    if (route.includes('/hooks/orders/')) return [{ sourceId: ids.deletedSource }];
    return [{ id: ids.source }];
  },
  bodies: () => ({ 'POST /api/v1/hooks/orders/:sourceId': { externalId: 'TAKEN-OVER', orderedAt: '2025-01-01', currency: 'EUR', total: 1, customer: { email: 'taken.over@demo.example' } } }),
  listUrls: (c) => ['/api/v1/orders?limit=200', '/api/v1/orders?q=FOREIGN', `/api/v1/orders?customerId=${c.customerB}`, '/api/v1/order-imports?limit=200', '/api/v1/order-sources?limit=200'],
  async untouched(c) {
    // B's live source refuses A's session without B's signature, and stores nothing.
    const res = await c.t.req('POST', `/api/v1/hooks/orders/${ids.source}`, { cookie: c.cookies.admin, body: { externalId: 'TAKEN-OVER', orderedAt: '2025-01-01', currency: 'EUR', total: 1, customer: { email: 'x@y.example' } } });
    assert.equal(res.statusCode, 401, res.body);
    const order = await c.repos.orders.byId(c.tenantB, ids.order);
    assert.deepEqual([order?.externalId, order?.total, order?.customerId], [F.externalId, '12.00', c.customerB]);
    assert.equal(await c.repos.orders.byId(c.tenantA, ids.order), undefined);
    assert.equal(await c.repos.orderImports.byId(c.tenantA, ids.import), undefined);
    assert.equal((await c.repos.orderSources.byId(c.tenantB, ids.source))?.name, F.sourceName, 'the foreign source was not deleted');
    assert.equal((await c.repos.orderSources.forWebhook(ids.source))?.secret, 'whsec_foreign', 'the foreign secret was not rotated');
    const taken = await c.t.server.database.db.selectFrom('orders').select('id').where('external_id', '=', 'TAKEN-OVER').execute();
    assert.equal(taken.length, 0, 'no order was stored by the walk');
  },
};
