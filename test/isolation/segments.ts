import assert from 'node:assert/strict';
import { v7 as uuidv7 } from 'uuid';
import type { IsolationArea } from './area.ts';

const segmentName = 'Foreign segment psi';
const segmentDescription = 'foreign segment description omega-2';
let segmentB = '';

/** Segments and customer health. */
export const segmentsArea: IsolationArea = {
  name: 'segments',
  routes: {
    'GET /api/v1/customers/:id/health': 'customers.read',
    'GET /api/v1/segments/:id': 'customers.read',
    'PATCH /api/v1/segments/:id': 'segments.manage',
    'DELETE /api/v1/segments/:id': 'segments.manage',
    'GET /api/v1/segments/:id/customers': 'customers.read',
    'GET /api/v1/segments/:id/export.csv': 'segments.manage',
  },
  foreignStrings: [segmentName, segmentDescription],
  async seed(ctx) {
    segmentB = uuidv7();
    const now = new Date();
    // A segment matching every customer of B (a leak would list B's customer), and a stored score for B's customer.
    await ctx.repos.segments.insert({ id: segmentB, tenantId: ctx.tenantB, name: segmentName, description: segmentDescription, definition: { match: 'all', conditions: [] }, createdBy: ctx.userB, createdAt: now });
    await ctx.repos.health.upsert(ctx.tenantB, { customerId: ctx.customerB, score: 3, band: 'at_risk', factors: [], computedAt: now });
  },
  params(route, ctx) {
    if (route.includes('/customers/:id/health')) return [{ id: ctx.customerB }];
    return [{ id: segmentB }];
  },
  bodies: () => ({
    'PATCH /api/v1/segments/:id': { name: 'Taken Over', definition: { match: 'any', conditions: [] } },
  }),
  listUrls: () => ['/api/v1/segments', '/api/v1/segments?q=foreign', '/api/v1/customers/at-risk?limit=200', '/api/v1/customers/at-risk?band=at_risk&limit=200'],
  async untouched(ctx) {
    const s = await ctx.repos.segments.byId(ctx.tenantB, segmentB);
    assert.equal(s?.name, segmentName, 'the foreign segment was neither renamed nor deleted');
    assert.deepEqual(s?.definition, { match: 'all', conditions: [] });
    assert.equal((await ctx.repos.health.get(ctx.tenantB, ctx.customerB))?.score, 3, 'the foreign score was not recomputed through our routes');
    assert.equal(await ctx.repos.segments.byName(ctx.tenantA, 'Taken Over'), undefined);
  },
};
