import type { Page } from '../contracts/common.ts';
import type { Executor } from './executor.ts';
import { keysetPage, type PageArgs } from './paginate.ts';

export type KbVersionReason = 'edit' | 'restore' | 'import' | 'seed';
export interface KbVersionRow {
  id: string;
  articleId: string;
  language: string;
  version: number;
  title: string;
  body: string;
  reason: KbVersionReason;
  createdBy: string | null;
  createdAt: Date;
}

const cols = ['id', 'article_id as articleId', 'language', 'version', 'title', 'body', 'reason', 'created_by as createdBy', 'created_at as createdAt'] as const;

/** Immutable versions of article translations, and helpful votes; every query scoped by tenant. */
export function kbVersionsRepo(db: Executor) {
  return {
    async insert(v: Omit<KbVersionRow, 'createdAt'> & { tenantId: string; at: Date }): Promise<void> {
      await db
        .insertInto('kb_versions')
        .values({ id: v.id, tenant_id: v.tenantId, article_id: v.articleId, language: v.language, version: v.version, title: v.title, body: v.body, reason: v.reason, created_by: v.createdBy, created_at: v.at })
        .execute();
    },
    /** Newest first. */
    list: (tenantId: string, articleId: string, language: string, args: PageArgs): Promise<Page<KbVersionRow>> =>
      keysetPage(db.selectFrom('kb_versions').select(cols).where('tenant_id', '=', tenantId).where('article_id', '=', articleId).where('language', '=', language), 'id', args, 'desc'),
    byNumber: (tenantId: string, articleId: string, language: string, version: number): Promise<KbVersionRow | undefined> =>
      db.selectFrom('kb_versions').select(cols).where('tenant_id', '=', tenantId).where('article_id', '=', articleId).where('language', '=', language).where('version', '=', version).executeTakeFirst(),

    /** A first vote of this visitor on this article and language: true when stored, false when they had voted before. */
    async insertVote(v: { tenantId: string; articleId: string; language: string; visitorKey: string; helpful: boolean; at: Date }): Promise<boolean> {
      const r = await db
        .insertInto('kb_votes')
        .values({ tenant_id: v.tenantId, article_id: v.articleId, language: v.language, visitor_key: v.visitorKey, helpful: v.helpful, created_at: v.at, updated_at: v.at })
        .onConflict((oc) => oc.doNothing())
        .returning('helpful')
        .executeTakeFirst();
      return r !== undefined;
    },
    /** The visitor's earlier vote, locked until the transaction ends. */
    lockVote: async (tenantId: string, articleId: string, language: string, visitorKey: string): Promise<boolean | undefined> =>
      (await db.selectFrom('kb_votes').select('helpful').where('tenant_id', '=', tenantId).where('article_id', '=', articleId).where('language', '=', language).where('visitor_key', '=', visitorKey).forUpdate().executeTakeFirst())?.helpful,
    async changeVote(tenantId: string, articleId: string, language: string, visitorKey: string, helpful: boolean, at: Date): Promise<void> {
      await db.updateTable('kb_votes').set({ helpful, updated_at: at }).where('tenant_id', '=', tenantId).where('article_id', '=', articleId).where('language', '=', language).where('visitor_key', '=', visitorKey).execute();
    },
  };
}
export type KbVersionsRepo = ReturnType<typeof kbVersionsRepo>;
