import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';
import { demoKbArticles, demoKbLanguages } from '../src/core/kb/demo-articles.ts';
import { viewKb } from '../src/core/kb/feedback.ts';
import { createRepos } from '../src/storage/repos.ts';

interface Tr { language: string; title: string; body: string; state: string; version: number; helpfulYes: number; helpfulNo: number }
interface Art { id: string; categoryId: string | null; visibility: string; tags: string[]; relatedIds: string[]; translations: Tr[]; attachmentIds: string[] }

for (const kind of await dbKinds()) {
  describe(`knowledge base articles on ${kind}`, () => {
    let t: TestServer;
    let admin = '';
    let agent = '';
    let supervisor = '';

    const db = () => t.server.database.db;
    const count = async (table: string, where = sql`true`) => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE ${where}`.execute(db())).rows[0]!.n);
    const indexed = async (articleId: string) =>
      (await sql<{ language: string; title: string; visibility: string }>`SELECT language, title, visibility FROM kb_search_documents WHERE article_id = ${articleId} ORDER BY language`.execute(db())).rows;
    const events = async (type: string, id: string) => ((await t.req('GET', `/api/v1/events?type=${type}&limit=1000`, { cookie: admin })).json().items as { aggregateId: string; aggregateType: string; payload: Record<string, unknown> }[]).filter((e) => e.aggregateId === id);
    const create = async (body: Record<string, unknown>, cookie = supervisor) => {
      const r = await t.req('POST', '/api/v1/kb/articles', { cookie, body });
      assert.equal(r.statusCode, 201, r.body);
      return r.json() as Art;
    };
    const tr = (a: Art, lang: string) => a.translations.find((x) => x.language === lang)!;
    /** Waits for an import (run in this process after upload) to finish. */
    async function finished(id: string) {
      for (let i = 0; i < 200; i++) {
        const imp = (await t.req('GET', `/api/v1/kb/imports/${id}`, { cookie: supervisor })).json();
        if (imp.status === 'done' || imp.status === 'failed') return imp;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error('import did not finish');
    }

    before(async () => {
      t = await startTestServer(kind);
      admin = await t.login(demo.admin);
      agent = await t.login(demo.alex);
      supervisor = await t.login(demo.supervisor);
    });
    after(() => t?.close());

    test('the demo knowledge base: every article published in all six languages and searchable', async () => {
      const list = await t.req('GET', '/api/v1/kb/articles?limit=200', { cookie: agent });
      assert.equal(list.statusCode, 200, list.body);
      const items = list.json().items as Art[];
      assert.equal(items.length, demoKbArticles.length);
      for (const a of items) {
        assert.deepEqual(a.translations.map((x) => x.language).sort(), [...demoKbLanguages].sort());
        assert.ok(a.translations.every((x) => x.state === 'published'));
      }
      const welsh = await t.req('GET', `/api/v1/kb/articles?q=${encodeURIComponent('oriau agor')}&language=cy`, { cookie: agent });
      assert.ok((welsh.json().items as Art[]).length >= 1, 'the Welsh opening-hours article is found by its title');
      assert.equal(await count('kb_search_documents'), demoKbArticles.length * 6, 'the seed fed the search index');
      const cats = (await t.req('GET', '/api/v1/kb/categories', { cookie: agent })).json().items as { name: string; names: Record<string, string> }[];
      assert.equal(cats.length, 5);
      assert.equal(cats.find((c) => c.name === 'Your account')?.names.cy, 'Eich cyfrif');
    });

    test('categories: tree, move, loops and non-empty deletes refused, agents may not manage', async () => {
      const top = (await t.req('POST', '/api/v1/kb/categories', { cookie: supervisor, body: { name: 'Test top' } })).json();
      const sec = await t.req('POST', '/api/v1/kb/categories', { cookie: supervisor, body: { name: 'Test section', parentId: top.id, names: { cy: 'Adran' } } });
      assert.equal(sec.statusCode, 201, sec.body);
      const loop = await t.req('POST', `/api/v1/kb/categories/${top.id}/move`, { cookie: supervisor, body: { parentId: sec.json().id, position: 0 } });
      assert.equal(loop.statusCode, 400, loop.body);
      assert.match(loop.json().error.message, /under itself/);
      const missing = await t.req('POST', '/api/v1/kb/categories', { cookie: supervisor, body: { name: 'x', parentId: '0190c5a0-0000-7000-8000-000000000000' } });
      assert.equal(missing.statusCode, 400, missing.body);
      assert.equal((await t.req('DELETE', `/api/v1/kb/categories/${top.id}`, { cookie: supervisor })).statusCode, 409);
      const moved = await t.req('POST', `/api/v1/kb/categories/${sec.json().id}/move`, { cookie: supervisor, body: { parentId: null, position: 9 } });
      assert.equal(moved.statusCode, 200, moved.body);
      assert.deepEqual([moved.json().parentId, moved.json().position], [null, 9]);
      assert.equal((await t.req('POST', '/api/v1/kb/categories', { cookie: agent, body: { name: 'nope' } })).statusCode, 403);
      assert.equal((await t.req('DELETE', `/api/v1/kb/categories/${top.id}`, { cookie: supervisor })).statusCode, 204);
    });

    test('articles: create, read, update, translations; bad input is a 400 naming the field with nothing stored', async () => {
      const before = await count('kb_articles');
      const bad = await t.req('POST', '/api/v1/kb/articles', { cookie: supervisor, body: { visibility: 'secret', translations: [{ language: 'not a tag!', title: '', body: 'x' }] } });
      assert.equal(bad.statusCode, 400, bad.body);
      const paths = (bad.json().error.details as { path: string }[]).map((d) => d.path).sort();
      assert.ok(paths.includes('visibility') && paths.some((p) => p.includes('language')) && paths.some((p) => p.includes('title')), JSON.stringify(paths));
      const dupLang = await t.req('POST', '/api/v1/kb/articles', { cookie: supervisor, body: { translations: [{ language: 'en', title: 'a', body: 'b' }, { language: 'EN', title: 'c', body: 'd' }] } });
      assert.equal(dupLang.statusCode, 400, dupLang.body);
      const badRef = await t.req('POST', '/api/v1/kb/articles', { cookie: supervisor, body: { relatedIds: ['0190c5a0-0000-7000-8000-000000000000'], translations: [{ language: 'en', title: 'a', body: 'b' }] } });
      assert.equal(badRef.statusCode, 400, badRef.body);
      assert.equal(await count('kb_articles'), before, 'nothing half-written');

      const a = await create({ tags: ['Gift', 'gift', 'cards'], translations: [{ language: 'en', title: 'Gift cards', body: '<p>Gift cards never expire.</p>' }, { language: 'zh-hans', title: '礼品卡', body: '<p>礼品卡永不过期。</p>' }] });
      assert.deepEqual(a.tags, ['gift', 'cards']);
      assert.deepEqual(a.translations.map((x) => [x.language, x.state, x.version]), [['en', 'draft', 1], ['zh-Hans', 'draft', 1]]);
      assert.equal((await events('kb.article.created', a.id))[0]?.aggregateType, 'kb_article');
      assert.deepEqual(await indexed(a.id), [], 'drafts are not searchable');

      const cy = await t.req('PUT', `/api/v1/kb/articles/${a.id}/translations/cy`, { cookie: supervisor, body: { title: 'Cardiau rhodd', body: '<p>Nid yw cardiau rhodd byth yn dod i ben.</p>' } });
      assert.equal(cy.statusCode, 200, cy.body);
      assert.equal(tr(cy.json(), 'cy').state, 'draft');
      const p = await t.req('PATCH', `/api/v1/kb/articles/${a.id}`, { cookie: supervisor, body: { visibility: 'internal', relatedIds: [a.id] } });
      assert.equal(p.statusCode, 400, 'not related to itself');
      const agentWrite = await t.req('PUT', `/api/v1/kb/articles/${a.id}/translations/en`, { cookie: agent, body: { title: 'x', body: 'y' } });
      assert.equal(agentWrite.statusCode, 403, 'agents read, they do not manage');
      assert.equal((await t.req('GET', `/api/v1/kb/articles/${a.id}`, { cookie: agent })).statusCode, 200);

      const q = (await t.req('GET', '/api/v1/kb/articles?q=gift%20c&state=draft', { cookie: agent })).json().items as Art[];
      assert.deepEqual(q.map((x) => x.id), [a.id]);
      const pct = (await t.req('GET', '/api/v1/kb/articles?q=%25', { cookie: agent })).json().items as Art[];
      assert.equal(pct.length, 0, 'a % is searched literally');
      const page1 = await t.req('GET', '/api/v1/kb/articles?limit=2', { cookie: agent });
      const page2 = await t.req('GET', `/api/v1/kb/articles?limit=2&cursor=${page1.json().nextCursor}`, { cookie: agent });
      assert.equal(page2.statusCode, 200);
      assert.notEqual(page1.json().items[0].id, page2.json().items[0].id, 'keyset pages do not repeat');
    });

    test('API tokens: a read token reads the knowledge base, a write token manages it', async () => {
      const token = async (scope: string) => (await t.req('POST', '/api/v1/tokens', { cookie: admin, body: { name: `kb ${scope}`, scope } })).json().secret as string;
      const read = await token('read');
      const write = await token('write');
      assert.equal((await t.req('GET', '/api/v1/kb/articles?limit=1', { token: read })).statusCode, 200);
      const body = { translations: [{ language: 'en', title: 'By token', body: 'x' }] };
      const denied = await t.req('POST', '/api/v1/kb/articles', { token: read, body });
      assert.equal(denied.statusCode, 403, denied.body);
      assert.match(denied.json().error.message, /read scope/);
      assert.equal((await t.req('POST', '/api/v1/kb/articles', { token: write, body })).statusCode, 201);
      assert.equal((await t.req('GET', '/api/v1/kb/articles?limit=1')).statusCode, 401);
    });

    test('state machine: review, publish (indexed), unpublish (removed), archive; illegal moves refused', async () => {
      const a = await create({ translations: [{ language: 'en', title: 'Store credit', body: '<p>Store credit lasts a year.</p>' }, { language: 'pl', title: 'Kredyt sklepowy', body: '<p>Ważny rok.</p>' }] });
      const state = (lang: string, s: string) => t.req('POST', `/api/v1/kb/articles/${a.id}/translations/${lang}/state`, { cookie: supervisor, body: { state: s } });
      assert.equal((await state('en', 'review')).statusCode, 200);
      const pub = await state('en', 'published');
      assert.equal(pub.statusCode, 200, pub.body);
      assert.deepEqual((await indexed(a.id)).map((x) => x.language), ['en']);
      assert.equal((await events('kb.article.published', a.id)).length, 1);
      assert.equal((await state('en', 'published')).statusCode, 409, 'already published');
      assert.equal((await state('en', 'review')).statusCode, 400, 'published cannot go back to review');

      // Re-publishing with new content, and a change of visibility, reach search.
      await t.req('PUT', `/api/v1/kb/articles/${a.id}/translations/en`, { cookie: supervisor, body: { title: 'Store credit (updated)', body: '<p>Store credit lasts two years.</p>' } });
      assert.equal((await indexed(a.id))[0]?.title, 'Store credit (updated)');
      await t.req('PATCH', `/api/v1/kb/articles/${a.id}`, { cookie: supervisor, body: { visibility: 'internal' } });
      assert.equal((await indexed(a.id))[0]?.visibility, 'internal');

      assert.equal((await state('en', 'archived')).statusCode, 200);
      assert.deepEqual(await indexed(a.id), [], 'archived leaves the index');
      assert.equal((await events('kb.article.unpublished', a.id)).length, 1);
      assert.equal((await state('en', 'published')).statusCode, 400, 'archived must go back to draft first');
      assert.equal((await state('en', 'draft')).statusCode, 200);
      assert.equal((await state('xx', 'draft')).statusCode, 400);

      await state('pl', 'published');
      assert.equal((await indexed(a.id)).length, 1);
      assert.equal((await t.req('DELETE', `/api/v1/kb/articles/${a.id}`, { cookie: agent })).statusCode, 403);
      assert.equal((await t.req('DELETE', `/api/v1/kb/articles/${a.id}`, { cookie: supervisor })).statusCode, 204);
      assert.deepEqual(await indexed(a.id), [], 'deleting removes every language from search');
      assert.equal(await count('kb_versions', sql`article_id = ${a.id}`), 0);
      assert.equal((await events('kb.article.deleted', a.id)).length, 1);
    });

    test('versions: every save is a version; diff; restore makes a new one; stale saves conflict', async () => {
      const a = await create({ translations: [{ language: 'en', title: 'Parking', body: '<p>Parking is free for two hours.</p>' }] });
      const put = (title: string, body: string, baseVersion?: number) => t.req('PUT', `/api/v1/kb/articles/${a.id}/translations/en`, { cookie: supervisor, body: { title, body, baseVersion } });
      assert.equal((await put('Parking', '<p>Parking is free for three hours.</p>', 1)).statusCode, 200);
      assert.equal((await put('Parking', '<p>Parking is free for three hours.</p>')).statusCode, 200, 'an unchanged save');
      const stale = await put('Parking', '<p>Parking costs money.</p>', 1);
      assert.equal(stale.statusCode, 409, stale.body);
      const vs = (await t.req('GET', `/api/v1/kb/articles/${a.id}/translations/en/versions`, { cookie: agent })).json().items as { version: number; createdBy: string }[];
      assert.deepEqual(vs.map((v) => v.version), [2, 1], 'newest first; the unchanged save wrote nothing');
      assert.ok(vs[0]!.createdBy);

      const diff = await t.req('GET', `/api/v1/kb/articles/${a.id}/translations/en/diff?from=1&to=2`, { cookie: agent });
      assert.equal(diff.statusCode, 200, diff.body);
      const parts = diff.json().body as { kind: string; text: string }[];
      assert.deepEqual(parts.filter((x) => x.kind !== 'same').map((x) => [x.kind, x.text.trim()]), [['removed', 'two'], ['added', 'three']]);
      assert.equal((await t.req('GET', `/api/v1/kb/articles/${a.id}/translations/en/diff?from=1&to=9`, { cookie: agent })).statusCode, 404);
      assert.equal((await t.req('GET', `/api/v1/kb/articles/${a.id}/translations/en/diff?from=1&to=1`, { cookie: agent })).statusCode, 400);

      const restore = await t.req('POST', `/api/v1/kb/articles/${a.id}/translations/en/versions/1/restore`, { cookie: supervisor });
      assert.equal(restore.statusCode, 200, restore.body);
      assert.deepEqual([tr(restore.json(), 'en').version, tr(restore.json(), 'en').body], [3, '<p>Parking is free for two hours.</p>']);
      assert.equal((await t.req('POST', `/api/v1/kb/articles/${a.id}/translations/en/versions/3/restore`, { cookie: supervisor })).statusCode, 400, 'restoring the current text');
      assert.equal((await t.req('POST', `/api/v1/kb/articles/${a.id}/translations/en/versions/1/restore`, { cookie: agent })).statusCode, 403);
      const v3 = (await t.req('GET', `/api/v1/kb/articles/${a.id}/translations/en/versions`, { cookie: agent })).json().items as { version: number; reason: string }[];
      assert.deepEqual(v3.map((v) => [v.version, v.reason]), [[3, 'restore'], [2, 'edit'], [1, 'edit']]);
    });

    test('bodies are sanitized: scripts, handlers and foreign images gone; our images and safe links kept', async () => {
      const att = await t.req('POST', '/api/v1/attachments?filename=shot.png', { cookie: supervisor, body: Buffer.from('89504e470d0a1a0a', 'hex').toString('binary'), headers: { 'content-type': 'image/png' } });
      assert.equal(att.statusCode, 201, att.body);
      const attId = att.json().id as string;
      const html = `<h2>Steps</h2><script>alert(1)</script><p onclick="steal()">Hi <a href="javascript:alert(1)">bad</a> <a href="https://example.com" target="_blank">ok</a></p><img src="https://evil.example/x.png"><img src="/api/v1/attachments/${attId}?disposition=inline" alt="shot" onerror="x()"><table><tr><td>1</td></tr></table><pre><code class="language-sh">ls</code></pre>`;
      const a = await create({ translations: [{ language: 'en', title: 'Sanitize', body: html }] });
      const body = tr(a, 'en').body;
      assert.doesNotMatch(body, /script|alert|onclick|onerror|evil\.example|javascript:/);
      assert.match(body, /<h2>Steps<\/h2>/);
      assert.match(body, /<a href="https:\/\/example.com" target="_blank" rel="noopener noreferrer">ok<\/a>/);
      assert.match(body, new RegExp(`<img src="/api/v1/attachments/${attId}\\?disposition=inline" alt="shot" />`));
      assert.match(body, /<td>1<\/td>/);
      assert.match(body, /<code class="language-sh">ls<\/code>/);
      assert.deepEqual(a.attachmentIds, [attId], 'the image in the body is linked to the article');
      const versionBody = (await sql<{ body: string }>`SELECT body FROM kb_versions WHERE article_id = ${a.id}`.execute(db())).rows[0]!.body;
      assert.equal(versionBody, body, 'versions keep the sanitized text');
    });

    test('votes: one per visitor key per article and language; a changed mind moves the count', async () => {
      const a = (await t.req('GET', '/api/v1/kb/articles?limit=1&state=published', { cookie: agent })).json().items[0] as Art;
      const vote = (helpful: boolean, visitorKey?: string, language = 'cy') => t.req('POST', `/api/v1/kb/articles/${a.id}/vote`, { cookie: agent, body: { language, helpful, visitorKey } });
      const first = await vote(true, 'v1');
      assert.equal(first.statusCode, 200, first.body);
      assert.deepEqual(first.json(), { helpfulYes: 1, helpfulNo: 0, changed: true });
      assert.deepEqual((await vote(true, 'v1')).json(), { helpfulYes: 1, helpfulNo: 0, changed: false }, 'the same vote again changes nothing');
      assert.deepEqual((await Promise.all([vote(true, 'v2'), vote(true, 'v2')])).map((r) => r.json().changed).sort(), [false, true], 'a double click counts once');
      assert.deepEqual((await vote(false, 'v1')).json(), { helpfulYes: 1, helpfulNo: 1, changed: true });
      assert.deepEqual((await vote(true)).json().helpfulYes, 2, 'staff vote as themselves');
      assert.equal((await vote(true, 'v1', 'en')).json().helpfulYes, 1, 'per language');
      assert.equal((await vote(true, 'v1', 'fr')).statusCode, 404);
      assert.equal((await t.req('POST', `/api/v1/kb/articles/${a.id}/vote`, { cookie: agent, body: { language: 'cy' } })).statusCode, 400);
      assert.equal(await count('kb_votes', sql`article_id = ${a.id} AND language = 'cy'`), 3);
      const tenantId = (await t.req('GET', '/api/v1/auth/me', { cookie: agent })).json().tenant.id as string;
      const repos = createRepos(db());
      assert.equal(await viewKb({ repos }, tenantId, a.id, 'cy'), true);
      assert.equal(await viewKb({ repos }, tenantId, a.id, 'cy'), true);
      assert.equal(await viewKb({ repos }, tenantId, a.id, 'fr'), false);
      assert.equal((await repos.kbArticles.translation(tenantId, a.id, 'cy'))?.views, 2);
    });

    test('import: good rows import, bad rows are reported, nothing of a bad row is written; export round-trips', async () => {
      const before = await count('kb_articles');
      const csv = [
        'id,key,language,title,category,tags,visibility,state,body_markdown',
        ',gc,en,Gift wrapping,Extras / Wrapping,"gift,wrap",public,published,"We **wrap** gifts for £2.<script>x</script>"',
        ',gc,cy,Lapio anrhegion,Extras / Wrapping,gift,public,published,Rydyn ni’n lapio anrhegion am £2.',
        ',,xx!,Bad language,,,public,draft,text',
        ',,en,,,,public,draft,no title',
        ',,en,Bad state,,,public,gone,text',
        ',,en,No body,,,public,draft,',
        ',,en,Internal note,,,internal,review,For agents only.',
      ].join('\n');
      const r = await t.req('POST', '/api/v1/kb/imports', { cookie: supervisor, body: { format: 'csv', content: csv } });
      assert.equal(r.statusCode, 202, r.body);
      const imp = await finished(r.json().id);
      assert.deepEqual([imp.status, imp.totalRows, imp.processed, imp.imported, imp.rejected], ['done', 7, 7, 3, 4]);
      assert.deepEqual((imp.report as { row: number }[]).map((x) => x.row), [4, 5, 6, 7]);
      assert.match(imp.report[0].reason, /language/);
      assert.match(imp.report[2].reason, /state/);
      assert.match(imp.report[3].reason, /body/);
      assert.equal(await count('kb_articles'), before + 2, 'the two languages of "gc" are one article, plus the internal one');
      const gift = ((await t.req('GET', '/api/v1/kb/articles?q=Gift%20wrapping', { cookie: agent })).json().items as Art[])[0]!;
      const full = (await t.req('GET', `/api/v1/kb/articles/${gift.id}`, { cookie: agent })).json() as Art;
      assert.deepEqual(full.translations.map((x) => [x.language, x.state]), [['cy', 'published'], ['en', 'published']]);
      assert.equal(tr(full, 'en').body, '<p>We <strong>wrap</strong> gifts for £2.</p>');
      assert.deepEqual(full.tags, ['gift', 'wrap']);
      const cats = (await t.req('GET', '/api/v1/kb/categories', { cookie: agent })).json().items as { id: string; name: string; parentId: string | null }[];
      const wrapping = cats.find((c) => c.name === 'Wrapping')!;
      assert.equal(cats.find((c) => c.id === wrapping.parentId)?.name, 'Extras');
      assert.equal(full.categoryId, wrapping.id);
      assert.equal((await indexed(gift.id)).length, 2);

      const unreadable = await t.req('POST', '/api/v1/kb/imports', { cookie: supervisor, body: { format: 'csv', content: 'a,b\n1,2' } });
      assert.equal(unreadable.statusCode, 400, unreadable.body);
      assert.equal((await t.req('POST', '/api/v1/kb/imports', { cookie: agent, body: { format: 'csv', content: 'x' } })).statusCode, 403);

      // Markdown files with front-matter; a broken one is reported.
      const md = await t.req('POST', '/api/v1/kb/imports', { cookie: supervisor, body: { format: 'markdown', files: [
        { name: 'a.md', content: '---\ntitle: Loyalty points\nlanguage: en\ntags: [points]\nstate: review\n---\n# Points\n\nOne point per **pound**.' },
        { name: 'b.md', content: '---\ntitle: [unclosed\n---\nbody' },
      ] } });
      assert.equal(md.statusCode, 202, md.body);
      const mdImp = await finished(md.json().id);
      assert.deepEqual([mdImp.imported, mdImp.rejected, mdImp.report[0].row], [1, 1, 2]);

      const exp = await t.req('GET', '/api/v1/kb/export?format=markdown&language=cy', { cookie: supervisor });
      assert.equal(exp.statusCode, 200, exp.body);
      const files = exp.json().files as { name: string; content: string }[];
      const wrapFile = files.find((f) => f.content.includes('Lapio anrhegion'))!;
      assert.match(wrapFile.content, /^---\n[\s\S]*language: cy[\s\S]*category: Extras \/ Wrapping[\s\S]*---\n/);
      const csvOut = await t.req('GET', '/api/v1/kb/export?format=csv', { cookie: supervisor });
      assert.equal(csvOut.statusCode, 200);
      assert.match(csvOut.headers['content-type'] as string, /text\/csv/);
      assert.match(csvOut.body, /We \*\*wrap\*\* gifts for £2\./);
      // Re-importing the export changes nothing (same text: no new versions).
      const versions = await count('kb_versions');
      const again = await t.req('POST', '/api/v1/kb/imports', { cookie: supervisor, body: { format: 'markdown', files: [wrapFile] } });
      assert.equal((await finished(again.json().id)).imported, 1);
      assert.equal(await count('kb_versions'), versions, 'an unchanged text writes no version');
    });
  });
}
