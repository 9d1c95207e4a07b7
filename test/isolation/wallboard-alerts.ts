import assert from 'node:assert/strict';
import { v7 as uuidv7 } from 'uuid';
import type { IsolationArea, IsolationContext } from './area.ts';

// A threshold no demo rule or figure has, so any leak of B's rule shows up in A's responses.
const foreignThreshold = 86_399.0625;
const ids = { ruleB: '' };

/** Wallboard alert rules: A cannot read, change or delete B's rules, and A's list shows none of them. */
export const wallboardAlertsArea: IsolationArea = {
  name: 'wallboard-alerts',
  routes: {
    'GET /api/v1/wallboard/alert-rules/:id': 'routing.supervise',
    'PATCH /api/v1/wallboard/alert-rules/:id': 'analytics.configure',
    'DELETE /api/v1/wallboard/alert-rules/:id': 'analytics.configure',
  },
  foreignStrings: [String(foreignThreshold)],
  async seed(c: IsolationContext) {
    ids.ruleB = uuidv7();
    await c.repos.wallboardAlerts.insert({
      id: ids.ruleB, tenantId: c.tenantB, queueId: null, metric: 'longest_wait_seconds', comparator: 'above', threshold: foreignThreshold, enabled: true, createdBy: c.userB, at: new Date(),
    });
  },
  params: () => [{ id: ids.ruleB }],
  bodies: () => ({ 'PATCH /api/v1/wallboard/alert-rules/:id': { threshold: 60 } }),
  listUrls: () => ['/api/v1/wallboard/alert-rules', '/api/v1/wallboard'],
  async untouched(c) {
    const rule = await c.repos.wallboardAlerts.byId(c.tenantB, ids.ruleB);
    assert.ok(rule, 'B\'s rule still exists');
    assert.equal(rule.threshold, foreignThreshold, 'B\'s rule is unchanged');
    assert.equal(await c.repos.wallboardAlerts.byId(c.tenantA, ids.ruleB), undefined);
    assert.ok((await c.repos.wallboardAlerts.list(c.tenantA)).every((r) => r.threshold !== foreignThreshold));
  },
};
