import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import websocket from '@fastify/websocket';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { Clock } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { checkPermission, SESSION_COOKIE } from './context.ts';
import { toHttpError } from './errors.ts';
import { registerIdempotency } from './idempotency.ts';
import type { Metrics } from './metrics.ts';
import { authRoutes } from './routes/auth.routes.ts';
import { usersRoutes } from './routes/users.routes.ts';
import { conversationsRoutes } from './routes/conversations.routes.ts';
import { customersRoutes } from './routes/customers.routes.ts';
import { customer360Routes } from './routes/customer-360.routes.ts';
import { ticketsRoutes } from './routes/tickets.routes.ts';
import { ticketWorkflowRoutes } from './routes/ticket-workflows.routes.ts';
import { slaRoutes } from './routes/sla.routes.ts';
import { searchRoutes } from './routes/search.routes.ts';
import { attachmentsRoutes } from './routes/attachments.routes.ts';
import { webhooksRoutes } from './routes/webhooks.routes.ts';
import { opsRoutes, type Readiness } from './routes/ops.routes.ts';
import { ordersRoutes } from './routes/orders.routes.ts';
import { healthRoutes } from './routes/health.routes.ts';
import { segmentsRoutes } from './routes/segments.routes.ts';
import { routingRoutes } from './routes/routing.routes.ts';
import { wallboardRoutes } from './routes/wallboard.routes.ts';
import { sentimentRoutes } from './routes/sentiment.routes.ts';
import { analyticsRoutes } from './routes/analytics.routes.ts';
import { analyticsSchedulesRoutes } from './routes/analytics-schedules.routes.ts';
import { hcJourneyRoutes, journeysRoutes } from './routes/journeys.routes.ts';
import { wallboardAlertsRoutes } from './routes/wallboard-alerts.routes.ts';
import { registerWidget, type WidgetRoutesOptions } from './routes/widget.routes.ts';
import { deskRoutes } from './routes/desk.routes.ts';
import { kbAssistRoutes } from './routes/kb-assist.routes.ts';
import { flowsRoutes } from './routes/flows.routes.ts';
import { kbRoutes } from './routes/kb.routes.ts';
import { kbSearchRoutes } from './routes/kb-search.routes.ts';
import { widgetSettingsRoutes } from './routes/widget-settings.routes.ts';
import { registerHelpCenter } from './routes/help-center.routes.ts';
import { registerSurveys } from './routes/surveys.routes.ts';
import type { Services } from './services.ts';
import type { Hub } from '../ws/hub.ts';

export interface AppOptions {
  services: Services;
  hub: Hub;
  metrics: Metrics;
  clock: Clock;
  log: Logger;
  readiness: Readiness;
  publicUrl: string;
  cookieSecure: boolean;
  sessionTtlHours: number;
  webDist?: string;
  rateLimitPerMinute?: number;
  /** The chat widget's public API, socket, bundle and demo shop (014-chat-widget.md). */
  widget?: WidgetRoutesOptions;
  /** Trust X-Forwarded-For only from these proxies (or all, `true`); never by default. */
  trustProxy?: boolean | string[];
}

/** The host of an Origin header, or null when it is not a URL (browsers send `null` from opaque origins). */
function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

export async function buildApp(o: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: o.log as unknown as FastifyBaseLogger,
    trustProxy: o.trustProxy ?? false,
    bodyLimit: 1_048_576,
    genReqId: () => crypto.randomUUID(),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((err, req, reply) => {
    const { status, body } = toHttpError(err);
    if (status >= 500) req.log.error({ err, route: req.routeOptions.url }, 'request failed');
    const retry = (body.error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    if (retry) reply.header('retry-after', String(retry));
    if (status === 503) reply.header('retry-after', '5');
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((req, reply) => {
    const accept = req.headers.accept ?? '';
    const isApi = req.url.startsWith('/api/') || req.url === '/ws';
    if (!isApi && req.method === 'GET' && o.webDist && accept.includes('text/html')) return reply.sendFile('index.html');
    return reply.code(404).send({ error: { code: 'not_found', message: `No route ${req.method} ${req.url.split('?')[0]}; see /api/docs for the API` } });
  });

  await app.register(cookie);
  // Security headers; the content security policy allows only our own scripts and sockets.
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    hsts: o.publicUrl.startsWith('https://'),
  });
  await app.register(rateLimit, {
    global: true,
    max: o.rateLimitPerMinute ?? 1200,
    timeWindow: '1 minute',
    allowList: (req) => req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics',
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      error: { code: 'rate_limited', message: `Too many requests; retry after ${Math.ceil(ctx.ttl / 1000)} s` },
    }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Switchboard API', version: '1', description: 'Every list takes limit and cursor and returns nextCursor. Errors are { error: { code, message, details? } }.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          token: { type: 'http', scheme: 'bearer', description: 'An API token (sbt_...)' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });

  // Metrics: latency by route template.
  app.addHook('onResponse', async (req, reply) => {
    if (req.routeOptions.url === '/api/v1/auth/login' && (reply.statusCode === 401 || reply.statusCode === 429)) o.metrics.loginFailures.inc();
    o.metrics.httpDuration.observe(
      { method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  // Authentication: session cookie, or Authorization: Bearer <token>.
  // Only the API and the socket need to know who is calling: static files and probes skip the lookup.
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/v1/') && req.url !== '/ws' && !req.url.startsWith('/ws?')) return;
    const auth = req.headers.authorization;
    const bearer = auth?.toLowerCase().startsWith('bearer ') ? auth.slice(7).trim() : undefined;
    const cookieToken = req.cookies[SESSION_COOKIE];
    req.principal = await o.services.auth.authenticate(bearer ?? cookieToken);
    // Cross-site request forgery: a cookie-authenticated write must come from our own origin.
    if (req.principal?.via === 'session' && !['GET', 'HEAD', 'OPTIONS'].includes(req.method)) {
      const origin = req.headers.origin;
      if (origin && origin !== o.publicUrl && originHost(origin) !== req.headers.host) {
        req.principal = undefined;
        throw new AppError('forbidden', `Requests from ${origin} may not use a Switchboard session; call from ${o.publicUrl}`);
      }
    }
  });

  await app.register(opsRoutes, { readiness: o.readiness, metrics: o.metrics });

  await app.register(
    async (api) => {
      // preValidation, not preHandler: a caller without the right is refused before its body is validated.
      api.addHook('preValidation', checkPermission);
      registerIdempotency(api, o.services.repos, o.clock);
      await api.register(authRoutes, {
        services: o.services,
        cookie: { secure: o.cookieSecure, maxAgeSeconds: o.sessionTtlHours * 3600 },
      });
      await api.register(usersRoutes, { services: o.services });
      await api.register(conversationsRoutes, { services: o.services });
      await api.register(customersRoutes, { services: o.services });
      await api.register(customer360Routes, { services: o.services });
      await api.register(ticketsRoutes, { services: o.services });
      await api.register(ticketWorkflowRoutes, { services: o.services });
      await api.register(slaRoutes, { services: o.services });
      await api.register(searchRoutes, { services: o.services });
      await api.register(attachmentsRoutes, { services: o.services });
      await api.register(webhooksRoutes, { services: o.services });
      await api.register(ordersRoutes, { services: o.services });
      await api.register(healthRoutes, { services: o.services });
      await api.register(segmentsRoutes, { services: o.services });
      await api.register(routingRoutes, { services: o.services });
      await api.register(wallboardRoutes, { services: o.services });
      await api.register(sentimentRoutes, { services: o.services });
      await api.register(analyticsRoutes, { services: o.services });
      await api.register(analyticsSchedulesRoutes, { services: o.services });
      await api.register(journeysRoutes, { services: o.services });
      await api.register(wallboardAlertsRoutes, { services: o.services });
      await api.register(deskRoutes, { services: o.services });
      await api.register(kbAssistRoutes, { services: o.services });
      await api.register(flowsRoutes, { services: o.services });
      await api.register(kbRoutes, { services: o.services });
      await api.register(kbSearchRoutes, { services: o.services });
      await api.register(widgetSettingsRoutes, { services: o.services });
    },
    { prefix: '/api/v1' },
  );

  app.get('/ws', { websocket: true, config: { permission: 'authenticated' }, schema: { hide: true } }, (socket, req) => {
    if (!req.principal) {
      socket.close(4401, 'sign in first');
      return;
    }
    o.hub.accept(socket, req.principal, req.raw.socket);
  });

  if (o.widget) await registerWidget(app, o.widget);
  await registerHelpCenter(app, { helpCenter: o.services.helpCenter, publicUrl: o.publicUrl });
  await app.register(hcJourneyRoutes, { services: o.services }); // /hc-journey.js and /hc-journey/views: a known chat visitor's article views (docs/journeys.md)
  await registerSurveys(app, { surveys: o.services.surveys });

  if (o.webDist && existsSync(join(o.webDist, 'index.html'))) {
    await app.register(fastifyStatic, { root: o.webDist, wildcard: false, index: ['index.html'], maxAge: '1h' });
  }
  return app;
}
