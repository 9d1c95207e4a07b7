import { createHash } from 'node:crypto';
import type { CoreDeps } from '../../core/deps.ts';
import { notFound } from '../../core/errors.ts';
import { voteKb, viewKb } from '../../core/kb/feedback.ts';
import { searchPublicKb } from '../../core/kb-search/search.ts';
import { pageCache, type CachedPage } from './cache.ts';
import { articlePath, categoryPath, href, type Site } from './layout.ts';
import { articlePage, categoryPage, contactPage, homePage, notFoundPage, searchPage } from './pages.ts';
import { issueFormToken } from './form-token.ts';

/** A page a visitor asked for, parsed from the URL. */
export type HcRoute =
  | { kind: 'home' }
  | { kind: 'search'; q: string }
  | { kind: 'category'; id: string }
  | { kind: 'article'; id: string; voted: boolean }
  | { kind: 'contact' };

export interface HelpCenterSiteOptions {
  /** Site lookups (by workspace or host) are kept this long; settings changes on this node drop them at once. */
  siteTtlMs?: number;
  cacheEntries?: number;
  now?: () => number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** "<uuid>-any-slug" → the uuid, or null. */
export const idOf = (idSlug: string): string | null => {
  const id = idSlug.slice(0, 36);
  return UUID.test(id) && (idSlug.length === 36 || idSlug[36] === '-') ? id.toLowerCase() : null;
};
const etagOf = (body: string) => `"${createHash('sha1').update(body).digest('base64url')}"`;
const day = (ms: number) => Math.floor(ms / 86_400_000);

/** The public help center: finds the site, renders pages through the cache, counts views and votes. */
export function createHelpCenterSite(d: CoreDeps, o: HelpCenterSiteOptions = {}) {
  const now = o.now ?? (() => d.clock.now().getTime());
  const ttl = o.siteTtlMs ?? 30_000;
  const cache = pageCache(o.cacheEntries ?? 5000);
  const sites = new Map<string, { site: Site | null; at: number }>();
  const views = new Set<string>();
  let viewsDay = day(now());

  async function loadSite(tenantId: string, origin: string, base: string): Promise<Site | null> {
    const [tenant, s] = await Promise.all([d.repos.tenants.byId(tenantId), d.repos.helpCenter.settings(tenantId)]);
    if (!tenant || !s?.enabled) return null;
    const langs = tenant.languages?.length ? tenant.languages : ['en'];
    const def = langs.includes(s.defaultLanguage) ? s.defaultLanguage : langs[0]!;
    return {
      tenantId, tenantName: tenant.name, base, origin, workspace: tenant.slug,
      languages: [def, ...langs.filter((l) => l !== def)], defaultLanguage: def,
      titles: s.titles, themeColor: s.themeColor, logoUrl: s.logoUrl, chatInboxId: s.chatInboxId, contactForm: s.contactForm,
    };
  }
  async function cached(key: string, load: () => Promise<Site | null>): Promise<Site | null> {
    const hit = sites.get(key);
    if (hit && now() - hit.at < ttl) return hit.site;
    const site = await load();
    if (sites.size > 10_000) sites.clear();
    sites.set(key, { site, at: now() });
    return site;
  }

  async function render(site: Site, lang: string, route: HcRoute): Promise<{ status: number; body: string }> {
    const r = d.repos;
    const t = site.tenantId;
    switch (route.kind) {
      case 'home': {
        const [cats, articles] = await Promise.all([r.kbCategories.all(t), r.helpCenter.publishedList(t, lang)]);
        return { status: 200, body: homePage(site, lang, cats, articles) };
      }
      case 'category': {
        const c = await r.kbCategories.byId(t, route.id);
        if (!c) break;
        const articles = await r.helpCenter.publishedList(t, lang, c.id);
        return { status: 200, body: categoryPage(site, lang, c, articles, site.languages) };
      }
      case 'article': {
        const a = await r.helpCenter.publishedArticle(t, route.id, lang);
        if (!a) break;
        const [category, langs, related] = await Promise.all([
          a.categoryId ? r.kbCategories.byId(t, a.categoryId) : undefined,
          r.helpCenter.publishedLanguages(t, a.id),
          r.helpCenter.publishedTitles(t, a.relatedIds.slice(0, 10), lang),
        ]);
        const titles = langs.filter((l) => site.languages.includes(l.language)).map((l) => ({ language: l.language, path: articlePath(a.id, l.title) }));
        return { status: 200, body: articlePage(site, lang, { article: a, category, related, languages: titles, voted: route.voted }) };
      }
      case 'search': {
        const q = route.q.trim();
        const out = q ? await searchPublicKb(r, t, { q, languages: [lang], uiLanguage: lang, limit: 20 }) : { results: [] };
        return { status: 200, body: searchPage(site, lang, route.q, out.results) };
      }
      case 'contact':
        break;
    }
    return { status: 404, body: notFoundPage(site, lang) };
  }

  return {
    /** The site of a workspace (`/help/:workspace`), or null when unknown or not enabled. */
    bySlug: (slug: string, origin: string) =>
      cached(`slug:${slug}`, async () => {
        const tenant = await d.repos.tenants.bySlug(slug);
        return tenant ? loadSite(tenant.id, origin, `/help/${encodeURIComponent(tenant.slug)}`) : null;
      }),
    /** The site served at the root of a custom domain (Host header), or null. */
    byHost: (host: string) => {
      const domain = host.toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
      if (!domain || domain.length > 253) return Promise.resolve(null);
      return cached(`host:${domain}`, async () => {
        const tenantId = await d.repos.helpCenter.tenantOfDomain(domain);
        return tenantId ? loadSite(tenantId, `https://${domain}`, '') : null;
      });
    },

    /** A page from the cache, or rendered and cached. Keyed by site base as well: a custom domain's links differ. */
    async page(site: Site, lang: string, route: HcRoute): Promise<CachedPage & { fromCache: boolean }> {
      const key = `${site.base}|${lang}|${JSON.stringify(route)}`;
      const hit = cache.get(site.tenantId, key);
      if (hit) return { ...hit, fromCache: true };
      const { status, body } = await render(site, lang, route);
      const page: CachedPage = { status, body, etag: etagOf(body), contentType: 'text/html; charset=utf-8' };
      cache.set(site.tenantId, key, page);
      return { ...page, fromCache: false };
    },

    /** The contact page with a fresh form token (never cached: the token is time-limited). */
    async contactPage(site: Site, lang: string, v: { sent?: boolean; error?: string; values?: Record<string, string> } = {}): Promise<string> {
      const s = await d.repos.helpCenter.settings(site.tenantId);
      return contactPage(site, lang, { ...v, token: issueFormToken(s?.formSecret ?? '', site.tenantId, now()) });
    },

    /** Counts a view once per visitor, article, language and UTC day (on this node). */
    async view(site: Site, articleId: string, lang: string, visitor: string): Promise<boolean> {
      const today = day(now());
      if (today !== viewsDay || views.size > 200_000) {
        views.clear();
        viewsDay = today;
      }
      const key = `${site.tenantId}:${articleId}:${lang}:${visitor}`;
      if (views.has(key)) return false;
      views.add(key);
      return viewKb(d, site.tenantId, articleId, lang);
    },

    /** A visitor's vote on a public, published text (internal articles are not there to vote on). */
    async vote(site: Site, articleId: string, lang: string, visitor: string, helpful: boolean) {
      if (!(await d.repos.helpCenter.publishedArticle(site.tenantId, articleId, lang))) throw notFound('Article');
      return voteKb(d, { tenantId: site.tenantId, articleId, language: lang, visitorKey: `visitor:${visitor}`, helpful, actorId: null, publishedOnly: true });
    },

    /** sitemap.xml: every published public article in every language of the site. */
    async sitemap(site: Site): Promise<string> {
      const rows = (await d.repos.helpCenter.sitemap(site.tenantId)).filter((a) => site.languages.includes(a.language));
      const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      const url = (loc: string, mod?: Date) => `<url><loc>${esc(loc)}</loc>${mod ? `<lastmod>${new Date(mod).toISOString()}</lastmod>` : ''}</url>`;
      const homes = site.languages.map((l) => url(`${site.origin}${href(site, l)}`));
      const cats = (await d.repos.kbCategories.all(site.tenantId)).filter((c) => rows.some((a) => a.categoryId === c.id));
      const catUrls = cats.flatMap((c) => site.languages.filter((l) => rows.some((a) => a.categoryId === c.id && a.language === l)).map((l) => url(`${site.origin}${href(site, l, categoryPath(c.id, c.names[l] || c.name))}`)));
      const arts = rows.map((a) => url(`${site.origin}${href(site, a.language, articlePath(a.id, a.title))}`, a.updatedAt));
      return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${[...homes, ...catUrls, ...arts].join('\n')}\n</urlset>\n`;
    },

    /** A knowledge-base or settings event: drop that tenant's pages (and its site look-ups). */
    onEvent(e: { tenantId: string; type: string }) {
      if ((e.type.startsWith('kb.') && e.type !== 'kb.article.voted') || e.type.startsWith('help_center.')) cache.dropTenant(e.tenantId);
      if (e.type.startsWith('help_center.')) sites.clear();
    },
    dropSites: () => sites.clear(),
    cacheSize: () => cache.size(),
  };
}
export type HelpCenterSite = ReturnType<typeof createHelpCenterSite>;
