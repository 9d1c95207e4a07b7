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

/** A document as the in-memory index loads it (core/kb-search/memory-index.ts). */
export interface KbIndexedRow {
  articleId: string;
  language: string;
  title: string;
  visibility: 'public' | 'internal';
  categoryId: string | null;
  helpfulYes: number;
  helpfulNo: number;
  /** The tsvector's text form. */
  tokens: string;
}

/** What changed in a tenant's search documents after a generation. */
export interface KbSearchChanges {
  generation: number;
  removed: { articleId: string; language: string | null }[];
  changed: KbIndexedRow[];
}

/** Rows read per statement when a node loads a tenant's whole index. */
const LOAD_BATCH = 5_000;

const indexedCols = sql`article_id as "articleId", language, title, visibility, category_id as "categoryId",
  helpful_yes as "helpfulYes", helpful_no as "helpfulNo", tokens::text as tokens`;

/**
 * The tenant's next search generation, taken in the writing transaction: the row lock orders
 * concurrent writers, so generations become visible in order (decision 022).
 */
async function nextGeneration(db: Executor, tenantId: string): Promise<number> {
  const r = await sql<{ generation: number }>`insert into kb_search_state as s (tenant_id, generation) values (${tenantId}::uuid, 1)
    on conflict (tenant_id) do update set generation = s.generation + 1
    returning generation`.execute(db);
  return Number(r.rows[0]!.generation);
}

/** Knowledge-base search index; every query scoped by tenant. */
export function kbSearchRepo(db: Executor) {
  return {
    /**
     * The same object for a database and every transaction on it (Kysely's dialect adapter,
     * made once per Kysely instance), or null: what a per-node cache keys on (decision 022).
     */
    databaseKey(): object | null {
      const executor = (db as { getExecutor?: () => { adapter?: unknown } }).getExecutor?.();
      const key = executor?.adapter;
      return typeof key === 'object' && key !== null ? key : null;
    },
    inTransaction: db.isTransaction,
    async upsert(r: KbSearchRow): Promise<void> {
      const generation = await nextGeneration(db, r.tenantId);
      const values = {
        tenant_id: r.tenantId, article_id: r.articleId, language: r.language, title: r.title, text: r.text, tags: r.tags,
        visibility: r.visibility, category_id: r.categoryId, helpful_yes: r.helpfulYes, helpful_no: r.helpfulNo, views: r.views,
        published_at: r.publishedAt, tokens: r.tokens, title_tokens: r.titleTokens, title_fold: r.titleFold, updated_at: new Date(),
        generation,
      };
      await db
        .insertInto('kb_search_documents')
        .values(values)
        .onConflict((oc) => oc.columns(['tenant_id', 'article_id', 'language']).doUpdateSet(({ ref }) => ({
          title: ref('excluded.title'), text: ref('excluded.text'), tags: ref('excluded.tags'), visibility: ref('excluded.visibility'),
          category_id: ref('excluded.category_id'), helpful_yes: ref('excluded.helpful_yes'), helpful_no: ref('excluded.helpful_no'),
          views: ref('excluded.views'), published_at: ref('excluded.published_at'), tokens: ref('excluded.tokens'),
          title_tokens: ref('excluded.title_tokens'), title_fold: ref('excluded.title_fold'), updated_at: ref('excluded.updated_at'),
          generation: ref('excluded.generation'),
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
      const r = await q.executeTakeFirst();
      if (Number(r.numDeletedRows) === 0) return;
      const generation = await nextGeneration(db, tenantId);
      await db.insertInto('kb_search_removals').values({ tenant_id: tenantId, generation, article_id: articleId, language: language ?? null }).execute();
    },
    /** The tenant's search generation (0: nothing indexed yet) and languages, in one read. */
    async generation(tenantId: string): Promise<{ generation: number; languages: string[] | null }> {
      const r = await sql<{ generation: number | null; languages: string[] | null }>`
        select s.generation, t.languages from tenants t left join kb_search_state s on s.tenant_id = t.id
        where t.id = ${tenantId}::uuid`.execute(db);
      const row = r.rows[0];
      return { generation: Number(row?.generation ?? 0), languages: row?.languages ?? null };
    },
    /** Every document of the tenant for the in-memory index, in batches of LOAD_BATCH rows. */
    async *indexedDocuments(tenantId: string): AsyncGenerator<KbIndexedRow[]> {
      let after: [string, string] | null = null;
      for (;;) {
        const r: { rows: KbIndexedRow[] } = await sql<KbIndexedRow>`select ${indexedCols} from kb_search_documents
          where tenant_id = ${tenantId}::uuid ${after ? sql`and (article_id, language) > (${after[0]}::uuid, ${after[1]})` : sql``}
          order by article_id, language limit ${LOAD_BATCH}`.execute(db);
        if (r.rows.length > 0) yield r.rows;
        if (r.rows.length < LOAD_BATCH) return;
        const last = r.rows[r.rows.length - 1]!;
        after = [last.articleId, last.language];
      }
    },
    /**
     * What changed after generation `since`: the current generation, the removals and the rows
     * written since (read in that order, so a row removed meanwhile is at worst still listed as
     * removed). Rows and removals newer than the returned generation may be included; applying
     * them again later does no harm.
     */
    async changesSince(tenantId: string, since: number): Promise<KbSearchChanges> {
      const state = await sql<{ generation: number }>`select generation from kb_search_state where tenant_id = ${tenantId}::uuid`.execute(db);
      const generation = Number(state.rows[0]?.generation ?? 0);
      const removed = (await sql<{ articleId: string; language: string | null }>`select article_id as "articleId", language
        from kb_search_removals where tenant_id = ${tenantId}::uuid and generation > ${since}
        order by generation`.execute(db)).rows;
      const changed = (await sql<KbIndexedRow>`select ${indexedCols} from kb_search_documents
        where tenant_id = ${tenantId}::uuid and generation > ${since}`.execute(db)).rows;
      return { generation, removed, changed };
    },
    /**
     * In one statement (one snapshot): the tenant's search generation and languages, and the
     * start of the text of these article translations (for snippets). A search ranked on a
     * node's copy checks with it that the copy was current (decision 022).
     */
    async snapshot(tenantId: string, keys: { articleId: string; language: string }[]): Promise<{ generation: number; languages: string[] | null; texts: Map<string, string> }> {
      // Article ids and languages as two lists (a primary-key range per article), not a join on
      // unnest: the planner may hash-join that against every document of the tenant.
      const ids = [...new Set(keys.map((k) => k.articleId))];
      const langs = [...new Set(keys.map((k) => k.language))];
      const r = await sql<{ generation: number | null; languages: string[] | null; texts: { a: string; l: string; t: string }[] | string | null }>`select
          (select generation from kb_search_state where tenant_id = ${tenantId}::uuid) as generation,
          (select languages from tenants where id = ${tenantId}::uuid) as languages,
          ${ids.length === 0 ? sql`null` : sql`(select json_agg(json_build_object('a', article_id, 'l', language, 't', left(text, ${SNIPPET_SOURCE})))
            from kb_search_documents where tenant_id = ${tenantId}::uuid
              and article_id = any(${sql.val(ids)}::uuid[]) and language = any(${sql.val(langs)}::text[]))`} as texts`.execute(db);
      const row = r.rows[0];
      const wanted = new Set(keys.map((k) => `${k.articleId} ${k.language}`));
      const texts = new Map<string, string>();
      const list = typeof row?.texts === 'string' ? (JSON.parse(row.texts) as { a: string; l: string; t: string }[]) : (row?.texts ?? []);
      for (const x of list) if (wanted.has(`${x.a} ${x.l}`)) texts.set(`${x.a} ${x.l}`, x.t);
      return { generation: Number(row?.generation ?? 0), languages: row?.languages ?? null, texts };
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
      await nextGeneration(db, s.tenantId);
      await db.insertInto('kb_synonyms').values({ id: s.id, tenant_id: s.tenantId, terms: s.terms, created_at: s.at, updated_at: s.at }).execute();
    },
    async updateSynonym(tenantId: string, id: string, terms: string[], at: Date): Promise<boolean> {
      const r = await db.updateTable('kb_synonyms').set({ terms, updated_at: at }).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) return false;
      await nextGeneration(db, tenantId);
      return true;
    },
    async removeSynonym(tenantId: string, id: string): Promise<boolean> {
      const r = await db.deleteFrom('kb_synonyms').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      if (Number(r.numDeletedRows) === 0) return false;
      await nextGeneration(db, tenantId);
      return true;
    },
  };
}
const synCols = ['id', 'tenant_id as tenantId', 'terms', 'created_at as createdAt', 'updated_at as updatedAt'] as const;
export type KbSearchRepo = ReturnType<typeof kbSearchRepo>;
