import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { issueFormToken } from '../src/channels/help-center/form-token.ts';
import { newFormSecret } from '../src/channels/help-center/settings.ts';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';

const LANGS = ['en', 'cy', 'pl', 'hi', 'zh-Hans', 'zh-Hant'];
const WELSH_TITLE = "Oriau agor y siop a'r tîm cymorth";

for (const kind of await dbKinds()) {
  describe(`public help center on ${kind}`, () => {
    let t: TestServer;
    let admin = '';
    let tenantA = '';
    let hoursId = '';
    const tenantB = uuidv7();
    const articleB = uuidv7();

    const get = (url: string, headers: Record<string, string> = {}) => t.server.app.inject({ method: 'GET', url, headers });
    const post = (url: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
      t.server.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload: new URLSearchParams(fields).toString() });
    const db = () => t.server.database.db;
    /** Retries until the page satisfies `ok` (cache invalidation follows committed events). */
    async function eventually(url: string, ok: (body: string, status: number) => boolean) {
      let last = { body: '', status: 0 };
      for (let i = 0; i < 40; i++) {
        const r = await get(url);
        last = { body: r.body, status: r.statusCode };
        if (ok(r.body, r.statusCode)) return r;
        await sleep(50);
      }
      assert.fail(`${url} never matched: ${last.status} ${last.body.slice(0, 300)}`);
    }

    before(async () => {
      t = await startTestServer(kind);
      admin = await t.login(demo.admin);
      tenantA = (await t.server.database.db.selectFrom('tenants').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow()).id;
      hoursId = (await db().selectFrom('kb_translations').select('article_id').where('tenant_id', '=', tenantA).where('title', '=', WELSH_TITLE).executeTakeFirstOrThrow()).article_id;
      // Tenant B: its own help center on a custom domain, with one published public article.
      const now = new Date();
      await db().insertInto('tenants').values({ id: tenantB, slug: 'othercorp', name: 'Other Corp', languages: ['en'] }).execute();
      await db().insertInto('kb_articles').values({ id: articleB, tenant_id: tenantB, category_id: null, visibility: 'public', tags: [], related_ids: [], created_by: null, created_at: now, updated_at: now }).execute();
      await db().insertInto('kb_translations').values({ tenant_id: tenantB, article_id: articleB, language: 'en', title: 'Foreign help article zeta', body: '<p>zeta</p>', state: 'published', published_at: now, created_at: now, updated_at: now }).execute();
      await db().insertInto('help_center_settings').values({ tenant_id: tenantB, enabled: true, titles: JSON.stringify({ en: 'Other Corp Help' }), default_language: 'en', form_secret: newFormSecret(), updated_at: now }).execute();
      await db().insertInto('help_center_domains').values({ domain: 'help.othercorp.example', tenant_id: tenantB, created_at: now }).execute();
    });
    after(() => t?.close());

    test('home page in each language: lang, title, hreflang alternates, categories, CSP, cache headers', async () => {
      for (const lang of LANGS) {
        const r = await get(`/help/demo/${lang}/`);
        assert.equal(r.statusCode, 200, `${lang}: ${r.body.slice(0, 200)}`);
        assert.match(r.body, new RegExp(`<html lang="${lang}"`));
        for (const l of LANGS) assert.ok(r.body.includes(`hreflang="${l}" href="`), `${lang} page links ${l}`);
        assert.match(r.body, /<a class="skip" href="#main">/);
        assert.match(r.body, /<main id="main"/);
        assert.equal(r.headers['cache-control'], 'public, max-age=60');
        assert.ok(r.headers.etag);
        const csp = String(r.headers['content-security-policy']);
        assert.match(csp, /script-src 'self'(;|$)/);
        assert.doesNotMatch(csp, /script-src[^;]*unsafe-inline/);
      }
      const cy = await get('/help/demo/cy/');
      assert.ok(cy.body.includes('Ein siop'), 'Welsh category names');
      assert.ok(cy.body.includes('Cymorth Bennett &amp; Hale'), 'Welsh site title, escaped');
      // ETag round trip.
      const again = await get('/help/demo/cy/', { 'if-none-match': String(cy.headers.etag) });
      assert.equal(again.statusCode, 304);
      // The CSS it links is served, hashed and immutable.
      const css = /href="(\/help\/assets\/help-center\.[0-9a-f]+\.css)"/.exec(cy.body)![1]!;
      const c = await get(css);
      assert.equal(c.statusCode, 200);
      assert.match(String(c.headers['cache-control']), /immutable/);
    });

    test('category page: its articles, breadcrumb, hreflang; in the sitemap', async () => {
      const home = await get('/help/demo/pl/');
      const link = /href="(\/help\/demo\/pl\/categories\/[0-9a-f-]{36}-[^"]+)">Zwroty i refundacje</.exec(home.body);
      assert.ok(link, 'the home page links the Polish category');
      const c = await get(link[1]!);
      assert.equal(c.statusCode, 200);
      assert.match(c.body, /<h1>Zwroty i refundacje<\/h1>/);
      assert.ok(c.body.includes(`/help/demo/pl/articles/`), 'lists its articles');
      assert.match(c.body, /hreflang="cy" href="[^"]*\/help\/demo\/cy\/categories\/[0-9a-f-]{36}-dychwelyd-ac-ad-daliadau"/);
      assert.match(c.body, /<nav class="crumbs" aria-label="Ścieżka nawigacji">/);
      const id = /categories\/([0-9a-f-]{36})/.exec(link[1]!)![1]!;
      assert.ok((await get('/help/demo/sitemap.xml')).body.includes(`/help/demo/pl/categories/${id}`));
      assert.equal((await get(`/help/demo/pl/categories/${uuidv7()}`)).statusCode, 404);
    });

    test('/help/:workspace redirects to the best language from Accept-Language', async () => {
      const r = await get('/help/demo', { 'accept-language': 'cy-GB,cy;q=0.9,en;q=0.5' });
      assert.equal(r.statusCode, 302);
      assert.equal(r.headers.location, '/help/demo/cy/');
      assert.equal((await get('/help/demo', { 'accept-language': 'zh-TW' })).headers.location, '/help/demo/zh-Hant/');
      assert.equal((await get('/help/demo', { 'accept-language': 'fr' })).headers.location, '/help/demo/en/');
      assert.equal((await get('/help/nosuchworkspace')).statusCode, 404);
    });

    test('article page: canonical, hreflang, Open Graph, JSON-LD, breadcrumb, vote form, widget, view counted once per visitor', async () => {
      const views = async () => Number((await db().selectFrom('kb_translations').select('views').where('tenant_id', '=', tenantA).where('article_id', '=', hoursId).where('language', '=', 'cy').executeTakeFirstOrThrow()).views);
      const before = await views();
      const r = await get(`/help/demo/cy/articles/${hoursId}-any-slug`, { 'user-agent': 'visitor-one' });
      assert.equal(r.statusCode, 200, r.body.slice(0, 300));
      assert.match(r.body, /<html lang="cy"/);
      assert.ok(r.body.includes(`<title>Oriau agor y siop a&#39;r tîm cymorth · Cymorth Bennett &amp; Hale</title>`));
      assert.match(r.body, new RegExp(`<link rel="canonical" href="[^"]*/help/demo/cy/articles/${hoursId}-oriau-agor`));
      for (const l of LANGS) assert.match(r.body, new RegExp(`hreflang="${l}" href="[^"]*/help/demo/${l}/articles/${hoursId}`));
      assert.match(r.body, /<meta property="og:type" content="article">/);
      assert.match(r.body, /<meta name="description" content="Faint o&#39;r gloch/);
      const ld = [...r.body.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
      assert.ok(ld.some((x) => x['@type'] === 'Article' && x.headline === WELSH_TITLE && x.inLanguage === 'cy'));
      assert.ok(ld.some((x) => x['@type'] === 'BreadcrumbList' && x.itemListElement.length === 3));
      assert.match(r.body, new RegExp(`action="/help/demo/cy/articles/${hoursId}/vote"`));
      assert.match(r.body, /<script src="\/widget\.js" data-inbox="[0-9a-f-]{36}" data-workspace="demo" data-lang="cy" async><\/script>/);
      assert.ok(r.body.includes('Erthyglau cysylltiedig'), 'related articles in Welsh');
      // Views: once for this visitor today, however often they read it (counted after the response).
      for (let i = 0; i < 3; i++) await get(`/help/demo/cy/articles/${hoursId}`, { 'user-agent': 'visitor-one' });
      await get(`/help/demo/cy/articles/${hoursId}`, { 'user-agent': 'visitor-two' });
      for (let i = 0; i < 40 && (await views()) < before + 2; i++) await sleep(25);
      await sleep(100);
      assert.equal(await views(), before + 2);
    });

    test('search finds the Welsh opening hours article; markup in a query is escaped; long and empty queries answer', async () => {
      const r = await get('/help/demo/cy/search?q=oriau%20agor');
      assert.equal(r.statusCode, 200);
      assert.ok(r.body.includes(`/help/demo/cy/articles/${hoursId}`), 'the article is a result');
      assert.ok(r.body.includes('Oriau agor y siop a&#39;r tîm cymorth'));
      assert.match(r.body, /<meta name="robots" content="noindex">/);

      const evil = '"><script>alert(1)</script><img src=x onerror=alert(2)>';
      const x = await get(`/help/demo/en/search?q=${encodeURIComponent(evil)}`);
      assert.equal(x.statusCode, 200);
      assert.ok(!x.body.includes('<script>alert(1)'), 'no script from the query');
      assert.ok(!x.body.includes('<img src=x'), 'no markup from the query');
      assert.ok(x.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));

      const long = await get(`/help/demo/pl/search?q=${'zwrot '.repeat(1667).slice(0, 10_000)}`);
      assert.equal(long.statusCode, 200);
      const empty = await get('/help/demo/hi/search?q=');
      assert.equal(empty.statusCode, 200);
      assert.ok(empty.body.includes('खोजने के लिए'));
      const sqlish = await get(`/help/demo/en/search?q=${encodeURIComponent("'; DROP TABLE kb_articles; -- .* (|")}`);
      assert.equal(sqlish.statusCode, 200);
    });

    test('internal, draft, other-tenant and unknown articles are 404; unknown languages too', async () => {
      const mk = async (visibility: 'public' | 'internal', title: string) => {
        const c = await t.req('POST', '/api/v1/kb/articles', { cookie: admin, body: { visibility, translations: [{ language: 'en', title, body: `<p>${title}</p>` }] } });
        assert.equal(c.statusCode, 201, c.body);
        return c.json().id as string;
      };
      const internal = await mk('internal', 'Internal only article');
      const pub = await t.req('POST', `/api/v1/kb/articles/${internal}/translations/en/state`, { cookie: admin, body: { state: 'published' } });
      assert.equal(pub.statusCode, 200, pub.body);
      const draft = await mk('public', 'Draft article for help center');
      assert.equal((await get(`/help/demo/en/articles/${internal}`)).statusCode, 404);
      assert.equal((await post(`/help/demo/en/articles/${internal}/vote`, { helpful: 'yes' })).statusCode, 404, 'no votes on internal articles');
      assert.equal((await post(`/help/demo/en/articles/${draft}/vote`, { helpful: 'yes' })).statusCode, 404, 'no votes on drafts');
      assert.equal((await get(`/help/demo/en/articles/${draft}`)).statusCode, 404);
      const foreign = await get(`/help/demo/en/articles/${articleB}`);
      assert.equal(foreign.statusCode, 404);
      assert.ok(!foreign.body.includes('zeta'));
      assert.equal((await get(`/help/demo/en/articles/${uuidv7()}`)).statusCode, 404);
      assert.equal((await get('/help/demo/en/articles/not-an-id')).statusCode, 404);
      assert.equal((await get(`/help/demo/de/articles/${hoursId}`)).statusCode, 404);
      assert.equal((await get(`/help/demo/en/nothing/here`)).statusCode, 404);
      // The internal article never shows in a listing or the sitemap either.
      const home = await get('/help/demo/en/');
      assert.ok(!home.body.includes('Internal only article') && !home.body.includes('Draft article for help center'));
      const map = await get('/help/demo/sitemap.xml');
      assert.equal(map.statusCode, 200);
      assert.ok(map.body.includes(`/help/demo/cy/articles/${hoursId}`));
      assert.ok(!map.body.includes(internal) && !map.body.includes(draft) && !map.body.includes(articleB));
    });

    test('vote without JavaScript: a form POST, counted once per visitor, a changed mind moves the count', async () => {
      const counts = async () => {
        const r = await db().selectFrom('kb_translations').select(['helpful_yes', 'helpful_no']).where('tenant_id', '=', tenantA).where('article_id', '=', hoursId).where('language', '=', 'pl').executeTakeFirstOrThrow();
        return [Number(r.helpful_yes), Number(r.helpful_no)] as const;
      };
      const [y0, n0] = await counts();
      const url = `/help/demo/pl/articles/${hoursId}/vote`;
      const first = await post(url, { helpful: 'yes' });
      assert.equal(first.statusCode, 303, first.body);
      assert.equal(first.headers.location, `/help/demo/pl/articles/${hoursId}?voted=1#helpful`);
      const cookie = first.cookies.find((c) => c.name === 'hc_v');
      assert.ok(cookie && cookie.httpOnly);
      const again = await post(url, { helpful: 'yes' }, { cookie: `hc_v=${cookie.value}` });
      assert.equal(again.statusCode, 303);
      assert.equal(again.cookies.length, 0, 'the same visitor keeps the cookie');
      assert.deepEqual(await counts(), [y0 + 1, n0]);
      await post(url, { helpful: 'no' }, { cookie: `hc_v=${cookie.value}` });
      assert.deepEqual(await counts(), [y0, n0 + 1]);
      const thanks = await get(`/help/demo/pl/articles/${hoursId}?voted=1`);
      assert.ok(thanks.body.includes('Dziękujemy za opinię.'));
      assert.equal((await post(url, { helpful: 'maybe' })).statusCode, 400);
      assert.equal((await post(`/help/demo/pl/articles/${articleB}/vote`, { helpful: 'yes' })).statusCode, 404);
    });

    test('contact form: creates a ticket; refuses bad and expired tokens, a bad email; honeypot; rate limit', async () => {
      const page = await get('/help/demo/en/contact');
      assert.equal(page.statusCode, 200);
      assert.equal(page.headers['cache-control'], 'no-store');
      const token = /name="token" value="([^"]+)"/.exec(page.body)![1]!;
      const secret = (await db().selectFrom('help_center_settings').select('form_secret').where('tenant_id', '=', tenantA).executeTakeFirstOrThrow()).form_secret;
      const tickets = async () => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM tickets WHERE tenant_id = ${tenantA}`.execute(db())).rows[0]!.n);
      const n0 = await tickets();
      const fields = { name: 'Rhys Jones', email: 'Rhys.Jones@Example.com', subject: 'Where is my parcel?', message: 'Order 1042 has not arrived.', website: '' };

      const bad = await post('/help/demo/en/contact', { ...fields, token: 'forged.token' });
      assert.equal(bad.statusCode, 403);
      assert.ok(bad.body.includes('This form has expired. Check your message and send it again.'));
      assert.ok(bad.body.includes('Order 1042 has not arrived.'), 'the message is kept in the form');
      const expired = await post('/help/demo/en/contact', { ...fields, token: issueFormToken(secret, tenantA, Date.now() - 3 * 3600_000) });
      assert.equal(expired.statusCode, 403);
      await sleep(1600); // a human takes longer than a robot to fill the form
      const badEmail = await post('/help/demo/cy/contact', { ...fields, email: 'not-an-email', token });
      assert.equal(badEmail.statusCode, 400);
      assert.ok(badEmail.body.includes('Rhowch gyfeiriad e-bost fel enw@example.com.'), 'the error in Welsh');
      assert.equal(await tickets(), n0, 'nothing written for refused forms');

      const ok = await post('/help/demo/en/contact', { ...fields, token });
      assert.equal(ok.statusCode, 201, ok.body.slice(0, 300));
      assert.ok(ok.body.includes('We have your message'));
      assert.equal(await tickets(), n0 + 1);
      const tk = await db().selectFrom('tickets').select(['id', 'subject', 'requester_id', 'tags']).where('tenant_id', '=', tenantA).orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.equal(tk.subject, 'Where is my parcel?');
      assert.deepEqual(tk.tags, ['help-center']);
      const idn = await db().selectFrom('customer_identities').select('customer_id').where('tenant_id', '=', tenantA).where('kind', '=', 'email').where('value', '=', 'rhys.jones@example.com').executeTakeFirstOrThrow();
      assert.equal(tk.requester_id, idn.customer_id, 'requester found or created by email identity');
      const comment = await db().selectFrom('ticket_comments').select('text').where('tenant_id', '=', tenantA).where('ticket_id', '=', tk.id).executeTakeFirstOrThrow();
      assert.equal(comment.text, 'Order 1042 has not arrived.');
      const ev = await db().selectFrom('events').select('payload').where('tenant_id', '=', tenantA).where('type', '=', 'ticket.created').where('aggregate_id', '=', tk.id).executeTakeFirst();
      assert.ok(ev, 'ticket.created appended');
      // The staff API sees it too.
      assert.equal((await t.req('GET', `/api/v1/tickets/${tk.id}`, { cookie: admin })).statusCode, 200);

      const robot = await post('/help/demo/en/contact', { ...fields, token, website: 'http://spam.example' });
      assert.equal(robot.statusCode, 201);
      assert.equal(await tickets(), n0 + 1, 'honeypot: no ticket');
      const limited = await post('/help/demo/en/contact', { ...fields, token });
      assert.equal(limited.statusCode, 429);
      assert.equal(await tickets(), n0 + 1);
    });

    test('custom domain: the host serves its tenant at the root; other tenants\' ids 404 there', async () => {
      const host = { host: 'help.othercorp.example' };
      const root = await get('/', { ...host, 'accept-language': 'en' });
      assert.equal(root.statusCode, 302);
      assert.equal(root.headers.location, '/en/');
      const home = await get('/en/', host);
      assert.equal(home.statusCode, 200);
      assert.ok(home.body.includes('Other Corp Help'));
      assert.ok(home.body.includes(`href="/en/articles/${articleB}-foreign-help-article-zeta"`), 'links stay on the domain');
      assert.ok(home.body.includes('https://help.othercorp.example/en/'), 'canonical on the custom domain');
      const art = await get(`/en/articles/${articleB}`, host);
      assert.equal(art.statusCode, 200);
      assert.ok(art.body.includes('Foreign help article zeta'));
      assert.equal((await get(`/en/articles/${hoursId}`, host)).statusCode, 404, "tenant A's article is not on B's domain");
      const robots = await get('/robots.txt', host);
      assert.ok(robots.body.includes('Sitemap: https://help.othercorp.example/sitemap.xml'));
      assert.ok((await get('/sitemap.xml', host)).body.includes(`https://help.othercorp.example/en/articles/${articleB}`));
      // The widget and APIs on that host are not taken over.
      assert.notEqual((await get('/api/v1/auth/me', host)).headers['content-type']?.toString().includes('text/html'), true);
    });

    test('cache: a page is served from cache until a knowledge-base event for the tenant drops it', async () => {
      const c = await t.req('POST', '/api/v1/kb/articles', { cookie: admin, body: { translations: [{ language: 'en', title: 'Gift wrapping', body: '<p>We wrap gifts.</p>' }] } });
      assert.equal(c.statusCode, 201, c.body);
      const id = c.json().id as string;
      assert.equal((await get(`/help/demo/en/articles/${id}`)).statusCode, 404, 'a draft is not public');
      await t.req('POST', `/api/v1/kb/articles/${id}/translations/en/state`, { cookie: admin, body: { state: 'published' } });
      await eventually(`/help/demo/en/articles/${id}`, (_b, s) => s === 200);
      // Let the publish's events finish fanning out, then warm the cache once more.
      await sleep(300);
      assert.equal((await get(`/help/demo/en/articles/${id}`)).statusCode, 200);
      // Changed behind the KB's back (no event): the cached page stays.
      await db().updateTable('kb_translations').set({ title: 'Gift wrapping (changed quietly)' }).where('tenant_id', '=', tenantA).where('article_id', '=', id).execute();
      assert.ok(!(await get(`/help/demo/en/articles/${id}`)).body.includes('changed quietly'), 'served from cache');
      // An editor's save (an event) drops the tenant's pages.
      const save = await t.req('PUT', `/api/v1/kb/articles/${id}/translations/en`, { cookie: admin, body: { title: 'Gift wrapping and cards', body: '<p>We wrap gifts.</p>' } });
      assert.equal(save.statusCode, 200, save.body);
      await eventually(`/help/demo/en/articles/${id}`, (b) => b.includes('Gift wrapping and cards'));
      // Unpublished: gone at once.
      await t.req('POST', `/api/v1/kb/articles/${id}/translations/en/state`, { cookie: admin, body: { state: 'archived' } });
      await eventually(`/help/demo/en/articles/${id}`, (_b, s) => s === 404);
    });

    test('settings API: read, validate, save; a domain of another workspace is refused; agents may not', async () => {
      const g = await t.req('GET', '/api/v1/help-center/settings', { cookie: admin });
      assert.equal(g.statusCode, 200, g.body);
      const s = g.json();
      assert.equal(s.enabled, true);
      assert.equal(s.url, '/help/demo');
      assert.deepEqual(s.languages, LANGS);
      const body = { enabled: s.enabled, titles: s.titles, themeColor: s.themeColor, logoUrl: s.logoUrl, defaultLanguage: s.defaultLanguage, chatInboxId: s.chatInboxId, contactForm: s.contactForm, domains: s.domains };

      const badColour = await t.req('PUT', '/api/v1/help-center/settings', { cookie: admin, body: { ...body, themeColor: 'red', logoUrl: 'javascript:alert(1)' } });
      assert.equal(badColour.statusCode, 400);
      const paths = (badColour.json().error.details as { path: string }[]).map((d) => d.path).sort();
      assert.deepEqual(paths, ['logoUrl', 'themeColor']);
      const badLang = await t.req('PUT', '/api/v1/help-center/settings', { cookie: admin, body: { ...body, defaultLanguage: 'de', chatInboxId: uuidv7() } });
      assert.equal(badLang.statusCode, 400);
      assert.match(badLang.json().error.message, /defaultLanguage/);
      assert.match(badLang.json().error.message, /chatInboxId/);
      const taken = await t.req('PUT', '/api/v1/help-center/settings', { cookie: admin, body: { ...body, domains: ['Help.OtherCorp.example'] } });
      assert.equal(taken.statusCode, 409, taken.body);
      const agent = await t.login(demo.alex);
      assert.equal((await t.req('PUT', '/api/v1/help-center/settings', { cookie: agent, body })).statusCode, 403);

      const ok = await t.req('PUT', '/api/v1/help-center/settings', { cookie: admin, body: { ...body, titles: { ...body.titles, en: 'Our help' }, themeColor: '#123456', domains: ['help.demo.example'] } });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.deepEqual(ok.json().domains, ['help.demo.example']);
      const page = await eventually('/help/demo/en/', (b) => b.includes('Our help'));
      assert.ok(page.body.includes('--brand:#123456'));
      assert.equal((await get('/en/', { host: 'help.demo.example' })).statusCode, 200);
      const off = await t.req('PUT', '/api/v1/help-center/settings', { cookie: admin, body: { ...body, enabled: false } });
      assert.equal(off.statusCode, 200);
      assert.equal((await get('/help/demo/en/')).statusCode, 404, 'a disabled help center is not served');
      await t.req('PUT', '/api/v1/help-center/settings', { cookie: admin, body });
    });
  });
}
