import { sql, type RawBuilder } from 'kysely';
import type { Page } from '../contracts/common.ts';
import type { Executor } from './executor.ts';
import { keysetPage, type PageArgs } from './paginate.ts';

/** One indexed article translation, as core/kb-search/documents.ts builds it. */
export interface KbSearchRow {
  tenantId: string;
  articleId: string;
  language: string;
  title: string;
  text: string;
  tags: string[];
  visibility: 'public' | 'internal';
  categoryId: string | null;
  helpfulYes: number;
  helpfulNo: number;
  views: number;
  publishedAt: Date;
  /** tsvector literals. */
  tokens: string;
  titleTokens: string;
  titleFold: string;
  /** Folded words for the tenant's typo-correction vocabulary. */
  vocabulary: string[];
}

export interface KbSearchFilter {
  visibility: ('public' | 'internal')[];
  languages?: string[];
  categoryId?: string;
  /** The language the query is in: its documents rank higher. */
  queryLanguage: string;
  limit: number;
}

export interface KbSearchHit {
  articleId: string;
  language: string;
  title: string;
  visibility: 'public' | 'internal';
  /** The start of the text (for the snippet). */
  text: string;
  score: number;
}

export interface KbSynonymRow {
  id: string;
  tenantId: string;
  terms: string[];
  createdAt: Date;
  updatedAt: Date;
}

/** Snippets are cut from this much of the text. */
const SNIPPET_SOURCE = 4_000;
/** How many documents of each kind of match are ranked (see `search`). */
const CANDIDATES = { title: 100, all: 100, any: 50 };
/** Rows written per INSERT into the vocabulary. */
const WORD_BATCH = 1_000;

function filters(f: KbSearchFilter) {
  return sql`${f.languages?.length ? sql`and language = any(${sql.val(f.languages)}::text[])` : sql``}
    ${f.categoryId ? sql`and category_id = ${f.categoryId}::uuid` : sql``}`;
}

// Helpfulness: votes smoothed towards one half, mapped to a factor in [0.75, 1.25]. Language:
// the query's own language first, the other Chinese script close behind, other languages after.
function factor(f: KbSearchFilter) {
  const zh = f.queryLanguage.startsWith('zh');
  return sql`(0.75 + 0.5 * (helpful_yes + 1)::float8 / (helpful_yes + helpful_no + 2))
    * (case when language = ${f.queryLanguage} then 1.0 ${zh ? sql`when language like 'zh-%' then 0.95` : sql``} else 0.6 end)`;
}

/** Knowledge-base search index; every query scoped by tenant. */
export function kbSearchRepo(db: Executor) {
  return {
    async upsert(r: KbSearchRow): Promise<void> {
      const values = {
        tenant_id: r.tenantId, article_id: r.articleId, language: r.language, title: r.title, text: r.text, tags: r.tags,
        visibility: r.visibility, category_id: r.categoryId, helpful_yes: r.helpfulYes, helpful_no: r.helpfulNo, views: r.views,
        published_at: r.publishedAt, tokens: r.tokens, title_tokens: r.titleTokens, title_fold: r.titleFold, updated_at: new Date(),
      };
      await db
        .insertInto('kb_search_documents')
        .values(values)
        .onConflict((oc) => oc.columns(['tenant_id', 'article_id', 'language']).doUpdateSet(({ ref }) => ({
          title: ref('excluded.title'), text: ref('excluded.text'), tags: ref('excluded.tags'), visibility: ref('excluded.visibility'),
          category_id: ref('excluded.category_id'), helpful_yes: ref('excluded.helpful_yes'), helpful_no: ref('excluded.helpful_no'),
          views: ref('excluded.views'), published_at: ref('excluded.published_at'), tokens: ref('excluded.tokens'),
          title_tokens: ref('excluded.title_tokens'), title_fold: ref('excluded.title_fold'), updated_at: ref('excluded.updated_at'),
        })))
        .execute();
      const words = [...new Set(r.vocabulary)].sort();
      for (let i = 0; i < words.length; i += WORD_BATCH) {
        const batch = words.slice(i, i + WORD_BATCH);
        await sql`insert into kb_search_words (tenant_id, word)
          select ${r.tenantId}::uuid, w from unnest(${sql.val(batch)}::text[]) as w
          on conflict do nothing`.execute(db);
      }
    },
    async remove(tenantId: string, articleId: string, language?: string): Promise<void> {
      let q = db.deleteFrom('kb_search_documents').where('tenant_id', '=', tenantId).where('article_id', '=', articleId);
      if (language) q = q.where('language', '=', language);
      await q.execute();
    },
    async count(tenantId: string): Promise<number> {
      const r = await db.selectFrom('kb_search_documents').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
      return Number(r.n);
    },
    /**
     * Full-text matches, best first. Ranking reads every candidate's vector, so candidates are
     * bounded: documents whose title matches, documents holding every word, and a few more that
     * hold any word. On a small knowledge base that is every match; on a large one, the rest are
     * documents matching only some words in their body, which rank low anyway.
     */
    async search(tenantId: string, q: { any: string; all: string | null }, f: KbSearchFilter): Promise<KbSearchHit[]> {
      const where = sql`tenant_id = ${tenantId}::uuid and visibility = any(${sql.val(f.visibility)}::text[]) ${filters(f)}`;
      const branch = (match: RawBuilder<unknown>, cap: number) => sql`(select article_id, language, title, visibility, left(text, ${SNIPPET_SOURCE}) as text,
          (ts_rank_cd('{0.1, 0.2, 0.5, 1.0}', tokens, cast(${q.any} as tsquery)) * ${factor(f)})::float8 as score
        from kb_search_documents where ${where} and ${match} limit ${cap})`;
      const ranked = (branches: RawBuilder<unknown>[]) => sql<KbSearchHit>`
        select "articleId", language, title, visibility, text, score from (
          select distinct on (article_id, language) article_id as "articleId", language, title, visibility, text, score from (
            ${sql.join(branches, sql` union all `)}
          ) c order by article_id, language, score desc
        ) best
        order by score desc, "articleId", language
        limit ${f.limit}`;
      const first = [branch(sql`title_tokens @@ cast(${q.any} as tsquery)`, CANDIDATES.title), branch(sql`tokens @@ cast(${q.all ?? q.any} as tsquery)`, CANDIDATES.all)];
      const run = async (ex: Executor) => {
        const hits = (await ranked(first).execute(ex)).rows;
        if (hits.length >= f.limit || !q.all) return hits;
        // Few documents hold every word: add some that hold any of them.
        return (await ranked([...first, branch(sql`tokens @@ cast(${q.any} as tsquery)`, CANDIDATES.any)]).execute(ex)).rows;
      };
      // With a LIMIT the planner likes a sequential or primary-key scan "to find the first rows
      // quickly" and underestimates what matching each stored vector costs: on a large knowledge
      // base that reads every row. The GIN indexes find the candidates; the caps bound the ranking.
      if (db.isTransaction) return run(db);
      return db.transaction().execute(async (tx) => {
        await sql`set local enable_seqscan = off; set local enable_indexscan = off`.execute(tx);
        return run(tx);
      });
    },
    /** Titles (and tags) like the query by trigram similarity: typo tolerance when full text finds little. */
    async similarTitles(tenantId: string, folded: string, f: KbSearchFilter): Promise<KbSearchHit[]> {
      const r = await sql<KbSearchHit>`
        select article_id as "articleId", language, title, visibility, left(text, ${SNIPPET_SOURCE}) as text,
          (word_similarity(${folded}, title_fold) * ${factor(f)})::float8 as score
        from kb_search_documents
        where tenant_id = ${tenantId}::uuid and ${folded} <% title_fold
          and visibility = any(${sql.val(f.visibility)}::text[]) ${filters(f)}
        order by score desc, article_id, language
        limit ${f.limit}`.execute(db);
      return r.rows;
    },
    /** Which of `words` the tenant's articles use. */
    async knownWords(tenantId: string, words: string[]): Promise<Set<string>> {
      if (words.length === 0) return new Set();
      const r = await sql<{ word: string }>`select word from kb_search_words
        where tenant_id = ${tenantId}::uuid and word = any(${sql.val(words)}::text[])`.execute(db);
      return new Set(r.rows.map((x) => x.word));
    },
    /** For each word, the tenant's most similar words (trigram similarity ≥ minSimilarity). */
    async corrections(tenantId: string, words: string[], minSimilarity: number, perWord = 2): Promise<Map<string, string[]>> {
      const out = new Map<string, string[]>();
      if (words.length === 0) return out;
      const r = await sql<{ q: string; word: string }>`
        select q.w as q, c.word from unnest(${sql.val(words)}::text[]) as q(w)
        cross join lateral (
          select word, similarity(word, q.w) as s from kb_search_words
          where tenant_id = ${tenantId}::uuid and word % q.w
          order by s desc, word limit ${perWord}
        ) c where c.s >= ${minSimilarity}`.execute(db);
      for (const row of r.rows) out.set(row.q, [...(out.get(row.q) ?? []), row.word]);
      return out;
    },
    allSynonyms: (tenantId: string): Promise<KbSynonymRow[]> =>
      db.selectFrom('kb_synonyms').select(synCols).where('tenant_id', '=', tenantId).orderBy('id').limit(1_000).execute(),
    listSynonyms: (tenantId: string, args: PageArgs): Promise<Page<KbSynonymRow>> =>
      keysetPage(db.selectFrom('kb_synonyms').select(synCols).where('tenant_id', '=', tenantId), 'id', args, 'asc'),
    synonymById: (tenantId: string, id: string): Promise<KbSynonymRow | undefined> =>
      db.selectFrom('kb_synonyms').select(synCols).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
    async insertSynonym(s: { id: string; tenantId: string; terms: string[]; at: Date }): Promise<void> {
      await db.insertInto('kb_synonyms').values({ id: s.id, tenant_id: s.tenantId, terms: s.terms, created_at: s.at, updated_at: s.at }).execute();
    },
    async updateSynonym(tenantId: string, id: string, terms: string[], at: Date): Promise<boolean> {
      const r = await db.updateTable('kb_synonyms').set({ terms, updated_at: at }).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async removeSynonym(tenantId: string, id: string): Promise<boolean> {
      const r = await db.deleteFrom('kb_synonyms').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}
const synCols = ['id', 'tenant_id as tenantId', 'terms', 'created_at as createdAt', 'updated_at as updatedAt'] as const;
export type KbSearchRepo = ReturnType<typeof kbSearchRepo>;
