import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody } from '../../../contracts/common.ts';
import { helpCenterSettings, helpCenterSettingsBody } from '../../../channels/help-center/contract.ts';
import { helpCenterCss, helpCenterCssHash } from '../../../channels/help-center/css.ts';
import { bestLanguage } from '../../../channels/help-center/lang.ts';
import type { Site } from '../../../channels/help-center/layout.ts';
import type { HelpCenterService } from '../../../channels/help-center/service.ts';
import { idOf, type HcRoute } from '../../../channels/help-center/site.ts';
import { stringsFor } from '../../../channels/help-center/strings.ts';
import { windowLimiter, type Limiter } from '../../../channels/chat/rate-limit.ts';
import { checkPermission, principalOf } from '../context.ts';

export interface HelpCenterRoutesOptions {
  helpCenter: HelpCenterService;
  publicUrl: string;
  now?: () => number;
  /** Contact form posts per IP (default 5 per 10 minutes, on this node). */
  contactLimit?: Limiter;
}

/** Strict: scripts only from this origin (the widget loader), no inline script at all. */
export const HELP_CENTER_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' https: data:; font-src 'self'; connect-src 'self' ws: wss:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
const VISITOR_COOKIE = 'hc_v';
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const form = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});
const str = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');

function sendHtml(req: FastifyRequest, reply: FastifyReply, status: number, body: string, etag?: string, cacheable = true) {
  reply.header('content-security-policy', HELP_CENTER_CSP).header('x-content-type-options', 'nosniff').type('text/html; charset=utf-8');
  reply.header('cache-control', cacheable && status === 200 ? 'public, max-age=60' : 'no-store');
  if (etag) {
    reply.header('etag', etag);
    if (req.headers['if-none-match'] === etag && status === 200) return reply.code(304).send();
  }
  return reply.code(status).send(body);
}

/**
 * The public help center (/help/:workspace/..., and `/` on a tenant's custom domain), its CSS,
 * sitemap and robots.txt, and the admin settings API (/api/v1/help-center/settings).
 */
export async function registerHelpCenter(app: FastifyInstance, o: HelpCenterRoutesOptions): Promise<void> {
  const hc = o.helpCenter;
  const now = o.now ?? (() => Date.now());
  const contactLimit = o.contactLimit ?? windowLimiter(5, 10 * 60_000);
  const origin = o.publicUrl.replace(/\/+$/, '');
  const ownHost = (() => {
    try {
      return new URL(origin).host.toLowerCase();
    } catch {
      return '';
    }
  })();
  const visitorOf = (req: FastifyRequest) => req.cookies[VISITOR_COOKIE] ?? createHash('sha256').update(`${req.ip}|${req.headers['user-agent'] ?? ''}`).digest('base64url').slice(0, 32);
  const notFound = (reply: FastifyReply) => reply.code(404).header('content-security-policy', HELP_CENTER_CSP).type('text/html; charset=utf-8').header('cache-control', 'no-store').send('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head><body><main><h1>Not found</h1><p>There is no help center here.</p></main></body></html>');
  /** The site as the visitor sees it: their custom domain when they came through it. */
  const viewSite = async (req: FastifyRequest, site: Site) => {
    const host = (req.headers.host ?? '').toLowerCase();
    if (!host || host === ownHost) return site;
    const bySite = await hc.site.byHost(host);
    return bySite?.tenantId === site.tenantId ? bySite : site;
  };

  async function servePage(req: FastifyRequest, reply: FastifyReply, site: Site, lang: string, route: HcRoute) {
    if (!site.languages.includes(lang)) {
      const p = await hc.site.page(site, site.defaultLanguage, { kind: 'category', id: '00000000-0000-0000-0000-000000000000' });
      return sendHtml(req, reply, 404, p.body, undefined, false);
    }
    if (route.kind === 'contact') {
      if (!site.contactForm) return sendHtml(req, reply, 404, (await hc.site.page(site, lang, { kind: 'category', id: '00000000-0000-0000-0000-000000000000' })).body, undefined, false);
      return sendHtml(req, reply, 200, await hc.site.contactPage(site, lang), undefined, false);
    }
    const page = await hc.site.page(site, lang, route);
    if (route.kind === 'article' && page.status === 200) void hc.site.view(site, route.id, lang, visitorOf(req)).catch((e) => req.log.warn({ err: e }, 'help center view not counted'));
    return sendHtml(req, reply, page.status, page.body, page.etag);
  }

  /** `rest` is what follows /<lang> (or the whole path on a custom domain). */
  function routeOf(rest: string, query: Record<string, unknown>): HcRoute | null {
    if (rest === '' || rest === '/') return { kind: 'home' };
    if (rest === '/search') return { kind: 'search', q: str(query.q, 10_000) };
    if (rest === '/contact') return { kind: 'contact' };
    const m = /^\/(articles|categories)\/([^/]+)$/.exec(rest);
    const id = m ? idOf(decodeURIComponent(m[2]!)) : null;
    if (!m || !id) return null;
    return m[1] === 'articles' ? { kind: 'article', id, voted: query.voted === '1' } : { kind: 'category', id };
  }

  const robots = (sitemaps: string[]) => `User-agent: *\nAllow: /help/\nDisallow: /api/\n${sitemaps.map((s) => `Sitemap: ${s}\n`).join('')}`;

  // A custom domain: the host's help center at the root. Everything else on that host (the widget, its API) passes.
  app.addHook('onRequest', async (req, reply) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return;
    const host = (req.headers.host ?? '').toLowerCase();
    if (!host || host === ownHost || host.startsWith('localhost') || host.startsWith('127.0.0.1')) return;
    const [path, qs] = req.url.split('?', 2) as [string, string | undefined];
    if (/^\/(api|help|widget|ws|healthz|readyz|metrics|assets|demo)(\/|$|\.|\?)/.test(path)) return;
    const site = await hc.site.byHost(host);
    if (!site) return;
    if (path === '/robots.txt') return reply.type('text/plain; charset=utf-8').send(robots([`${site.origin}/sitemap.xml`]));
    if (path === '/sitemap.xml') return reply.type('application/xml; charset=utf-8').header('cache-control', 'public, max-age=300').send(await hc.site.sitemap(site));
    if (path === '/') return reply.redirect(`/${encodeURIComponent(bestLanguage(req.headers['accept-language'], site.languages, site.defaultLanguage))}/`, 302);
    const m = /^\/([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)(\/.*)?$/.exec(path);
    const route = m ? routeOf(m[2] ?? '', Object.fromEntries(new URLSearchParams(qs ?? ''))) : null;
    if (!m || !route) return servePage(req, reply, site, 'xx', { kind: 'home' });
    return servePage(req, reply, site, m[1]!, route);
  });

  await app.register(async (scope) => {
    const r = scope.withTypeProvider<ZodTypeProvider>();
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    const wsParams = z.object({ workspace: z.string().max(100) });
    const langParams = wsParams.extend({ lang: z.string().max(40) });
    const site = async (req: FastifyRequest, workspace: string) => hc.site.bySlug(workspace, origin);

    r.get('/help/assets/:file', { schema: { hide: true, params: z.object({ file: z.string().max(100) }) } }, async (req, reply) => {
      if (req.params.file !== `help-center.${helpCenterCssHash}.css`) return reply.code(404).send({ error: { code: 'not_found', message: 'No such help center asset' } });
      return reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable').send(helpCenterCss);
    });
    r.get('/robots.txt', { schema: { hide: true } }, async (_req, reply) => reply.type('text/plain; charset=utf-8').send(robots([])));

    const redirectToLang = async (req: FastifyRequest, reply: FastifyReply, workspace: string) => {
      const s = await site(req, workspace);
      if (!s) return notFound(reply);
      const v = await viewSite(req, s);
      return reply.header('vary', 'accept-language').redirect(`${v.base}/${encodeURIComponent(bestLanguage(req.headers['accept-language'], s.languages, s.defaultLanguage))}/`, 302);
    };
    r.get('/help/:workspace', { schema: { hide: true, params: wsParams } }, async (req, reply) => redirectToLang(req, reply, req.params.workspace));
    r.get('/help/:workspace/sitemap.xml', { schema: { hide: true, params: wsParams } }, async (req, reply) => {
      const s = await site(req, req.params.workspace);
      if (!s) return notFound(reply);
      return reply.type('application/xml; charset=utf-8').header('cache-control', 'public, max-age=300').send(await hc.site.sitemap(s));
    });
    r.get('/help/:workspace/:lang', { schema: { hide: true, params: langParams } }, async (req, reply) => {
      if (req.params.lang === '') return redirectToLang(req, reply, req.params.workspace);
      return reply.redirect(`/help/${encodeURIComponent(req.params.workspace)}/${encodeURIComponent(req.params.lang)}/`, 301);
    });
    r.get('/help/:workspace/:lang/*', { schema: { hide: true, params: langParams.extend({ '*': z.string().max(2000) }), querystring: z.record(z.string(), z.unknown()) } }, async (req, reply) => {
      const s = await site(req, req.params.workspace);
      if (!s) return notFound(reply);
      const route = routeOf(`/${req.params['*']}`, req.query);
      return servePage(req, reply, s, req.params.lang, route ?? { kind: 'category', id: '00000000-0000-0000-0000-000000000000' });
    });

    r.post('/help/:workspace/:lang/articles/:id/vote', { schema: { hide: true, params: langParams.extend({ id: z.string().max(100) }) } }, async (req, reply) => {
      const s = await site(req, req.params.workspace);
      const id = idOf(req.params.id);
      if (!s || !id || !s.languages.includes(req.params.lang)) return notFound(reply);
      const helpful = str(form(req.body).helpful, 10);
      if (helpful !== 'yes' && helpful !== 'no') return reply.code(400).type('text/plain; charset=utf-8').send('Choose yes or no (the form field helpful).');
      let visitor = req.cookies[VISITOR_COOKIE];
      if (!visitor || !/^[A-Za-z0-9_-]{16,64}$/.test(visitor)) {
        visitor = randomBytes(16).toString('base64url');
        reply.setCookie(VISITOR_COOKIE, visitor, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 365 * 86_400, secure: origin.startsWith('https://') });
      }
      try {
        await hc.site.vote(s, id, req.params.lang, visitor, helpful === 'yes');
      } catch (e) {
        if ((e as { code?: unknown }).code === 'not_found') return notFound(reply);
        throw e;
      }
      const v = await viewSite(req, s);
      return reply.header('cache-control', 'no-store').redirect(`${v.base}/${encodeURIComponent(req.params.lang)}/articles/${id}?voted=1#helpful`, 303);
    });

    r.post('/help/:workspace/:lang/contact', { schema: { hide: true, params: langParams } }, async (req, reply) => {
      const s = await site(req, req.params.workspace);
      if (!s || !s.contactForm || !s.languages.includes(req.params.lang)) return notFound(reply);
      const lang = req.params.lang;
      const v = await viewSite(req, s);
      const b = form(req.body);
      const values = { name: str(b.name, 200), email: str(b.email, 320), subject: str(b.subject, 200), message: str(b.message, 20_000) };
      if (contactLimit.hit(req.ip, now()) > 0) {
        reply.header('retry-after', '600');
        return sendHtml(req, reply, 429, await hc.site.contactPage(v, lang, { error: stringsFor(lang).tooMany, values }), undefined, false);
      }
      const res = await hc.contact(s.tenantId, lang, { token: str(b.token, 200), website: str(b.website, 200), ...values }, now());
      if (!res.ok) return sendHtml(req, reply, res.status, await hc.site.contactPage(v, lang, { error: res.error, values }), undefined, false);
      return sendHtml(req, reply, 201, await hc.site.contactPage(v, lang, { sent: true }), undefined, false);
    });
  });

  // Admin: the settings, with the usual session or token and the kb.manage permission.
  await app.register(async (scope) => {
    const adm = scope.withTypeProvider<ZodTypeProvider>();
    adm.addHook('preValidation', checkPermission);
    adm.get('/help-center/settings', { config: { permission: 'kb.manage' }, schema: { tags: ['help-center'], summary: "The workspace's help center settings", response: { 200: helpCenterSettings, ...errors } } }, async (req) => hc.getHelpCenterSettings(principalOf(req)));
    adm.put('/help-center/settings', {
      config: { permission: 'kb.manage' },
      schema: { tags: ['help-center'], summary: 'Replaces the help center settings; 409 when a custom domain is taken by another workspace', body: helpCenterSettingsBody, response: { 200: helpCenterSettings, ...errors } },
    }, async (req) => hc.updateHelpCenterSettings(principalOf(req), req.body));
  }, { prefix: '/api/v1' });
}
