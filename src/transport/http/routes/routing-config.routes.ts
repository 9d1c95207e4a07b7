import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, idParams } from '../../../contracts/common.ts';
import {
  agentProfile, agentProfilePatch, queue, queueBody, queuePatch, skill, skillBody, skillMatrixBody, skillMatrixResult, skillPatch,
  userIdParams, workflow, workflowBody, workflowTestBody, workflowTestResult, workflowVersionItem,
} from '../../../contracts/routing.ts';
import type { WorkflowSource } from '../../../core/routing/types.ts';
import { principalOf } from '../context.ts';
import { agentDto, queueDto, traceDto, workflowDto } from '../routing-dto.ts';
import type { Services } from '../services.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 429: errorBody };
const tags = ['routing'];

/** Routing set-up: skills, queues, agents' routing profiles, the skill matrix and the workflow. */
export const routingConfigRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services: s }) => {
  const g = s.routing;

  app.get('/routing/skills', {
    config: { permission: 'routing.supervise' },
    schema: { tags, summary: 'Every skill of the workspace with how many agents have it', response: { 200: z.object({ items: z.array(skill) }), ...errors } },
  }, async (req) => ({ items: await g.skills(principalOf(req)) }));

  app.post('/routing/skills', {
    config: { permission: 'routing.configure' },
    schema: { tags, summary: 'Create a skill (409 when the name is taken)', body: skillBody, response: { 201: skill, ...errors } },
  }, async (req, reply) => reply.code(201).send(await g.createSkill(principalOf(req), req.body.name)));

  app.patch('/routing/skills/:id', {
    config: { permission: 'routing.configure' },
    schema: { tags, summary: 'Rename a skill (409 naming the workflow rules that use it)', params: idParams, body: skillPatch, response: { 200: skill, ...errors } },
  }, async (req) => g.renameSkill(principalOf(req), req.params.id, req.body.name));

  app.delete('/routing/skills/:id', {
    config: { permission: 'routing.configure' },
    schema: { tags, summary: 'Delete a skill and every agent\'s level of it (409 naming the workflow rules that use it)', params: idParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await g.removeSkill(principalOf(req), req.params.id);
    return reply.code(204).send(null);
  });

  app.get('/routing/queues', {
    config: { permission: 'routing.work' },
    schema: { tags, summary: 'Every routing queue, by name', response: { 200: z.object({ items: z.array(queue) }), ...errors } },
  }, async (req) => ({ items: (await g.queues(principalOf(req))).map(queueDto) }));

  app.post('/routing/queues', {
    config: { permission: 'routing.configure' },
    schema: { tags, summary: 'Create a queue (409 when the name is taken)', body: queueBody, response: { 201: queue, ...errors } },
  }, async (req, reply) => reply.code(201).send(queueDto(await g.createQueue(principalOf(req), req.body))));

  app.get('/routing/queues/:id', {
    config: { permission: 'routing.work' },
    schema: { tags, summary: 'One queue', params: idParams, response: { 200: queue, ...errors } },
  }, async (req) => queueDto(await g.queue(principalOf(req), req.params.id)));

  app.patch('/routing/queues/:id', {
    config: { permission: 'routing.configure' },
    schema: { tags, summary: 'Change a queue', params: idParams, body: queuePatch, response: { 200: queue, ...errors } },
  }, async (req) => queueDto(await g.updateQueue(principalOf(req), req.params.id, req.body)));

  app.delete('/routing/queues/:id', {
    config: { permission: 'routing.configure' },
    schema: { tags, summary: 'Delete a queue (409 while the workflow targets it or tasks wait in it)', params: idParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await g.removeQueue(principalOf(req), req.params.id);
    return reply.code(204).send(null);
  });

  app.get('/routing/agents', {
    config: { permission: 'routing.supervise' },
    schema: { tags, summary: 'Every active user\'s routing profile: presence, activity, skills, languages, teams, capacity and load', response: { 200: z.object({ items: z.array(agentProfile) }), ...errors } },
  }, async (req) => ({ items: (await g.agents(principalOf(req))).map(agentDto) }));

  app.patch('/routing/agents/:userId', {
    config: { permission: 'routing.supervise' },
    schema: { tags, summary: 'Change an agent\'s skills and languages (routing.supervise) or capacity (routing.configure)', params: userIdParams, body: agentProfilePatch, response: { 200: agentProfile, ...errors } },
  }, async (req) => agentDto(await g.updateAgent(principalOf(req), req.params.userId, req.body)));

  app.put('/routing/skill-matrix', {
    config: { permission: 'routing.supervise' },
    schema: { tags, summary: 'Set (level) or remove (null) many agent x skill cells in one transaction: all or nothing, with every cell\'s error', body: skillMatrixBody, response: { 200: skillMatrixResult, ...errors } },
  }, async (req) => g.skillMatrix(principalOf(req), req.body.cells));

  app.get('/routing/workflow', {
    config: { permission: 'routing.supervise' },
    schema: { tags, summary: 'The running workflow (version 0 and no rules before the first save)', response: { 200: workflow, ...errors } },
  }, async (req) => workflowDto(await g.workflow(principalOf(req))));

  app.put('/routing/workflow', {
    config: { permission: 'routing.configure' },
    schema: { tags, summary: 'Save a new workflow version; invalid: 400 with every error\'s path, column and reason, and the running version unchanged', body: workflowBody, response: { 200: workflow, ...errors } },
  }, async (req) => workflowDto(await g.saveWorkflow(principalOf(req), req.body as WorkflowSource)));

  app.get('/routing/workflow/versions', {
    config: { permission: 'routing.supervise' },
    schema: { tags, summary: 'Every saved workflow version, newest first', response: { 200: z.object({ items: z.array(workflowVersionItem) }), ...errors } },
  }, async (req) => ({ items: (await g.workflowVersions(principalOf(req))).map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })) }));

  app.post('/routing/workflow/test', {
    config: { permission: 'routing.supervise' },
    schema: { tags, summary: 'The test box: where a task with these attributes would go now (nothing is stored)', body: workflowTestBody, response: { 200: workflowTestResult, ...errors } },
  }, async (req) => {
    const r = await g.testWorkflow(principalOf(req), req.body as Parameters<typeof g.testWorkflow>[1]);
    return { ...r, trace: r.trace.map(traceDto) };
  });
};
