/**
 * Knowledge-base search at scale: 100,000 synthetic articles in six languages on PostgreSQL,
 * searched with searchKb (the code the API runs), beside MiniSearch over the same corpus in the
 * same process and run. The relevance set (test/fixtures/kb-relevance) is indexed into the same
 * tenant, so its accuracy is measured among the 100,000 others, for both engines.
 *
 *   npm run bench:kb-search                          # 100k articles
 *   BENCH_ARTICLES=20000 npm run bench:kb-search     # smaller
 *   BENCH_DATABASE_URL=postgres://user@host/db npm run bench:kb-search
 *
 * The synthetic articles draw 5,000 words per language by Zipf's law (see below).
 * It creates its own database (dropped at the end). Rows are built by the knowledge-base port's
 * own code (indexRow: the same lexemes as kbIndex.put) and written with multi-row INSERTs; the
 * put() path itself is timed on a few thousand articles. Read the ratios, not the absolute numbers.
 */
import os from 'node:os';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql } from 'kysely';
import MiniSearch from 'minisearch';
import { v7 as uuidv7 } from 'uuid';
import { openDatabase } from '../src/storage/db.ts';
import { migrate } from '../src/storage/migrate.ts';
import { createRepos } from '../src/storage/repos.ts';
import { indexRow } from '../src/core/kb-search/documents.ts';
import { kbIndex, type KbIndexDoc } from '../src/core/kb-search/index-port.ts';
import { searchKb } from '../src/core/kb-search/search.ts';
import { kbMemoryFor, setKbMemoryBudget } from '../src/core/kb-search/cache.ts';
import { analyzeKb, cjkLexemes } from '../src/core/kb-search/text.ts';
import { articleId, keyOf, loadRelevanceSets } from '../test/fixtures/kb-relevance/load.ts';

const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const total = Number(process.env.BENCH_ARTICLES ?? 100_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 1_000);
const putCount = Number(process.env.BENCH_PUTS ?? 2_000);
const dbName = `switchboard_bench_kb_${Date.now().toString(36)}`;
const languages = ['en', 'cy', 'pl', 'hi', 'zh-Hans', 'zh-Hant'] as const;

// --- a deterministic corpus. Each language's vocabulary: the relevance set's own words, then
// made-up words from that script's syllables, 5,000 in all, drawn with Zipf's law (the k-th
// word about 1/k as often as the first), as words are in real text. ---
let seed = 7;
// A 32-bit LCG (Math.imul: a plain multiply loses the low bits past 2^53 and falls into a short cycle).
const rnd = () => ((seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) & 0x7fffffff) / 0x80000000;
const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
const VOCABULARY = 5_000;
const sets = loadRelevanceSets();
const syllables: Record<string, string[]> = {
  latin: 'ba be bi bo bu da de di do du ga ge go ka ke ko la le li lo lu ma me mi mo mu na ne ni no nu pa pe po ra re ri ro ru sa se si so ta te ti to tu wa we wy ya yo za ze'.split(' '),
  hi: 'क का कि की के को ग गा न ना नि ने म मा मी र रा री रे ल ला ली स सा सी से त ता ती ते प पा पी द दा दी ब बा व वा ह हा'.split(' '),
};
const zipf: number[] = [];
{
  let acc = 0;
  for (let k = 1; k <= VOCABULARY; k++) zipf.push((acc += 1 / k));
  for (let k = 0; k < zipf.length; k++) zipf[k]! /= acc;
}
function zipfIndex(): number {
  const x = rnd();
  let lo = 0;
  let hi = zipf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (zipf[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
const vocab = new Map<string, string[]>();
for (const s of sets) {
  const text = s.articles.map((a) => `${a.title} ${a.text}`).join(' ');
  const zh = s.language.startsWith('zh');
  const own = zh ? [...new Set(text.match(/\p{Script=Han}{2}/gu) ?? [])] : [...new Set(text.split(/[\s,.;:!?"“”„«»()]+/u).filter((w) => w.length > 1))];
  // The relevance set's words take random ranks among the made-up ones: some common, most rare.
  const ownShuffled = [...own].sort(() => rnd() - 0.5);
  const words: string[] = [];
  const chars = [...new Set(text.match(/\p{Script=Han}/gu) ?? [])];
  const syl = syllables[s.language === 'hi' ? 'hi' : 'latin']!;
  const seen = new Set(own);
  while (words.length < VOCABULARY - own.length) {
    const w = zh ? pick(chars) + pick(chars) : Array.from({ length: 2 + Math.floor(rnd() * 2) }, () => pick(syl)).join('');
    if (!seen.has(w)) { seen.add(w); words.push(w); }
  }
  for (const w of ownShuffled) words.splice(Math.floor(rnd() * (words.length + 1)), 0, w);
  vocab.set(s.language, words);
}
function synthetic(language: string): { title: string; text: string; tags: string[] } {
  const words = vocab.get(language)!;
  const w = () => words[zipfIndex()]!;
  const join = language.startsWith('zh') ? '' : ' ';
  const title = Array.from({ length: 3 + Math.floor(rnd() * 4) }, w).join(join);
  const text = Array.from({ length: 30 + Math.floor(rnd() * 50) }, w).join(join);
  return { title, text, tags: [w(), w()] };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

/** MiniSearch gets the same analysis (folded words, CJK character pairs) as the database. */
function tokenize(text: string): string[] {
  const a = analyzeKb(text, 'und');
  return [...a.words.map((w) => w.term), ...a.cjk.flatMap((r) => cjkLexemes(r))];
}

async function main() {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 4 });
  const { db } = database;
  let mini: ReturnType<typeof miniWorker> | undefined;
  try {
    console.log(`Switchboard knowledge-base search benchmark: PostgreSQL, ${total.toLocaleString('en')} articles in 6 languages, node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}`);
    await migrate(database);
    const r = createRepos(db);
    const tenantId = uuidv7();
    await r.tenants.insert({ id: tenantId, slug: `bench-kb-${Date.now().toString(36)}`, name: 'Bench KB', languages: [...languages] });

    // The relevance set, through the port (put) — also times put().
    const docs: KbIndexDoc[] = [];
    for (const s of sets) {
      for (const a of s.articles) docs.push({ tenantId, articleId: articleId(a.key), language: s.language, title: a.title, text: a.text, tags: a.tags, visibility: 'public', categoryId: null, helpful: { yes: 0, no: 0 }, views: 0, publishedAt: new Date() });
      for (const terms of s.synonyms) await r.kbSearch.insertSynonym({ id: uuidv7(), tenantId, terms, at: new Date() });
    }
    const idx = kbIndex(r);
    for (const d of docs) await idx.put(d);

    // The synthetic articles: rows built by indexRow, written in batches.
    // MiniSearch runs in a child process: its own heap, so its garbage collection never lands in
    // searchKb's timings (and ours not in its).
    mini = miniWorker();
    mini.add(docs.map((d) => ({ id: `${d.articleId}/${d.language}`, title: d.title, text: d.text, tags: d.tags.join(' '), language: d.language })));
    const t0 = performance.now();
    let analyzeMs = 0;
    const batch = 500;
    for (let i = 0; i < total; i += batch) {
      const rows = [];
      const miniBatch: MiniDoc[] = [];
      const words = new Set<string>();
      for (let j = i; j < Math.min(total, i + batch); j++) {
        const language = languages[j % languages.length]!;
        const a = synthetic(language);
        const doc: KbIndexDoc = { tenantId, articleId: uuidv7(), language, ...a, visibility: j % 10 === 0 ? 'internal' : 'public', categoryId: null, helpful: { yes: Math.floor(rnd() * 20), no: Math.floor(rnd() * 5) }, views: 0, publishedAt: new Date() };
        const ta = performance.now();
        const row = indexRow(doc);
        analyzeMs += performance.now() - ta;
        for (const w of row.vocabulary) words.add(w);
        rows.push({ tenant_id: tenantId, article_id: row.articleId, language, title: row.title, text: row.text, tags: row.tags, visibility: row.visibility, category_id: null, helpful_yes: row.helpfulYes, helpful_no: row.helpfulNo, views: 0, published_at: row.publishedAt, tokens: row.tokens, title_tokens: row.titleTokens, title_fold: row.titleFold });
        miniBatch.push({ id: `${doc.articleId}/${language}`, title: doc.title, text: doc.text, tags: doc.tags.join(' '), language });
      }
      mini.add(miniBatch);
      await db.insertInto('kb_search_documents').values(rows).execute();
      await sql`insert into kb_search_words (tenant_id, word) select ${tenantId}::uuid, w from unnest(${sql.val([...words])}::text[]) w on conflict do nothing`.execute(db);
    }
    await sql`vacuum analyze kb_search_documents`.execute(db);
    await sql`vacuum analyze kb_search_words`.execute(db);
    const loadS = (performance.now() - t0) / 1000;
    console.log(`loaded ${total.toLocaleString('en')} articles in ${loadS.toFixed(1)} s (app-side analysis ${(analyzeMs / 1000).toFixed(1)} s, ${Math.round(total / (analyzeMs / 1000)).toLocaleString('en')} articles/s); MiniSearch indexed the same in the same loop`);

    // put() on top of the big index: the path the knowledge base takes on every publish.
    const tp = performance.now();
    for (let i = 0; i < putCount; i++) {
      const language = languages[i % languages.length]!;
      await idx.put({ tenantId, articleId: uuidv7(), language, ...synthetic(language), visibility: 'public', categoryId: null, helpful: { yes: 0, no: 0 }, views: 0, publishedAt: new Date() });
    }
    const putPerS = putCount / ((performance.now() - tp) / 1000);

    // The node's in-memory copy (decision 022), started by the first search (which, like every
    // search until it is ready, runs in the database): the load timed, with the heap it takes.
    const budget = (docsInMemory: number) => { setKbMemoryBudget(docsInMemory); };
    budget(10_000_000);
    global.gc?.();
    const heap0 = process.memoryUsage().heapUsed;
    const tl = performance.now();
    await kbMemoryFor(r, tenantId, (await r.kbSearch.generation(tenantId)).generation, { wait: true });
    const loadMs = performance.now() - tl;
    global.gc?.();
    const heapMb = (process.memoryUsage().heapUsed - heap0) / 1e6;
    console.log(`in-memory index: loaded in ${(loadMs / 1000).toFixed(1)} s; heap +${heapMb.toFixed(0)} MB${global.gc ? '' : ' (run with --expose-gc for a steadier figure)'}`);

    // Relevance among 100k: searchKb in memory, searchKb in the database (the SQL path), and
    // MiniSearch; each language's queries restricted to that language.
    const queries = sets.flatMap((s) => s.queries.map((q) => ({ ...q, language: s.language })));
    const acc = { mem: { top1: 0, top3: 0 }, sql: { top1: 0, top3: 0 }, mini: { top1: 0, top3: 0 } };
    const perLang = new Map<string, { n: number; mem: number; sql: number; mini: number }>();
    const keysOf = (out: Awaited<ReturnType<typeof searchKb>>) => out.results.map((x) => (x.articleId.startsWith('00000000') ? keyOf(x.articleId) : 'x'));
    for (const q of queries) {
      budget(10_000_000);
      const memKeys = keysOf(await searchKb(r, tenantId, { q: q.q, languages: [q.language], uiLanguage: q.language, audience: 'public', limit: 3 }));
      budget(0);
      const sqlKeys = keysOf(await searchKb(r, tenantId, { q: q.q, languages: [q.language], uiLanguage: q.language, audience: 'public', limit: 3 }));
      const miniKeys = (await mini.top3(q.q, q.language)).map((id) => (id.startsWith('00000000') ? keyOf(id.split('/')[0]!) : 'x'));
      const l = perLang.get(q.language) ?? { n: 0, mem: 0, sql: 0, mini: 0 };
      l.n++;
      for (const [k, keys] of [['mem', memKeys], ['sql', sqlKeys], ['mini', miniKeys]] as const) {
        if (keys[0] === q.expect) { acc[k].top1++; l[k]++; }
        if (keys.includes(q.expect)) acc[k].top3++;
      }
      perLang.set(q.language, l);
    }
    budget(10_000_000);

    // Latency: the relevance queries plus random one- to three-word queries, in turn.
    const random = Array.from({ length: 200 }, (_, i) => {
      const language = languages[i % languages.length]!;
      const words = vocab.get(language)!;
      return { q: Array.from({ length: 1 + (i % 3) }, () => words[zipfIndex()]!).join(' '), language };
    });
    const mix = [...queries.map((q) => ({ q: q.q, language: q.language })), ...random];
    const pgTimes: number[] = [];
    const sqlTimes: number[] = [];
    const slow: { ms: number; q: string }[] = [];
    let miniTimes: number[] = [];
    // Each engine on its own, back to back (interleaved, one engine's allocations and garbage
    // collection land in the other's timings).
    for (let i = 0; i < 20; i++) await searchKb(r, tenantId, { q: mix[i]!.q, audience: 'public', limit: 10 });
    for (let i = 0; i < rounds; i++) {
      const m = mix[i % mix.length]!;
      const s = performance.now();
      await searchKb(r, tenantId, { q: m.q, uiLanguage: m.language, audience: 'public', limit: 10 });
      pgTimes.push(performance.now() - s);
      slow.push({ ms: performance.now() - s, q: m.q });
    }
    budget(0);
    for (let i = 0; i < Math.min(rounds, mix.length); i++) {
      const m = mix[i]!;
      const s = performance.now();
      await searchKb(r, tenantId, { q: m.q, uiLanguage: m.language, audience: 'public', limit: 10 });
      sqlTimes.push(performance.now() - s);
    }
    miniTimes = await mini.time(mix.map((m) => m.q), rounds);
    budget(10_000_000);
    pgTimes.sort((a, b) => a - b);
    sqlTimes.sort((a, b) => a - b);
    miniTimes.sort((a, b) => a - b);
    const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
    const n = queries.length;
    const lines = [
      `| | searchKb, index in memory | searchKb, SQL path | MiniSearch 7.2.0 | memory / MiniSearch |`,
      `| --- | --- | --- | --- | --- |`,
      `| p50 | ${fmt(percentile(pgTimes, 50))} | ${fmt(percentile(sqlTimes, 50))} | ${fmt(percentile(miniTimes, 50))} | ${(percentile(pgTimes, 50) / percentile(miniTimes, 50)).toFixed(2)} |`,
      `| p99 | ${fmt(percentile(pgTimes, 99))} | ${fmt(percentile(sqlTimes, 99))} | ${fmt(percentile(miniTimes, 99))} | ${(percentile(pgTimes, 99) / percentile(miniTimes, 99)).toFixed(2)} |`,
      `| queries/s (one client) | ${Math.round(rounds / (sum(pgTimes) / 1000))} | ${Math.round(sqlTimes.length / (sum(sqlTimes) / 1000))} | ${Math.round(rounds / (sum(miniTimes) / 1000))} | ${(sum(miniTimes) / sum(pgTimes)).toFixed(2)} |`,
      `| relevance top-1 (${n} queries) | ${(acc.mem.top1 / n).toFixed(2)} | ${(acc.sql.top1 / n).toFixed(2)} | ${(acc.mini.top1 / n).toFixed(2)} | |`,
      `| relevance top-3 | ${(acc.mem.top3 / n).toFixed(2)} | ${(acc.sql.top3 / n).toFixed(2)} | ${(acc.mini.top3 / n).toFixed(2)} | |`,
      ...[...perLang].map(([l, v]) => `| top-1 ${l} (${v.n}) | ${(v.mem / v.n).toFixed(2)} | ${(v.sql / v.n).toFixed(2)} | ${(v.mini / v.n).toFixed(2)} | |`),
    ];
    console.log(`\nput() on the loaded index: ${Math.round(putPerS)} articles/s (one client)\n`);
    console.log(lines.join('\n'));
    slow.sort((a, b) => b.ms - a.ms);
    console.log(`\nslowest searchKb queries: ${slow.slice(0, 8).map((x) => `${fmt(x.ms)} "${x.q.slice(0, 40)}"`).join('; ')}`);
    console.log(`\np99 goal < 5 ms: ${percentile(pgTimes, 99) < 5 ? 'met' : 'NOT met'} (${fmt(percentile(pgTimes, 99))})`);
  } finally {
    await mini?.close();
    await database.close();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
    await admin.end();
  }
}

type MiniDoc = { id: string; title: string; text: string; tags: string; language: string };
type ToMini = { cmd: 'add'; docs: MiniDoc[] } | { cmd: 'top3'; q: string; language: string } | { cmd: 'time'; queries: string[]; rounds: number };

/** The handle on the MiniSearch child process: requests answered in order. */
function miniWorker() {
  const w = fork(fileURLToPath(import.meta.url), ['--minisearch-child'], { execArgv: ['--import', 'tsx'], serialization: 'advanced' });
  const pending: ((v: unknown) => void)[] = [];
  w.on('message', (m) => pending.shift()?.(m));
  w.on('error', (e) => { console.error('MiniSearch child failed:', e); process.exit(1); });
  const ask = <T>(m: ToMini) => new Promise<T>((resolve) => { pending.push(resolve as (v: unknown) => void); w.send(m); });
  let adding: Promise<unknown> = Promise.resolve();
  return {
    /** Queued without waiting (the child indexes while this process writes to PostgreSQL). */
    add(docs: MiniDoc[]) { adding = ask({ cmd: 'add', docs }); },
    async top3(q: string, language: string) { await adding; return ask<string[]>({ cmd: 'top3', q, language }); },
    async time(queries: string[], n: number) { await adding; return ask<number[]>({ cmd: 'time', queries, rounds: n }); },
    close: () => { w.kill(); },
  };
}

function runMiniWorker() {
  const mini = new MiniSearch<MiniDoc>({
    fields: ['title', 'text', 'tags'],
    storeFields: ['language'],
    tokenize,
    searchOptions: { boost: { title: 3, tags: 2 }, fuzzy: 0.2, prefix: true, combineWith: 'OR' },
  });
  const reply = (m: unknown) => process.send!(m);
  process.on('disconnect', () => process.exit(0));
  process.on('message', (m: ToMini) => {
    if (m.cmd === 'add') {
      mini.addAll(m.docs);
      reply(null);
    } else if (m.cmd === 'top3') {
      reply(mini.search(m.q, { filter: (x) => x.language === m.language }).slice(0, 3).map((x) => String(x.id)));
    } else {
      for (let i = 0; i < 20; i++) mini.search(m.queries[i % m.queries.length]!);
      const times: number[] = [];
      for (let i = 0; i < m.rounds; i++) {
        const s = performance.now();
        mini.search(m.queries[i % m.queries.length]!).slice(0, 10);
        times.push(performance.now() - s);
      }
      reply(times);
    }
  });
}

if (process.argv.includes('--minisearch-child')) runMiniWorker();
else await main();
