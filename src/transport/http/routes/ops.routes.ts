import type { FastifyPluginAsync } from 'fastify';
import type { Metrics } from '../metrics.ts';

export interface Readiness {
  /** Why the node is not ready, or null when it is. */
  check(): Promise<string | null>;
}

export const opsRoutes: FastifyPluginAsync<{ readiness: Readiness; metrics: Metrics }> = async (app, o) => {
  app.get('/healthz', { config: { permission: 'public' }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { permission: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    const problem = await o.readiness.check();
    if (problem) return reply.code(503).send({ status: 'unavailable', reason: problem });
    return { status: 'ready' };
  });
  app.get('/metrics', { config: { permission: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    reply.header('content-type', o.metrics.registry.contentType);
    return o.metrics.registry.metrics();
  });
};
