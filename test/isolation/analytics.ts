import assert from 'node:assert/strict';
import { v7 as uuidv7 } from 'uuid';
import type { IsolationArea } from './area.ts';

const scheduleName = 'Foreign schedule kappa-7';
const recipient = 'foreign-recipient-kappa@other.example';
let scheduleB = '';

/** Scheduled reports (/api/v1/analytics/schedules). */
export const analyticsSchedulesArea: IsolationArea = {
  name: 'analytics-schedules',
  routes: {
    'GET /api/v1/analytics/schedules/:id': 'analytics.read',
    'PATCH /api/v1/analytics/schedules/:id': 'analytics.read',
    'DELETE /api/v1/analytics/schedules/:id': 'analytics.read',
  },
  foreignStrings: [scheduleName, recipient],
  async seed(ctx) {
    scheduleB = uuidv7();
    const now = new Date();
    await ctx.repos.reportSchedules.insert({
      id: scheduleB, tenantId: ctx.tenantB, ownerId: ctx.userB, name: scheduleName, report: 'overview', filters: {}, frequency: 'daily', hour: 7,
      recipients: [recipient], enabled: true, nextRunAt: new Date(now.getTime() + 86_400_000), at: now,
    });
  },
  params: () => [{ id: scheduleB }],
  bodies: () => ({ 'PATCH /api/v1/analytics/schedules/:id': { name: 'Taken Over', recipients: ['thief@demo.example'] } }),
  listUrls: () => ['/api/v1/analytics/schedules', '/api/v1/analytics/schedules?limit=200'],
  async untouched(ctx) {
    const s = await ctx.repos.reportSchedules.byId(ctx.tenantB, scheduleB);
    assert.equal(s?.name, scheduleName, 'the foreign schedule was neither renamed nor deleted');
    assert.deepEqual(s?.recipients, [recipient]);
  },
};
