import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, languages } from '../../../contracts/common.ts';
import {
  ack, csatBody, historyQuery, historyResponse, offlineBody, offlineResponse, sendBody, sessionBody, sessionResponse,
  uploadResponse, widgetConfig, WIDGET_API_BASE, WIDGET_LIMITS, WIDGET_WS_PATH,
} from '../../../contracts/widget.ts';
import { TooLargeError } from '../../../core/attachments/errors.ts';
import { ATTACHMENT_CSP, contentDisposition, isInlineSafe } from '../../../core/attachments/files.ts';
import { AppError } from '../../../core/errors.ts';
import type { Principal } from '../../../core/auth/principal.ts';
import { checkPermission, principalOf } from '../context.ts';
import type { ChatService } from '../../../channels/chat/service.ts';
import type { VisitorSockets } from '../../../channels/chat/sockets.ts';
import { UnsupportedTypeError, rateLimited } from '../../../channels/chat/errors.ts';
import { windowLimiter, type Limiter } from '../../../channels/chat/rate-limit.ts';
import { demoShopFor, demoShopHtml } from '../../../channels/chat/demo-shop.ts';

const errors = { 400: errorBody, 401: errorBody, 404: errorBody, 409: errorBody, 413: errorBody, 415: errorBody, 429: errorBody, 503: errorBody };
const inboxParams = z.object({ inboxId: z.uuid() });
const workspaceQuery = z.object({ workspace: z.string().max(100).optional() });

export interface WidgetRoutesOptions {
  chat: ChatService;
  sockets: VisitorSockets;
  now: () => number;
  /** web/dist: /widget.js is served from it. */
  webDist?: string;
  limits?: { sessions: Limiter; ip: Limiter; visitor: Limiter };
  /** Admins: a new identity secret for a chat inbox (core/conversations/inboxes.ts). */
  rotateIdentitySecret?: (p: Principal, inboxId: string) => Promise<{ id: string; settings: Record<string, unknown> }>;
}

const bearer = (req: FastifyRequest) => {
  const h = req.headers.authorization;
  if (h?.toLowerCase().startsWith('bearer ')) return h.slice(7).trim();
  const q = (req.query as { token?: unknown } | undefined)?.token;
  return typeof q === 'string' ? q : undefined;
};

/**
 * The chat widget's public API (/api/widget/v1, no staff session, CORS open, per-IP and per-visitor
 * limits), its socket (/widget/ws), the bundle (/widget.js) and the demo shop (/demo/shop).
 */
export const widgetRoutes: FastifyPluginAsyncZod<WidgetRoutesOptions> = async (app, o) => {
  const limits = o.limits ?? {
    sessions: windowLimiter(WIDGET_LIMITS.ipSessions.max, WIDGET_LIMITS.ipSessions.windowMs),
    ip: windowLimiter(WIDGET_LIMITS.ipMessages.max, WIDGET_LIMITS.ipMessages.windowMs),
    visitor: windowLimiter(WIDGET_LIMITS.visitorMessages.max, WIDGET_LIMITS.visitorMessages.windowMs),
  };
  const limit = (l: Limiter, key: string) => {
    const wait = l.hit(key, o.now());
    if (wait > 0) throw rateLimited(wait);
  };
  const auth = async (req: FastifyRequest) => o.chat.authenticate(bearer(req));

  await app.register(async (scope) => {
    const api = scope.withTypeProvider<ZodTypeProvider>();
    api.addHook('onRequest', async (req, reply) => {
      reply.header('access-control-allow-origin', '*');
      reply.header('access-control-allow-headers', 'authorization, content-type, x-filename');
      reply.header('access-control-allow-methods', 'GET, POST, OPTIONS');
      reply.header('access-control-max-age', '600');
      reply.header('cross-origin-resource-policy', 'cross-origin');
      if (req.method === 'OPTIONS') return reply.code(204).send();
    });
    api.options('/*', { schema: { hide: true } }, async (_req, reply) => reply.code(204).send());

    api.get('/inboxes/:inboxId/config', {
      schema: { tags: ['widget'], summary: "A chat inbox's widget settings; 404 unavailable when off, unknown or not chat", params: inboxParams, querystring: workspaceQuery, response: { 200: widgetConfig, ...errors } },
    }, async (req, reply) => {
      try {
        return await o.chat.config(req.params.inboxId, req.query.workspace);
      } catch (e) {
        if (e instanceof AppError && e.code === 'unavailable') return reply.code(404).send({ error: { code: 'unavailable', message: e.message } });
        throw e;
      }
    });

    api.post('/inboxes/:inboxId/sessions', {
      schema: { tags: ['widget'], summary: 'A visitor token (verified when the host signed the identity)', params: inboxParams, querystring: workspaceQuery, body: sessionBody, response: { 201: sessionResponse, ...errors } },
    }, async (req, reply) => {
      limit(limits.sessions, req.ip);
      try {
        return reply.code(201).send(await o.chat.session(req.params.inboxId, req.body, req.query.workspace));
      } catch (e) {
        if (e instanceof AppError && e.code === 'unavailable') return reply.code(404).send({ error: { code: 'unavailable', message: e.message } });
        throw e;
      }
    });

    api.get('/messages', { schema: { tags: ['widget'], querystring: historyQuery, response: { 200: historyResponse, ...errors } } }, async (req) => {
      const { claims } = await auth(req);
      const h = await o.chat.history(claims, req.query.afterSeq);
      return { conversationId: h.conversationId, messages: h.messages, receipt: h.receipt };
    });

    api.post('/messages', { schema: { tags: ['widget'], body: sendBody, response: { 201: ack, 200: ack, ...errors } } }, async (req, reply) => {
      const { claims } = await auth(req);
      limit(limits.ip, req.ip);
      limit(limits.visitor, `${claims.t}:${claims.i}:${claims.v}`);
      const a = await o.chat.send(claims, req.body);
      return reply.code(a.created ? 201 : 200).send({ clientId: a.clientId, seq: a.seq, messageId: a.messageId, conversationId: a.conversationId });
    });

    api.post('/csat', { schema: { tags: ['widget'], body: csatBody, response: { 201: z.object({ id: z.uuid() }), ...errors } } }, async (req, reply) => {
      const { claims } = await auth(req);
      limit(limits.ip, req.ip);
      return reply.code(201).send(await o.chat.csat(claims, req.body));
    });

    api.post('/offline', { schema: { tags: ['widget'], body: offlineBody, response: { 201: offlineResponse, ...errors } } }, async (req, reply) => {
      const { claims } = await auth(req);
      limit(limits.ip, req.ip);
      limit(limits.visitor, `${claims.t}:${claims.i}:${claims.v}`);
      return reply.code(201).send(await o.chat.offline(claims, req.body));
    });

    api.get('/attachments/:id', { schema: { tags: ['widget'], params: z.object({ id: z.uuid() }), querystring: z.object({ token: z.string().optional() }), response: { 200: z.unknown(), ...errors } } }, async (req, reply) => {
      const { claims } = await auth(req);
      const { attachment: a, stream } = await o.chat.openAttachment(claims, req.params.id);
      return reply
        .header('content-type', a.contentType)
        .header('content-length', String(a.sizeBytes))
        .header('content-disposition', contentDisposition(isInlineSafe(a.contentType) ? 'inline' : 'attachment', a.filename))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', ATTACHMENT_CSP)
        .header('cache-control', 'private, max-age=3600')
        .send(stream);
    });

    // Uploads: the body is the file itself.
    await api.register(async (upScope) => {
      const up = upScope.withTypeProvider<ZodTypeProvider>();
      up.removeAllContentTypeParsers();
      up.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));
      up.post('/attachments', {
        config: { streamedBody: true },
        schema: { tags: ['widget'], summary: 'Upload a file (raw body, ?filename=); 413 too large, 415 type not allowed', querystring: z.object({ filename: z.string().max(1000).optional() }), response: { 201: uploadResponse, ...errors } },
      }, async (req, reply) => {
        const { claims, chat } = await auth(req);
        limit(limits.ip, req.ip);
        const len = req.headers['content-length'];
        const declaredSize = len !== undefined && /^\d+$/.test(len) ? Number(len) : undefined;
        const header = req.headers['x-filename'];
        const filename = req.query.filename ?? (typeof header === 'string' ? safeDecode(header) : '');
        try {
          return reply.code(201).send(await o.chat.upload(claims, chat, { filename, contentType: req.headers['content-type'], data: req.raw, declaredSize }));
        } catch (e) {
          if (e instanceof TooLargeError) {
            reply.header('connection', 'close');
            return reply.code(413).send({ error: { code: 'invalid', message: e.message, details: [{ path: 'body', message: `larger than ${e.limitBytes} bytes`, limitBytes: e.limitBytes }] } });
          }
          if (e instanceof UnsupportedTypeError) return reply.code(415).send({ error: { code: 'invalid', message: e.message, details: e.details } });
          throw e;
        }
      });
    });
  }, { prefix: WIDGET_API_BASE });

  app.get(WIDGET_WS_PATH, { websocket: true, schema: { hide: true } }, async (socket, req) => {
    // Frames sent right after the upgrade wait here while the token is checked.
    const early: unknown[] = [];
    const hold = (raw: unknown) => void early.push(raw);
    socket.on('message', hold);
    try {
      limit(limits.sessions, `ws:${req.ip}`);
      const { claims, chat } = await auth(req);
      socket.off('message', hold);
      o.sockets.accept(socket, claims, req.ip, chat.settings.csat, early);
    } catch (e) {
      const code = e instanceof AppError && e.code === 'rate_limited' ? 4429 : 4401;
      socket.close(code, e instanceof Error ? e.message.slice(0, 120) : 'refused');
    }
  });

  // The staff app's static files include web/dist/widget.js when it is built with index.html; else served here.
  if (!o.webDist || !existsSync(join(o.webDist, 'index.html'))) {
    app.get('/widget.js', { schema: { hide: true } }, async (_req, reply) => {
      const file = o.webDist ? join(o.webDist, 'widget.js') : '';
      if (!file || !existsSync(file)) return reply.code(404).type('application/javascript').send('/* widget.js is not built: run npm run build:web */');
      return reply.type('application/javascript; charset=utf-8').send(readFileSync(file));
    });
  }

  // ?lang= picks the widget's language; anything else is the API's usual 400 naming the six.
  const demoQuery = z.object({ lang: z.enum(languages, { error: `must be one of ${languages.join(', ')}` }).optional() });
  app.get('/demo/shop', { schema: { hide: true, querystring: demoQuery } }, async (req, reply) => {
    const html = await o.chat.demoShopHtml(demoShopFor(demoShopHtml, req.query.lang ?? null));
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  });
};

/**
 * Registers the widget on the root instance: its routes, and the headers that let any website load
 * /widget.js (whoever serves it: the static files or the route above) - cross-origin, cached 5 min.
 */
export async function registerWidget(app: FastifyInstance, o: WidgetRoutesOptions): Promise<void> {
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.url === '/widget.js' || req.url.startsWith('/widget.js?')) {
      reply.header('cross-origin-resource-policy', 'cross-origin');
      reply.header('access-control-allow-origin', '*');
      if (reply.statusCode === 200) reply.header('cache-control', 'public, max-age=300');
    }
    return payload;
  });
  await app.register(widgetRoutes, o);
  const rotate = o.rotateIdentitySecret;
  if (rotate) {
    // Staff side, under /api/v1 with the usual session or token and permission check.
    await app.register(async (scope) => {
      const adm = scope.withTypeProvider<ZodTypeProvider>();
      adm.addHook('preValidation', checkPermission);
      adm.post('/inboxes/:id/identity-secret', {
        config: { permission: 'inboxes.manage' },
        schema: {
          tags: ['inboxes'],
          summary: "A new identity secret for a chat inbox: host sites must sign with it from now on; visitors' widget tokens of this inbox are renewed",
          params: z.object({ id: z.uuid() }),
          response: { 200: z.object({ inboxId: z.uuid(), identitySecret: z.string() }), ...errors },
        },
      }, async (req) => {
        const inbox = await rotate(principalOf(req), req.params.id);
        return { inboxId: inbox.id, identitySecret: String(inbox.settings.identitySecret) };
      });
    }, { prefix: '/api/v1' });
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
