import type { Repos } from '../../storage/repos.ts';
import type { IdGen } from '../context.ts';
import { draftEvent } from '../events/draft.ts';
import { demoKbArticles, demoKbCategories } from './demo-articles.ts';
import { sanitizeKbHtml } from './sanitize.ts';
import { articleEvent, saveTranslation, type KbWriteCtx } from './write.ts';

// Demo content revision 2 (15 articles). test/helpers/db.ts fingerprints this file, not demo-articles.ts:
// change this line whenever demo-articles.ts changes, so test templates are rebuilt.

/**
 * The demo knowledge base (src/seed.ts): five categories and their articles, published in all six
 * languages, each text indexed for search through the same hook as an editor's publish.
 */
export async function seedDemoKb(r: Repos, tenantId: string, newId: IdGen, now: Date, authorId: string | null = null): Promise<Map<string, string>> {
  const c: KbWriteCtx = { tenantId, actorId: authorId, now, newId };
  const categories = new Map<string, string>();
  for (const [position, cat] of demoKbCategories.entries()) {
    const id = newId();
    const { en, ...names } = cat.names;
    await r.kbCategories.insert({ id, tenantId, parentId: null, name: en, names, description: '', position, at: now });
    await r.events.append(tenantId, [draftEvent(newId, { type: 'kb.category.created', aggregateType: 'kb_category', aggregateId: id, actorId: authorId, payload: { name: en, parentId: null } })], now);
    categories.set(cat.key, id);
  }
  const articles = new Map<string, string>();
  for (const a of demoKbArticles) {
    const id = newId();
    await r.kbArticles.insert({ id, tenantId, categoryId: categories.get(a.category) ?? null, visibility: a.visibility, tags: a.tags, relatedIds: [], createdBy: authorId, at: now });
    await r.events.append(tenantId, [articleEvent(c, 'kb.article.created', id, { languages: Object.keys(a.texts), visibility: a.visibility, source: 'seed' })], now);
    const row = (await r.kbArticles.byId(tenantId, id))!;
    for (const [language, t] of Object.entries(a.texts)) {
      await saveTranslation(r, c, row, { language, title: t.title, body: sanitizeKbHtml(t.body), state: 'published' }, 'seed');
    }
    articles.set(a.key, id);
  }
  // Related articles within each category.
  for (const a of demoKbArticles) {
    const related = demoKbArticles.filter((b) => b.category === a.category && b.key !== a.key).map((b) => articles.get(b.key)!);
    if (related.length) await r.kbArticles.update(tenantId, articles.get(a.key)!, { relatedIds: related }, now);
  }
  return articles;
}
