import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, idParams, listQuery, page } from '../../../contracts/common.ts';
import {
  createOrderSourceBody,
  listOrdersQuery,
  order,
  orderImport,
  orderImportQuery,
  orderImportSummary,
  orderInput,
  orderSource,
  orderSourceWithSecret,
  sourceParams,
  upsertOrderResponse,
  webhookResult,
} from '../../../contracts/orders.ts';
import { SIGNATURE_HEADER } from '../../../security/hmac.ts';
import { AppError } from '../../../core/errors.ts';
import { metaOf, principalOf } from '../context.ts';
import { toHttpError } from '../errors.ts';
import { orderDto, orderImportDto, orderImportSummaryDto, orderSourceDto } from '../orders-dto.ts';
import type { Services } from '../services.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 429: errorBody };
export const CSV_BODY_LIMIT = 20 * 1024 * 1024;

/**
 * Orders (docs/decisions/006-orders.md): read with customers.read; write with orders.manage
 * (admins, supervisors, write tokens); webhook sources with orders.configure (admins). The signed
 * webhook is public: the source id finds the tenant, the signature over the raw body proves it.
 */
export const ordersRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services: s }) => {
  const o = s.orders;

  app.post('/orders', {
    config: { permission: 'orders.manage' },
    schema: {
      tags: ['orders'],
      summary: 'Create or update an order by its externalId (201 created; 200 updated or unchanged). The customer is customerId, or found or created by customer.email / phone / externalId',
      body: orderInput,
      response: { 200: upsertOrderResponse, 201: upsertOrderResponse, ...errors },
    },
  }, async (req, reply) => {
    const r = await o.upsert(principalOf(req), req.body);
    return reply.code(r.outcome === 'created' ? 201 : 200).send({ ...orderDto(r.order), outcome: r.outcome });
  });

  app.get('/orders', {
    config: { permission: 'customers.read' },
    schema: {
      tags: ['orders'],
      summary: 'Orders, newest added first; with customerId, that customer\'s orders newest ordered first; q: external id prefix',
      querystring: listOrdersQuery,
      response: { 200: page(order), ...errors },
    },
  }, async (req) => {
    const r = await o.list(principalOf(req), req.query);
    return { items: r.items.map(orderDto), nextCursor: r.nextCursor };
  });

  app.get('/orders/:id', {
    config: { permission: 'customers.read' },
    schema: { tags: ['orders'], summary: 'One order', params: idParams, response: { 200: order, ...errors } },
  }, async (req) => orderDto(await o.get(principalOf(req), req.params.id)));

  // CSV upload: its own scope for the raw body parsers, the 20 MB limit and a clear 413.
  await app.register(async (scope) => {
    const csv = scope.withTypeProvider<ZodTypeProvider>();
    csv.addContentTypeParser(['text/csv', 'text/plain', 'application/csv', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: CSV_BODY_LIMIT }, (_req, body, done) => done(null, body));
    csv.setErrorHandler((err, _req, reply) => {
      if ((err as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        return reply.code(413).send({ error: { code: 'invalid', message: `The file is larger than ${CSV_BODY_LIMIT / 1024 / 1024} MB; split it into smaller files and upload each` } });
      }
      const { status, body } = toHttpError(err);
      return reply.code(status).send(body);
    });

    csv.post('/order-imports', {
      bodyLimit: CSV_BODY_LIMIT,
      config: { permission: 'orders.manage' },
      schema: {
        tags: ['orders'],
        summary: 'Upload a CSV of orders (Content-Type: text/csv, up to 20 MB). Refused whole (400, nothing imported) when not UTF-8, empty, unparsable or missing columns; else 202 and processed in the background',
        querystring: orderImportQuery,
        response: { 202: orderImport, 413: errorBody, ...errors },
      },
    }, async (req, reply) => {
      if (!Buffer.isBuffer(req.body)) {
        throw new AppError('invalid', 'Send the CSV file itself as the body with Content-Type: text/csv', [{ path: 'file', message: 'not a file' }]);
      }
      const imp = await o.createImport(principalOf(req), req.body, req.query.filename ?? null);
      return reply.code(202).send(orderImportDto(imp));
    });
  });

  app.get('/order-imports', {
    config: { permission: 'orders.manage' },
    schema: { tags: ['orders'], summary: 'CSV imports, newest first (without their reports); q: part of the file name', querystring: listQuery, response: { 200: page(orderImportSummary), ...errors } },
  }, async (req) => {
    const r = await o.listImports(principalOf(req), req.query);
    return { items: r.items.map(orderImportSummaryDto), nextCursor: r.nextCursor };
  });

  app.get('/order-imports/:id', {
    config: { permission: 'orders.manage' },
    schema: { tags: ['orders'], summary: 'One import: progress, counts and the rejected rows (line, reason)', params: idParams, response: { 200: orderImport, ...errors } },
  }, async (req) => orderImportDto(await o.getImport(principalOf(req), req.params.id)));

  app.post('/order-sources', {
    config: { permission: 'orders.configure' },
    schema: { tags: ['orders'], summary: 'Create a webhook source; the answer holds its signing secret, shown this once', body: createOrderSourceBody, response: { 201: orderSourceWithSecret, ...errors } },
  }, async (req, reply) => {
    const src = await o.createSource(principalOf(req), req.body.name, metaOf(req));
    return reply.code(201).send({ ...orderSourceDto(src), secret: src.secret });
  });

  app.get('/order-sources', {
    config: { permission: 'orders.configure' },
    schema: { tags: ['orders'], summary: 'Webhook sources (never their secrets)', querystring: listQuery.omit({ q: true }), response: { 200: page(orderSource), ...errors } },
  }, async (req) => {
    const r = await o.listSources(principalOf(req), req.query);
    return { items: r.items.map(orderSourceDto), nextCursor: r.nextCursor };
  });

  app.delete('/order-sources/:id', {
    config: { permission: 'orders.configure' },
    schema: { tags: ['orders'], summary: 'Delete a webhook source; its deliveries are refused from now on', params: idParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await o.deleteSource(principalOf(req), req.params.id, metaOf(req));
    return reply.code(204).send(null);
  });

  app.post('/order-sources/:id/rotate', {
    config: { permission: 'orders.configure' },
    schema: { tags: ['orders'], summary: 'A new signing secret (shown this once); the previous one keeps working for 24 hours', params: idParams, response: { 200: orderSourceWithSecret, ...errors } },
  }, async (req) => {
    const src = await o.rotateSource(principalOf(req), req.params.id, metaOf(req));
    return { ...orderSourceDto(src), secret: src.secret };
  });

  // The signed webhook: raw bytes kept for the signature, parsed only after it checks out.
  await app.register(async (scope) => {
    const hook = scope.withTypeProvider<ZodTypeProvider>();
    hook.removeAllContentTypeParsers();
    hook.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    hook.post('/hooks/orders/:sourceId', {
      config: { permission: 'public', rateLimit: { max: 600, timeWindow: '1 minute' } },
      schema: {
        tags: ['orders'],
        summary: `Inbound orders from a webhook source, signed in ${SIGNATURE_HEADER} (t=<unix s>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">). Body: one order or { orders: [...] }. 404 unknown source, 401 bad signature, 400 bad order (nothing stored)`,
        params: sourceParams,
        security: [],
        response: { 200: webhookResult, ...errors },
      },
    }, async (req) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const header = req.headers[SIGNATURE_HEADER];
      const { tenantId } = await o.authenticateWebhook(req.params.sourceId, raw, Array.isArray(header) ? header[0] : header);
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new AppError('invalid', 'The body is not valid JSON; send one order or { "orders": [ ... ] }', [{ path: 'body', message: 'not JSON' }]);
      }
      const results = await o.receiveWebhook(tenantId, req.params.sourceId, body);
      return { results: results.map((r) => ({ externalId: r.order.externalId, id: r.order.id, outcome: r.outcome })) };
    });
  });
};
