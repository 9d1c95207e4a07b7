import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';
import { createRepos, type Repos } from '../src/storage/repos.ts';
import { kbIndex, type KbIndexDoc } from '../src/core/kb-search/index-port.ts';
import { searchPublicKb } from '../src/core/kb-search/search.ts';

for (const kind of await dbKinds()) {
  describe(`knowledge-base search API on ${kind}`, () => {
    let t: TestServer;
    let r: Repos;
    let admin = '';
    let agent = '';
    let tenantId = '';
    const art = { hours: uuidv7(), password: uuidv7(), internal: uuidv7(), refund: uuidv7() };
    const category = uuidv7();

    const doc = (articleId: string, language: string, title: string, text: string, more: Partial<KbIndexDoc> = {}): KbIndexDoc => ({
      tenantId, articleId, language, title, text, tags: [], visibility: 'public', categoryId: null, helpful: { yes: 0, no: 0 }, views: 0, publishedAt: new Date('2026-01-01'), ...more,
    });
    const search = async (query: string, cookie = agent) => t.req('GET', `/api/v1/kb/search?${query}`, { cookie });
    // The demo workspace has knowledge-base articles of its own: assertions look at this test's articles.
    const mine = new Set<string>();
    const titles = (body: { results: { articleId: string; title: string }[] }) => body.results.filter((x) => mine.has(x.articleId)).map((x) => x.title);

    before(async () => {
      t = await startTestServer(kind);
      r = createRepos(t.server.database.db);
      admin = await t.login(demo.admin);
      agent = await t.login(demo.alex);
      tenantId = (await r.tenants.bySlug('demo'))!.id;
      for (const id of Object.values(art)) mine.add(id);
      const idx = kbIndex(r);
      await idx.put(doc(art.hours, 'en', 'Opening hours', 'We are open Monday to Friday from 9am to 6pm.', { categoryId: category }));
      await idx.put(doc(art.hours, 'cy', 'Oriau agor', "Rydyn ni ar agor o ddydd Llun i ddydd Gwener, 9 tan 6."));
      await idx.put(doc(art.password, 'en', 'Reset your password', 'Click Forgot password on the sign-in page and we email you a link.', { helpful: { yes: 10, no: 0 } }));
      await idx.put(doc(art.password, 'zh-Hant', '重設密碼', '在登入頁面點選「忘記密碼」，我們會寄給您一個連結。'));
      await idx.put(doc(art.internal, 'en', 'Password reset escalation (staff only)', 'When the reset link fails twice, escalate the password case to tier 2.', { visibility: 'internal' }));
      await idx.put(doc(art.refund, 'en', 'Refund policy', 'Refunds reach your card within 10 working days.'));
    });
    after(() => t?.close());

    test('staff search finds public and internal articles, best first, with snippets and the query language', async () => {
      const res = await search('q=password%20reset');
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json();
      assert.equal(body.queryLanguage, 'en');
      assert.deepEqual(titles(body).sort(), ['Password reset escalation (staff only)', 'Reset your password']);
      assert.ok(body.results[0].score >= body.results[1].score);
      assert.match(body.results.find((x: { title: string }) => x.title === 'Reset your password').snippet, /Forgot password/);
    });

    test('the public search (help center, bot) never returns internal articles', async () => {
      const out = await searchPublicKb(r, tenantId, { q: 'password reset escalation', limit: 10 });
      assert.ok(out.results.length >= 1);
      assert.ok(out.results.every((x) => x.articleId !== art.internal), JSON.stringify(out.results));
    });

    test('typos, Welsh, Chinese scripts, language and category filters', async () => {
      assert.equal(titles((await search('q=opning%20hourz&limit=20')).json())[0], 'Opening hours');
      const cy = (await search(`q=${encodeURIComponent("pryd dych chi'n agor")}`)).json();
      assert.equal(cy.queryLanguage, 'cy');
      assert.equal(titles(cy)[0], 'Oriau agor');
      const zh = (await search(`q=${encodeURIComponent('忘记密码')}&languages=zh-Hant`)).json();
      assert.deepEqual(titles(zh), ['重設密碼']);
      const onlyCy = (await search('q=opening%20hours&languages=cy')).json();
      assert.ok(onlyCy.results.every((x: { language: string }) => x.language === 'cy'));
      const inCat = (await search(`q=password%20hours&categoryId=${category}`)).json();
      assert.deepEqual(titles(inCat), ['Opening hours']);
    });

    test('removing an article through the port takes it out of search', async () => {
      const id = uuidv7();
      mine.add(id);
      await kbIndex(r).put(doc(id, 'en', 'Temporary quasar article', 'quasar text'));
      assert.equal(titles((await search('q=quasar')).json()).length, 1);
      await kbIndex(r).remove(tenantId, id, 'en');
      assert.deepEqual(titles((await search('q=quasar')).json()), []);
      await kbIndex(r).put(doc(id, 'en', 'Temporary quasar article', 'quasar text'));
      await kbIndex(r).put(doc(id, 'pl', 'Tymczasowy quasar', 'quasar tekst'));
      await kbIndex(r).remove(tenantId, id);
      assert.deepEqual(titles((await search('q=quasar')).json()), []);
    });

    test('bad input answers results or nothing, never a 500', async () => {
      const odd = ["'; DROP TABLE kb_search_documents; --", '(a|b):* & !c <-> d', '.*[a-z]+\\d{2,}(?=x)$^', '%_\\', "''''", '\u0000\u0001', '\u{1F600}\u{1F680}', 'pass\u200Bword', '   ', '', 'a', 'Opening 營業 पासवर्ड hasło ŵ', 'x'.repeat(10_000), 'word '.repeat(2_000)];
      for (const q of odd) {
        const res = await search(`q=${encodeURIComponent(q)}`);
        assert.equal(res.statusCode, 200, `${JSON.stringify(q.slice(0, 30))}: ${res.body}`);
        assert.ok(Array.isArray(res.json().results));
      }
      assert.deepEqual((await search('q=')).json().results, []);
      assert.equal(titles((await search(`q=${encodeURIComponent("'; reset password --")}`)).json()).includes('Reset your password'), true);
      const count = await sql<{ n: number }>`select count(*)::int as n from kb_search_documents`.execute(t.server.database.db);
      assert.ok(count.rows[0]!.n >= 6, 'the table is still there');
    });

    test('invalid parameters are a clear 400', async () => {
      for (const [query, path] of [['', 'q'], [`q=${'x'.repeat(10_001)}`, 'q'], ['q=a&languages=en,xx', 'languages'], ['q=a&limit=0', 'limit'], ['q=a&limit=51', 'limit'], ['q=a&categoryId=nope', 'categoryId'], ['q=a&ui=fr', 'ui']] as const) {
        const res = await search(query);
        assert.equal(res.statusCode, 400, `${query.slice(0, 40)}: ${res.body}`);
        assert.ok(res.body.includes(path), res.body);
      }
      assert.equal((await t.req('GET', '/api/v1/kb/search?q=a')).statusCode, 401);
    });

    test('suggestions for a conversation come from what the customer asked last', async () => {
      const ib = await t.req('POST', '/api/v1/inboxes', { cookie: admin, body: { name: 'KB suggest', channel: 'api' } });
      assert.equal(ib.statusCode, 201, ib.body);
      const m = await t.req('POST', `/api/v1/inboxes/${ib.json().id}/messages`, { cookie: admin, body: { from: { kind: 'email', value: 'kb.asker@cust.example', name: 'Asker' }, text: 'Hi, I forgot my password and cannot sign in' } });
      assert.equal(m.statusCode, 201, m.body);
      const conversationId = m.json().conversation.id as string;
      const res = await t.req('GET', `/api/v1/conversations/${conversationId}/kb-suggestions?limit=3`, { cookie: agent });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json();
      assert.match(body.basedOn, /forgot my password/);
      assert.ok(body.results.length <= 3);
      assert.deepEqual(titles(body).slice(0, 1), ['Reset your password'], JSON.stringify(body.results));
      const missing = await t.req('GET', `/api/v1/conversations/${uuidv7()}/kb-suggestions`, { cookie: agent });
      assert.equal(missing.statusCode, 404, missing.body);
    });

    test('synonym groups: kb.manage only, validated, recorded as events, and they widen search', async () => {
      assert.deepEqual(titles((await search('q=reimbursement')).json()), []);
      const denied = await t.req('POST', '/api/v1/kb/synonyms', { cookie: agent, body: { terms: ['reimbursement', 'refund'] } });
      assert.equal(denied.statusCode, 403, denied.body);
      for (const terms of [['only-one'], ['refund', ' Refund '], ['', '  '], Array.from({ length: 21 }, (_, i) => `t${i}`), ['x'.repeat(81), 'y']]) {
        const bad = await t.req('POST', '/api/v1/kb/synonyms', { cookie: admin, body: { terms } });
        assert.equal(bad.statusCode, 400, `${JSON.stringify(terms).slice(0, 40)}: ${bad.body}`);
      }
      const c = await t.req('POST', '/api/v1/kb/synonyms', { cookie: admin, body: { terms: [' reimbursement ', 'refund', 'money back'] } });
      assert.equal(c.statusCode, 201, c.body);
      const g = c.json();
      assert.deepEqual(g.terms, ['reimbursement', 'refund', 'money back']);
      assert.deepEqual(titles((await search('q=reimbursement')).json()), ['Refund policy']);
      const list = await t.req('GET', '/api/v1/kb/synonyms?limit=10', { cookie: admin });
      assert.deepEqual(list.json().items.map((x: { id: string }) => x.id), [g.id]);
      const u = await t.req('PUT', `/api/v1/kb/synonyms/${g.id}`, { cookie: admin, body: { terms: ['payback', 'refund'] } });
      assert.equal(u.statusCode, 200, u.body);
      assert.deepEqual(titles((await search('q=reimbursement')).json()), []);
      assert.deepEqual(titles((await search('q=payback')).json()), ['Refund policy']);
      const d = await t.req('DELETE', `/api/v1/kb/synonyms/${g.id}`, { cookie: admin });
      assert.equal(d.statusCode, 204, d.body);
      assert.equal((await t.req('DELETE', `/api/v1/kb/synonyms/${g.id}`, { cookie: admin })).statusCode, 404);
      const events = (await t.req('GET', '/api/v1/events?type=kb_synonym.created&limit=10', { cookie: admin })).json().items as { aggregateId: string }[];
      assert.ok(events.some((e) => e.aggregateId === g.id));
    });
  });
}
