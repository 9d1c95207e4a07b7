import type { KbArticle, KbArticleSummary, KbCategory, KbImport, KbVersion } from '../../../contracts/kb.ts';
import type { KbArticleFull, KbArticleListItem } from '../../../core/kb/articles.ts';
import type { KbCategoryRow } from '../../../storage/kb-categories.repo.ts';
import type { KbImportRow } from '../../../storage/kb-imports.repo.ts';
import type { KbTranslationSummary } from '../../../storage/kb-articles.repo.ts';
import type { KbVersionRow } from '../../../storage/kb-versions.repo.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const kbCategoryDto = (c: KbCategoryRow): KbCategory => ({
  id: c.id, parentId: c.parentId, name: c.name, names: c.names, description: c.description, position: c.position, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString(),
});

const summaryDto = (t: KbTranslationSummary) => ({
  language: t.language, title: t.title, state: t.state, version: t.version, publishedAt: iso(t.publishedAt), views: t.views, helpfulYes: t.helpfulYes, helpfulNo: t.helpfulNo, updatedBy: t.updatedBy, updatedAt: t.updatedAt.toISOString(),
});

const articleBase = (a: KbArticleListItem | KbArticleFull) => ({
  id: a.id, categoryId: a.categoryId, visibility: a.visibility, tags: a.tags, relatedIds: a.relatedIds, createdBy: a.createdBy, createdAt: a.createdAt.toISOString(), updatedAt: a.updatedAt.toISOString(),
});

export const kbArticleSummaryDto = (a: KbArticleListItem): KbArticleSummary => ({ ...articleBase(a), translations: a.translations.map(summaryDto) });
export const kbArticleDto = (a: KbArticleFull): KbArticle => ({
  ...articleBase(a),
  translations: a.translations.map((t) => ({ ...summaryDto(t), body: t.body })),
  attachmentIds: a.attachmentIds,
});

export const kbVersionDto = (v: KbVersionRow): KbVersion => ({
  id: v.id, language: v.language, version: v.version, title: v.title, body: v.body, reason: v.reason, createdBy: v.createdBy, createdAt: v.createdAt.toISOString(),
});

export const kbImportDto = (i: KbImportRow): KbImport => ({
  id: i.id, format: i.format, status: i.status, totalRows: i.totalRows, processed: i.processed, imported: i.imported, rejected: i.rejected, report: i.report, error: i.error, createdAt: i.createdAt.toISOString(), finishedAt: iso(i.finishedAt),
});
