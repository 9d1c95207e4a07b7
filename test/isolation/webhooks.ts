import assert from 'node:assert/strict';
import { v7 as uuidv7 } from 'uuid';
import type { IsolationArea } from './area.ts';

const foreignUrl = 'https://crm.othercorp.example/hooks/zebrafinch-webhook';
const foreignSecret = 'whsec_othercorp_secret_never_shown_zebrafinch';
const ids = { endpointB: '', deliveryB: '' };

/** Webhook endpoints and deliveries of tenant B: A's admins may neither see, change, test nor redeliver them. */
export const webhooksArea: IsolationArea = {
  name: 'webhooks',
  routes: {
    'GET /api/v1/webhooks/:id': 'webhooks.manage',
    'PATCH /api/v1/webhooks/:id': 'webhooks.manage',
    'DELETE /api/v1/webhooks/:id': 'webhooks.manage',
    'POST /api/v1/webhooks/:id/rotate-secret': 'webhooks.manage',
    'POST /api/v1/webhooks/:id/test': 'webhooks.manage',
    'GET /api/v1/webhooks/:id/deliveries': 'webhooks.manage',
    'POST /api/v1/webhook-deliveries/:id/redeliver': 'webhooks.manage',
  },
  foreignStrings: [foreignUrl, foreignSecret, 'zebrafinch'],
  async seed(ctx) {
    const now = new Date();
    ids.endpointB = uuidv7();
    ids.deliveryB = uuidv7();
    await ctx.repos.webhooks.insert({ id: ids.endpointB, tenantId: ctx.tenantB, url: foreignUrl, description: 'zebrafinch CRM', events: ['*'], active: true, secret: foreignSecret, startSeq: 0, createdBy: ctx.userB, at: now });
    await ctx.repos.webhookDeliveries.insertMany([{
      id: ids.deliveryB, tenantId: ctx.tenantB, endpointId: ids.endpointB, eventId: uuidv7(), eventType: 'ticket.created',
      payload: { id: uuidv7(), type: 'ticket.created', workspace: 'othercorp', data: { subject: 'zebrafinch ticket' } }, nextAttemptAt: new Date(now.getTime() + 86_400_000),
    }], now);
  },
  params: (route, _ctx) => [{ id: route.includes('webhook-deliveries') ? ids.deliveryB : ids.endpointB }],
  bodies: () => ({ 'PATCH /api/v1/webhooks/:id': { description: 'taken over', active: false } }),
  listUrls: () => ['/api/v1/webhooks?limit=200', '/api/v1/webhooks?q=zebrafinch', '/api/v1/events?limit=1000'],
  async untouched(ctx) {
    const ep = await ctx.repos.webhooks.byId(ctx.tenantB, ids.endpointB);
    assert.ok(ep, "B's endpoint still exists");
    assert.deepEqual([ep.url, ep.description, ep.active], [foreignUrl, 'zebrafinch CRM', true]);
    assert.equal(await ctx.repos.webhooks.secretOf(ctx.tenantB, ids.endpointB), foreignSecret, "B's secret was not rotated");
    const d = await ctx.repos.webhookDeliveries.byId(ctx.tenantB, ids.deliveryB);
    assert.deepEqual([d?.status, d?.attempts], ['pending', 0], "B's delivery was not sent");
    assert.equal(await ctx.repos.webhooks.byId(ctx.tenantA, ids.endpointB), undefined);
    assert.equal(await ctx.repos.webhookDeliveries.byId(ctx.tenantA, ids.deliveryB), undefined);
    assert.deepEqual((await ctx.repos.webhookDeliveries.list(ctx.tenantA, ids.endpointB, { limit: 10 })).items, []);
  },
};
