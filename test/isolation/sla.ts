import assert from 'node:assert/strict';
import { v7 as uuidv7 } from 'uuid';
import type { IsolationArea } from './area.ts';

const calendarName = 'Foreign hours zeta';
const policyName = 'Foreign SLA omega';
let calendarB = '';
let policyB = '';
const hours = { mon: [{ start: '09:00', end: '17:00' }] };

/** Business calendars, SLA policies and a ticket's SLA. */
export const slaArea: IsolationArea = {
  name: 'sla',
  routes: {
    'GET /api/v1/business-calendars/:id': 'sla.read',
    'PATCH /api/v1/business-calendars/:id': 'sla.configure',
    'DELETE /api/v1/business-calendars/:id': 'sla.configure',
    'GET /api/v1/sla-policies/:id': 'sla.read',
    'PATCH /api/v1/sla-policies/:id': 'sla.configure',
    'DELETE /api/v1/sla-policies/:id': 'sla.configure',
    'GET /api/v1/tickets/:id/sla': 'tickets.read',
  },
  foreignStrings: [calendarName, policyName],
  async seed(ctx) {
    calendarB = uuidv7();
    policyB = uuidv7();
    const at = new Date();
    await ctx.repos.businessCalendars.insert({ id: calendarB, tenantId: ctx.tenantB, name: calendarName, timeZone: 'Europe/London', hours, holidays: [], teamId: null, isDefault: true, at });
    await ctx.repos.slaPolicies.insert(policyB, ctx.tenantB, {
      name: policyName, description: '', active: true, priorities: [], segmentId: null, customerTags: [], firstResponseMinutes: 30, nextResponseMinutes: null,
      resolutionMinutes: 600, calendarMode: 'calendar', calendarId: calendarB, nearBreachPercent: 80, nearBreachMinutes: null,
      escalateToUserId: ctx.userB, escalateToTeamId: null, notifySupervisors: false,
    }, at);
    await ctx.repos.slaState.save({
      tenantId: ctx.tenantB, ticketId: ctx.ticketB, metric: 'resolution', policyId: policyB, calendarId: calendarB, targetMinutes: 600, nearMinutes: 480,
      startedAt: at, dueAt: new Date(at.getTime() + 86_400_000), pausedAt: null, businessMinutesUsed: 0, nearBreachAt: null, nearBreachedAt: null, breachedAt: null, fulfilledAt: null,
    }, at);
  },
  params: (route, ctx) => (route.includes('/tickets/') ? [{ id: ctx.ticketB }] : route.includes('calendars') ? [{ id: calendarB }] : [{ id: policyB }]),
  bodies: () => ({
    'PATCH /api/v1/business-calendars/:id': { name: 'taken over' },
    'PATCH /api/v1/sla-policies/:id': { name: 'taken over' },
  }),
  listUrls: () => ['/api/v1/business-calendars', '/api/v1/business-calendars?q=zeta', '/api/v1/sla-policies', '/api/v1/sla-policies?q=omega'],
  async untouched(ctx) {
    assert.equal((await ctx.repos.businessCalendars.byId(ctx.tenantB, calendarB))?.name, calendarName);
    assert.equal((await ctx.repos.slaPolicies.byId(ctx.tenantB, policyB))?.name, policyName);
    assert.equal((await ctx.repos.slaState.read(ctx.tenantB, ctx.ticketB)).length, 1);
    assert.equal(await ctx.repos.businessCalendars.byName(ctx.tenantA, 'taken over'), undefined);
    assert.equal(await ctx.repos.slaPolicies.byName(ctx.tenantA, 'taken over'), undefined);
  },
};
