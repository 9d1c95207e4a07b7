import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, idParams, page } from '../../../contracts/common.ts';
import {
  assignBody,
  assignmentDto,
  draftBody,
  draftSaved,
  flowCreateBody,
  flowDto,
  flowListQuery,
  flowPatchBody,
  flowVersionDto,
  flowVersionFull,
  hostsBody,
  hostsDto,
  intentBody,
  intentDto,
  intentPatch,
  publishBody,
  simulateBody,
  simulateResult,
  validateBody,
  validateResult,
  versionParams,
} from '../../../core/flows-runtime/contracts.ts';
import type { FlowInput } from '../../../core/flows/types.ts';
import type { FlowListRow, FlowVersionSummary } from '../../../storage/flows.repo.ts';
import type { FlowIntentRow } from '../../../storage/flows-config.repo.ts';
import { principalOf } from '../context.ts';
import type { Services } from '../services.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 429: errorBody };
const tags = ['flows'];
const READ = 'supervise.view' as const;
const MANAGE = 'flows.manage' as const;

const flowOut = (f: FlowListRow & { inboxIds: string[] }) => ({
  id: f.id, name: f.name, description: f.description, channelKinds: f.channelKinds, publishedVersion: f.publishedVersion, draftVersion: f.draftVersion,
  inboxIds: f.inboxIds, createdAt: f.createdAt.toISOString(), updatedAt: f.updatedAt.toISOString(),
});
const versionOut = (v: FlowVersionSummary) => ({
  version: v.version, status: v.status, createdAt: v.createdAt.toISOString(), updatedAt: v.updatedAt.toISOString(), publishedAt: v.publishedAt?.toISOString() ?? null, publishedBy: v.publishedBy,
});
const intentOut = (i: FlowIntentRow) => ({ id: i.id, name: i.name, examples: i.examples, createdAt: i.createdAt.toISOString(), updatedAt: i.updatedAt.toISOString() });

/** Flows (chatbot): CRUD, drafts, publish, validate, simulate, inbox assignment, intents, HTTP allow-list. */
export const flowsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services: s }) => {
  const f = s.flows;

  app.get('/flows', {
    config: { permission: READ },
    schema: { tags, summary: 'Flows, oldest first; q matches the name or description', querystring: flowListQuery, response: { 200: page(flowDto), ...errors } },
  }, async (req) => {
    const r = await f.listFlows(principalOf(req), req.query);
    return { items: r.items.map(flowOut), nextCursor: r.nextCursor };
  });

  app.post('/flows', {
    config: { permission: MANAGE },
    schema: { tags, summary: 'Create a flow with its first draft (a minimal "message → end" flow unless a definition is given)', body: flowCreateBody, response: { 201: flowDto, ...errors } },
  }, async (req, reply) => reply.code(201).send(flowOut(await f.createFlow(principalOf(req), req.body))));

  app.post('/flows/validate', {
    config: { permission: MANAGE },
    schema: { tags, summary: 'Every problem that would stop a definition from being published, each with its node id', body: validateBody, response: { 200: validateResult, ...errors } },
  }, async (req) => f.validate(principalOf(req), req.body.definition));

  app.post('/flows/simulate', {
    config: { permission: MANAGE },
    schema: { tags, summary: 'One step of a (draft) definition: send the state the last call returned and the input; hand-overs and tickets are reported, not carried out', body: simulateBody, response: { 200: simulateResult, ...errors } },
  }, async (req) => f.simulate(principalOf(req), { definition: req.body.definition, state: req.body.state, input: req.body.input as FlowInput }));

  app.get('/flows/:id', {
    config: { permission: READ },
    schema: { tags, summary: 'One flow with its latest published and draft version numbers and its inboxes', params: idParams, response: { 200: flowDto, ...errors } },
  }, async (req) => flowOut(await f.getFlow(principalOf(req), req.params.id)));

  app.patch('/flows/:id', {
    config: { permission: MANAGE },
    schema: { tags, summary: 'Rename a flow, change its description or channels', params: idParams, body: flowPatchBody, response: { 200: flowDto, ...errors } },
  }, async (req) => flowOut(await f.updateFlow(principalOf(req), req.params.id, req.body)));

  app.delete('/flows/:id', {
    config: { permission: MANAGE },
    schema: { tags, summary: 'Delete a flow (409 while an inbox uses it)', params: idParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await f.removeFlow(principalOf(req), req.params.id);
    return reply.code(204).send(null);
  });

  app.get('/flows/:id/versions', {
    config: { permission: READ },
    schema: { tags, summary: 'The versions of a flow, newest first', params: idParams, response: { 200: z.object({ items: z.array(flowVersionDto) }), ...errors } },
  }, async (req) => ({ items: (await f.versions(principalOf(req), req.params.id)).map(versionOut) }));

  app.get('/flows/:id/current', {
    config: { permission: READ },
    schema: { tags, summary: 'The version the editor opens: the draft, else the latest published one', params: idParams, response: { 200: flowVersionFull, ...errors } },
  }, async (req) => {
    const v = await f.current(principalOf(req), req.params.id);
    return { ...versionOut(v), definition: v.definition };
  });

  app.get('/flows/:id/versions/:version', {
    config: { permission: READ },
    schema: { tags, summary: 'One version with its definition', params: versionParams, response: { 200: flowVersionFull, ...errors } },
  }, async (req) => {
    const v = await f.version(principalOf(req), req.params.id, req.params.version);
    return { ...versionOut(v), definition: v.definition };
  });

  app.put('/flows/:id/draft', {
    config: { permission: MANAGE },
    schema: { tags, summary: 'Save the draft (a new version after the published one when there is no draft); returns what would stop publishing', params: idParams, body: draftBody, response: { 200: draftSaved, ...errors } },
  }, async (req) => {
    const r = await f.saveDraft(principalOf(req), req.params.id, req.body.definition);
    return { version: versionOut(r.version), issues: r.issues };
  });

  app.post('/flows/:id/publish', {
    config: { permission: MANAGE },
    schema: { tags, summary: 'Publish the draft; 400 lists every problem with its node id (error.details). Published versions never change', params: idParams, body: publishBody, response: { 200: flowVersionDto, ...errors } },
  }, async (req) => versionOut(await f.publish(principalOf(req), req.params.id, req.body?.version)));

  app.get('/flow-assignments', {
    config: { permission: READ },
    schema: { tags, summary: 'Every inbox with the flow that answers first on it', response: { 200: z.object({ items: z.array(assignmentDto) }), ...errors } },
  }, async (req) => ({ items: (await f.assignments(principalOf(req))) as z.infer<typeof assignmentDto>[] }));

  app.put('/inboxes/:id/flow', {
    config: { permission: MANAGE },
    schema: { tags, summary: 'Put a published flow first on an inbox (flowId null: none)', params: idParams, body: assignBody, response: { 200: assignmentDto, ...errors } },
  }, async (req) => f.assign(principalOf(req), req.params.id, req.body.flowId) as Promise<z.infer<typeof assignmentDto>>);

  app.get('/flow-intents', {
    config: { permission: READ },
    schema: { tags, summary: 'Intents with their example phrases, oldest first; q matches the name', querystring: flowListQuery, response: { 200: page(intentDto), ...errors } },
  }, async (req) => {
    const r = await f.listIntents(principalOf(req), req.query);
    return { items: r.items.map(intentOut), nextCursor: r.nextCursor };
  });

  app.post('/flow-intents', {
    config: { permission: MANAGE },
    schema: { tags, summary: 'Create an intent with example phrases (any language)', body: intentBody, response: { 201: intentDto, ...errors } },
  }, async (req, reply) => reply.code(201).send(intentOut(await f.createIntent(principalOf(req), req.body))));

  app.get('/flow-intents/:id', {
    config: { permission: READ },
    schema: { tags, summary: 'One intent', params: idParams, response: { 200: intentDto, ...errors } },
  }, async (req) => intentOut(await f.getIntent(principalOf(req), req.params.id)));

  app.patch('/flow-intents/:id', {
    config: { permission: MANAGE },
    schema: { tags, summary: 'Rename an intent or replace its examples', params: idParams, body: intentPatch, response: { 200: intentDto, ...errors } },
  }, async (req) => intentOut(await f.updateIntent(principalOf(req), req.params.id, req.body)));

  app.delete('/flow-intents/:id', {
    config: { permission: MANAGE },
    schema: { tags, summary: 'Delete an intent', params: idParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await f.removeIntent(principalOf(req), req.params.id);
    return reply.code(204).send(null);
  });

  app.get('/flow-allowed-hosts', {
    config: { permission: READ },
    schema: { tags, summary: 'Hosts the flows’ HTTP steps may call', response: { 200: hostsDto, ...errors } },
  }, async (req) => ({ hosts: await f.hosts(principalOf(req)) }));

  app.put('/flow-allowed-hosts', {
    config: { permission: MANAGE },
    schema: { tags, summary: 'Replace the allow-list ("api.example.com" = ports 80/443; "host:8080" = that port)', body: hostsBody, response: { 200: hostsDto, ...errors } },
  }, async (req) => ({ hosts: await f.setHosts(principalOf(req), req.body.hosts) }));
};
