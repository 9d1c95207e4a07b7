import assert from 'node:assert/strict';
import { v7 as uuidv7 } from 'uuid';
import type { IsolationArea, IsolationContext } from './area.ts';

const F = { shortcut: 'foreign-sigma', title: 'Foreign canned tau', body: 'Foreign canned body upsilon', code: 'foreign-phi', label: 'Foreign disposition phi', note: 'foreign wrap-up note' };
const ids = { canned: '', disposition: '', cannedA: '', statusB: '' };

/** Tenant B's canned responses, disposition codes, wrap-up and read markers, walked by tenant A. */
export const deskArea: IsolationArea = {
  name: 'desk',
  routes: {
    'GET /api/v1/canned-responses/:id': 'desk.use',
    'PATCH /api/v1/canned-responses/:id': 'tickets.share',
    'DELETE /api/v1/canned-responses/:id': 'tickets.share',
    'POST /api/v1/canned-responses/:id/render': 'desk.use',
    'PATCH /api/v1/dispositions/:id': 'routing.configure',
    'DELETE /api/v1/dispositions/:id': 'routing.configure',
    'PUT /api/v1/conversations/:id/read': 'conversations.read',
    'POST /api/v1/conversations/:id/notes': 'conversations.manage',
    'POST /api/v1/conversations/:id/wrap-up': 'conversations.manage',
    'GET /api/v1/conversations/:id/wrap-up': 'conversations.read',
  },
  foreignStrings: [F.shortcut, F.title, F.body, F.code, F.label, F.note],
  async seed(c: IsolationContext) {
    const now = new Date();
    ids.canned = uuidv7();
    await c.repos.cannedResponses.insert({ id: ids.canned, tenantId: c.tenantB, shortcut: F.shortcut, title: F.title, body: F.body, createdBy: c.userB, at: now });
    ids.disposition = uuidv7();
    await c.repos.dispositions.insert({ id: ids.disposition, tenantId: c.tenantB, code: F.code, label: F.label, active: true, position: 0, at: now });
    await c.repos.dispositions.putWrapUp(c.tenantB, { conversationId: c.conversationB, dispositionCode: F.code, dispositionLabel: F.label, note: F.note, wrappedUpBy: c.userB, wrappedUpAt: now });
    const convB = (await c.repos.conversations.byId(c.tenantB, c.conversationB))!;
    ids.statusB = convB.status;
    await c.repos.deskConversations.markRead(c.tenantB, c.userB, c.conversationB, 0, now);
    // One of A's own, to render against B's conversation.
    ids.cannedA = uuidv7();
    await c.repos.cannedResponses.insert({ id: ids.cannedA, tenantId: c.tenantA, shortcut: 'own-a', title: 'Own', body: 'Hi {{customer.name}}', createdBy: c.userA, at: now });
  },
  params(route, c) {
    if (route.includes('/canned-responses/')) return [{ id: ids.canned }];
    if (route.includes('/dispositions/')) return [{ id: ids.disposition }];
    return [{ id: c.conversationB }];
  },
  bodies: (c) => ({
    'PATCH /api/v1/canned-responses/:id': { title: 'taken over' },
    'POST /api/v1/canned-responses/:id/render': { conversationId: c.conversationA },
    'PATCH /api/v1/dispositions/:id': { label: 'taken over' },
    'PUT /api/v1/conversations/:id/read': { seq: 0 },
    'POST /api/v1/conversations/:id/notes': { text: 'taken over', mentionIds: [] },
    'POST /api/v1/conversations/:id/wrap-up': {},
  }),
  listUrls: () => ['/api/v1/canned-responses?limit=200', `/api/v1/canned-responses?q=${F.shortcut}`, '/api/v1/dispositions?includeInactive=true', '/api/v1/desk/conversations'],
  async untouched(c) {
    // A's own canned response cannot be rendered against B's conversation.
    const r = await c.t.req('POST', `/api/v1/canned-responses/${ids.cannedA}/render`, { cookie: c.cookies.admin, body: { conversationId: c.conversationB } });
    assert.equal(r.statusCode, 404, r.body);
    // B's user cannot be mentioned in A's conversation.
    const n = await c.t.req('POST', `/api/v1/conversations/${c.conversationA}/notes`, { cookie: c.cookies.admin, body: { text: 'hi', mentionIds: [c.userB] } });
    assert.equal(n.statusCode, 400, n.body);
    assert.equal((await c.repos.cannedResponses.byId(c.tenantB, ids.canned))?.title, F.title);
    assert.equal(await c.repos.cannedResponses.byId(c.tenantA, ids.canned), undefined);
    assert.equal((await c.repos.dispositions.byId(c.tenantB, ids.disposition))?.label, F.label);
    assert.equal(await c.repos.dispositions.byCode(c.tenantA, F.code), undefined);
    assert.equal((await c.repos.dispositions.wrapUpOf(c.tenantB, c.conversationB))?.note, F.note);
    assert.equal(await c.repos.dispositions.wrapUpOf(c.tenantA, c.conversationB), undefined);
    const convB = (await c.repos.conversations.byId(c.tenantB, c.conversationB))!;
    assert.equal(convB.status, ids.statusB, 'no wrap-up reached B');
    const texts = (await c.repos.messages.list(c.tenantB, c.conversationB, { limit: 100 })).items.map((m) => m.text);
    assert.ok(!texts.includes('taken over'), 'no note reached B');
    assert.equal((await c.repos.deskConversations.unread(c.tenantB, c.userB, c.conversationB)).readSeq, 0, "B's read marker did not move");
  },
};
