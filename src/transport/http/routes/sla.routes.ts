import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, idParams, page } from '../../../contracts/common.ts';
import {
  businessCalendar,
  createCalendarBody,
  createPolicyBody,
  listSlaQuery,
  reorderPoliciesBody,
  slaPolicy,
  ticketSla,
  updateCalendarBody,
  updatePolicyBody,
} from '../../../contracts/sla.ts';
import { principalOf } from '../context.ts';
import { calendarDto, policyDto } from '../sla-dto.ts';
import type { Services } from '../services.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 429: errorBody };
const tags = ['sla'];

/** Business calendars, SLA policies (sla.configure to change, sla.read to read) and a ticket's SLA. */
export const slaRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services: s }) => {
  const sla = s.sla;

  app.get('/business-calendars', {
    config: { permission: 'sla.read' },
    schema: { tags, summary: 'Business calendars; q searches the name', querystring: listSlaQuery, response: { 200: page(businessCalendar), ...errors } },
  }, async (req) => {
    const r = await sla.listCalendars(principalOf(req), req.query);
    return { items: r.items.map(calendarDto), nextCursor: r.nextCursor };
  });

  app.post('/business-calendars', {
    config: { permission: 'sla.configure' },
    schema: {
      tags,
      summary: 'Create a business calendar: IANA time zone, open intervals per weekday (HH:MM, start before end), holidays (YYYY-MM-DD); optionally a team\'s or the default',
      body: createCalendarBody,
      response: { 201: businessCalendar, ...errors },
    },
  }, async (req, reply) => reply.code(201).send(calendarDto(await sla.createCalendar(principalOf(req), req.body))));

  app.get('/business-calendars/:id', {
    config: { permission: 'sla.read' },
    schema: { tags, summary: 'One business calendar', params: idParams, response: { 200: businessCalendar, ...errors } },
  }, async (req) => calendarDto(await sla.getCalendar(principalOf(req), req.params.id)));

  app.patch('/business-calendars/:id', {
    config: { permission: 'sla.configure' },
    schema: { tags, summary: 'Change a business calendar; hours and holidays replace', params: idParams, body: updateCalendarBody, response: { 200: businessCalendar, ...errors } },
  }, async (req) => calendarDto(await sla.updateCalendar(principalOf(req), req.params.id, req.body)));

  app.delete('/business-calendars/:id', {
    config: { permission: 'sla.configure' },
    schema: { tags, summary: 'Delete a business calendar (409 while a policy uses it)', params: idParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await sla.removeCalendar(principalOf(req), req.params.id);
    return reply.code(204).send(null);
  });

  app.get('/sla-policies', {
    config: { permission: 'sla.read' },
    schema: { tags, summary: 'SLA policies in order (the first active match applies); q searches the name', querystring: listSlaQuery, response: { 200: page(slaPolicy), ...errors } },
  }, async (req) => {
    const r = await sla.listPolicies(principalOf(req), req.query);
    return { items: r.items.map(policyDto), nextCursor: r.nextCursor };
  });

  app.post('/sla-policies', {
    config: { permission: 'sla.configure' },
    schema: {
      tags,
      summary: 'Create an SLA policy (added last): conditions, targets in business minutes, calendar, near breach, escalation',
      body: createPolicyBody,
      response: { 201: slaPolicy, ...errors },
    },
  }, async (req, reply) => reply.code(201).send(policyDto(await sla.createPolicy(principalOf(req), req.body))));

  app.put('/sla-policies/order', {
    config: { permission: 'sla.configure' },
    schema: { tags, summary: 'Reorder the SLA policies: ids lists every policy once, first match first', body: reorderPoliciesBody, response: { 200: z.object({ items: z.array(slaPolicy) }), ...errors } },
  }, async (req) => ({ items: (await sla.reorderPolicies(principalOf(req), req.body.ids)).map(policyDto) }));

  app.get('/sla-policies/:id', {
    config: { permission: 'sla.read' },
    schema: { tags, summary: 'One SLA policy', params: idParams, response: { 200: slaPolicy, ...errors } },
  }, async (req) => policyDto(await sla.getPolicy(principalOf(req), req.params.id)));

  app.patch('/sla-policies/:id', {
    config: { permission: 'sla.configure' },
    schema: { tags, summary: 'Change an SLA policy; tickets picking a policy from now on use the change', params: idParams, body: updatePolicyBody, response: { 200: slaPolicy, ...errors } },
  }, async (req) => policyDto(await sla.updatePolicy(principalOf(req), req.params.id, req.body)));

  app.delete('/sla-policies/:id', {
    config: { permission: 'sla.configure' },
    schema: { tags, summary: 'Delete an SLA policy', params: idParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await sla.removePolicy(principalOf(req), req.params.id);
    return reply.code(204).send(null);
  });

  app.get('/tickets/:id/sla', {
    config: { permission: 'tickets.read' },
    schema: {
      tags,
      summary: "A ticket's SLA targets: due time, remaining business minutes and wall-clock ms, state (running, paused, fulfilled, breached), near-breach flag",
      params: idParams,
      response: { 200: ticketSla, ...errors },
    },
  }, async (req) => sla.ticketSla(principalOf(req), req.params.id));
};
