import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseChatSettings } from '../../../channels/chat/settings.ts';
import { peekToken, verifyToken } from '../../../channels/chat/token.ts';
import { errorBody, idParams } from '../../../contracts/common.ts';
import { articleViewBody, customerJourney, journeyQuery, journeysQuery, journeysReport } from '../../../contracts/journeys.ts';
import { AppError } from '../../../core/errors.ts';
import { principalOf } from '../context.ts';
import type { Services } from '../services.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 429: errorBody };

/** Customer journeys (the customer page) and segment paths (analytics). Definitions: docs/journeys.md. */
export const journeysRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services: s }) => {
  app.get('/customers/:id/journey', {
    config: { permission: 'customers.read' },
    schema: {
      tags: ['customers', 'analytics'],
      summary: 'A customer\'s touchpoints across channels in a range, in time order, with repeated contacts and drops marked (follows merges)',
      params: idParams,
      querystring: journeyQuery,
      response: { 200: customerJourney, ...errors },
    },
  }, async (req) => s.journeys.customerJourney(principalOf(req), req.params.id, req.query));

  app.get('/analytics/journeys', {
    config: { permission: 'analytics.read' },
    schema: {
      tags: ['analytics'],
      summary: 'Most common paths, contact rate per channel and "of customers who used X, how many then used Z" over a segment\'s customers in a range',
      querystring: journeysQuery,
      response: { 200: journeysReport, ...errors },
    },
  }, async (req) => {
    const started = performance.now();
    const r = await s.journeys.segmentJourneys(principalOf(req), req.query);
    return { ...r, tookMs: Math.round(performance.now() - started) };
  });
};

const badToken = (why: string) => new AppError('unauthenticated', `The widget session token is not valid (${why}); start a new chat session`);

/**
 * A help center article read by a visitor the chat widget knows (docs/journeys.md). Public: the
 * help center page's /hc-journey.js sends the widget's signed session token, never a cookie; only a
 * valid token of a switched-on chat inbox whose visitor is a customer leads to an event. 204 either way.
 */
export const articleViewRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services: s }) => {
  app.post('/hc-journey/views', {
    config: { permission: 'public' },
    schema: { tags: ['help center'], summary: 'Record that a known chat visitor read a help center article (for customer journeys)', body: articleViewBody, response: { 204: z.null(), 400: errorBody, 401: errorBody, 429: errorBody } },
  }, async (req, reply) => {
    const peek = peekToken(req.body.token);
    if (!peek) throw badToken('malformed');
    const inbox = await s.repos.inboxes.byId(peek.t, peek.i);
    const settings = inbox?.channel === 'chat' ? parseChatSettings(inbox.settings) : null;
    if (!settings?.enabled || !settings.identitySecret) throw badToken('its inbox is unavailable');
    const check = verifyToken(req.body.token, settings.identitySecret, s.journeys.now().getTime());
    if (!check.ok) throw badToken(check.reason);
    const c = check.claims;
    const external = c.ver && !!c.x;
    await s.journeys.recordArticleView({ tenantId: c.t, kind: external ? 'external' : 'visitor', value: external ? c.x! : c.v, visitorId: c.v }, { articleId: req.body.articleId, language: req.body.language });
    return reply.code(204).send(null);
  });
};

/** The help center article page's tiny script (CSP script-src 'self'): sends the widget's token, if any, once. */
const HC_JOURNEY_JS = `(function () {
  var s = document.currentScript;
  if (!s || !window.fetch) return;
  var inbox = s.getAttribute('data-inbox'), article = s.getAttribute('data-article'), lang = s.getAttribute('data-lang');
  var session = null;
  try { session = JSON.parse(window.localStorage.getItem('sb-widget:' + inbox + ':session') || 'null'); } catch (e) { return; }
  if (!session || typeof session.token !== 'string' || !(session.expiresAt > Date.now())) return;
  fetch('/hc-journey/views', { method: 'POST', credentials: 'omit', keepalive: true, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: session.token, articleId: article, language: lang }) }).catch(function () {});
})();
`;

/** At the root, beside the help center (public, no session): the script and the view it reports. */
export const hcJourneyRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, o) => {
  app.get('/hc-journey.js', { schema: { hide: true } }, async (_req, reply) => {
    reply.header('content-type', 'application/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600');
    return HC_JOURNEY_JS;
  });
  await app.register(articleViewRoutes, o);
};
