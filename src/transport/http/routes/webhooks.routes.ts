import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, idParams, page } from '../../../contracts/common.ts';
import {
  createWebhookBody,
  listDeliveriesQuery,
  listWebhooksQuery,
  updateWebhookBody,
  webhookDelivery,
  webhookDeliveryParams,
  webhookEndpoint,
  webhookWithSecret,
} from '../../../contracts/webhooks.ts';
import { metaOf, principalOf } from '../context.ts';
import { webhookDeliveryDto, webhookEndpointDto } from '../webhooks-dto.ts';
import type { Services } from '../services.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 429: errorBody };
const tags = ['webhooks'];

/** Outgoing webhooks: endpoints, their secrets, test pings and the delivery log (admins, webhooks.manage). */
export const webhooksRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services: s }) => {
  const w = s.webhooks;
  const permission = 'webhooks.manage' as const;

  app.get('/webhooks', {
    config: { permission },
    schema: { tags, summary: 'Webhook endpoints, newest first; q searches the URL and description', querystring: listWebhooksQuery, response: { 200: page(webhookEndpoint), ...errors } },
  }, async (req) => {
    const r = await w.list(principalOf(req), req.query);
    return { items: r.items.map(webhookEndpointDto), nextCursor: r.nextCursor };
  });

  app.post('/webhooks', {
    config: { permission },
    schema: {
      tags,
      summary: 'Register an endpoint; the answer holds its signing secret, shown this once. Loopback, private and metadata addresses are refused unless WEBHOOK_ALLOW_PRIVATE is set',
      body: createWebhookBody,
      response: { 201: webhookWithSecret, ...errors },
    },
  }, async (req, reply) => {
    const r = await w.create(principalOf(req), req.body, metaOf(req));
    return reply.code(201).send({ endpoint: webhookEndpointDto(r.endpoint), secret: r.secret });
  });

  app.get('/webhooks/:id', {
    config: { permission },
    schema: { tags, summary: 'One endpoint (never its secret)', params: idParams, response: { 200: webhookEndpoint, ...errors } },
  }, async (req) => webhookEndpointDto(await w.get(principalOf(req), req.params.id)));

  app.patch('/webhooks/:id', {
    config: { permission },
    schema: { tags, summary: 'Change the URL, description, event filter or switch it on/off; switching on starts from now', params: idParams, body: updateWebhookBody, response: { 200: webhookEndpoint, ...errors } },
  }, async (req) => webhookEndpointDto(await w.update(principalOf(req), req.params.id, req.body, metaOf(req))));

  app.delete('/webhooks/:id', {
    config: { permission },
    schema: { tags, summary: 'Delete an endpoint and its delivery log', params: idParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await w.remove(principalOf(req), req.params.id, metaOf(req));
    return reply.code(204).send(null);
  });

  app.post('/webhooks/:id/rotate-secret', {
    config: { permission },
    schema: { tags, summary: 'A new signing secret, shown this once; the old one stops working at once', params: idParams, response: { 200: webhookWithSecret, ...errors } },
  }, async (req) => {
    const r = await w.rotateSecret(principalOf(req), req.params.id, metaOf(req));
    return { endpoint: webhookEndpointDto(r.endpoint), secret: r.secret };
  });

  app.post('/webhooks/:id/test', {
    config: { permission },
    schema: { tags, summary: 'Send a ping event now and answer with the delivery as recorded (status, code, response excerpt)', params: idParams, response: { 200: webhookDelivery, ...errors } },
  }, async (req) => webhookDeliveryDto(await w.test(principalOf(req), req.params.id)));

  app.get('/webhooks/:id/deliveries', {
    config: { permission },
    schema: { tags, summary: 'The delivery log of an endpoint, newest first; filter by status', params: idParams, querystring: listDeliveriesQuery, response: { 200: page(webhookDelivery), ...errors } },
  }, async (req) => {
    const r = await w.deliveries(principalOf(req), req.params.id, req.query);
    return { items: r.items.map(webhookDeliveryDto), nextCursor: r.nextCursor };
  });

  app.post('/webhook-deliveries/:id/redeliver', {
    config: { permission },
    schema: { tags, summary: 'Send a delivery again now; if it fails its retries start over', params: webhookDeliveryParams, response: { 200: webhookDelivery, ...errors } },
  }, async (req) => webhookDeliveryDto(await w.redeliver(principalOf(req), req.params.id, metaOf(req))));
};
