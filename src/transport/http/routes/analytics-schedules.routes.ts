import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { schedule, scheduleBody, scheduleUpdateBody } from '../../../contracts/analytics.ts';
import { errorBody, idParams, page } from '../../../contracts/common.ts';
import { principalOf } from '../context.ts';
import type { Services } from '../services.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 429: errorBody };
const listQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().max(200).optional() }).strict();

/** Scheduled reports, mailed as CSV: analytics.read; a user sees and changes their own, an admin every one. */
export const analyticsSchedulesRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services: s }) => {
  const g = s.reportSchedules;

  app.get('/analytics/schedules', {
    config: { permission: 'analytics.read' },
    schema: { tags: ['analytics'], summary: 'Scheduled reports in creation order: your own (an admin sees all of the workspace)', querystring: listQuery, response: { 200: page(schedule), ...errors } },
  }, async (req) => g.list(principalOf(req), req.query));

  app.post('/analytics/schedules', {
    config: { permission: 'analytics.read' },
    schema: {
      tags: ['analytics'],
      summary: 'Schedule a report: mailed as CSV daily (yesterday), weekly (last Monday–Sunday) or monthly (last month) at a local hour of the workspace time zone',
      body: scheduleBody,
      response: { 201: schedule, ...errors },
    },
  }, async (req, reply) => reply.code(201).send(await g.create(principalOf(req), req.body)));

  app.get('/analytics/schedules/:id', {
    config: { permission: 'analytics.read' },
    schema: { tags: ['analytics'], summary: 'One scheduled report', params: idParams, response: { 200: schedule, ...errors } },
  }, async (req) => g.get(principalOf(req), req.params.id));

  app.patch('/analytics/schedules/:id', {
    config: { permission: 'analytics.read' },
    schema: { tags: ['analytics'], summary: 'Change a scheduled report; only the fields sent change (a new frequency or hour recomputes the next sending)', params: idParams, body: scheduleUpdateBody, response: { 200: schedule, ...errors } },
  }, async (req) => g.update(principalOf(req), req.params.id, req.body));

  app.delete('/analytics/schedules/:id', {
    config: { permission: 'analytics.read' },
    schema: { tags: ['analytics'], summary: 'Delete a scheduled report', params: idParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await g.remove(principalOf(req), req.params.id);
    return reply.code(204).send(null);
  });
};
