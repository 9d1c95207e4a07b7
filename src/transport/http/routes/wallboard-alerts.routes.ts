import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, idParams } from '../../../contracts/common.ts';
import { alertRule, createAlertRuleBody, updateAlertRuleBody, type AlertRule } from '../../../contracts/wallboard-alerts.ts';
import type { AlertRuleRow } from '../../../storage/wallboard-alerts.repo.ts';
import { principalOf } from '../context.ts';
import type { Services } from '../services.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 429: errorBody };
const tags = ['wallboard'];

export const alertRuleDto = (r: AlertRuleRow): AlertRule => ({
  id: r.id, queueId: r.queueId, metric: r.metric, comparator: r.comparator, threshold: r.threshold, enabled: r.enabled,
  createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
});

/** Wallboard alert rules: supervisors read them (routing.supervise), analytics.configure changes them. */
export const wallboardAlertsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services: s }) => {
  const rules = s.wallboardAlerts;

  app.get('/wallboard/alert-rules', {
    config: { permission: 'routing.supervise' },
    schema: { tags, summary: 'Wallboard alert rules, oldest first (at most 200 a workspace)', response: { 200: z.object({ items: z.array(alertRule) }), ...errors } },
  }, async (req) => ({ items: (await rules.list(principalOf(req))).map(alertRuleDto) }));

  app.post('/wallboard/alert-rules', {
    config: { permission: 'analytics.configure' },
    schema: {
      tags,
      summary: 'Create an alert rule: a queue (or null for every queue), a metric, above/below and a threshold (seconds; 0..1 for service level and abandon rate; a whole number for counts)',
      body: createAlertRuleBody,
      response: { 201: alertRule, ...errors },
    },
  }, async (req, reply) => reply.code(201).send(alertRuleDto(await rules.create(principalOf(req), req.body))));

  app.get('/wallboard/alert-rules/:id', {
    config: { permission: 'routing.supervise' },
    schema: { tags, summary: 'One alert rule', params: idParams, response: { 200: alertRule, ...errors } },
  }, async (req) => alertRuleDto(await rules.get(principalOf(req), req.params.id)));

  app.patch('/wallboard/alert-rules/:id', {
    config: { permission: 'analytics.configure' },
    schema: { tags, summary: 'Change an alert rule; fields left out stay as they are', params: idParams, body: updateAlertRuleBody, response: { 200: alertRule, ...errors } },
  }, async (req) => alertRuleDto(await rules.update(principalOf(req), req.params.id, req.body)));

  app.delete('/wallboard/alert-rules/:id', {
    config: { permission: 'analytics.configure' },
    schema: { tags, summary: 'Delete an alert rule', params: idParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await rules.remove(principalOf(req), req.params.id);
    return reply.code(204).send(null);
  });
};
