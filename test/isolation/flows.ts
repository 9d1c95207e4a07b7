import assert from 'node:assert/strict';
import { v7 as uuidv7 } from 'uuid';
import type { IsolationArea, IsolationContext } from './area.ts';

const F = { flow: 'Foreign flow chi', text: 'Foreign bot text psi', intent: 'foreign_omega', example: 'foreign example omega', host: 'foreign-host.example' };
const ids = { flow: '', intent: '' };
const definition = (text: string) => ({
  version: 1, start: 'hi', variables: [],
  nodes: [{ id: 'hi', type: 'message', position: { x: 0, y: 0 }, data: { text: { en: text } } }, { id: 'bye', type: 'end', position: { x: 0, y: 100 }, data: {} }],
  edges: [{ id: 'e1', source: 'hi', sourceHandle: 'next', target: 'bye' }],
});

/** Tenant B's flows, versions, inbox assignment, intents and allowed hosts, walked by tenant A. */
export const flowsArea: IsolationArea = {
  name: 'flows',
  routes: {
    'GET /api/v1/flows/:id': 'supervise.view',
    'PATCH /api/v1/flows/:id': 'flows.manage',
    'DELETE /api/v1/flows/:id': 'flows.manage',
    'GET /api/v1/flows/:id/versions': 'supervise.view',
    'GET /api/v1/flows/:id/current': 'supervise.view',
    'GET /api/v1/flows/:id/versions/:version': 'supervise.view',
    'PUT /api/v1/flows/:id/draft': 'flows.manage',
    'POST /api/v1/flows/:id/publish': 'flows.manage',
    'PUT /api/v1/inboxes/:id/flow': 'flows.manage',
    'GET /api/v1/flow-intents/:id': 'supervise.view',
    'PATCH /api/v1/flow-intents/:id': 'flows.manage',
    'DELETE /api/v1/flow-intents/:id': 'flows.manage',
  },
  foreignStrings: [F.flow, F.text, F.intent, F.example, F.host],
  async seed(c: IsolationContext) {
    const now = new Date();
    ids.flow = uuidv7();
    await c.repos.flows.insert({ id: ids.flow, tenantId: c.tenantB, name: F.flow, description: '', channelKinds: ['chat', 'api'], createdBy: c.userB, at: now });
    await c.repos.flows.insertVersion({ tenantId: c.tenantB, flowId: ids.flow, version: 1, definition: definition(F.text), createdBy: c.userB, at: now });
    await c.repos.flows.publishDraft(c.tenantB, ids.flow, 1, c.userB, now);
    await c.repos.flows.assign(c.tenantB, c.inboxB, ids.flow, c.userB, now);
    ids.intent = uuidv7();
    await c.repos.flowsConfig.insertIntent({ id: ids.intent, tenantId: c.tenantB, name: F.intent, examples: [F.example], at: now });
    await c.repos.flowsConfig.setHosts(c.tenantB, [F.host], c.userB, now);
  },
  params(route, c) {
    if (route.includes('/versions/:version')) return [{ id: ids.flow, version: '1' }];
    if (route.includes('/inboxes/')) return [{ id: c.inboxB }];
    if (route.includes('/flow-intents/')) return [{ id: ids.intent }];
    return [{ id: ids.flow }];
  },
  bodies: () => ({
    'PATCH /api/v1/flows/:id': { name: 'taken over' },
    'PUT /api/v1/flows/:id/draft': { definition: definition('taken over') },
    'POST /api/v1/flows/:id/publish': {},
    'PUT /api/v1/inboxes/:id/flow': { flowId: null },
    'PATCH /api/v1/flow-intents/:id': { examples: ['taken over'] },
  }),
  listUrls: () => ['/api/v1/flows?limit=200', `/api/v1/flows?q=${encodeURIComponent(F.flow)}`, '/api/v1/flow-intents?limit=200', '/api/v1/flow-allowed-hosts', '/api/v1/flow-assignments'],
  async untouched(c) {
    // A cannot put B's flow on one of A's inboxes.
    const inboxes = (await c.t.req('GET', '/api/v1/inboxes?limit=200', { cookie: c.cookies.admin })).json().items as { id: string }[];
    const r = await c.t.req('PUT', `/api/v1/inboxes/${inboxes[0]!.id}/flow`, { cookie: c.cookies.admin, body: { flowId: ids.flow } });
    assert.equal(r.statusCode, 400, r.body);
    const f = await c.repos.flows.byId(c.tenantB, ids.flow);
    assert.deepEqual({ name: f?.name, published: f?.publishedVersion, draft: f?.draftVersion }, { name: F.flow, published: 1, draft: null });
    assert.equal(await c.repos.flows.flowOfInbox(c.tenantB, c.inboxB), ids.flow);
    assert.deepEqual((await c.repos.flowsConfig.intentById(c.tenantB, ids.intent))?.examples, [F.example]);
    assert.deepEqual(await c.repos.flowsConfig.hosts(c.tenantB), [F.host]);
    assert.equal(await c.repos.flows.byId(c.tenantA, ids.flow), undefined);
  },
};
