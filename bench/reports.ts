/**
 * Historical reports at scale (issue 8): generated history of a 200-agent center (the demo
 * history generator, src/core/analytics-history) written to PostgreSQL, folded into rollups by
 * the real processor (src/jobs/analytics-rollups.ts), then the overview dashboard and the agents
 * report for the last 30 days through the reports service, against the same figures computed by
 * a raw scan of the events table (src/core/analytics/raw-scan.ts) in the same run.
 *
 *   npm run bench:reports                             # 10,000,000 events
 *   BENCH_EVENTS=1000000 npx tsx bench/reports.ts     # fewer days, same daily volume
 *   BENCH_PER_DAY=2120 BENCH_ROUNDS=7 DATABASE_URL=postgres://... npx tsx bench/reports.ts
 *
 * Volume: BENCH_PER_DAY conversations a day (default 2,120, about 27,400 events a day, so a year
 * is about 10M events); the number of days follows from BENCH_EVENTS (at most 365), so every run
 * has the same load in its 30-day window. Database `switchboard_bench_reports` is dropped and
 * created. Goals: < 100 ms per dashboard, ≥ 100× faster than the raw scan, ingestion into
 * rollups ≥ 20,000 events/s. Read the ratios: absolute times depend on the machine and its load.
 */
import os from 'node:os';
import pg from 'pg';
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { openDatabase } from '../src/storage/db.ts';
import { migrate } from '../src/storage/migrate.ts';
import { createRepos } from '../src/storage/repos.ts';
import { writeHistoryDay } from '../src/storage/history-writer.ts';
import { generateHistory } from '../src/core/analytics-history/generate.ts';
import { localDayStart } from '../src/core/analytics-history/calendar.ts';
import type { HistoryInput } from '../src/core/analytics-history/types.ts';
import { createRollupProcessor } from '../src/jobs/analytics-rollups.ts';
import { createReportsService } from '../src/core/analytics/reports.ts';
import { rawReport, type RawEvent } from '../src/core/analytics/raw-scan.ts';
import { reportQuery, type Metrics } from '../src/contracts/analytics.ts';
import type { CoreDeps } from '../src/core/deps.ts';
import type { Principal } from '../src/core/auth/principal.ts';
import { systemClock } from '../src/core/context.ts';

const target = Number(process.env.BENCH_EVENTS ?? 10_000_000);
const perDay = Number(process.env.BENCH_PER_DAY ?? 2120);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const adminUrl = process.env.DATABASE_URL ?? process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = 'switchboard_bench_reports';
/** Events a day per conversation of BENCH_PER_DAY (measured: 365 days at 1,830 gave 8,639,173 events; the generator's season and weekday shape lifts the mean above perDay). */
const EVENTS_PER_CONVERSATION = 12.93;
const DAY = 86_400_000;
const TZ = 'Europe/London';
const AGENTS = 200;
const TEAMS = 8;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number) => Math.round(n).toLocaleString('en');
const secs = (ms: number) => (ms / 1000).toFixed(1);

async function timed(fn: () => Promise<unknown>): Promise<number[]> {
  await fn(); // warm-up
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

async function main() {
  const started = performance.now();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 4 });
  const { db } = database;
  try {
    await migrate(database);
    const repos = createRepos(db);
    const days = Math.max(31, Math.min(365, Math.ceil(target / (perDay * EVENTS_PER_CONVERSATION))));
    console.log(`Switchboard reports benchmark: PostgreSQL, target ${fmt(target)} events (${days} days × ~${fmt(perDay)} conversations a day, ${AGENTS} agents), node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}`);

    // A tenant shaped like a 200-agent center: 8 teams, 6 queues, 6 inboxes, disposition codes.
    const tenantId = uuidv7();
    const now = new Date();
    await repos.tenants.insert({ id: tenantId, slug: 'bench', name: 'Bench center', timeZone: TZ, languages: ['en'] });
    const teamIds = Array.from({ length: TEAMS }, () => uuidv7());
    for (const [i, id] of teamIds.entries()) await repos.teams.insert({ id, tenantId, name: `Team ${i + 1}`, description: '' });
    const agents = Array.from({ length: AGENTS }, (_, i) => ({ id: uuidv7(), teamIds: [teamIds[i % TEAMS]!] }));
    for (const [i, a] of agents.entries()) {
      await repos.users.insert({ id: a.id, tenantId, email: `agent${i}@bench.example`, name: `Agent ${i + 1}`, role: 'agent', language: 'en', passwordHash: null });
      await repos.teams.addMember(tenantId, a.teamIds[0]!, a.id);
    }
    const queues = Array.from({ length: 6 }, (_, i) => ({ id: uuidv7(), name: `Queue ${i + 1}`, teamIds: [teamIds[i % TEAMS]!, teamIds[(i + 6) % TEAMS]!, teamIds[(i + 3) % TEAMS]!], weight: 6 - i, wrapUpMs: 30_000 }));
    for (const q of queues) {
      await db.insertInto('routing_queues').values({ id: q.id, tenant_id: tenantId, name: q.name, strategy: 'longest_idle', offer_timeout_ms: null, calendar_id: null, team_ids: q.teamIds, created_at: now, updated_at: now }).execute();
    }
    const inboxes = (['chat', 'email', 'voice', 'whatsapp', 'sms', 'messenger'] as const).map((channel) => ({ id: uuidv7(), channel, bot: channel === 'chat' }));
    for (const i of inboxes) await repos.inboxes.insert({ id: i.id, tenantId, name: `Bench ${i.channel}`, channel: i.channel, reopenWindowMs: 7 * DAY, settings: {}, at: now });

    const end = localDayStart(Date.now(), TZ);
    const input: HistoryInput = {
      seed: 2026, tenantId, timeZone: TZ, start: localDayStart(end - days * DAY + DAY / 2, TZ), end, perDay,
      queues, agents, inboxes, customers: [], tags: ['billing', 'delivery', 'returns', 'technical', 'vip', 'complaint'],
      dispositions: [{ code: 'resolved', label: 'Resolved' }, { code: 'refund', label: 'Refund issued' }, { code: 'follow-up', label: 'Follow-up needed' }, { code: 'no-fault', label: 'No fault found' }],
      slaPolicyId: null,
    };

    // 1. Generate and write the history (one day per transaction, multi-row inserts, numbered, no outbox).
    let events = 0;
    let conversations = 0;
    let genMs = 0;
    let writeMs = 0;
    let t = performance.now();
    for (const day of generateHistory(input)) {
      genMs += performance.now() - t;
      const w0 = performance.now();
      const r = await writeHistoryDay(db, tenantId, day);
      writeMs += performance.now() - w0;
      events += r.events;
      conversations += r.conversations;
      if ((day.index + 1) % 15 === 0 || day.index === days - 1) console.log(`  generated ${day.index + 1} of ${days} days: ${fmt(events)} events, ${fmt(conversations)} conversations (${secs(performance.now() - started)} s)`);
      t = performance.now();
    }
    console.log(`History: ${fmt(events)} events, ${fmt(conversations)} conversations; generating ${secs(genMs)} s (${fmt(events / (genMs / 1000))} events/s), writing ${secs(writeMs)} s (${fmt(events / (writeMs / 1000))} events/s)`);
    await sql`analyze`.execute(db);

    // 2. Ingestion into rollups by the real processor.
    const processor = createRollupProcessor(db);
    let folded = 0;
    const i0 = performance.now();
    await processor.processTenant(tenantId, (n) => {
      folded += n;
      if (Math.floor(folded / 1_000_000) !== Math.floor((folded - n) / 1_000_000)) console.log(`  folded ${fmt(folded)} events into rollups (${secs(performance.now() - i0)} s)`);
    });
    const ingestMs = performance.now() - i0;
    const ingestRate = folded / (ingestMs / 1000);
    console.log(`Rollups: ${fmt(folded)} events in ${secs(ingestMs)} s = ${fmt(ingestRate)} events/s (goal ≥ 20,000)`);
    await sql`analyze`.execute(db);

    // 3. The last 30 days: the reports service (rollups) against a raw scan of the events table.
    const to = end;
    const from = localDayStart(end - 30 * DAY + DAY / 2, TZ);
    const deps = { repos, clock: systemClock } as unknown as CoreDeps;
    const reports = createReportsService(deps);
    const principal: Principal = { tenantId, userId: agents[0]!.id, role: 'admin', via: 'session', permissions: new Set(['analytics.read']) };
    const q = reportQuery.parse({ from: new Date(from).toISOString(), to: new Date(to).toISOString() });
    const teamOfUser = new Map(agents.map((a) => [a.id, a.teamIds[0]!]));
    const raw = async (byAgent: boolean) => {
      // Everything in the window plus 8 days before, so contacts that began earlier are whole.
      const r = await sql<{ seq: string; type: string; aggregate_type: string; aggregate_id: string; payload: Record<string, unknown>; created_at: Date }>`
        select seq, type, aggregate_type, aggregate_id, payload, created_at from events
        where tenant_id = ${tenantId} and created_at >= ${new Date(from - 8 * DAY)} and created_at < ${new Date(to)}`.execute(db);
      const list: RawEvent[] = r.rows.map((x) => ({ seq: Number(x.seq), type: x.type, aggregateType: x.aggregate_type, aggregateId: x.aggregate_id, payload: x.payload, at: new Date(x.created_at).getTime() }));
      const inboxOfConv = new Map<string, string>();
      for (const e of list) if (e.type === 'conversation.created') inboxOfConv.set(e.aggregateId, String(e.payload.inboxId));
      return { n: list.length, result: rawReport(list, { from, to, byAgent, teamOf: (u) => (u ? teamOfUser.get(u) ?? '' : ''), inboxOf: (c) => (c ? inboxOfConv.get(c) ?? '' : '') }) };
    };
    const overview = await reports.run(principal, 'overview', q);
    const agentsReport = await reports.run(principal, 'agents', q);
    const rawOverview = await raw(false);
    const rawAgents = await raw(true);
    const tOverview = await timed(() => reports.run(principal, 'overview', q));
    const tAgents = await timed(() => reports.run(principal, 'agents', q));
    const tRawOverview = await timed(() => raw(false));
    const tRawAgents = await timed(() => raw(true));

    const figures: (keyof Metrics)[] = ['offered', 'answered', 'abandoned', 'handled', 'conversations', 'resolved', 'csatResponses', 'slaBreaches'];
    console.log(`\n30 days ${new Date(from).toISOString().slice(0, 10)} → ${new Date(to).toISOString().slice(0, 10)}: the raw scan reads ${fmt(rawOverview.n)} events`);
    console.log(`\n| Figure (30 days) | overview (rollups) | raw scan |`);
    console.log(`|---|---:|---:|`);
    for (const f of figures) console.log(`| ${f} | ${overview.totals[f] ?? '–'} | ${rawOverview.result.totals[f] ?? '–'} |`);
    console.log(`| agents report rows | ${agentsReport.rows.length} | ${rawAgents.result.rows.size} |`);

    const line = (name: string, ms: number[], base: number[]) => {
      const m = median(ms);
      const b = median(base);
      return `| ${name} | ${m.toFixed(1)} | ${b.toFixed(0)} | ${(b / m).toFixed(0)}× | ${m < 100 ? 'yes' : 'no'} / ${b / m >= 100 ? 'yes' : 'no'} |`;
    };
    console.log(`\n| Report, 30 days (median of ${rounds}) | rollups (ms) | raw scan (ms) | ratio | < 100 ms / ≥ 100× |`);
    console.log(`|---|---:|---:|---:|---|`);
    console.log(line('overview dashboard', tOverview, tRawOverview));
    console.log(line('agents report', tAgents, tRawAgents));
    console.log(`\n| Ingestion | events | time (s) | events/s | goal ≥ 20,000 |`);
    console.log(`|---|---:|---:|---:|---|`);
    console.log(`| write history (generate + insert, numbered) | ${fmt(events)} | ${secs(genMs + writeMs)} | ${fmt(events / ((genMs + writeMs) / 1000))} | |`);
    console.log(`| fold into rollups (createRollupProcessor) | ${fmt(folded)} | ${secs(ingestMs)} | ${fmt(ingestRate)} | ${ingestRate >= 20_000 ? 'yes' : 'no'} |`);
    console.log(`\nTotal ${secs(performance.now() - started)} s, load average ${os.loadavg()[0]!.toFixed(1)}`);
  } finally {
    await database.close();
    if (process.env.BENCH_KEEP !== '1') await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
