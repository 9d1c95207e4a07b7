import assert from 'node:assert/strict';
import { v7 as uuidv7 } from 'uuid';
import { kbIndex } from '../../src/core/kb-search/index-port.ts';
import type { IsolationArea, IsolationContext } from './area.ts';

const F = { title: 'Foreign zanzibarite handbook', text: 'Foreign quokkafish instructions for tenant B only', synonym: 'foreign-xylophonist' };
const ids = { article: '', synonym: '' };

/** Tenant B's indexed articles and synonym groups, walked by tenant A. */
export const kbSearchArea: IsolationArea = {
  name: 'kb-search',
  routes: {
    'GET /api/v1/conversations/:id/kb-suggestions': 'kb.read',
    'PUT /api/v1/kb/synonyms/:id': 'kb.manage',
    'DELETE /api/v1/kb/synonyms/:id': 'kb.manage',
  },
  foreignStrings: [F.title, F.synonym, 'quokkafish'],
  async seed(c: IsolationContext) {
    ids.article = uuidv7();
    await kbIndex(c.repos).put({ tenantId: c.tenantB, articleId: ids.article, language: 'en', title: F.title, text: F.text, tags: [], visibility: 'public', categoryId: null, helpful: { yes: 0, no: 0 }, views: 0, publishedAt: new Date() });
    ids.synonym = uuidv7();
    await c.repos.kbSearch.insertSynonym({ id: ids.synonym, tenantId: c.tenantB, terms: [F.synonym, 'zanzibarite'], at: new Date() });
  },
  params(route, c) {
    if (route.includes('/synonyms/')) return [{ id: ids.synonym }];
    return [{ id: c.conversationB }];
  },
  bodies: () => ({ 'PUT /api/v1/kb/synonyms/:id': { terms: ['taken', 'over'] } }),
  listUrls: () => ['/api/v1/kb/search?q=zanzibarite', '/api/v1/kb/search?q=quokkafish%20handbook', `/api/v1/kb/search?q=${F.synonym}`, '/api/v1/kb/synonyms?limit=200'],
  async untouched(c) {
    assert.deepEqual((await c.repos.kbSearch.synonymById(c.tenantB, ids.synonym))?.terms, [F.synonym, 'zanzibarite']);
    assert.equal(await c.repos.kbSearch.synonymById(c.tenantA, ids.synonym), undefined);
    assert.equal((await c.repos.kbSearch.search(c.tenantB, { any: "'zanzibarite'", all: null }, { visibility: ['public'], queryLanguage: 'en', limit: 5 })).length, 1, "B's article is still indexed");
  },
};
