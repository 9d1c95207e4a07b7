import assert from 'node:assert/strict';
import { v7 as uuidv7 } from 'uuid';
import { draftEvent } from '../../src/core/events/draft.ts';
import type { IsolationArea } from './area.ts';

const titleB = 'foreign journey article omega';
const titleAimed = 'foreign journey article aimed at A';

/**
 * Journeys: B's customer has no journey for A, and B's events never join A's journeys or
 * reports, not even an event of B's that names A's customer id in its payload.
 */
export const journeysArea: IsolationArea = {
  name: 'journeys',
  routes: {
    'GET /api/v1/customers/:id/journey': 'customers.read',
  },
  foreignStrings: [titleB, titleAimed],
  async seed(c) {
    const at = new Date(Date.now() - 3_600_000);
    const view = (customerId: string, title: string) =>
      draftEvent(uuidv7, { type: 'help_center.article_viewed', aggregateType: 'kb_article', aggregateId: uuidv7(), actorId: null, payload: { articleId: uuidv7(), title, customerId, visitorId: 'iso-visitor' } });
    await c.repos.events.append(c.tenantB, [view(c.customerB, titleB), view(c.customerA, titleAimed)], at);
  },
  params: (_route, c) => [{ id: c.customerB }],
  listUrls: (c) => [`/api/v1/customers/${c.customerA}/journey`, '/api/v1/analytics/journeys', '/api/v1/analytics/journeys?after=help_center&then=call'],
  async untouched(c) {
    const a = await c.repos.journeys.signals(c.tenantA, { customerId: c.customerA }, new Date(Date.now() - 86_400_000), new Date(Date.now() + 60_000), 100);
    assert.ok(!a.signals.some((s) => s.label === titleAimed), 'B\'s event naming A\'s customer is not in A\'s journey');
    const b = await c.repos.journeys.signals(c.tenantB, { customerId: c.customerB }, new Date(Date.now() - 86_400_000), new Date(Date.now() + 60_000), 100);
    assert.ok(b.signals.some((s) => s.label === titleB), 'B\'s own journey still has its visit');
  },
};
