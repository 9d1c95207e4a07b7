import assert from 'node:assert/strict';
import { v7 as uuidv7 } from 'uuid';
import type { IsolationArea } from './area.ts';

const viewName = 'Foreign view kappa';
const macroName = 'Foreign macro lambda';
const macroReply = 'Foreign reply mu';
const secondSubject = 'Foreign ticket nu';
let viewB = '';
let macroB = '';
let ticketB2 = '';

/** Ticket views, macros, apply-macro and merge (docs/decisions/005-tickets.md). */
export const ticketWorkflowsArea: IsolationArea = {
  name: 'tickets-workflows',
  routes: {
    'GET /api/v1/ticket-views/:id': 'tickets.read',
    'PATCH /api/v1/ticket-views/:id': 'tickets.read',
    'DELETE /api/v1/ticket-views/:id': 'tickets.read',
    'GET /api/v1/ticket-views/:id/tickets': 'tickets.read',
    'GET /api/v1/ticket-macros/:id': 'tickets.read',
    'PATCH /api/v1/ticket-macros/:id': 'tickets.manage',
    'DELETE /api/v1/ticket-macros/:id': 'tickets.manage',
    'POST /api/v1/tickets/:id/apply-macro': 'tickets.manage',
    'POST /api/v1/tickets/:id/merge': 'tickets.manage',
  },
  foreignStrings: [viewName, macroName, macroReply, secondSubject],
  async seed(ctx) {
    viewB = uuidv7();
    macroB = uuidv7();
    ticketB2 = uuidv7();
    const at = new Date();
    await ctx.repos.ticketViews.insert({ id: viewB, tenantId: ctx.tenantB, ownerId: null, name: viewName, scope: 'everyone', teamId: null, filters: {}, sort: { field: 'updated', direction: 'desc' }, position: 0, at });
    await ctx.repos.ticketMacros.insert({ id: macroB, tenantId: ctx.tenantB, ownerId: null, name: macroName, description: '', scope: 'everyone', teamId: null, actions: { status: 'open', publicReply: macroReply }, at });
    await ctx.repos.tickets.insert({
      id: ticketB2, tenantId: ctx.tenantB, number: await ctx.repos.tickets.nextNumber(ctx.tenantB), subject: secondSubject, status: 'open', priority: 'normal', type: null,
      requesterId: null, assigneeId: null, teamId: null, tags: [], custom: {}, createdBy: null, createdAt: at, solvedAt: null,
    });
  },
  params(route, ctx) {
    if (route.includes('/ticket-views/')) return [{ id: viewB }];
    if (route.includes('/ticket-macros/')) return [{ id: macroB }];
    // apply-macro and merge: a foreign target, and one of A's tickets with a foreign macro / source.
    return [{ id: ctx.ticketB }, { id: ctx.ticketA }];
  },
  bodies: () => ({
    'PATCH /api/v1/ticket-views/:id': { name: 'taken over' },
    'PATCH /api/v1/ticket-macros/:id': { name: 'taken over' },
    'POST /api/v1/tickets/:id/apply-macro': { macroId: macroB },
    'POST /api/v1/tickets/:id/merge': { sourceIds: [ticketB2] },
  }),
  listUrls: () => ['/api/v1/ticket-views', '/api/v1/ticket-macros', '/api/v1/ticket-macros?q=lambda', '/api/v1/tickets?q=nu'],
  async untouched(ctx) {
    assert.equal((await ctx.repos.ticketViews.byId(ctx.tenantB, viewB))?.name, viewName);
    const m = await ctx.repos.ticketMacros.byId(ctx.tenantB, macroB);
    assert.deepEqual([m?.name, m?.usageCount], [macroName, 0]);
    const t2 = await ctx.repos.tickets.byId(ctx.tenantB, ticketB2);
    assert.deepEqual([t2?.status, t2?.mergedIntoId], ['open', null]);
    const a = await ctx.repos.tickets.byId(ctx.tenantA, ctx.ticketA);
    assert.equal(a?.mergedIntoId, null);
    assert.equal((await ctx.repos.ticketComments.list(ctx.tenantA, ctx.ticketA, { limit: 200 })).items.filter((c) => c.text.includes(macroReply) || c.text.includes(secondSubject)).length, 0);
  },
};
