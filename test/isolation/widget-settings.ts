import assert from 'node:assert/strict';
import { v7 as uuidv7 } from 'uuid';
import type { IsolationArea } from './area.ts';

let settingsBefore = '';
let chatB = '';
const FOREIGN_GREETING = 'Foreign widget greeting omicron';

/** A chat inbox's widget settings (GET/PUT /api/v1/inboxes/:id/widget-settings), walked by tenant A on B's inbox. */
export const widgetSettingsArea: IsolationArea = {
  name: 'widget-settings',
  routes: {
    'GET /api/v1/inboxes/:id/widget-settings': 'inboxes.manage',
    'PUT /api/v1/inboxes/:id/widget-settings': 'inboxes.manage',
  },
  foreignStrings: [FOREIGN_GREETING, 'Foreign chat omicron'],
  async seed(ctx) {
    // A chat inbox of B (its shared inbox is an API one, which would be refused for being non-chat alone).
    chatB = uuidv7();
    await ctx.repos.inboxes.insert({ id: chatB, tenantId: ctx.tenantB, name: 'Foreign chat omicron', channel: 'chat', reopenWindowMs: 0, settings: { enabled: true, identitySecret: 'f'.repeat(40), greeting: { en: FOREIGN_GREETING } }, at: new Date() });
    settingsBefore = JSON.stringify((await ctx.repos.inboxes.byId(ctx.tenantB, chatB))?.settings ?? null);
  },
  params: (_route, ctx) => [{ id: chatB }, { id: ctx.inboxB }],
  bodies: () => ({
    'PUT /api/v1/inboxes/:id/widget-settings': {
      enabled: true, languages: ['en'], greeting: { en: 'taken over' }, closedMessage: {}, theme: { color: '#000000', position: 'left', logoUrl: null },
      prechatFields: [], calendarId: null, attachments: { maxBytes: 1024, contentTypes: ['text/plain'] }, csat: false,
    },
  }),
  async untouched(ctx) {
    assert.equal(JSON.stringify((await ctx.repos.inboxes.byId(ctx.tenantB, chatB))?.settings ?? null), settingsBefore);
  },
};
