import assert from 'node:assert/strict';
import { v7 as uuidv7 } from 'uuid';
import type { IsolationArea, IsolationContext } from './area.ts';

const F = { title: 'Foreign help center psi', domain: 'foreign-help-psi.example', article: 'Foreign help article omega' };
const ids = { article: '' };

/**
 * Tenant B's help center (settings, a custom domain, a published public article): A's admin API
 * shows none of it, and A's public help center never serves B's article. No /api/v1 route takes an id.
 */
export const helpCenterArea: IsolationArea = {
  name: 'help-center',
  routes: {},
  foreignStrings: [F.title, F.domain, F.article],
  async seed(c: IsolationContext) {
    const now = new Date();
    await c.repos.helpCenter.saveSettings(c.tenantB, { enabled: true, titles: { en: F.title }, themeColor: '#000000', logoUrl: null, defaultLanguage: 'en', chatInboxId: null, contactForm: true }, 'foreign-secret', now);
    await c.repos.helpCenter.replaceDomains(c.tenantB, [F.domain], now);
    ids.article = uuidv7();
    await c.repos.kbArticles.insert({ id: ids.article, tenantId: c.tenantB, categoryId: null, visibility: 'public', tags: [], relatedIds: [], createdBy: c.userB, at: now });
    await c.repos.kbArticles.insertTranslation({ tenantId: c.tenantB, articleId: ids.article, language: 'en', title: F.article, body: '<p>omega</p>', state: 'published', publishedAt: now, by: c.userB, at: now });
  },
  params: () => [],
  listUrls: () => ['/api/v1/help-center/settings'],
  async untouched(c: IsolationContext) {
    const s = await c.repos.helpCenter.settings(c.tenantB);
    assert.equal(s?.titles.en, F.title);
    assert.deepEqual(await c.repos.helpCenter.domains(c.tenantB), [F.domain]);
    // A's public help center does not serve B's article, under any language.
    const r = await c.t.req('GET', `/help/demo/en/articles/${ids.article}`);
    assert.equal(r.statusCode, 404);
    assert.ok(!r.body.includes(F.article));
  },
};
