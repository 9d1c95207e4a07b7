import { z } from 'zod';
import { listQuery } from './common.ts';

/** Knowledge base articles: categories, articles, translations, versions, votes, import/export. */

export const kbStates = ['draft', 'review', 'published', 'archived'] as const;
export type KbState = (typeof kbStates)[number];
export const kbVisibilities = ['public', 'internal'] as const;
export type KbVisibility = (typeof kbVisibilities)[number];

/** A BCP-47 language tag, in its canonical form ("zh-hans" → "zh-Hans"). */
export const kbLanguage = z
  .string()
  .trim()
  .min(2)
  .max(35)
  .transform((s, ctx) => {
    try {
      const [tag] = Intl.getCanonicalLocales(s);
      if (tag && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(tag)) return tag;
    } catch {
      // reported below
    }
    ctx.addIssue({ code: 'custom', message: 'not a language tag; use e.g. en, cy, pl, hi, zh-Hans or zh-Hant' });
    return z.NEVER;
  });

const tag = z.string().trim().toLowerCase().min(1).max(40);
export const kbTags = z.array(tag).max(30).transform((t) => [...new Set(t)]);

export const kbCategory = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  name: z.string(),
  names: z.record(z.string(), z.string()),
  description: z.string(),
  position: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type KbCategory = z.infer<typeof kbCategory>;

export const kbCategoryBody = z
  .object({
    parentId: z.uuid().nullable().default(null),
    name: z.string().trim().min(1).max(120),
    names: z.record(z.string().min(2).max(35), z.string().trim().min(1).max(120)).default({}),
    description: z.string().trim().max(1000).default(''),
    position: z.number().int().min(0).max(100000).default(0),
  })
  .strict();
export const kbCategoryPatch = z
  .object({
    name: z.string().trim().min(1).max(120),
    names: z.record(z.string().min(2).max(35), z.string().trim().min(1).max(120)),
    description: z.string().trim().max(1000),
  })
  .partial()
  .strict();
export const kbCategoryMove = z.object({ parentId: z.uuid().nullable(), position: z.number().int().min(0).max(100000) }).strict();

export const kbTranslationSummary = z.object({
  language: z.string(),
  title: z.string(),
  state: z.enum(kbStates),
  version: z.number().int(),
  publishedAt: z.iso.datetime().nullable(),
  views: z.number().int(),
  helpfulYes: z.number().int(),
  helpfulNo: z.number().int(),
  updatedBy: z.uuid().nullable(),
  updatedAt: z.iso.datetime(),
});
export const kbTranslation = kbTranslationSummary.extend({ body: z.string() });
export type KbTranslation = z.infer<typeof kbTranslation>;

export const kbArticleSummary = z.object({
  id: z.uuid(),
  categoryId: z.uuid().nullable(),
  visibility: z.enum(kbVisibilities),
  tags: z.array(z.string()),
  relatedIds: z.array(z.uuid()),
  createdBy: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  translations: z.array(kbTranslationSummary),
});
export type KbArticleSummary = z.infer<typeof kbArticleSummary>;
export const kbArticle = kbArticleSummary.extend({ translations: z.array(kbTranslation), attachmentIds: z.array(z.uuid()) });
export type KbArticle = z.infer<typeof kbArticle>;

const title = z.string().trim().min(1).max(200);
/** HTML; sanitized by the server (scripts, handlers and foreign images removed). */
const body = z.string().max(200000);

export const kbTranslationBody = z
  .object({
    title,
    body,
    /** The version the editor started from; a save over a newer one is refused (409). */
    baseVersion: z.number().int().min(1).optional(),
  })
  .strict();
export type KbTranslationBody = z.input<typeof kbTranslationBody>;

export const kbArticleCreate = z
  .object({
    categoryId: z.uuid().nullable().default(null),
    visibility: z.enum(kbVisibilities).default('public'),
    tags: kbTags.default([]),
    relatedIds: z.array(z.uuid()).max(20).default([]),
    attachmentIds: z.array(z.uuid()).max(50).default([]),
    translations: z.array(z.object({ language: kbLanguage, title, body }).strict()).min(1).max(50),
  })
  .strict();
export type KbArticleCreate = z.input<typeof kbArticleCreate>;

export const kbArticlePatch = z
  .object({
    categoryId: z.uuid().nullable(),
    visibility: z.enum(kbVisibilities),
    tags: kbTags,
    relatedIds: z.array(z.uuid()).max(20),
    attachmentIds: z.array(z.uuid()).max(50),
  })
  .partial()
  .strict();
export type KbArticlePatch = z.input<typeof kbArticlePatch>;

export const kbArticleListQuery = listQuery.extend({
  categoryId: z.uuid().optional(),
  state: z.enum(kbStates).optional(),
  language: kbLanguage.optional(),
  visibility: z.enum(kbVisibilities).optional(),
});

export const kbLangParams = z.object({ id: z.uuid(), language: kbLanguage });
export const kbVersionParams = kbLangParams.extend({ version: z.coerce.number().int().min(1) });
export const kbStateBody = z.object({ state: z.enum(kbStates) }).strict();

export const kbVersion = z.object({
  id: z.uuid(),
  language: z.string(),
  version: z.number().int(),
  title: z.string(),
  body: z.string(),
  reason: z.enum(['edit', 'restore', 'import', 'seed']),
  createdBy: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
});
export type KbVersion = z.infer<typeof kbVersion>;

/** Without `to`, the current version; without `from`, the one before `to`. */
export const kbDiffQuery = z.object({ from: z.coerce.number().int().min(1).optional(), to: z.coerce.number().int().min(1).optional(), mode: z.enum(['words', 'lines']).default('words') });
export const kbDiffPart = z.object({ kind: z.enum(['same', 'added', 'removed']), text: z.string() });
export const kbDiff = z.object({
  from: z.number().int(),
  to: z.number().int(),
  title: z.array(kbDiffPart),
  body: z.array(kbDiffPart),
  added: z.number().int(),
  removed: z.number().int(),
});
export type KbDiff = z.infer<typeof kbDiff>;

export const kbVoteBody = z
  .object({
    language: kbLanguage,
    helpful: z.boolean(),
    /** Who votes: a visitor's cookie id on the help center; staff default to their user id. */
    visitorKey: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export const kbVoteResult = z.object({ helpfulYes: z.number().int(), helpfulNo: z.number().int(), changed: z.boolean() });

export const kbImportFormats = ['markdown', 'csv', 'json'] as const;
export const kbImportBody = z.discriminatedUnion('format', [
  z.object({ format: z.literal('markdown'), files: z.array(z.object({ name: z.string().max(255), content: z.string().max(500000) }).strict()).min(1).max(2000) }).strict(),
  z.object({ format: z.literal('csv'), content: z.string().min(1).max(10_000_000) }).strict(),
  z.object({ format: z.literal('json'), articles: z.array(z.record(z.string(), z.unknown())).min(1).max(5000) }).strict(),
]);
export type KbImportBody = z.infer<typeof kbImportBody>;

export const kbImport = z.object({
  id: z.uuid(),
  format: z.enum(kbImportFormats),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  totalRows: z.number().int(),
  processed: z.number().int(),
  imported: z.number().int(),
  rejected: z.number().int(),
  report: z.array(z.object({ row: z.number().int(), title: z.string().optional(), reason: z.string() })),
  error: z.string().nullable(),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});
export type KbImport = z.infer<typeof kbImport>;

export const kbExportQuery = z.object({ format: z.enum(['markdown', 'csv']).default('markdown'), language: kbLanguage.optional() });
export const kbMarkdownExport = z.object({ files: z.array(z.object({ name: z.string(), content: z.string() })) });
