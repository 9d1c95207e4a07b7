import assert from 'node:assert/strict';
import { v7 as uuidv7 } from 'uuid';
import type { IsolationArea, IsolationContext } from './area.ts';

const F = { category: 'Foreign kb category kappa', title: 'Foreign kb article lambda', body: 'Foreign kb body mu', tag: 'foreign-kb-nu' };
const ids = { category: '', article: '', articleA: '', importB: '' };

/** Tenant B's knowledge base (categories, an article with a version and a vote, an import), walked by tenant A. */
export const kbArea: IsolationArea = {
  name: 'kb',
  routes: {
    'GET /api/v1/kb/categories/:id': 'kb.read',
    'PATCH /api/v1/kb/categories/:id': 'kb.manage',
    'DELETE /api/v1/kb/categories/:id': 'kb.manage',
    'POST /api/v1/kb/categories/:id/move': 'kb.manage',
    'GET /api/v1/kb/articles/:id': 'kb.read',
    'PATCH /api/v1/kb/articles/:id': 'kb.manage',
    'DELETE /api/v1/kb/articles/:id': 'kb.manage',
    'PUT /api/v1/kb/articles/:id/translations/:language': 'kb.manage',
    'DELETE /api/v1/kb/articles/:id/translations/:language': 'kb.manage',
    'POST /api/v1/kb/articles/:id/translations/:language/state': 'kb.manage',
    'GET /api/v1/kb/articles/:id/translations/:language/versions': 'kb.read',
    'GET /api/v1/kb/articles/:id/translations/:language/diff': 'kb.read',
    'POST /api/v1/kb/articles/:id/translations/:language/versions/:version/restore': 'kb.manage',
    'POST /api/v1/kb/articles/:id/vote': 'kb.read',
    'GET /api/v1/kb/imports/:id': 'kb.manage',
  },
  foreignStrings: [F.category, F.title, F.body, F.tag],
  async seed(c: IsolationContext) {
    const now = new Date();
    ids.category = uuidv7();
    await c.repos.kbCategories.insert({ id: ids.category, tenantId: c.tenantB, parentId: null, name: F.category, names: {}, description: '', position: 0, at: now });
    ids.article = uuidv7();
    await c.repos.kbArticles.insert({ id: ids.article, tenantId: c.tenantB, categoryId: ids.category, visibility: 'public', tags: [F.tag], relatedIds: [], createdBy: c.userB, at: now });
    await c.repos.kbArticles.insertTranslation({ tenantId: c.tenantB, articleId: ids.article, language: 'en', title: F.title, body: `<p>${F.body}</p>`, state: 'published', publishedAt: now, by: c.userB, at: now });
    for (const version of [1, 2]) {
      await c.repos.kbVersions.insert({ id: uuidv7(), tenantId: c.tenantB, articleId: ids.article, language: 'en', version, title: F.title, body: `<p>${F.body} ${version}</p>`, reason: 'edit', createdBy: c.userB, at: now });
    }
    await c.repos.kbArticles.updateTranslation(c.tenantB, ids.article, 'en', { version: 2, by: c.userB, at: now });
    ids.importB = uuidv7();
    await c.repos.kbImports.insert({ id: ids.importB, tenantId: c.tenantB, format: 'csv', rows: [{ row: 2, title: F.title, error: 'x' }], report: [], createdBy: c.userB, at: now });
    // One of A's own, to point at B's category and article.
    const mine = await c.t.req('POST', '/api/v1/kb/articles', { cookie: c.cookies.admin, body: { translations: [{ language: 'en', title: 'Own kb article', body: 'ours' }] } });
    assert.equal(mine.statusCode, 201, mine.body);
    ids.articleA = mine.json().id;
  },
  params(route) {
    if (route.includes('/kb/categories/')) return [{ id: ids.category }];
    if (route.includes('/kb/imports/')) return [{ id: ids.importB }];
    if (route.includes(':version')) return [{ id: ids.article, language: 'en', version: '1' }];
    if (route.includes(':language')) return [{ id: ids.article, language: 'en' }];
    return [{ id: ids.article }];
  },
  bodies: () => ({
    'PATCH /api/v1/kb/categories/:id': { name: 'taken over' },
    'POST /api/v1/kb/categories/:id/move': { parentId: null, position: 3 },
    'PATCH /api/v1/kb/articles/:id': { tags: ['taken-over'] },
    'PUT /api/v1/kb/articles/:id/translations/:language': { title: 'taken over', body: 'taken over' },
    'POST /api/v1/kb/articles/:id/translations/:language/state': { state: 'archived' },
    'POST /api/v1/kb/articles/:id/vote': { language: 'en', helpful: false, visitorKey: 'isolation' },
  }),
  listUrls: () => ['/api/v1/kb/categories', '/api/v1/kb/articles?limit=200', `/api/v1/kb/articles?q=${encodeURIComponent(F.title)}`, '/api/v1/kb/imports', '/api/v1/kb/export?format=markdown', '/api/v1/kb/export?format=csv'],
  async untouched(c) {
    // A's own article cannot be put in B's category, nor related to B's article.
    const cat = await c.t.req('PATCH', `/api/v1/kb/articles/${ids.articleA}`, { cookie: c.cookies.admin, body: { categoryId: ids.category } });
    assert.equal(cat.statusCode, 400, cat.body);
    const rel = await c.t.req('PATCH', `/api/v1/kb/articles/${ids.articleA}`, { cookie: c.cookies.admin, body: { relatedIds: [ids.article] } });
    assert.equal(rel.statusCode, 400, rel.body);
    const sec = await c.t.req('POST', '/api/v1/kb/categories', { cookie: c.cookies.admin, body: { name: 'x', parentId: ids.category } });
    assert.equal(sec.statusCode, 400, sec.body);
    assert.equal((await c.repos.kbCategories.byId(c.tenantB, ids.category))?.name, F.category);
    assert.equal(await c.repos.kbCategories.byId(c.tenantA, ids.category), undefined);
    const a = await c.repos.kbArticles.byId(c.tenantB, ids.article);
    assert.deepEqual([a?.tags, a?.visibility], [[F.tag], 'public']);
    assert.equal(await c.repos.kbArticles.byId(c.tenantA, ids.article), undefined);
    const t = await c.repos.kbArticles.translation(c.tenantB, ids.article, 'en');
    assert.deepEqual([t?.title, t?.state, t?.version, t?.helpfulNo], [F.title, 'published', 2, 0]);
    assert.equal((await c.repos.kbVersions.list(c.tenantB, ids.article, 'en', { limit: 10 })).items.length, 2, 'no version was added');
    assert.deepEqual((await c.repos.kbVersions.list(c.tenantA, ids.article, 'en', { limit: 10 })).items, []);
    assert.equal((await c.repos.kbImports.byId(c.tenantB, ids.importB))?.status, 'queued');
    assert.equal(await c.repos.kbImports.byId(c.tenantA, ids.importB), undefined);
  },
};
