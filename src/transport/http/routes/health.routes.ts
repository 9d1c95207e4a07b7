import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBody, idParams, page } from '../../../contracts/common.ts';
import { atRiskItem, atRiskQuery, customerHealth } from '../../../contracts/health.ts';
import { principalOf } from '../context.ts';
import { atRiskDto, healthDto } from '../health-dto.ts';
import type { Services } from '../services.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 429: errorBody };

/** Customer health (docs/health-score.md). `/customers/at-risk` is a static path, so it wins over `/customers/:id`. */
export const healthRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services: s }) => {
  app.get('/customers/at-risk', {
    config: { permission: 'customers.read' },
    schema: {
      tags: ['customers'],
      summary: 'Customers by stored health score, lowest first; filter by band and score range (scores are refreshed hourly)',
      querystring: atRiskQuery,
      response: { 200: page(atRiskItem), ...errors },
    },
  }, async (req) => {
    const r = await s.health.atRisk(principalOf(req), req.query);
    return { items: r.items.map(atRiskDto), nextCursor: r.nextCursor };
  });

  app.get('/customers/:id/health', {
    config: { permission: 'customers.read' },
    schema: {
      tags: ['customers'],
      summary: 'A customer\'s health score (0–100), band and the factors behind it; recomputed when older than an hour',
      params: idParams,
      response: { 200: customerHealth, ...errors },
    },
  }, async (req) => healthDto(await s.health.forCustomer(principalOf(req), req.params.id)));
};
