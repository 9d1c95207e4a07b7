import assert from 'node:assert/strict';
import type { IsolationArea } from './area.ts';

let settingsBefore = '';

/** The chat widget's staff route (the public widget API lives under /api/widget/v1 and is tested in test/widget-api.test.ts). */
export const widgetArea: IsolationArea = {
  name: 'widget',
  routes: {
    'POST /api/v1/inboxes/:id/identity-secret': 'inboxes.manage',
  },
  foreignStrings: [],
  async seed(ctx) {
    settingsBefore = JSON.stringify((await ctx.repos.inboxes.byId(ctx.tenantB, ctx.inboxB))?.settings ?? null);
  },
  params: (_route, ctx) => [{ id: ctx.inboxB }],
  async untouched(ctx) {
    assert.equal(JSON.stringify((await ctx.repos.inboxes.byId(ctx.tenantB, ctx.inboxB))?.settings ?? null), settingsBefore);
  },
};
