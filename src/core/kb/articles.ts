import type { KbArticleCreate, KbArticlePatch, KbState } from '../../contracts/kb.ts';
import type { KbArticleRow, KbListArgs, KbTranslationRow, KbTranslationSummary } from '../../storage/kb-articles.repo.ts';
import type { Repos } from '../../storage/repos.ts';
import type { Principal } from '../auth/principal.ts';
import type { CoreDeps } from '../deps.ts';
import { invalid, notFound } from '../errors.ts';
import { kbIndex } from '../kb-search/index-port.ts';
import { attachmentIdsIn, sanitizeKbHtml } from './sanitize.ts';
import { articleEvent, changeState, saveTranslation, syncAllIndex, syncIndex, type KbWriteCtx } from './write.ts';

export interface KbArticleFull extends KbArticleRow {
  translations: KbTranslationRow[];
  attachmentIds: string[];
}
export interface KbArticleListItem extends KbArticleRow {
  translations: KbTranslationSummary[];
}
type CreateInput = { categoryId: string | null; visibility: 'public' | 'internal'; tags: string[]; relatedIds: string[]; attachmentIds: string[]; translations: { language: string; title: string; body: string }[] };
type PatchInput = { [K in keyof KbArticlePatch]?: Exclude<KbArticlePatch[K], undefined> } & { tags?: string[] };

async function checkRefs(r: Repos, tenantId: string, self: string, p: { categoryId?: string | null; relatedIds?: string[]; attachmentIds?: string[] }): Promise<void> {
  const issues: { path: string; message: string }[] = [];
  if (p.categoryId && !(await r.kbCategories.byId(tenantId, p.categoryId))) issues.push({ path: 'categoryId', message: 'no such category' });
  if (p.relatedIds?.length) {
    const have = new Set(await r.kbArticles.existing(tenantId, p.relatedIds));
    p.relatedIds.forEach((id, i) => {
      if (id === self) issues.push({ path: `relatedIds.${i}`, message: 'an article cannot be related to itself' });
      else if (!have.has(id)) issues.push({ path: `relatedIds.${i}`, message: 'no such article' });
    });
  }
  for (const [i, id] of (p.attachmentIds ?? []).entries()) {
    if (!(await r.attachments.byId(tenantId, id))) issues.push({ path: `attachmentIds.${i}`, message: 'no such attachment' });
  }
  if (issues.length) throw invalid(`The article refers to what does not exist: ${issues.map((x) => `${x.path} (${x.message})`).join(', ')}`, issues);
}

/** Links the attachments given and those that images in the bodies show (when they are the workspace's). */
async function linkFiles(r: Repos, tenantId: string, articleId: string, given: string[], bodies: string[]): Promise<void> {
  const fromBodies: string[] = [];
  for (const id of new Set(bodies.flatMap(attachmentIdsIn))) if (await r.attachments.byId(tenantId, id)) fromBodies.push(id);
  await r.kbArticles.linkAttachments(tenantId, articleId, [...new Set([...given, ...fromBodies])]);
}

/** Articles and their translations: list, read, create, change, state, delete. */
export function kbArticleActions(d: CoreDeps) {
  const ctx = (p: Principal): KbWriteCtx => ({ tenantId: p.tenantId, actorId: p.userId, now: d.clock.now(), newId: d.newId });
  const locked = async (r: Repos, p: Principal, id: string) => {
    const a = await r.kbArticles.lock(p.tenantId, id);
    if (!a) throw notFound('Article');
    return a;
  };

  async function getArticle(p: Principal, id: string): Promise<KbArticleFull> {
    const a = await d.repos.kbArticles.byId(p.tenantId, id);
    if (!a) throw notFound('Article');
    const [translations, attachmentIds] = await Promise.all([d.repos.kbArticles.translations(p.tenantId, id), d.repos.kbArticles.attachmentIds(p.tenantId, id)]);
    return { ...a, translations, attachmentIds };
  }

  return {
    getArticle,

    async listArticles(p: Principal, args: KbListArgs) {
      const page = await d.repos.kbArticles.list(p.tenantId, args);
      const all = await d.repos.kbArticles.summaries(p.tenantId, page.items.map((a) => a.id));
      const items: KbArticleListItem[] = page.items.map((a) => ({ ...a, translations: all.filter((t) => t.articleId === a.id) }));
      return { items, nextCursor: page.nextCursor };
    },

    async createArticle(p: Principal, input: CreateInput) {
      const langs = input.translations.map((t) => t.language);
      const dup = langs.find((l, i) => langs.indexOf(l) !== i);
      if (dup) throw invalid(`Two texts in ${dup}; an article has one per language`, [{ path: 'translations', message: `duplicate language ${dup}` }]);
      const id = d.newId();
      const c = ctx(p);
      const texts = input.translations.map((t) => ({ ...t, body: sanitizeKbHtml(t.body) }));
      await d.uow(async (r) => {
        await checkRefs(r, p.tenantId, id, input);
        await r.kbArticles.insert({ id, tenantId: p.tenantId, categoryId: input.categoryId, visibility: input.visibility, tags: input.tags, relatedIds: input.relatedIds, createdBy: p.userId, at: c.now });
        await r.events.append(p.tenantId, [articleEvent(c, 'kb.article.created', id, { languages: langs, visibility: input.visibility, categoryId: input.categoryId })], c.now);
        const a = (await r.kbArticles.byId(p.tenantId, id))!;
        for (const t of texts) await saveTranslation(r, c, a, t, 'edit');
        await linkFiles(r, p.tenantId, id, input.attachmentIds, texts.map((t) => t.body));
      });
      return getArticle(p, id);
    },

    /** Category, visibility, tags, related articles, attachments; search is told when published texts are affected. */
    async updateArticle(p: Principal, id: string, patch: PatchInput) {
      const c = ctx(p);
      await d.uow(async (r) => {
        const a = await locked(r, p, id);
        await checkRefs(r, p.tenantId, id, patch);
        await r.kbArticles.update(p.tenantId, id, patch, c.now);
        if (patch.attachmentIds) await r.kbArticles.linkAttachments(p.tenantId, id, patch.attachmentIds);
        await r.events.append(p.tenantId, [articleEvent(c, 'kb.article.updated', id, { fields: Object.keys(patch) })], c.now);
        // Search shows visibility, category and tags: published texts are put again when one of them changed.
        const changed = (patch.visibility !== undefined && patch.visibility !== a.visibility) || (patch.categoryId !== undefined && patch.categoryId !== a.categoryId) || (patch.tags !== undefined && patch.tags.join() !== a.tags.join());
        if (changed) await syncAllIndex(r, p.tenantId, id);
      });
      return getArticle(p, id);
    },

    /** Writes one language's title and body (a new version); creates the translation when it is new. */
    async saveTranslation(p: Principal, id: string, language: string, input: { title: string; body: string; baseVersion?: number }) {
      const c = ctx(p);
      const body = sanitizeKbHtml(input.body);
      await d.uow(async (r) => {
        const a = await locked(r, p, id);
        await saveTranslation(r, c, a, { language, title: input.title, body, baseVersion: input.baseVersion }, 'edit');
        await linkFiles(r, p.tenantId, id, [], [body]);
        await r.kbArticles.update(p.tenantId, id, {}, c.now);
      });
      return getArticle(p, id);
    },

    async setState(p: Principal, id: string, language: string, state: KbState) {
      const c = ctx(p);
      await d.uow(async (r) => {
        const a = await locked(r, p, id);
        await changeState(r, c, a, language, state);
      });
      return getArticle(p, id);
    },

    /** Removes one language (its versions stay until the article is deleted). */
    async removeTranslation(p: Principal, id: string, language: string) {
      const c = ctx(p);
      await d.uow(async (r) => {
        const a = await locked(r, p, id);
        const t = await r.kbArticles.translation(p.tenantId, id, language);
        if (!t) throw notFound(`The ${language} text of this article`);
        const left = (await r.kbArticles.translations(p.tenantId, id)).length;
        if (left <= 1) throw invalid('This is the article\'s only language; delete the article instead', [{ path: 'language', message: 'last translation' }]);
        await r.kbArticles.removeTranslation(p.tenantId, id, language);
        const events = [articleEvent(c, 'kb.article.translation_deleted', id, { language })];
        if (t.state === 'published') events.push(articleEvent(c, 'kb.article.unpublished', id, { language, to: 'deleted' }));
        await r.events.append(p.tenantId, events, c.now);
        await syncIndex(r, a, undefined, language);
      });
      return getArticle(p, id);
    },

    async removeArticle(p: Principal, id: string) {
      const c = ctx(p);
      await d.uow(async (r) => {
        const a = await locked(r, p, id);
        const langs = (await r.kbArticles.translations(p.tenantId, id)).map((t) => t.language);
        await kbIndex(r).remove(p.tenantId, id);
        await r.kbArticles.dropRelated(p.tenantId, id);
        await r.kbArticles.remove(p.tenantId, id);
        await r.events.append(p.tenantId, [articleEvent(c, 'kb.article.deleted', id, { languages: langs, categoryId: a.categoryId })], c.now);
      });
    },
  };
}
export type { CreateInput as KbCreateInput };
