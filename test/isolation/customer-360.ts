import assert from 'node:assert/strict';
import { v7 as uuidv7 } from 'uuid';
import type { IsolationArea } from './area.ts';

const noteText = 'foreign customer note chi';
let noteB = '';
let noteA = '';

/** Timeline, notes and privacy routes of a customer. */
export const customer360Area: IsolationArea = {
  name: 'customer-360',
  routes: {
    'GET /api/v1/customers/:id/timeline': 'customers.read',
    'GET /api/v1/customers/:id/notes': 'customers.read',
    'POST /api/v1/customers/:id/notes': 'customers.manage',
    'DELETE /api/v1/customers/:id/notes/:noteId': 'customers.manage',
    'GET /api/v1/customers/:id/export': 'customers.privacy',
    'POST /api/v1/customers/:id/erase': 'customers.privacy',
  },
  foreignStrings: [noteText],
  async seed(ctx) {
    noteB = uuidv7();
    noteA = uuidv7();
    await ctx.repos.customerNotes.insert({ id: noteB, tenantId: ctx.tenantB, customerId: ctx.customerB, authorId: ctx.userB, text: noteText, html: null, at: new Date() });
    await ctx.repos.customerNotes.insert({ id: noteA, tenantId: ctx.tenantA, customerId: ctx.customerA, authorId: null, text: 'our own note', html: null, at: new Date() });
  },
  params(route, ctx) {
    if (route.includes(':noteId')) return [{ id: ctx.customerB, noteId: noteB }, { id: ctx.customerA, noteId: noteB }, { id: ctx.customerB, noteId: noteA }];
    return [{ id: ctx.customerB }];
  },
  bodies: (ctx) => ({
    'POST /api/v1/customers/:id/notes': { text: 'taken over' },
    'POST /api/v1/customers/:id/erase': { confirm: ctx.customerB },
  }),
  async untouched(ctx) {
    const b = await ctx.repos.customers.byId(ctx.tenantB, ctx.customerB);
    assert.equal(b?.erasedAt, null, 'the foreign customer was not erased');
    assert.deepEqual((await ctx.repos.customerNotes.list(ctx.tenantB, ctx.customerB, { limit: 10 })).items.map((n) => n.text), [noteText]);
    assert.ok(await ctx.repos.customerNotes.byId(ctx.tenantA, noteA), 'our own note is still there');
    assert.ok(!(await ctx.repos.customerNotes.list(ctx.tenantA, ctx.customerA, { limit: 50 })).items.some((n) => n.text === 'taken over'));
  },
};
