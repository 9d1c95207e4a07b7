import { sql } from 'kysely';
import type { Page } from '../contracts/common.ts';
import type { Executor } from './executor.ts';
import { keysetPage, type PageArgs } from './paginate.ts';

export type KbVisibility = 'public' | 'internal';
export type KbState = 'draft' | 'review' | 'published' | 'archived';

export interface KbArticleRow {
  id: string;
  tenantId: string;
  categoryId: string | null;
  visibility: KbVisibility;
  tags: string[];
  relatedIds: string[];
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}
export type KbArticleWrite = Pick<KbArticleRow, 'categoryId' | 'visibility' | 'tags' | 'relatedIds'>;

export interface KbTranslationRow {
  articleId: string;
  language: string;
  title: string;
  body: string;
  state: KbState;
  version: number;
  publishedAt: Date | null;
  views: number;
  helpfulYes: number;
  helpfulNo: number;
  updatedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}
export type KbTranslationSummary = Omit<KbTranslationRow, 'body'>;

export interface KbListArgs extends PageArgs {
  q?: string;
  categoryId?: string;
  state?: KbState;
  language?: string;
  visibility?: KbVisibility;
}

const aCols = ['id', 'tenant_id as tenantId', 'category_id as categoryId', 'visibility', 'tags', 'related_ids as relatedIds', 'created_by as createdBy', 'created_at as createdAt', 'updated_at as updatedAt'] as const;
const summaryCols = ['article_id as articleId', 'language', 'title', 'state', 'version', 'published_at as publishedAt', 'views', 'helpful_yes as helpfulYes', 'helpful_no as helpfulNo', 'updated_by as updatedBy', 'created_at as createdAt', 'updated_at as updatedAt'] as const;
const tCols = [...summaryCols, 'body'] as const;
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const num = <T extends { views: string | number; helpfulYes: number | string; helpfulNo: number | string; version: number | string }>(r: T) => ({ ...r, views: Number(r.views), helpfulYes: Number(r.helpfulYes), helpfulNo: Number(r.helpfulNo), version: Number(r.version) });

/** Knowledge base articles and their translations; every query scoped by tenant. */
export function kbArticlesRepo(db: Executor) {
  return {
    async insert(a: KbArticleWrite & { id: string; tenantId: string; createdBy: string | null; at: Date }): Promise<void> {
      await db
        .insertInto('kb_articles')
        .values({ id: a.id, tenant_id: a.tenantId, category_id: a.categoryId, visibility: a.visibility, tags: a.tags, related_ids: a.relatedIds, created_by: a.createdBy, created_at: a.at, updated_at: a.at })
        .execute();
    },
    byId: (tenantId: string, id: string): Promise<KbArticleRow | undefined> =>
      db.selectFrom('kb_articles').select(aCols).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
    /** The same row, locked until the transaction ends (serializes saves of one article). */
    lock: (tenantId: string, id: string): Promise<KbArticleRow | undefined> =>
      db.selectFrom('kb_articles').select(aCols).where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst(),
    /** Which of these ids are articles of the workspace. */
    async existing(tenantId: string, ids: string[]): Promise<string[]> {
      if (ids.length === 0) return [];
      return (await db.selectFrom('kb_articles').select('id').where('tenant_id', '=', tenantId).where('id', 'in', ids).execute()).map((r) => r.id);
    },
    async update(tenantId: string, id: string, p: Partial<KbArticleWrite>, at: Date): Promise<void> {
      await db
        .updateTable('kb_articles')
        .set({
          ...(p.categoryId !== undefined && { category_id: p.categoryId }),
          ...(p.visibility !== undefined && { visibility: p.visibility }),
          ...(p.tags !== undefined && { tags: p.tags }),
          ...(p.relatedIds !== undefined && { related_ids: p.relatedIds }),
          updated_at: at,
        })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute();
    },
    /** Takes a deleted article out of every other article's related list. */
    async dropRelated(tenantId: string, id: string): Promise<void> {
      await db.updateTable('kb_articles').set({ related_ids: sql`array_remove(related_ids, ${id}::uuid)` as never }).where('tenant_id', '=', tenantId).where(sql<boolean>`${id}::uuid = ANY(related_ids)`).execute();
    },
    async remove(tenantId: string, id: string): Promise<boolean> {
      const r = await db.deleteFrom('kb_articles').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    /** Newest first. q (title substring), state and language match any one translation. */
    async list(tenantId: string, args: KbListArgs): Promise<Page<KbArticleRow>> {
      let q = db.selectFrom('kb_articles as a').select(aCols.map((c) => `a.${c}` as `a.${typeof c}`)).where('a.tenant_id', '=', tenantId);
      if (args.categoryId) q = q.where('a.category_id', '=', args.categoryId);
      if (args.visibility) q = q.where('a.visibility', '=', args.visibility);
      if (args.q || args.state || args.language) {
        q = q.where(({ exists, selectFrom }) =>
          exists(() => {
            let t = selectFrom('kb_translations as t').select(sql`1`.as('one')).whereRef('t.tenant_id', '=', 'a.tenant_id').whereRef('t.article_id', '=', 'a.id');
            if (args.q) t = t.where('t.title', 'ilike', `%${likeEscape(args.q)}%`);
            if (args.state) t = t.where('t.state', '=', args.state);
            if (args.language) t = t.where('t.language', '=', args.language);
            return t;
          }),
        );
      }
      return keysetPage(q, 'a.id', args, 'desc') as Promise<Page<KbArticleRow>>;
    },
    /** Every translation of these articles, without bodies. */
    async summaries(tenantId: string, articleIds: string[]): Promise<KbTranslationSummary[]> {
      if (articleIds.length === 0) return [];
      const rows = await db.selectFrom('kb_translations').select(summaryCols).where('tenant_id', '=', tenantId).where('article_id', 'in', articleIds).orderBy('language').execute();
      return rows.map(num);
    },
    async translations(tenantId: string, articleId: string): Promise<KbTranslationRow[]> {
      const rows = await db.selectFrom('kb_translations').select(tCols).where('tenant_id', '=', tenantId).where('article_id', '=', articleId).orderBy('language').execute();
      return rows.map(num);
    },
    async translation(tenantId: string, articleId: string, language: string): Promise<KbTranslationRow | undefined> {
      const r = await db.selectFrom('kb_translations').select(tCols).where('tenant_id', '=', tenantId).where('article_id', '=', articleId).where('language', '=', language).executeTakeFirst();
      return r && num(r);
    },
    async insertTranslation(t: { tenantId: string; articleId: string; language: string; title: string; body: string; state: KbState; publishedAt: Date | null; by: string | null; at: Date }): Promise<void> {
      await db
        .insertInto('kb_translations')
        .values({ tenant_id: t.tenantId, article_id: t.articleId, language: t.language, title: t.title, body: t.body, state: t.state, version: 1, published_at: t.publishedAt, updated_by: t.by, created_at: t.at, updated_at: t.at })
        .execute();
    },
    async updateTranslation(tenantId: string, articleId: string, language: string, p: { title?: string; body?: string; version?: number; state?: KbState; publishedAt?: Date | null; by: string | null; at: Date }): Promise<void> {
      await db
        .updateTable('kb_translations')
        .set({
          ...(p.title !== undefined && { title: p.title }),
          ...(p.body !== undefined && { body: p.body }),
          ...(p.version !== undefined && { version: p.version }),
          ...(p.state !== undefined && { state: p.state }),
          ...(p.publishedAt !== undefined && { published_at: p.publishedAt }),
          updated_by: p.by,
          updated_at: p.at,
        })
        .where('tenant_id', '=', tenantId)
        .where('article_id', '=', articleId)
        .where('language', '=', language)
        .execute();
    },
    async removeTranslation(tenantId: string, articleId: string, language: string): Promise<boolean> {
      const r = await db.deleteFrom('kb_translations').where('tenant_id', '=', tenantId).where('article_id', '=', articleId).where('language', '=', language).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    /** One more view; a single UPDATE, no read. False when there is no such translation. */
    async addView(tenantId: string, articleId: string, language: string): Promise<boolean> {
      const r = await db.updateTable('kb_translations').set({ views: sql`views + 1` as never }).where('tenant_id', '=', tenantId).where('article_id', '=', articleId).where('language', '=', language).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    /** Moves the helpful counters by a vote change (each -1, 0 or +1). */
    async addHelpful(tenantId: string, articleId: string, language: string, yes: number, no: number): Promise<void> {
      await db
        .updateTable('kb_translations')
        .set({ helpful_yes: sql`helpful_yes + ${yes}` as never, helpful_no: sql`helpful_no + ${no}` as never })
        .where('tenant_id', '=', tenantId)
        .where('article_id', '=', articleId)
        .where('language', '=', language)
        .execute();
    },
    /** Links attachments (which must be the workspace's) to an article; already linked ones are kept. */
    async linkAttachments(tenantId: string, articleId: string, attachmentIds: string[]): Promise<void> {
      if (attachmentIds.length === 0) return;
      await db
        .insertInto('kb_article_attachments')
        .values(attachmentIds.map((attachment_id) => ({ tenant_id: tenantId, article_id: articleId, attachment_id })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    },
    async attachmentIds(tenantId: string, articleId: string): Promise<string[]> {
      return (await db.selectFrom('kb_article_attachments').select('attachment_id').where('tenant_id', '=', tenantId).where('article_id', '=', articleId).orderBy('attachment_id').execute()).map((r) => r.attachment_id);
    },
  };
}
export type KbArticlesRepo = ReturnType<typeof kbArticlesRepo>;
