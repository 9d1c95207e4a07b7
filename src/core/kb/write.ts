import { languages } from '../../contracts/common.ts';
import type { KbArticleRow, KbState, KbTranslationRow } from '../../storage/kb-articles.repo.ts';
import type { KbVersionReason } from '../../storage/kb-versions.repo.ts';
import type { Repos } from '../../storage/repos.ts';
import type { IdGen } from '../context.ts';
import { conflict, invalid } from '../errors.ts';
import { draftEvent } from '../events/draft.ts';
import { kbIndex } from '../kb-search/index-port.ts';
import { kbPlainText } from './sanitize.ts';

/** Who writes, when, and the id generator: the context of every change inside one unit of work. */
export interface KbWriteCtx {
  tenantId: string;
  actorId: string | null;
  now: Date;
  newId: IdGen;
}

export const articleEvent = (c: KbWriteCtx, type: string, articleId: string, payload: Record<string, unknown>) =>
  draftEvent(c.newId, { type, aggregateType: 'kb_article', aggregateId: articleId, actorId: c.actorId, payload });

/** Which state may follow which. Publishing straight from draft is allowed (an editor with kb.manage reviews as they go). */
export const kbTransitions: Record<KbState, readonly KbState[]> = {
  draft: ['review', 'published', 'archived'],
  review: ['draft', 'published', 'archived'],
  published: ['draft', 'archived'],
  archived: ['draft'],
};

const searchLanguages = new Set<string>(languages);

/** Search follows the published translations: put when published, remove otherwise. */
export async function syncIndex(r: Repos, a: KbArticleRow, t: KbTranslationRow | undefined, language: string): Promise<void> {
  // Search knows the app's six languages; a text in any other language is kept and served, not searched.
  if (!t || t.state !== 'published' || !searchLanguages.has(language)) {
    await kbIndex(r).remove(a.tenantId, a.id, language);
    return;
  }
  await kbIndex(r).put({
    tenantId: a.tenantId,
    articleId: a.id,
    language: t.language,
    title: t.title,
    text: kbPlainText(t.body),
    tags: a.tags,
    visibility: a.visibility,
    categoryId: a.categoryId,
    helpful: { yes: t.helpfulYes, no: t.helpfulNo },
    views: t.views,
    publishedAt: t.publishedAt ?? a.updatedAt,
  });
}

/** Re-puts every published translation (after the article's visibility, category or tags changed). */
export async function syncAllIndex(r: Repos, tenantId: string, articleId: string): Promise<void> {
  const a = (await r.kbArticles.byId(tenantId, articleId))!;
  for (const t of await r.kbArticles.translations(tenantId, articleId)) {
    if (t.state === 'published') await syncIndex(r, a, t, t.language);
  }
}

/**
 * Saves one language of an article (its body already sanitized): a new translation starts as a
 * draft at version 1; a change writes the next version. Every save writes an immutable version
 * row. An unchanged title and body write nothing. A published translation is re-indexed.
 */
export async function saveTranslation(
  r: Repos,
  c: KbWriteCtx,
  a: KbArticleRow,
  input: { language: string; title: string; body: string; baseVersion?: number; state?: KbState },
  reason: KbVersionReason,
): Promise<{ translation: KbTranslationRow; changed: boolean }> {
  const before = await r.kbArticles.translation(c.tenantId, a.id, input.language);
  if (before && input.baseVersion !== undefined && input.baseVersion !== before.version) {
    throw conflict(`The ${input.language} text was saved by someone else meanwhile (version ${before.version}, you started from ${input.baseVersion}); reload it, then apply your change again`);
  }
  if (!before && input.baseVersion !== undefined && input.baseVersion !== 1) {
    throw conflict(`There is no ${input.language} text yet; save it without baseVersion`);
  }
  let version = 1;
  if (!before) {
    const state = input.state ?? 'draft';
    await r.kbArticles.insertTranslation({ tenantId: c.tenantId, articleId: a.id, language: input.language, title: input.title, body: input.body, state, publishedAt: state === 'published' ? c.now : null, by: c.actorId, at: c.now });
  } else {
    if (before.title === input.title && before.body === input.body && (input.state === undefined || input.state === before.state)) return { translation: before, changed: false };
    version = before.version + 1;
    const state = input.state && input.state !== before.state ? input.state : undefined;
    await r.kbArticles.updateTranslation(c.tenantId, a.id, input.language, {
      title: input.title, body: input.body, version, by: c.actorId, at: c.now,
      ...(state && { state, ...(state === 'published' && { publishedAt: c.now }) }),
    });
  }
  await r.kbVersions.insert({ id: c.newId(), tenantId: c.tenantId, articleId: a.id, language: input.language, version, title: input.title, body: input.body, reason, createdBy: c.actorId, at: c.now });
  const after = (await r.kbArticles.translation(c.tenantId, a.id, input.language))!;
  const events = [articleEvent(c, 'kb.article.updated', a.id, { language: input.language, version, reason, created: !before })];
  if (after.state === 'published' && before?.state !== 'published') events.push(articleEvent(c, 'kb.article.published', a.id, { language: input.language, version }));
  await r.events.append(c.tenantId, events, c.now);
  if (after.state === 'published' || before?.state === 'published') await syncIndex(r, a, after, input.language);
  return { translation: after, changed: true };
}

/** Moves one translation to another state, by the transition table; publishing stamps publishedAt. */
export async function changeState(r: Repos, c: KbWriteCtx, a: KbArticleRow, language: string, to: KbState): Promise<KbTranslationRow> {
  const t = await r.kbArticles.translation(c.tenantId, a.id, language);
  if (!t) throw invalid(`The article has no ${language} text; write it first`, [{ path: 'language', message: 'no such translation' }]);
  if (t.state === to) throw conflict(`The ${language} text is already ${to}`);
  if (!kbTransitions[t.state].includes(to)) {
    throw invalid(`A ${t.state} article cannot become ${to}; from ${t.state} it may become ${kbTransitions[t.state].join(' or ')}`, [{ path: 'state', message: `not allowed from ${t.state}` }]);
  }
  await r.kbArticles.updateTranslation(c.tenantId, a.id, language, { state: to, ...(to === 'published' && { publishedAt: c.now }), by: c.actorId, at: c.now });
  const after = (await r.kbArticles.translation(c.tenantId, a.id, language))!;
  const events = [articleEvent(c, 'kb.article.state_changed', a.id, { language, from: t.state, to })];
  if (to === 'published') events.push(articleEvent(c, 'kb.article.published', a.id, { language, version: t.version }));
  if (t.state === 'published') events.push(articleEvent(c, 'kb.article.unpublished', a.id, { language, to }));
  await r.events.append(c.tenantId, events, c.now);
  if (to === 'published' || t.state === 'published') await syncIndex(r, a, after, language);
  return after;
}
