import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, languages } from '../../../contracts/common.ts';
import { surveySettingsBody, surveySettingsView, vocCommentsPage, vocCommentsQuery, vocRangeQuery, vocThemesResponse } from '../../../contracts/surveys.ts';
import type { SurveysService } from '../../../core/surveys/service.ts';
import { surveyFormHtml, surveyInvalidHtml, surveyThanksHtml, surveyTooManyHtml } from '../../../core/surveys/page-html.ts';
import { bestLanguage } from '../../../channels/help-center/lang.ts';
import { windowLimiter, type Limiter } from '../../../channels/chat/rate-limit.ts';
import { checkPermission, principalOf } from '../context.ts';

export interface SurveysRoutesOptions {
  surveys: SurveysService;
  now?: () => number;
  /** Survey page requests per IP (default 30 a minute, on this node). */
  limit?: Limiter;
}

/** No script at all; the page's own inline style only; the form posts to itself. */
export const SURVEY_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
/** Every link that cannot be answered (unknown, forged, answered, expired) gets this status and the same page. */
export const SURVEY_INVALID_STATUS = 404;

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 429: errorBody };
const tags = ['surveys'];

function sendPage(reply: FastifyReply, status: number, body: string) {
  return reply
    .code(status)
    .header('content-security-policy', SURVEY_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('x-robots-tag', 'noindex')
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(body);
}

/**
 * The public survey page (/survey/:token, GET shows, POST answers once) and the admin and VoC API
 * (/api/v1/surveys/settings, /comments, /themes).
 */
export async function registerSurveys(app: FastifyInstance, o: SurveysRoutesOptions): Promise<void> {
  const s = o.surveys;
  const now = o.now ?? (() => Date.now());
  const limit = o.limit ?? windowLimiter(30, 60_000);
  const visitorLang = (req: FastifyRequest) => bestLanguage(req.headers['accept-language'], [...languages], 'en');
  const invalidPage = (req: FastifyRequest, reply: FastifyReply) => sendPage(reply, SURVEY_INVALID_STATUS, surveyInvalidHtml(visitorLang(req)));
  const limited = (req: FastifyRequest, reply: FastifyReply) => {
    const wait = limit.hit(req.ip, now());
    if (wait === 0) return false;
    reply.header('retry-after', String(Math.ceil(wait / 1000)));
    void sendPage(reply, 429, surveyTooManyHtml(visitorLang(req)));
    return true;
  };

  await app.register(async (scope) => {
    const r = scope.withTypeProvider<ZodTypeProvider>();
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 32 * 1024 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    const params = z.object({ token: z.string().max(200) });

    r.get('/survey/:token', { schema: { hide: true, params } }, async (req, reply) => {
      if (limited(req, reply)) return reply;
      const page = await s.page(req.params.token);
      if (page.kind === 'invalid') return invalidPage(req, reply);
      return sendPage(reply, 200, surveyFormHtml({ lang: page.lang, kind: page.surveyKind, question: page.question, action: `/survey/${encodeURIComponent(req.params.token)}` }));
    });

    r.post('/survey/:token', { schema: { hide: true, params } }, async (req, reply) => {
      if (limited(req, reply)) return reply;
      const body = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
      const res = await s.answer(req.params.token, { score: body.score, comment: body.comment });
      if (res.kind === 'invalid') return invalidPage(req, reply);
      if (res.kind === 'bad_input') {
        const p = res.page;
        const values = { score: typeof body.score === 'string' ? body.score : undefined, comment: typeof body.comment === 'string' ? body.comment.slice(0, 4000) : undefined };
        return sendPage(reply, 400, surveyFormHtml({ lang: p.lang, kind: p.surveyKind, question: p.question, action: `/survey/${encodeURIComponent(req.params.token)}`, error: res.problem, values }));
      }
      return sendPage(reply, 201, surveyThanksHtml(res.lang));
    });
  });

  await app.register(async (scope) => {
    const api = scope.withTypeProvider<ZodTypeProvider>();
    api.addHook('preValidation', checkPermission);
    api.get('/surveys/settings', {
      config: { permission: 'analytics.configure' },
      schema: { tags, summary: "The workspace's survey settings (CSAT/NPS, throttle, link validity, questions)", response: { 200: surveySettingsView, ...errors } },
    }, async (req) => s.getSettings(principalOf(req)));
    api.put('/surveys/settings', {
      config: { permission: 'analytics.configure' },
      schema: { tags, summary: 'Replace the survey settings (all fields). Audited; event surveys.settings_updated', body: surveySettingsBody, response: { 200: surveySettingsView, ...errors } },
    }, async (req) => s.putSettings(principalOf(req), req.body, { ip: req.ip }));
    api.get('/surveys/comments', {
      config: { permission: 'analytics.read' },
      schema: { tags, summary: 'Survey comments, newest first: filter by range, kind, theme, sentiment band and text', querystring: vocCommentsQuery, response: { 200: vocCommentsPage, ...errors } },
    }, async (req) => s.comments(principalOf(req), req.query));
    api.get('/surveys/themes', {
      config: { permission: 'analytics.read' },
      schema: { tags, summary: "Themes of the range's comments with counts, average sentiment and average CSAT", querystring: vocRangeQuery, response: { 200: vocThemesResponse, ...errors } },
    }, async (req) => s.themes(principalOf(req), req.query));
  }, { prefix: '/api/v1' });
}
