import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, idParams, page } from '../../../contracts/common.ts';
import {
  agentProfile, assignBody, callbackBody, escalateBody, listTasksQuery, liveView, offer, presenceBody, task, traceEntry, transferBody, userIdParams,
} from '../../../contracts/routing.ts';
import { principalOf } from '../context.ts';
import { agentDto, liveDto, offerDto, taskDto, traceDto } from '../routing-dto.ts';
import type { Services } from '../services.ts';
import { routingConfigRoutes } from './routing-config.routes.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 429: errorBody };
const tags = ['routing'];
const taskQuery = listTasksQuery.extend({ sourceId: z.uuid().optional() });

/** Routing: set-up (routing-config.routes.ts), the agent's presence, offers and tasks, and the supervisor's live view and moves. */
export const routingRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, opts) => {
  const g = opts.services.routing;
  await app.register(routingConfigRoutes, opts);

  app.get('/routing/me', {
    config: { permission: 'routing.work' },
    schema: { tags, summary: 'Your own routing profile: presence, activity, skills, capacity and load', response: { 200: agentProfile, ...errors } },
  }, async (req) => agentDto(await g.me(principalOf(req))));

  app.put('/routing/me/presence', {
    config: { permission: 'routing.work' },
    schema: { tags, summary: 'Set your presence; away takes a reason (default "break")', body: presenceBody, response: { 200: agentProfile, ...errors } },
  }, async (req) => {
    const p = principalOf(req);
    return agentDto(await g.setPresence(p, p.userId, req.body));
  });

  app.put('/routing/agents/:userId/presence', {
    config: { permission: 'routing.supervise' },
    schema: { tags, summary: 'Set an agent\'s presence (supervisor)', params: userIdParams, body: presenceBody, response: { 200: agentProfile, ...errors } },
  }, async (req) => agentDto(await g.setPresence(principalOf(req), req.params.userId, req.body)));

  app.get('/routing/offers', {
    config: { permission: 'routing.work' },
    schema: { tags, summary: 'Your pending offers, oldest first, with their tasks', response: { 200: z.object({ items: z.array(offer) }), ...errors } },
  }, async (req) => ({ items: (await g.offers(principalOf(req))).map(offerDto) }));

  app.post('/routing/offers/:id/accept', {
    config: { permission: 'routing.work' },
    schema: { tags, summary: 'Accept an offer: the task is yours. Expired, withdrawn or another agent\'s: 409 and nothing changes', params: idParams, response: { 200: task, ...errors } },
  }, async (req) => taskDto(await g.accept(principalOf(req), req.params.id)));

  app.post('/routing/offers/:id/reject', {
    config: { permission: 'routing.work' },
    schema: { tags, summary: 'Reject an offer: the task goes back in line at its place and is not offered to you again', params: idParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await g.reject(principalOf(req), req.params.id);
    return reply.code(204).send(null);
  });

  app.get('/routing/tasks', {
    config: { permission: 'routing.work' },
    schema: { tags, summary: 'Tasks: waiting (the pick list: queues you serve), active or ended (yours); supervisors see all', querystring: taskQuery, response: { 200: page(task), ...errors } },
  }, async (req) => {
    const r = await g.list(principalOf(req), req.query);
    return { items: r.items.map(taskDto), nextCursor: r.nextCursor };
  });

  app.get('/routing/tasks/:id', {
    config: { permission: 'routing.work' },
    schema: { tags, summary: 'One task, with its position and estimated wait while it waits', params: idParams, response: { 200: task, ...errors } },
  }, async (req) => taskDto(await g.get(principalOf(req), req.params.id)));

  app.get('/routing/tasks/:id/trace', {
    config: { permission: 'routing.work' },
    schema: { tags, summary: 'The decision trace of a task, in order (your own tasks; supervisors any)', params: idParams, response: { 200: z.object({ items: z.array(traceEntry) }), ...errors } },
  }, async (req) => ({ items: (await g.trace(principalOf(req), req.params.id)).map(traceDto) }));

  app.post('/routing/tasks/:id/pick', {
    config: { permission: 'routing.work' },
    schema: { tags, summary: 'Take a waiting task from the queue (409 when it is on offer or gone)', params: idParams, response: { 200: task, ...errors } },
  }, async (req) => taskDto(await g.pick(principalOf(req), req.params.id)));

  app.post('/routing/tasks/:id/transfer', {
    config: { permission: 'routing.work' },
    schema: { tags, summary: 'Transfer to a queue (back at its original place) or to an agent (an offer to them only), with a note', params: idParams, body: transferBody, response: { 200: task, ...errors } },
  }, async (req) => taskDto(await g.transfer(principalOf(req), req.params.id, req.body)));

  app.post('/routing/tasks/:id/escalate', {
    config: { permission: 'routing.work' },
    schema: { tags, summary: 'Escalate to the least busy available supervisor, else back in the queue with priority +50', params: idParams, body: escalateBody, response: { 200: task, ...errors } },
  }, async (req) => taskDto(await g.escalate(principalOf(req), req.params.id, req.body)));

  app.post('/routing/tasks/:id/wrap-up-done', {
    config: { permission: 'routing.work' },
    schema: { tags, summary: 'End wrap-up: the task is completed', params: idParams, response: { 200: task, ...errors } },
  }, async (req) => taskDto(await g.wrapUpDone(principalOf(req), req.params.id)));

  app.post('/routing/tasks/:id/callback', {
    config: { permission: 'routing.work' },
    schema: { tags, summary: 'The waiting customer asks for a callback instead: kind callback, place kept, phone in E.164', params: idParams, body: callbackBody, response: { 200: task, ...errors } },
  }, async (req) => taskDto(await g.callback(principalOf(req), req.params.id, req.body.phone)));

  app.get('/routing/live', {
    config: { permission: 'routing.supervise' },
    schema: { tags, summary: 'Queues now (waiting, offered, longest wait, agents by activity, estimated wait) and every agent', response: { 200: liveView, ...errors } },
  }, async (req) => liveDto(await g.live(principalOf(req))));

  app.post('/routing/tasks/:id/assign', {
    config: { permission: 'routing.supervise' },
    schema: { tags, summary: 'Assign a waiting task to an agent by hand', params: idParams, body: assignBody, response: { 200: task, ...errors } },
  }, async (req) => taskDto(await g.assign(principalOf(req), req.params.id, req.body.userId)));

  app.post('/routing/tasks/:id/move', {
    config: { permission: 'routing.supervise' },
    schema: { tags, summary: 'Move a task to another queue (its place in line kept)', params: idParams, body: z.object({ queueId: z.uuid() }).strict(), response: { 200: task, ...errors } },
  }, async (req) => taskDto(await g.move(principalOf(req), req.params.id, req.body.queueId)));
};
