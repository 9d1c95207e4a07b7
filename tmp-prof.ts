import pg from 'pg';
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { openDatabase } from './src/storage/db.ts';
import { migrate } from './src/storage/migrate.ts';
import { createRepos } from './src/storage/repos.ts';
import { indexRow } from './src/core/kb-search/documents.ts';
import { searchKb } from './src/core/kb-search/search.ts';
import { loadRelevanceSets } from './test/fixtures/kb-relevance/load.ts';
const adminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `tmp_kbprof_${Date.now().toString(36)}`;
const admin = new pg.Client({ connectionString: adminUrl }); await admin.connect(); await admin.query(`CREATE DATABASE ${dbName}`);
const url = new URL(adminUrl); url.pathname = `/${dbName}`;
const database = await openDatabase({ url: url.toString(), poolSize: 4 });
const { db } = database;
await migrate(database);
const r = createRepos(db);
const tenantId = uuidv7();
await r.tenants.insert({ id: tenantId, slug: 'p', name: 'p', languages: ['en','cy','pl','hi','zh-Hans','zh-Hant'] });
let seed = 7; const rnd = () => ((seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff) / 0x7fffffff);
const sets = loadRelevanceSets();
const en = [...new Set(sets.find(s=>s.language==='en')!.articles.flatMap(a=>`${a.title} ${a.text}`.split(/\W+/)).filter(w=>w.length>1))];
const N = Number(process.env.N ?? 20000);
for (let i = 0; i < N; i += 500) {
  const rows = [];
  for (let j = 0; j < 500; j++) {
    const w = () => en[Math.floor(rnd()*en.length)];
    const row = indexRow({ tenantId, articleId: uuidv7(), language: 'en', title: `${w()} ${w()} ${w()}`, text: Array.from({length: 50}, w).join(' '), tags: [], visibility: 'public', categoryId: null, helpful: {yes:0,no:0}, views:0, publishedAt: new Date() });
    rows.push({ tenant_id: tenantId, article_id: row.articleId, language: 'en', title: row.title, text: row.text, visibility: 'public' as const, published_at: row.publishedAt, tokens: row.tokens, title_tokens: row.titleTokens, title_fold: row.titleFold });
  }
  await db.insertInto('kb_search_documents').values(rows).execute();
}
await sql`insert into kb_search_words select ${tenantId}::uuid, w from unnest(${sql.val(en.map(x=>x.toLowerCase()))}::text[]) w on conflict do nothing`.execute(db);
await sql`analyze`.execute(db);
console.log('words', en.length);




const { Kysely, PostgresDialect } = await import('kysely');
let last: { sql: string; parameters: readonly unknown[] } | null = null;
const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
const kdb = new Kysely<any>({ dialect: new PostgresDialect({ pool }), log: (e) => { if (e.level === 'query' && e.query.sql.includes('distinct on')) last = e.query as any; } });
const r2 = createRepos(kdb as any);
const { analyzeQuery, buildTsquery } = await import('./src/core/kb-search/query.ts');
for (const qq of ['how do I reset my password', 'opening hours saturday']) {
  const tq = buildTsquery(analyzeQuery(qq, 'en'), [], new Map())!;
  const f = { visibility: ['public' as const], queryLanguage: 'en', limit: 30 };
  await r2.kbSearch.search(tenantId, tq, f);
  const cl = await pool.connect(); await cl.query('begin'); await cl.query('set local enable_seqscan = off; set local enable_indexscan = off'); const res = await cl.query('explain (analyze, buffers) ' + last!.sql, last!.parameters as any[]); await cl.query('commit'); cl.release();
  console.log(res.rows.map((x: any) => x['QUERY PLAN']).join('\n'));
}
await pool.end();
await database.close(); await admin.query(`DROP DATABASE ${dbName}`); await admin.end();
