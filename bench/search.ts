/**
 * Full-text search at scale: 1M message documents across 2 tenants on PostgreSQL, searched for
 * rare, common and Chinese terms, against a primary-key lookup on the same table measured in the
 * same run; plus the throughput of the real indexer (rebuild and event replay) over 20k messages.
 *
 *   npm run bench:search                                   # 1M documents, PostgreSQL
 *   BENCH_MESSAGES=200000 npm run bench:search             # smaller
 *   BENCH_DATABASE_URL=postgres://user@host/db npm run bench:search
 *
 * It creates its own database (dropped at the end). The 1M rows go straight into
 * search_documents, pre-analyzed by the same code as the indexer (core/search/terms.ts), with
 * multi-row INSERTs; the GIN index is built after the load, as a bulk load would. Read the
 * ratios, not the absolute numbers: they depend on the machine and its load.
 */
import os from 'node:os';
import pg from 'pg';
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { openDatabase } from '../src/storage/db.ts';
import { migrate } from '../src/storage/migrate.ts';
import { createRepos, createUnitOfWork } from '../src/storage/repos.ts';
import { documentVector, parseQuery } from '../src/core/search/terms.ts';
import { indexTenant, reindexTenant } from '../src/core/search/indexer.ts';
import { createSearchService, RANK_WINDOW } from '../src/core/search/service.ts';
import type { CoreDeps } from '../src/core/deps.ts';
import type { Principal } from '../src/core/auth/principal.ts';
import { systemClock } from '../src/core/context.ts';

const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const total = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const indexerMessages = Number(process.env.BENCH_INDEXER_MESSAGES ?? 20_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 100);
const dbName = `switchboard_bench_search_${Date.now().toString(36)}`;

// --- a deterministic mixed-language corpus ---
let seed = 42;
const rnd = () => ((seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff) / 0x7fffffff);
const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
const en = 'the a to and of my order refund invoice payment charged twice account password reset login error delivery parcel arrived late missing damaged replace cancel subscription upgrade plan price discount help please thanks hello urgent today tomorrow week email phone address update card bank transfer receipt tracking number shipping return policy broken screen battery app crash install version support ticket agent waiting answer question problem issue still not working again yesterday customer service manager call back'.split(' ');
const zh = ['我想', '申请', '退款', '订单', '发票', '付款', '两次', '扣款', '账户', '密码', '重置', '登录', '错误', '快递', '包裹', '还没', '收到', '损坏', '更换', '取消', '订阅', '升级', '企业版', '价格', '折扣', '请', '帮忙', '谢谢', '你好', '紧急', '今天', '明天', '地址', '银行', '转账', '收据', '物流', '单号', '退货', '政策', '屏幕', '电池', '应用', '崩溃', '客服', '经理', '回电', '問題', '退貨', '請問'];
const hi = 'मुझे रिफंड चाहिए मेरा ऑर्डर नहीं आया पासवर्ड रीसेट लॉगिन समस्या भुगतान दो बार कटा कृपया मदद धन्यवाद नमस्ते खाता बिल डिलीवरी देर से'.split(' ');
const pl = 'zamówienie zwrot pieniędzy faktura płatność dwukrotnie konto hasło logowanie błąd przesyłka uszkodzona wymiana anulować subskrypcja proszę dziękuję dzień dobry pilne'.split(' ');
const cy = 'archeb ad-daliad anfoneb taliad ddwywaith cyfrif cyfrinair mewngofnodi gwall parsel wedi difrodi canslo tanysgrifiad os gwelwch yn dda diolch bore da brys'.split(' ');

function message(i: number): string {
  const r = rnd();
  const n = 8 + Math.floor(rnd() * 22);
  let words: string[];
  if (r < 0.6) words = Array.from({ length: n }, () => pick(en));
  else if (r < 0.75) return Array.from({ length: n }, () => pick(zh)).join('') + '。';
  else if (r < 0.85) words = Array.from({ length: n }, () => pick(hi));
  else if (r < 0.93) words = Array.from({ length: n }, () => pick(pl));
  else words = Array.from({ length: n }, () => pick(cy));
  // A rare word: one message in 10,000.
  if (i % 10_000 === 7) words.push('zanzibarite');
  return words.join(' ');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
async function timeIt(fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 5; i++) await fn(); // warm-up
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}

async function main() {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 4 });
  const { db } = database;
  const started = performance.now();
  try {
    console.log(`Switchboard search benchmark: PostgreSQL, ${total.toLocaleString('en')} message documents in 2 tenants, node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}`);
    await migrate(database);
    const repos = createRepos(db);
    const tenants = [uuidv7(), uuidv7()];
    const convsPerTenant = Math.max(1, Math.floor(total / 2 / 25));
    const t0 = performance.now();
    const conversations: string[][] = [];
    const customers: string[][] = [];
    const inboxes: string[] = [];
    for (const [k, tenantId] of tenants.entries()) {
      await repos.tenants.insert({ id: tenantId, slug: `bench-${k}-${Date.now().toString(36)}`, name: `Bench ${k}` });
      const inbox = uuidv7();
      inboxes.push(inbox);
      await repos.inboxes.insert({ id: inbox, tenantId, name: 'Bench', channel: 'api', reopenWindowMs: 60_000, settings: {}, at: new Date() });
      const cust = Array.from({ length: convsPerTenant }, () => uuidv7());
      const conv = Array.from({ length: convsPerTenant }, () => uuidv7());
      customers.push(cust);
      conversations.push(conv);
      for (let i = 0; i < conv.length; i += 5000) {
        await sql`INSERT INTO customers (id, tenant_id, name, created_at, updated_at) SELECT c, ${tenantId}::uuid, 'Customer', now(), now() FROM unnest(${cust.slice(i, i + 5000)}::uuid[]) c`.execute(db);
        await sql`INSERT INTO conversations (id, tenant_id, inbox_id, customer_id) SELECT v, ${tenantId}::uuid, ${inbox}::uuid, c FROM unnest(${conv.slice(i, i + 5000)}::uuid[], ${cust.slice(i, i + 5000)}::uuid[]) AS x(v, c)`.execute(db);
      }
    }
    // Load without the GIN index, then build it: the way a bulk import or a rebuild from scratch goes.
    await sql`DROP INDEX search_documents_tokens`.execute(db);
    const batch = 5000;
    const base = Date.parse('2025-01-01T00:00:00Z');
    // Analysing a million texts would measure the analyzer rather than search: the documents draw
    // from a pool of analysed texts (the rare word sits in 1 of 10,000 of them).
    const poolSize = Math.min(total, Number(process.env.BENCH_POOL ?? 50_000));
    const a0 = performance.now();
    const pool = Array.from({ length: poolSize }, (_, i) => {
      const text = message(i);
      return { text, vector: documentVector('', text) };
    });
    const analyzeMs = performance.now() - a0;
    for (let i = 0; i < total; i += batch) {
      const n = Math.min(batch, total - i);
      const k = (i / batch) % 2;
      const tenantId = tenants[k]!;
      const ids: string[] = [], convs: string[] = [], custs: string[] = [], bodies: string[] = [], vectors: string[] = [], ats: string[] = [];
      for (let j = 0; j < n; j++) {
        const c = Math.floor(rnd() * convsPerTenant);
        const doc = pool[Math.floor(rnd() * poolSize)]!;
        ids.push(uuidv7());
        convs.push(conversations[k]![c]!);
        custs.push(customers[k]![c]!);
        bodies.push(doc.text);
        vectors.push(doc.vector);
        ats.push(new Date(base + (i + j) * 30_000).toISOString());
      }
      await sql`INSERT INTO search_documents (tenant_id, kind, ref_id, conversation_id, customer_id, inbox_id, status, body, tokens, created_at)
        SELECT ${tenantId}::uuid, 'message', r, c, cu, ${inboxes[k]!}::uuid, 'open', b, v::tsvector, at
        FROM unnest(${ids}::uuid[], ${convs}::uuid[], ${custs}::uuid[], ${bodies}::text[], ${vectors}::text[], ${ats}::timestamptz[]) AS x(r, c, cu, b, v, at)`.execute(db);
      if ((i / batch) % 40 === 39) console.log(`  loaded ${(i + n).toLocaleString('en')} (${Math.round((performance.now() - t0) / 1000)} s)`);
    }
    const loadMs = performance.now() - t0;
    const g0 = performance.now();
    await sql`SET maintenance_work_mem = '256MB'`.execute(db);
    await sql`CREATE INDEX search_documents_tokens ON search_documents USING gin (tokens)`.execute(db);
    const ginMs = performance.now() - g0;
    await sql`ANALYZE search_documents`.execute(db);
    const size = await sql<{ table: string; gin: string; recent: string }>`SELECT pg_size_pretty(pg_table_size('search_documents')) AS table,
      pg_size_pretty(pg_relation_size('search_documents_tokens')) AS gin, pg_size_pretty(pg_relation_size('search_documents_recent')) AS recent`.execute(db);
    console.log(`Loaded ${total.toLocaleString('en')} documents in ${(loadMs / 1000).toFixed(1)} s (analysing the pool of ${poolSize.toLocaleString('en')} texts in JS: ${(analyzeMs / 1000).toFixed(1)} s), GIN index built in ${(ginMs / 1000).toFixed(1)} s; table ${size.rows[0]!.table}, GIN ${size.rows[0]!.gin}, recency index ${size.rows[0]!.recent}`);

    // --- search latency ---
    const tenantId = tenants[0]!;
    // As shipped (walk the newest 20,000, then GIN; rank the newest RANK_WINDOW matches) against the
    // first design (rank the newest 2,000 matches; PostgreSQL's planner picks GIN or the recency walk).
    const svc = createSearchService({ repos } as unknown as CoreDeps);
    const wide = createSearchService({ repos } as unknown as CoreDeps, { rankWindow: 2000, walk: 0 });
    const principal: Principal = { tenantId, userId: uuidv7(), role: 'admin', via: 'session', permissions: new Set(['conversations.read', 'customers.read', 'tickets.read']) };
    const sample = await sql<{ tenant_id: string; kind: 'message'; ref_id: string }>`SELECT tenant_id, kind, ref_id FROM search_documents WHERE tenant_id = ${tenantId} LIMIT 1000`.execute(db);
    let s = 0;
    const pk = () => {
      const r = sample.rows[s++ % sample.rows.length]!;
      return db.selectFrom('search_documents').select(['ref_id', 'body']).where('tenant_id', '=', r.tenant_id).where('kind', '=', r.kind).where('ref_id', '=', r.ref_id).executeTakeFirst();
    };
    const queries: [string, string, string?][] = [
      ['rare word', 'zanzibarite'],
      ['common English word', 'refund'],
      ['most common English word', 'the'],
      ['two words (AND)', 'refund invoice'],
      ['Chinese word', '退款'],
      ['Chinese, cut differently by the segmenter', '企业版'],
      ['Hindi word', 'रिफंड'],
      ['Welsh, a phrase of two tokens', 'ad-daliad'],
      ['common word, inbox and 40-day filter', 'refund', 'filter'],
      ['no match', 'qwertyuiopasdf'],
      ['common Chinese + English (AND)', '退款 refund'],
    ];
    const baseline = await timeIt(pk);
    const b50 = percentile(baseline, 50);
    console.log(`\n| Query | matches in tenant | shipped: how (window ${RANK_WINDOW}) | p50 (ms) | p99 (ms) | p50 ratio to PK lookup | first design (window 2000, planner's choice): plan | p50 (ms) | p99 (ms) | ratio |`);
    console.log(`|---|---:|---|---:|---:|---:|---|---:|---:|---:|`);
    console.log(`| baseline: primary-key lookup | 1 | index | ${b50.toFixed(2)} | ${percentile(baseline, 99).toFixed(2)} | 1.0 | | | | |`);
    for (const [name, q, filter] of queries) {
      const parsed = parseQuery(q)!;
      const count = await sql<{ n: number }>`SELECT count(*)::int AS n FROM search_documents WHERE tenant_id = ${tenantId} AND tokens @@ ${parsed.tsquery}::tsquery`.execute(db);
      const input = filter
        ? { q, limit: 20, inboxId: inboxes[0], from: '2025-01-20T00:00:00Z', to: '2025-03-01T00:00:00Z' }
        : { q, limit: 20 };
      const walkHits = async () => {
        const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (SELECT tokens FROM search_documents WHERE tenant_id = ${tenantId} ORDER BY created_at DESC, ref_id DESC LIMIT 20000) w WHERE w.tokens @@ ${parsed.tsquery}::tsquery`.execute(db);
        return r.rows[0]!.n >= RANK_WINDOW ? 'walk' : 'walk, then GIN';
      };
      const planOf = async (window: number) => {
        const explain = await sql<{ 'QUERY PLAN': string }>`EXPLAIN SELECT 1 FROM search_documents sd WHERE sd.tenant_id = ${tenantId} AND sd.tokens @@ ${parsed.tsquery}::tsquery ORDER BY sd.created_at DESC, sd.ref_id DESC LIMIT ${window}`.execute(db);
        const plan = explain.rows.map((r) => r['QUERY PLAN']).join(' ');
        return /Bitmap Index Scan on search_documents_tokens/.test(plan) ? 'GIN' : /search_documents_recent/.test(plan) ? 'recency walk' : 'other';
      };
      const times = await timeIt(() => svc.search(principal, input));
      const wideTimes = await timeIt(() => wide.search(principal, input));
      const p50 = percentile(times, 50);
      const w50 = percentile(wideTimes, 50);
      console.log(`| ${name} \`${q}\` | ${count.rows[0]!.n.toLocaleString('en')} | ${filter ? 'walk (filtered)' : await walkHits()} | ${p50.toFixed(1)} | ${percentile(times, 99).toFixed(1)} | ${(p50 / b50).toFixed(0)} | ${await planOf(2000)} | ${w50.toFixed(1)} | ${percentile(wideTimes, 99).toFixed(1)} | ${(w50 / b50).toFixed(0)} |`);
    }
    // Deep pagination costs the same as page one (the window bounds it).
    {
      const first = await svc.search(principal, { q: 'refund', limit: 20 });
      const times = await timeIt(() => svc.search(principal, { q: 'refund', limit: 20, cursor: first.nextCursor! }));
      console.log(`| page 2 of \`refund\` | | | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 99).toFixed(1)} | ${(percentile(times, 50) / b50).toFixed(0)} | | | | |`);
    }

    // --- the real indexer over real rows and events ---
    const d = { repos, uow: createUnitOfWork(db, () => {}), clock: systemClock };
    const t3 = uuidv7();
    await repos.tenants.insert({ id: t3, slug: `bench-idx-${Date.now().toString(36)}`, name: 'Bench indexer' });
    const inbox3 = uuidv7();
    await repos.inboxes.insert({ id: inbox3, tenantId: t3, name: 'Bench', channel: 'api', reopenWindowMs: 60_000, settings: {}, at: new Date() });
    const addMessages = async (n: number) => {
      const convs = Array.from({ length: Math.ceil(n / 10) }, () => uuidv7());
      await sql`INSERT INTO customers (id, tenant_id, name, created_at, updated_at) SELECT c, ${t3}::uuid, 'Indexed customer', now(), now() FROM unnest(${convs}::uuid[]) c`.execute(db);
      await sql`INSERT INTO conversations (id, tenant_id, inbox_id, customer_id) SELECT c, ${t3}::uuid, ${inbox3}::uuid, c FROM unnest(${convs}::uuid[]) c`.execute(db);
      for (let i = 0; i < n; i += 2000) {
        const m = Math.min(2000, n - i);
        const ids = Array.from({ length: m }, () => uuidv7());
        const texts = Array.from({ length: m }, (_, j) => message(i + j));
        const cs = ids.map((_, j) => convs[Math.floor((i + j) / 10)]!);
        const seqs = ids.map((_, j) => ((i + j) % 10) + 1);
        await db.transaction().execute(async (tx) => {
          await sql`INSERT INTO messages (id, tenant_id, conversation_id, inbox_id, seq, direction, text) SELECT id, ${t3}::uuid, c, ${inbox3}::uuid, s, 'inbound', t
            FROM unnest(${ids}::uuid[], ${cs}::uuid[], ${seqs}::int[], ${texts}::text[]) AS x(id, c, s, t)`.execute(tx);
          await createRepos(tx).events.append(t3, ids.map((id, j) => ({ id: uuidv7(), type: 'message.created', aggregateType: 'message', aggregateId: id, actorId: null, topics: [], payload: { conversationId: cs[j] } })), new Date());
        });
      }
    };
    await addMessages(indexerMessages);
    let t4 = performance.now();
    await reindexTenant(d, t3);
    const rebuildMs = performance.now() - t4;
    // Replay: events read one batch at a time, each message read and written again.
    const replayN = Math.min(4000, indexerMessages);
    const before = await repos.search.cursor(t3);
    await addMessages(replayN);
    t4 = performance.now();
    const read = await indexTenant(d, t3);
    const replayMs = performance.now() - t4;
    console.log(`\n| Indexer | rows | time (s) | rows/s |`);
    console.log(`|---|---:|---:|---:|`);
    console.log(`| rebuild (reindexTenant) of ${indexerMessages.toLocaleString('en')} messages (+${Math.ceil(indexerMessages / 10).toLocaleString('en')} conversations and customers) | ${(indexerMessages + 2 * Math.ceil(indexerMessages / 10)).toLocaleString('en')} | ${(rebuildMs / 1000).toFixed(1)} | ${Math.round((indexerMessages + 2 * Math.ceil(indexerMessages / 10)) / (rebuildMs / 1000)).toLocaleString('en')} |`);
    console.log(`| replay of ${read.toLocaleString('en')} message.created events (cursor ${before.seq} → ${(await repos.search.cursor(t3)).seq}) | ${replayN.toLocaleString('en')} | ${(replayMs / 1000).toFixed(1)} | ${Math.round(replayN / (replayMs / 1000)).toLocaleString('en')} |`);
    console.log(`\nTotal ${(Math.round(performance.now() - started) / 1000).toFixed(0)} s, load average ${os.loadavg()[0]!.toFixed(1)}`);
  } finally {
    await database.close();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
}

await main();
