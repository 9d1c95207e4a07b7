/**
 * Chat intake end to end on PostgreSQL (issue 6, "Performance"): N simulated widgets on their own
 * sockets (/widget/ws) send messages to conversations assigned to M connected agent staff sockets
 * (/ws, subscribed to `user:<id>`). A message counts as delivered when it is acknowledged to the
 * widget (ack = committed) AND its message.created event reached the assigned agent's socket.
 *
 *   npm run bench:chat-intake                 # 10 s per phase
 *   npm run bench:chat-intake -- --quick      # short run
 *   BENCH_WIDGETS=3000 BENCH_SECONDS=10 BENCH_WINDOW=2 npm run bench:chat-intake
 *
 * Phases: (1) throughput: every widget keeps BENCH_WINDOW sends in flight for BENCH_SECONDS;
 * (2) latency: after the per-visitor limiter windows reset, an open-loop schedule at half the
 * measured rate, p50/p99 from send to the agent socket; (3) baseline: a raw multi-row INSERT of
 * as many message-shaped rows as phase 1 delivered, into a scratch table of the same database.
 *
 * The server runs on this thread (one Node process, as in production); widgets and agent sockets
 * run in a child process so the load generator does not run on the event loop being measured (on a
 * 2-core machine they still share the CPUs with PostgreSQL). The product's own limits stay on
 * (per visitor 20 messages / 10 s, per IP 120 / min, sockets 30 / min / IP): each widget binds its
 * own loopback address (127.1.x.y, two widgets per address), as real visitors come from many
 * addresses. The HTTP limiter (RATE_LIMIT_PER_MINUTE) is raised for the set-up calls only.
 * After set-up it runs VACUUM ANALYZE, as autovacuum would have on a server in service (these
 * machines run PostgreSQL with autovacuum off).
 *
 * Diagnostics (docs/performance.md, "Live chat"): BENCH_PROFILE=1|paced|idle profiles the server
 * thread for one phase; BENCH_HEAP=1 samples what it allocates in the throughput phase;
 * BENCH_COUNT_QUERIES=1|paced counts the statements the server sends;
 * BENCH_PG_STATEMENTS=1|paced prints PostgreSQL's own time per statement (needs pg_stat_statements in
 * shared_preload_libraries); BENCH_SYNC_COMMIT=off turns off synchronous commit on the bench's
 * database only; BENCH_LATENCY_TRACE=1 shows when the paced phase's slow messages were sent (per
 * 250 ms), beside garbage collections, stalls of the load generator, the server's statements over
 * 30 ms and what PostgreSQL waited on; with BENCH_PROFILE=paced, the profile's busy stretches.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { v7 as uuidv7 } from 'uuid';
import { sql } from 'kysely';
import type { Db } from '../src/storage/db.ts';

const require = createRequire(import.meta.url);
const quick = process.argv.includes('--quick');
const num = (v: string | undefined, d: number) => (Number.isFinite(Number(v)) && Number(v) > 0 ? Number(v) : d);
const WIDGETS = num(process.env.BENCH_WIDGETS, quick ? 600 : 3000);
const SECONDS = num(process.env.BENCH_SECONDS, quick ? 4 : 10);
const WINDOW = num(process.env.BENCH_WINDOW, 2);
const PER_IP = 2;

const SENTENCES = [
  'Hi, I ordered a blue jacket last week and it has not arrived yet, can you check?',
  'Thanks, that helps a lot.',
  'Can I change the delivery address on my order?',
  'The discount code does not work at checkout.',
  'Dzień dobry, czy mogę zwrócić buty kupione w zeszłym tygodniu?',
  'Is the store open on Sunday?',
];

export const localAddress = (i: number) => {
  const k = Math.floor(i / PER_IP);
  return `127.${1 + Math.floor(k / 62_500)}.${Math.floor((k % 62_500) / 250)}.${(k % 250) + 1}`;
};

interface Setup { url: string; tokens: string[]; agents: { userId: string; cookie: string }[] }
type ToWorker = { cmd: 'connect' } | { cmd: 'agents' } | { cmd: 'throughput'; seconds: number; window: number } | { cmd: 'latency'; seconds: number; rate: number } | { cmd: 'close' };

if (process.argv.includes('--load-child')) await runWorker();
else await main();

// ------------------------------------------------------------------------------------ main thread

/** The young generation's size as set on the command line (package.json sets it, like npm start). */
function semiSpace(): string {
  const flag = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].find((a) => a.startsWith('--max-semi-space-size='));
  return flag ? `semi-space ${flag.split('=')[1]} MB` : 'default semi-space';
}

async function main() {
  const { sql } = await import('kysely');
  const { loadConfig } = await import('../src/config.ts');
  const { createServer } = await import('../src/main.ts');
  const { createLogger } = await import('../src/logger.ts');
  const { openDatabase } = await import('../src/storage/db.ts');
  const { signToken } = await import('../src/channels/chat/token.ts');
  const { DEMO_PASSWORD } = await import('../src/seed.ts');
  // PostgreSQL on the same machine is reached through its Unix socket, as a server beside it would
  // be (over loopback TCP each statement costs these VMs far more in the kernel): BENCH_PG_TCP=1
  // keeps TCP, and TEST_DATABASE_URL, when set, decides.
  const socketDir = process.env.BENCH_PG_SOCKET_DIR ?? '/var/run/postgresql';
  let transport = 'TCP';
  if (process.env.TEST_DATABASE_URL) transport = process.env.TEST_DATABASE_URL.includes('host=/') ? 'Unix socket' : 'TCP';
  else if (process.env.BENCH_PG_TCP !== '1' && existsSync(`${socketDir}/.s.PGSQL.5432`)) {
    process.env.TEST_DATABASE_URL = `postgres://postgres@localhost/postgres?host=${socketDir}`;
    transport = 'Unix socket';
  }
  const { freshDatabase, testHasher } = await import('../test/helpers/db.ts');

  console.log(`chat-intake: ${WIDGETS} widgets, ${SECONDS} s per phase, ${WINDOW} in flight per widget, PostgreSQL over ${transport}; node ${process.version} (${semiSpace()}), ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}`);
  const fresh = await freshDatabase('postgres');
  // The test helper's pool is small (5); the server gets the production default (10).
  if (process.env.BENCH_SYNC_COMMIT === 'off') {
    // Diagnostic only (this bench's own database): commits stop waiting for the WAL flush.
    await sql.raw(`ALTER DATABASE "${new URL(fresh.url!).pathname.slice(1)}" SET synchronous_commit = off`).execute(fresh.database.db);
    console.log('diagnostic: synchronous_commit = off on the bench database');
  }
  const database = await openDatabase({ url: fresh.url!, poolSize: 10 });
  const config = loadConfig({ LOG_LEVEL: 'silent', JOBS: 'false', PORT: '0', HOST: '127.0.0.1', RATE_LIMIT_PER_MINUTE: '10000000' }, '/nonexistent');
  const server = await createServer(config, { database, hasher: testHasher, log: createLogger((process.env.BENCH_LOG_LEVEL ?? 'silent') as 'silent'), seed: false });
  let worker: ChildProcess | undefined;
  try {
    const url = await server.listen();
    const inject = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', u: string, cookie?: string, body?: unknown) =>
      server.app.inject({ method, url: u, headers: cookie ? { cookie } : {}, ...(body !== undefined && { payload: body as object }) });
    const login = async (email: string) => {
      const r = await inject('POST', '/api/v1/auth/login', undefined, { email, password: DEMO_PASSWORD });
      const c = r.cookies.find((x) => x.name === 'sb_session');
      if (r.statusCode !== 200 || !c) throw new Error(`login ${email}: ${r.statusCode} ${r.body}`);
      return `sb_session=${c.value}`;
    };
    const admin = await login('admin@demo.example');
    const users = (await inject('GET', '/api/v1/users?limit=200', admin)).json().items as { id: string; email: string; role: string }[];
    const agentUsers = users.filter((u) => u.role === 'agent');
    const agents = await Promise.all(agentUsers.map(async (u) => ({ userId: u.id, cookie: await login(u.email) })));
    const inboxes = (await inject('GET', '/api/v1/inboxes?limit=200', admin)).json().items as { id: string; tenantId?: string; channel: string; settings: Record<string, unknown> }[];
    const inbox = inboxes.find((i) => i.channel === 'chat' && i.settings.demo === true);
    if (!inbox) throw new Error('no demo chat inbox');
    const tenant = await database.db.selectFrom('inboxes').select('tenant_id').where('id', '=', inbox.id).executeTakeFirstOrThrow();
    // This measures visitors talking to agents: the demo's answering bot (issue 7) steps aside.
    const unbot = await inject('PUT', `/api/v1/inboxes/${inbox.id}/flow`, admin, { flowId: null });
    if (unbot.statusCode !== 200 && unbot.statusCode !== 404) throw new Error(`bot off: ${unbot.statusCode} ${unbot.body}`);
    // Tokens as POST /sessions makes them (same signer, same claims): the per-IP session limit
    // (30/min) would otherwise make set-up of thousands of visitors take minutes.
    const exp = Date.now() + 3_600_000;
    const tokens = Array.from({ length: WIDGETS }, () => signToken({ t: tenant.tenant_id, i: inbox.id, v: uuidv7(), c: null, ver: false, exp }, String(inbox.settings.identitySecret)));

    worker = fork(fileURLToPath(import.meta.url), ['--load-child'], { execArgv: ['--import', 'tsx'] });
    await new Promise((r) => worker!.once('message', r));
    worker.send({ cmd: 'setup', setup: { url: url.replace('http', 'ws'), tokens, agents } satisfies Setup });
    const w = worker;
    w.on('error', (e) => {
      console.error('worker failed:', e);
      process.exitCode = 1;
      for (const p of pending.splice(0)) p({ failed: true });
    });
    const pending: ((m: any) => void)[] = [];
    w.on('message', (m) => pending.shift()?.(m));
    const ask = <T>(m: ToWorker) => new Promise<T>((r) => { pending.push(r); w.send(m); });

    let t = performance.now();
    const conn = await ask<{ conversationIds: string[]; failed: number; errors: string[] }>({ cmd: 'connect' });
    if (conn.failed) console.log(`  ${conn.failed} widgets failed to start: ${conn.errors.slice(0, 3).join('; ')}`);
    console.log(`set-up: ${conn.conversationIds.length} widgets connected, first message sent (conversation made) in ${Math.round(performance.now() - t)} ms`);
    t = performance.now();
    const assign = [...conn.conversationIds];
    let k = 0;
    const workers = Array.from({ length: 16 }, async () => {
      for (let id = assign.pop(); id; id = assign.pop()) {
        const a = agents[k++ % agents.length]!;
        const r = await inject('PATCH', `/api/v1/conversations/${id}`, admin, { assigneeId: a.userId });
        if (r.statusCode !== 200) throw new Error(`assign ${id}: ${r.statusCode} ${r.body}`);
      }
    });
    await Promise.all(workers);
    console.log(`set-up: ${conn.conversationIds.length} conversations assigned to ${agents.length} agents by PATCH in ${Math.round(performance.now() - t)} ms`);
    await ask({ cmd: 'agents' });
    // Set-up leaves background work behind (routing 3,000 new conversations and their assignments,
    // indexing, analytics): measure once it is done, i.e. the event loop is mostly idle for a second.
    t = performance.now();
    for (let busy = 1; busy > 0.15 && performance.now() - t < 180_000;) {
      const e0 = performance.eventLoopUtilization();
      await new Promise((r) => setTimeout(r, 1000));
      busy = performance.eventLoopUtilization(e0).utilization;
    }
    console.log(`set-up: background work settled in ${Math.round(performance.now() - t)} ms`);
    // A server in service has autovacuum's statistics; these machines run PostgreSQL with autovacuum
    // off (for the tests), so without this the planner believes the tables are as empty as at the
    // start and scans a whole inbox per duplicate check (seen with auto_explain).
    const tv = performance.now();
    await sql`VACUUM ANALYZE`.execute(database.db);
    console.log(`set-up: VACUUM ANALYZE (what autovacuum would have done) in ${Math.round(performance.now() - tv)} ms`);

    // Where the time goes: event-loop utilisation of the server thread, and a CPU profile (BENCH_PROFILE=1).
    const elu0 = performance.eventLoopUtilization();
    const cpu0 = process.cpuUsage();
    const groups0 = cpuByGroup(worker.pid);
    const wall0 = performance.now();
    const profiler = process.env.BENCH_PROFILE && !['paced', 'idle'].includes(process.env.BENCH_PROFILE) ? await startProfile() : undefined;
    const heap = process.env.BENCH_HEAP ? await startHeapSampling() : undefined;
    const waits = await sampleWaits(fresh.url!);
    const queries = process.env.BENCH_COUNT_QUERIES && process.env.BENCH_COUNT_QUERIES !== 'paced' ? await countQueries() : undefined;
    const statements = process.env.BENCH_PG_STATEMENTS && process.env.BENCH_PG_STATEMENTS !== 'paced' ? await statementTimes(database.db) : undefined;
    const tp = await ask<{ delivered: number; acked: number; onAgent: number; sent: number; refused: number; errors: number; seconds: number; drainedAll: boolean; errorKinds: string[]; cpu: number }>({ cmd: 'throughput', seconds: SECONDS, window: WINDOW });
    const rate = tp.delivered / tp.seconds;
    const elu = performance.eventLoopUtilization(elu0);
    const cpu = process.cpuUsage(cpu0);
    console.log(`server thread during throughput + drain: event loop ${(elu.utilization * 100).toFixed(0)}% busy, process CPU ${((cpu.user + cpu.system) / 10 / Math.max(1, elu.idle + elu.active)).toFixed(0)}% of one core; machine load ${os.loadavg()[0]!.toFixed(1)}`);
    const groups1 = cpuByGroup(worker.pid);
    const wallS = (performance.now() - wall0) / 1000;
    console.log(`CPU during throughput + drain (cores, of ${os.cpus().length}): ` + [...groups1].map(([g, v]) => `${g} ${((v - (groups0.get(g) ?? 0)) / wallS).toFixed(2)}`).join(', ') + `; per delivered message: ` + [...groups1].map(([g, v]) => `${g} ${(((v - (groups0.get(g) ?? 0)) * 1000) / Math.max(1, tp.delivered)).toFixed(3)} ms`).join(', '));
    await waits();
    queries?.(tp.delivered);
    await statements?.(tp.delivered);
    if (profiler) await profiler();
    if (heap) await heap(tp.delivered);
    if (tp.errorKinds.length) console.log(`errors (resent after 500 ms): ${tp.errorKinds.slice(0, 4).join('; ')}`);
    console.log(`load generator (child process) during throughput: ${tp.cpu}% of one core`);
    console.log(`throughput: ${tp.sent} sent, ${tp.acked} acked, ${tp.onAgent} on agent sockets, ${tp.delivered} both within ${tp.seconds} s; ${tp.refused} rate-limited, ${tp.errors} errors; drained: ${tp.drainedAll}`);
    await followersLag(database.db, tenant.tenant_id, 'the throughput phase');
    await hotUpdates(database.db);

    // Per-visitor limiter windows are 10 s: let them reset before the paced phase.
    await new Promise((r) => setTimeout(r, 3_000));
    const eluIdle = performance.eventLoopUtilization();
    const idleProfiler = process.env.BENCH_PROFILE === 'idle' ? await startProfile() : undefined;
    await new Promise((r) => setTimeout(r, 7_500));
    if (idleProfiler) await idleProfiler();
    console.log(`between phases (no messages, ${WIDGETS} widgets connected): server event loop ${(performance.eventLoopUtilization(eluIdle).utilization * 100).toFixed(0)}% busy`);
    const half = Math.max(1, Math.floor(rate / 2));
    const elu1 = performance.eventLoopUtilization();
    const pacedProfiler = process.env.BENCH_PROFILE === 'paced' ? await startProfile() : undefined;
    const pacedQueries = process.env.BENCH_COUNT_QUERIES === 'paced' ? await countQueries() : undefined;
    // How long a ready callback waits for the event loop: long synchronous stretches show here.
    const { monitorEventLoopDelay } = await import('node:perf_hooks');
    const loopDelay = monitorEventLoopDelay({ resolution: 5 });
    loopDelay.enable();
    // Garbage collection pauses of the server thread over 10 ms during the phase (with the trace).
    const gcLong: string[] = [];
    const { PerformanceObserver } = await import('node:perf_hooks');
    const pacedAt = performance.now();
    const gcObserver = new PerformanceObserver((l) => {
      for (const e of l.getEntries()) if (e.duration > 10) gcLong.push(`${((e.startTime - pacedAt) / 1000).toFixed(2)} s ${e.duration.toFixed(0)} ms (kind ${(e as unknown as { detail?: { kind?: number } }).detail?.kind})`);
    });
    if (process.env.BENCH_LATENCY_TRACE) gcObserver.observe({ entryTypes: ['gc'] });
    const pgTrace = process.env.BENCH_LATENCY_TRACE ? await tracePostgres(fresh.url!) : undefined;
    const slowStatements = process.env.BENCH_LATENCY_TRACE ? await traceSlowStatements(pacedAt) : undefined;
    const steal = process.env.BENCH_LATENCY_TRACE ? traceSteal(pacedAt) : undefined;
    const pacedStatements = process.env.BENCH_PG_STATEMENTS === 'paced' ? await statementTimes(database.db) : undefined;
    const pacedGroups0 = cpuByGroup(worker.pid);
    const pacedWall0 = performance.now();
    const lat = await ask<{ trace: string[]; sent: number; delivered: number; p50: number; p99: number; max: number; ackP50: number; ackP99: number; refused: number; errors: number; cpu: number }>({ cmd: 'latency', seconds: SECONDS, rate: half });
    {
      const g1 = cpuByGroup(worker.pid);
      const wall = (performance.now() - pacedWall0) / 1000;
      console.log(`CPU during the paced phase + drain (cores, of ${os.cpus().length}): ` + [...g1].map(([g, v]) => `${g} ${((v - (pacedGroups0.get(g) ?? 0)) / wall).toFixed(2)}`).join(', ') + `; per delivered message: ` + [...g1].map(([g, v]) => `${g} ${(((v - (pacedGroups0.get(g) ?? 0)) * 1000) / Math.max(1, lat.delivered)).toFixed(3)} ms`).join(', '));
    }
    await followersLag(database.db, tenant.tenant_id, 'the paced phase');

    loopDelay.disable();
    gcObserver.disconnect();
    await pgTrace?.();
    slowStatements?.();
    steal?.();
    if (lat.trace.length) console.log(`paced phase, latency by when the message was sent:\n${lat.trace.join('\n')}\ngarbage collections over 10 ms: ${gcLong.join(', ') || 'none'}`);
    if (pacedProfiler) await pacedProfiler();
    pacedQueries?.(lat.delivered);
    await pacedStatements?.(lat.delivered);
    console.log(`paced phase: event loop delay p50 / p99 / max ${(loopDelay.percentile(50) / 1e6).toFixed(1)} / ${(loopDelay.percentile(99) / 1e6).toFixed(1)} / ${(loopDelay.max / 1e6).toFixed(1)} ms`);
    console.log(`paced phase: server event loop ${(performance.eventLoopUtilization(elu1).utilization * 100).toFixed(0)}% busy, load generator ${lat.cpu}% of one core; send -> ack p50 / p99 ${lat.ackP50.toFixed(1)} / ${lat.ackP99.toFixed(1)} ms`);
    await sql`CREATE TABLE bench_scratch_messages (id uuid PRIMARY KEY, tenant_id uuid NOT NULL, conversation_id uuid NOT NULL, inbox_id uuid NOT NULL, seq int NOT NULL, direction text NOT NULL, text text NOT NULL, provider_message_id text, created_at timestamptz NOT NULL)`.execute(database.db);
    const rowsN = Math.max(1000, tp.delivered);
    const rows = Array.from({ length: rowsN }, (_, i) => [uuidv7(), tenant.tenant_id, conn.conversationIds[i % conn.conversationIds.length]!, inbox.id, i, `b:${uuidv7()}`] as const);
    t = performance.now();
    for (let i = 0; i < rows.length; i += 1000) {
      await sql`INSERT INTO bench_scratch_messages (id, tenant_id, conversation_id, inbox_id, seq, direction, text, provider_message_id, created_at) VALUES ${sql.join(rows.slice(i, i + 1000).map((r) => sql`(${r[0]}, ${r[1]}, ${r[2]}, ${r[3]}, ${r[4]}, 'inbound', ${r[5]}, ${r[5]}, now())`))}`.execute(database.db);
    }
    const rawRate = rowsN / ((performance.now() - t) / 1000);

    const stored = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM messages WHERE inbox_id = ${inbox.id} AND provider_message_id LIKE '%:b-%'`.execute(database.db)).rows[0]!.n);
    const f = (n: number) => Math.round(n).toLocaleString('en');
    console.log('');
    console.log('| measure                                              | value            |');
    console.log('|------------------------------------------------------|------------------|');
    console.log(`| raw multi-row INSERT of ${f(rowsN).padEnd(7)} message rows         | ${(f(rawRate) + ' rows/s').padEnd(16)} |`);
    console.log(`| end to end (acked + on agent socket), max            | ${(f(rate) + ' msg/s').padEnd(16)} |`);
    console.log(`| ratio to raw insert                                  | ${(rate / rawRate).toFixed(3).padEnd(16)} |`);
    console.log(`| paced at half (${f(half)} msg/s): delivered ${f(lat.delivered)}/${f(lat.sent)}`.padEnd(55) + `| ${(f(lat.delivered / SECONDS) + ' msg/s').padEnd(16)} |`);
    console.log(`| latency send -> agent socket p50 / p99 / max          | ${`${lat.p50.toFixed(1)} / ${lat.p99.toFixed(1)} / ${lat.max.toFixed(0)} ms`.padEnd(16)} |`);
    console.log(`| bench messages stored in messages (both phases)      | ${f(stored).padEnd(16)} |`);
    console.log('');
    console.log(`goal >= 5,000 msg/s: ${rate >= 5000 ? 'met' : 'NOT met'}; >= 0.5x raw insert: ${rate / rawRate >= 0.5 ? 'met' : 'NOT met'}; p99 < 50 ms at half load: ${lat.p99 < 50 ? 'met' : 'NOT met'}` + (lat.refused || lat.errors ? ` (paced phase: ${lat.refused} rate-limited, ${lat.errors} errors)` : ''));
    if (process.env.BENCH_EXPLAIN) await explainIntake(database.db, tenant.tenant_id, inbox.id, Number(process.env.BENCH_EXPLAIN) || 8);
    await ask({ cmd: 'close' });
  } finally {
    worker?.kill();
    await server.close().catch(() => {});
    await database.close().catch(() => {});
    await fresh.drop().catch(() => {});
  }
}

/** Samples what the database's busy connections wait on (pg_stat_activity, every 50 ms) until the returned function is called; prints the top. */
async function sampleWaits(url: string) {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const db = new URL(url).pathname.slice(1);
  const seen = new Map<string, number>();
  let samples = 0;
  let on = true;
  const loop = (async () => {
    while (on) {
      const r = await c.query(`SELECT state, coalesce(wait_event_type, 'CPU') || ':' || coalesce(wait_event, '-') AS w, left(regexp_replace(query, '[[:space:]]+', ' ', 'g'), 70) AS q FROM pg_stat_activity WHERE datname = $1 AND state <> 'idle' AND pid <> pg_backend_pid()`, [db]);
      samples++;
      for (const row of r.rows as { state: string; w: string; q: string }[]) {
        const k = row.state === 'active' ? `${row.w.padEnd(22)} ${row.q}` : `${'(in transaction, idle)'.padEnd(22)} waiting for Node after: ${row.q}`;
        seen.set(k, (seen.get(k) ?? 0) + 1);
      }
      await new Promise((res) => setTimeout(res, 50));
    }
  })();
  return async () => {
    on = false;
    await loop;
    await c.end();
    const rows = [...seen].sort((a, b) => b[1] - a[1]).slice(0, 8);
    console.log(`database connections over ${samples} samples (average busy connections: what they wait on)`);
    for (const [k, n] of rows) console.log(`  ${(n / Math.max(1, samples)).toFixed(2).padStart(5)}  ${k}`);
  };
}

/**
 * What PostgreSQL did besides the bench's statements during the paced phase (BENCH_LATENCY_TRACE=1):
 * autovacuum workers, checkpoints, and waits on I/O or locks, sampled every 25 ms, per 250 ms.
 */
async function tracePostgres(url: string) {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const before = (await c.query('SELECT checkpoints_timed + checkpoints_req AS n FROM pg_stat_bgwriter')).rows[0].n as number;
  const t0 = performance.now();
  const slots = new Map<number, Map<string, number>>();
  let on = true;
  const loop = (async () => {
    while (on) {
      const r = await c.query(`SELECT backend_type, coalesce(wait_event_type || ':' || wait_event, '') AS w, left(query, 40) AS q FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND (backend_type IN ('autovacuum worker', 'checkpointer') AND (wait_event IS NULL OR wait_event NOT IN ('CheckpointerMain', 'AutoVacuumMain')) OR (state = 'active' AND wait_event_type IN ('IO', 'Lock', 'LWLock')))`);
      const slot = Math.floor((performance.now() - t0) / 250);
      const m = slots.get(slot) ?? new Map<string, number>();
      for (const row of r.rows as { backend_type: string; w: string; q: string }[]) {
        const k = row.backend_type === 'client backend' ? `${row.w} (${row.q.replace(/\s+/g, ' ').slice(0, 30)})` : `${row.backend_type} ${row.w} ${row.q}`;
        m.set(k, (m.get(k) ?? 0) + 1);
      }
      slots.set(slot, m);
      await new Promise((res) => setTimeout(res, 25));
    }
  })();
  return async () => {
    on = false;
    await loop;
    const after = (await c.query('SELECT checkpoints_timed + checkpoints_req AS n FROM pg_stat_bgwriter')).rows[0].n as number;
    await c.end();
    console.log(`PostgreSQL during the paced phase: ${after - before} checkpoints; per 250 ms (samples every 25 ms):`);
    for (const [slot, m] of [...slots].sort((a, b) => a[0] - b[0])) if (m.size) console.log(`  ${(slot / 4).toFixed(2).padStart(6)} s  ${[...m].map(([k, n]) => `${n}x ${k}`).join('; ')}`);
  };
}

/** CPU seconds used by every process of the machine, grouped: this server, the load generator, PostgreSQL, the rest (Linux /proc). */
function cpuByGroup(loadPid: number | undefined): Map<string, number> {
  const { readdirSync, readFileSync } = require('node:fs') as typeof import('node:fs');
  const tick = 100; // USER_HZ
  const out = new Map<string, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${d}/stat`, 'utf8');
    } catch {
      continue;
    }
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const secs = (Number(f[11]) + Number(f[12])) / tick;
    const pid = Number(d);
    // PostgreSQL backends that ended (connections closed) leave their time with the postmaster's children total.
    const children = name.startsWith('postgres') ? (Number(f[13]) + Number(f[14])) / tick : 0;
    const group = pid === process.pid ? 'server' : pid === loadPid ? 'load generator' : name.startsWith('postgres') ? 'PostgreSQL' : 'other';
    out.set(group, (out.get(group) ?? 0) + secs + children);
  }
  return out;
}

/**
 * EXPLAIN ANALYZE of the batched intake statement (BENCH_EXPLAIN=n: a batch of n messages from
 * the bench's visitors), in a transaction rolled back: where PostgreSQL spends a batch's time.
 */
async function explainIntake(db: Db, tenantId: string, inboxId: string, n: number) {
  const { writeStatement } = await import('../src/storage/intake-batch.repo.ts');
  const senders = (await sql<{ kind: 'visitor'; value: string }>`
    SELECT i.kind, i.value FROM customer_identities i
    JOIN conversations c ON c.tenant_id = i.tenant_id AND c.customer_id = i.customer_id
    WHERE c.tenant_id = ${tenantId} AND c.inbox_id = ${inboxId} AND c.status = 'open' LIMIT ${n}`.execute(db)).rows;
  const at = new Date();
  const items = senders.map((x, k) => ({ providerMessageId: `explain-${uuidv7()}`, identity: { kind: x.kind, value: x.value }, messageId: uuidv7(), eventId: uuidv7(), text: `explain ${k} ${SENTENCES[k % SENTENCES.length]}`, payloadText: 'explain', sentiment: 0.1, at }));
  // How the server's connections run their named statements: a generic plan, or planned on each call.
  const seen = new Map<string, string>();
  await Promise.all(Array.from({ length: 10 }, async () => {
    const r = await sql<{ pid: number; name: string; generic_plans: string; custom_plans: string; statement: string }>`SELECT pg_backend_pid() AS pid, name, generic_plans, custom_plans, left(regexp_replace(statement, '[[:space:]]+', ' ', 'g'), 50) AS statement FROM pg_prepared_statements, pg_sleep(0.05)`.execute(db);
    for (const x of r.rows) seen.set(`${x.pid} ${x.name}`, `generic ${x.generic_plans}, custom ${x.custom_plans}: ${x.statement}`);
  }));
  console.log(`named statements of the pool's connections:\n${[...seen].map(([k, v]) => `  ${k}: ${v}`).join('\n')}`);
  // The search indexer's insert of new message documents (copies of stored ones under new ids).
  await db.transaction().execute(async (tx) => {
    const plan = await sql<{ 'QUERY PLAN': string }>`EXPLAIN (ANALYZE, BUFFERS, WAL)
      insert into search_documents as sd (tenant_id, kind, ref_id, conversation_id, customer_id, ticket_id, inbox_id, status, body, tokens, created_at, generation)
      select tenant_id, kind, gen_random_uuid(), conversation_id, customer_id, ticket_id, inbox_id, status, body, tokens, created_at, generation
      from search_documents where tenant_id = ${tenantId} and kind = 'message' limit 1000
      on conflict (tenant_id, kind, ref_id) do update set body = excluded.body`.execute(tx);
    console.log(`EXPLAIN ANALYZE of 1,000 new message documents in search_documents:\n${plan.rows.map((x) => '  ' + x['QUERY PLAN']).join('\n')}`);
    throw new Error('rolled back');
  }).catch(() => {});
  for (let run = 0; run < 3; run++) {
    await db.transaction().execute(async (tx) => {
      const compiled = writeStatement(tenantId, inboxId, at, items.map((i) => ({ ...i, providerMessageId: `${i.providerMessageId}-${run}`, messageId: uuidv7(), eventId: uuidv7() }))).compile(tx);
      const plan = await tx.executeQuery<{ 'QUERY PLAN': string }>({ ...compiled, sql: `EXPLAIN (ANALYZE, BUFFERS, WAL, SETTINGS) ${compiled.sql}` });
      if (run === 2) console.log(`EXPLAIN ANALYZE of the intake statement, ${items.length} messages (third run):\n${plan.rows.map((x) => '  ' + x['QUERY PLAN']).join('\n')}`);
      throw new Error('rolled back');
    }).catch(() => {});
  }
}

/**
 * CPU time the hypervisor took from this virtual machine (steal, /proc/stat) per 250 ms of the
 * paced phase (BENCH_LATENCY_TRACE=1): a stretch where every process of the machine stalls at once.
 */
function traceSteal(t0: number) {
  const { readFileSync } = require('node:fs') as typeof import('node:fs');
  const read = () => {
    const f = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
    return { steal: f[7] ?? 0, total: f.reduce((a, b) => a + b, 0) };
  };
  let prev = read();
  const start = prev;
  const slots = new Map<number, number>();
  const timer = setInterval(() => {
    const cur = read();
    const slot = Math.floor((performance.now() - t0) / 250);
    if (cur.steal > prev.steal) slots.set(slot, (slots.get(slot) ?? 0) + cur.steal - prev.steal);
    prev = cur;
  }, 25);
  return () => {
    clearInterval(timer);
    const end = read();
    const share = (end.steal - start.steal) / Math.max(1, end.total - start.total);
    const list = [...slots].filter(([, n]) => n >= 2).map(([slot, n]) => `${(slot / 4).toFixed(2)} s ${n * 10} ms`);
    console.log(`CPU stolen by the hypervisor during the paced phase: ${(share * 100).toFixed(1)} % of all CPU time; 250 ms slots with 20 ms or more stolen (summed over the cores): ${list.join(', ') || 'none'}`);
  };
}

/** Statements of the server that took 30 ms or more from send to reply (BENCH_LATENCY_TRACE=1), with when they were sent. */
async function traceSlowStatements(t0: number) {
  const { default: pg } = await import('pg');
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const original = proto.query;
  const slow: string[] = [];
  let n = 0;
  proto.query = function (this: unknown, ...a: unknown[]) {
    const q = a[0];
    const text = typeof q === 'string' ? q : (q as { text?: string })?.text ?? '?';
    const at = performance.now();
    const r = original.apply(this, a) as Promise<unknown> | undefined;
    n++;
    const done = () => {
      const ms = performance.now() - at;
      if (ms >= 30) slow.push(`  ${((at - t0) / 1000).toFixed(2)} s  ${ms.toFixed(0).padStart(4)} ms  ${text.replace(/\s+/g, ' ').trim().slice(0, 70)}`);
    };
    if (r && typeof r.then === 'function') r.then(done, done);
    return r;
  };
  return () => {
    proto.query = original;
    console.log(`statements taking 30 ms or more (${slow.length} of ${n}; times from ${new Date(Date.now() - (performance.now() - t0)).toISOString()}):\n${slow.slice(0, 40).join('\n')}`);
  };
}

/** Counts the statements the server sends (pg's Client.query) until the returned function prints them per delivered message. */
async function countQueries() {
  const { default: pg } = await import('pg');
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const original = proto.query;
  const seen = new Map<string, number>();
  proto.query = function (this: unknown, ...a: unknown[]) {
    const q = a[0];
    const text = typeof q === 'string' ? q : (q as { text?: string })?.text ?? '?';
    const k = text.replace(/\s+/g, ' ').trim().slice(0, 90);
    seen.set(k, (seen.get(k) ?? 0) + 1);
    return original.apply(this, a);
  };
  return (delivered: number) => {
    proto.query = original;
    const total = [...seen.values()].reduce((a, b) => a + b, 0);
    console.log(`statements sent by the server: ${total} (${(total / Math.max(1, delivered)).toFixed(2)} per delivered message); the most frequent:`);
    for (const [k, n] of [...seen].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${String(n).padStart(7)}  ${(n / Math.max(1, delivered)).toFixed(3)}  ${k}`);
  };
}

/**
 * PostgreSQL's own time per statement during the phase (BENCH_PG_STATEMENTS=1): needs
 * pg_stat_statements in shared_preload_libraries, which these machines do not have by default.
 */
async function statementTimes(db: import('../src/storage/db.ts').Db) {
  const { sql } = await import('kysely');
  await sql`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`.execute(db);
  await sql`SELECT pg_stat_statements_reset()`.execute(db);
  return async (delivered: number) => {
    const r = await sql<{ q: string; calls: string; ms: number; rows: string }>`SELECT regexp_replace(query, '[[:space:]]+', ' ', 'g') AS q, calls, total_exec_time + total_plan_time AS ms, rows
      FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) ORDER BY 3 DESC LIMIT 25`.execute(db);
    const total = r.rows.reduce((a, x) => a + x.ms, 0);
    console.log(`PostgreSQL time per statement (plan + execute, top 25: ${(total / Math.max(1, delivered)).toFixed(3)} ms per delivered message):`);
    for (const x of r.rows) console.log(`  ${(x.ms / Math.max(1, delivered)).toFixed(4)} ms/msg ${String(x.calls).padStart(6)} calls ${String(x.rows).padStart(7)} rows  ${x.q.slice(0, 100)}`);
  };
}

/** Starts the V8 profiler on this thread; the returned function stops it and prints self time by file and by function. */
/** Samples what the server thread allocates (BENCH_HEAP=1), collected garbage included, until the returned function prints the top allocators. */
async function startHeapSampling() {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.enable');
  await session.post('HeapProfiler.startSampling', { samplingInterval: 64 * 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as object);
  return async (delivered: number) => {
    interface HeapNode { callFrame: { functionName: string; url: string; lineNumber: number }; selfSize: number; children: HeapNode[] }
    const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: HeapNode } };
    session.disconnect();
    const { writeFileSync } = await import('node:fs');
    const file = `${os.tmpdir()}/chat-intake-${process.pid}.heapprofile`;
    writeFileSync(file, JSON.stringify(profile));
    const self = new Map<string, number>();
    let total = 0;
    const walk = (n: HeapNode) => {
      const url = n.callFrame.url.replace(/^file:\/\/.*?\/(node_modules|src)\//, '$1/') || '(native)';
      const fn = `${n.callFrame.functionName || '(anonymous)'} ${url}:${n.callFrame.lineNumber + 1}`;
      self.set(fn, (self.get(fn) ?? 0) + n.selfSize);
      total += n.selfSize;
      n.children.forEach(walk);
    };
    walk(profile.head);
    const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([k, v]) => `  ${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`).join('\n');
    console.log(`allocations of the server thread (sampled, ${file}): ${(total / 1e6).toFixed(0)} MB, ${(total / Math.max(1, delivered) / 1024).toFixed(1)} KB per delivered message; top:\n${top}`);
  };
}

async function startProfile() {
  const { Session } = await import('node:inspector/promises');
  const { writeFileSync } = await import('node:fs');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = (await session.post('Profiler.stop')) as { profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples: number[]; timeDeltas: number[] } };
    session.disconnect();
    const file = `${os.tmpdir()}/chat-intake-${process.pid}.cpuprofile`;
    writeFileSync(file, JSON.stringify(profile));
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map<string, number>();
    const files = new Map<string, number>();
    let total = 0;
    profile.samples.forEach((id, i) => {
      const n = byId.get(id)!;
      const dt = profile.timeDeltas[i] ?? 0;
      total += dt;
      const url = n.callFrame.url.replace(/^file:\/\/.*?\/(node_modules|src)\//, '$1/') || '(native)';
      const fn = `${n.callFrame.functionName || '(anonymous)'} ${url}:${n.callFrame.lineNumber + 1}`;
      self.set(fn, (self.get(fn) ?? 0) + dt);
      const pkg = url.startsWith('node_modules/') ? url.split('/').slice(0, url.split('/')[1]!.startsWith('@') ? 3 : 2).join('/') : url.startsWith('src/') ? url.split('/').slice(0, 3).join('/') : url.startsWith('node:') ? 'node:' + url.slice(5).split('/')[0] : url;
      files.set(pkg, (files.get(pkg) ?? 0) + dt);
    });
    const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `  ${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`).join('\n');
    console.log(`cpu profile (server thread, ${file}): self time by module\n${top(files, 14)}\nby function\n${top(self, 14)}`);
    busyStretches(profile, byId);
  };
}

/**
 * The stretches of a CPU profile where the thread never went idle for 40 ms or more, each with
 * the functions on the stack for most of it (inclusive time): what a message waited behind.
 */
function busyStretches(
  profile: { nodes: { id: number; children?: number[]; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples: number[]; timeDeltas: number[] },
  byId: Map<number, { id: number; children?: number[]; callFrame: { functionName: string; url: string; lineNumber: number } }>,
) {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (id: number) => {
    const f = byId.get(id)!.callFrame;
    return `${f.functionName || '(anonymous)'} ${f.url.replace(/^file:\/\/.*?\/(node_modules|src)\//, '$1/').replace(/^node:internal\//, 'node:')}:${f.lineNumber + 1}`;
  };
  let at = 0;
  let start = -1;
  let ids: number[] = [];
  const out: string[] = [];
  const close = (end: number) => {
    if (start >= 0 && end - start >= 40_000) {
      const inclusive = new Map<string, number>();
      for (const id of ids) {
        const seen = new Set<string>();
        for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) seen.add(name(x));
        for (const k of seen) inclusive.set(k, (inclusive.get(k) ?? 0) + 1);
      }
      const top = [...inclusive].filter(([k]) => !k.startsWith('(root)')).sort((a, b) => b[1] - a[1]).slice(0, 12);
      out.push(`  at ${(start / 1e6).toFixed(2)} s, ${((end - start) / 1000).toFixed(0)} ms busy:\n${top.map(([k, n]) => `    ${((n / ids.length) * 100).toFixed(0).padStart(3)}%  ${k}`).join('\n')}`);
    }
    start = -1;
    ids = [];
  };
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (byId.get(id)!.callFrame.functionName === '(idle)') return close(at);
    if (start < 0) start = at;
    ids.push(id);
  });
  close(at);
  console.log(`busy stretches of 40 ms or more (${out.length}):\n${out.slice(0, 8).join('\n')}`);
}

// ------------------------------------------------------------------------------------ worker

async function runWorker() {
  const { default: WebSocket } = await import('ws');
  process.on('disconnect', () => process.exit(0));
  const got = new Promise<Setup>((r) => process.once('message', (m: { setup: Setup }) => r(m.setup)));
  process.send!('ready');
  const setup = await got;
  const port = { postMessage: (m: unknown) => process.send!(m ?? null), on: (_: 'message', fn: (m: ToWorker) => void) => process.on('message', fn) };
  interface Pending { clientId: string; sentAt: number; ackAt?: number; agentAt?: number }
  const inflight = new Map<string, Pending>();
  const errorKinds = new Map<string, number>();
  const stats = { sent: 0, acked: 0, onAgent: 0, refused: 0, errors: 0, delivered: 0, deliveredBy: 0, lat: [] as number[], ackLat: [] as number[], sentAt: [] as number[], phaseEnd: 0, paced: false };
  let onDone: ((p: Pending) => void) | undefined;
  const finish = (p: Pending) => {
    if (p.ackAt === undefined || p.agentAt === undefined) return;
    inflight.delete(p.clientId);
    const at = Math.max(p.ackAt, p.agentAt);
    stats.delivered++;
    if (at <= stats.phaseEnd) stats.deliveredBy++;
    if (stats.paced) {
      stats.lat.push(p.agentAt - p.sentAt);
      stats.ackLat.push(p.ackAt - p.sentAt);
      stats.sentAt.push(p.sentAt);
    }
    onDone?.(p);
  };

  interface Widget { ws: InstanceType<typeof WebSocket>; conversationId?: string; window: number; retryAt: number; idx: number }
  const widgets: Widget[] = [];
  const agentSockets: InstanceType<typeof WebSocket>[] = [];
  let pump: ((w: Widget) => void) | undefined;

  function sendFrom(w: Widget, clientId = `b-${uuidv7()}`) {
    const p: Pending = inflight.get(clientId) ?? { clientId, sentAt: performance.now() };
    inflight.set(clientId, p);
    (p as Pending & { w?: Widget }).w = w;
    w.window++;
    stats.sent++;
    // The id, then a sentence as visitors write them (language detection, sentiment and search
    // indexing see ordinary words, not only a random id).
    w.ws.send(JSON.stringify({ type: 'send', clientId, text: `b:${clientId} ${SENTENCES[stats.sent % SENTENCES.length]}` }));
  }

  async function connect() {
    const errors: string[] = [];
    let failed = 0;
    const ids: string[] = [];
    const one = (i: number) => new Promise<void>((resolve) => {
      const ws = new WebSocket(`${setup.url}/widget/ws?token=${setup.tokens[i]}`, { localAddress: localAddress(i) });
      const w: Widget = { ws, window: 0, retryAt: 0, idx: i };
      let first = true;
      ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', lastSeq: 0 })));
      ws.on('message', (raw) => {
        const f = JSON.parse(String(raw)) as { type: string; clientId?: string; conversationId?: string; code?: string; retryAfterMs?: number; message?: string };
        if (f.type === 'welcome') ws.send(JSON.stringify({ type: 'send', clientId: `setup-${i}`, text: 'Hello, a bench visitor here' }));
        else if (f.type === 'ack') {
          if (first) {
            first = false;
            w.conversationId = f.conversationId;
            widgets.push(w);
            ids.push(f.conversationId!);
            return resolve();
          }
          const p = inflight.get(f.clientId!);
          if (!p) return;
          w.window--;
          stats.acked++;
          p.ackAt = performance.now();
          finish(p);
          pump?.(w);
        } else if (f.type === 'error') {
          if (first) {
            failed++;
            errors.push(`${f.code}: ${f.message}`);
            first = false;
            return resolve();
          }
          w.window--;
          if (f.code === 'rate_limited') {
            stats.refused++;
            const p = f.clientId ? inflight.get(f.clientId) : undefined;
            const retry = f.retryAfterMs ?? 1000;
            w.retryAt = performance.now() + retry;
            // Resend the same clientId once the window reopens (as the widget does).
            if (p) setTimeout(() => { if (w.ws.readyState === 1) sendFrom(w, p.clientId); }, retry);
          } else {
            stats.errors++;
            const key = `${f.code}: ${f.message}`;
            errorKinds.set(key, (errorKinds.get(key) ?? 0) + 1);
            // The widget resends unacknowledged messages (same clientId) after a short wait.
            const p = f.clientId ? inflight.get(f.clientId) : undefined;
            if (p) setTimeout(() => { if (w.ws.readyState === 1) sendFrom(w, p.clientId); }, 500);
          }
        }
      });
      ws.on('error', (e) => {
        if (first) {
          failed++;
          errors.push(String(e));
          first = false;
          resolve();
        }
      });
    });
    // Bounded concurrency: 200 connections at a time.
    let next = 0;
    await Promise.all(Array.from({ length: 200 }, async () => {
      while (next < setup.tokens.length) await one(next++);
    }));
    return { conversationIds: ids, failed, errors };
  }

  async function connectAgents() {
    await Promise.all(setup.agents.map((a) => new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(`${setup.url}/ws`, { headers: { cookie: a.cookie } });
      ws.on('open', () => ws.send(JSON.stringify({ type: 'subscribe', topics: [`user:${a.userId}`] })));
      ws.on('error', reject);
      ws.on('message', (raw) => {
        const f = JSON.parse(String(raw)) as { type: string; event?: { type: string; payload?: { text?: string } } };
        if (f.type === 'subscribed') return resolve();
        if (f.type !== 'event' || f.event?.type !== 'message.created') return;
        const text = f.event.payload?.text ?? '';
        if (!text.startsWith('b:')) return;
        const p = inflight.get(text.slice(2, text.includes(' ') ? text.indexOf(' ') : undefined));
        if (!p || p.agentAt !== undefined) return;
        p.agentAt = performance.now();
        stats.onAgent++;
        finish(p);
      });
      agentSockets.push(ws);
    })));
  }

  const reset = () => Object.assign(stats, { sent: 0, acked: 0, onAgent: 0, refused: 0, errors: 0, delivered: 0, deliveredBy: 0, lat: [], ackLat: [], sentAt: [] });
  const drain = async (ms: number) => {
    const until = performance.now() + ms;
    while (inflight.size > 0 && performance.now() < until) await new Promise((r) => setTimeout(r, 50));
    return inflight.size === 0;
  };

  // The load generator's own CPU since the phase began (share of one core), to tell when it, not the server, is the limit.
  let cpuMark = { cpu: process.cpuUsage(), at: performance.now() };
  const cpuShare = () => {
    const c = process.cpuUsage(cpuMark.cpu);
    return Math.round((c.user + c.system) / 10 / (performance.now() - cpuMark.at));
  };
  async function throughput(seconds: number, window: number) {
    reset();
    cpuMark = { cpu: process.cpuUsage(), at: performance.now() };
    const t0 = performance.now();
    stats.phaseEnd = t0 + seconds * 1000;
    let running = true;
    pump = (w) => {
      while (running && w.window < window && performance.now() >= w.retryAt) sendFrom(w);
    };
    for (const w of widgets) pump(w);
    // Widgets held back by the limiter start again when their window reopens.
    const kick = setInterval(() => { for (const w of widgets) if (w.window === 0) pump!(w); }, 100);
    await new Promise((r) => setTimeout(r, seconds * 1000));
    running = false;
    clearInterval(kick);
    const snapshot = { delivered: stats.deliveredBy, acked: stats.acked, onAgent: stats.onAgent, sent: stats.sent, refused: stats.refused, errors: stats.errors, seconds, errorKinds: [...errorKinds].map(([k, n]) => `${n}x ${k}`), cpu: cpuShare() };
    const drainedAll = await drain(15_000);
    pump = undefined;
    inflight.clear();
    return { ...snapshot, drainedAll };
  }

  async function latency(seconds: number, rate: number) {
    reset();
    cpuMark = { cpu: process.cpuUsage(), at: performance.now() };
    stats.paced = true;
    const t0 = performance.now();
    stats.phaseEnd = t0 + seconds * 1000 + 60_000;
    let i = 0;
    let due = 0;
    // The load generator's own stalls (its event loop and garbage collection) inflate what it measures.
    const { monitorEventLoopDelay, PerformanceObserver } = await import('node:perf_hooks');
    const loopDelay = monitorEventLoopDelay({ resolution: 5 });
    loopDelay.enable();
    const gcLong: string[] = [];
    const gcObserver = new PerformanceObserver((l) => {
      for (const e of l.getEntries()) if (e.duration > 10) gcLong.push(`${((e.startTime - t0) / 1000).toFixed(2)} s ${e.duration.toFixed(0)} ms`);
    });
    gcObserver.observe({ entryTypes: ['gc'] });
    await new Promise<void>((resolve) => {
      const tick = setInterval(() => {
        const elapsed = (performance.now() - t0) / 1000;
        if (elapsed >= seconds) {
          clearInterval(tick);
          return resolve();
        }
        const target = Math.floor(elapsed * rate);
        for (; due < target; due++) sendFrom(widgets[i++ % widgets.length]!);
      }, 2);
    });
    await drain(15_000);
    loopDelay.disable();
    gcObserver.disconnect();
    stats.paced = false;
    const s = [...stats.lat].sort((a, b) => a - b);
    const a = [...stats.ackLat].sort((x, y) => x - y);
    const q = (p: number, v = s) => v[Math.min(v.length - 1, Math.floor(p * v.length))] ?? NaN;
    // When the slow ones were sent (BENCH_LATENCY_TRACE=1): per 250 ms of the schedule, how many
    // messages took over 50 ms and the slowest, to tell bursts (a stall, a job's run) from a spread.
    const trace: string[] = [];
    if (process.env.BENCH_LATENCY_TRACE) {
      const slots = new Map<number, { n: number; slow: number; max: number }>();
      stats.sentAt.forEach((at, k) => {
        const slot = Math.floor((at - t0) / 250);
        const x = slots.get(slot) ?? { n: 0, slow: 0, max: 0 };
        x.n++;
        if (stats.lat[k]! > 50) x.slow++;
        x.max = Math.max(x.max, stats.lat[k]!);
        slots.set(slot, x);
      });
      trace.push(`load generator: event loop delay p99 / max ${(loopDelay.percentile(99) / 1e6).toFixed(1)} / ${(loopDelay.max / 1e6).toFixed(1)} ms; garbage collections over 10 ms: ${gcLong.join(', ') || 'none'}`);
      for (const [slot, x] of [...slots].sort((a, b) => a[0] - b[0])) trace.push(`${(slot / 4).toFixed(2).padStart(6)} s  ${String(x.n).padStart(4)} sent  ${String(x.slow).padStart(4)} over 50 ms  max ${x.max.toFixed(0)} ms`);
    }
    return { trace, sent: stats.sent, delivered: stats.delivered, p50: q(0.5), p99: q(0.99), max: s.at(-1) ?? NaN, ackP50: q(0.5, a), ackP99: q(0.99, a), refused: stats.refused, errors: stats.errors, cpu: cpuShare() };
  }

  port.on('message', async (m: ToWorker) => {
    if (m.cmd === 'connect') port.postMessage(await connect());
    else if (m.cmd === 'agents') port.postMessage(await connectAgents());
    else if (m.cmd === 'throughput') port.postMessage(await throughput(m.seconds, m.window));
    else if (m.cmd === 'latency') port.postMessage(await latency(m.seconds, m.rate));
    else {
      for (const w of widgets) w.ws.terminate();
      for (const a of agentSockets) a.terminate();
      port.postMessage('closed');
      setTimeout(() => process.exit(0), 100);
    }
  });
}

/** How far the followers (search index, analytics fold) are behind the tenant's commits, now. */
async function followersLag(db: Db, tenantId: string, when: string): Promise<void> {
  const r = await sql<{ events: string; search: string; analytics: string }>`select t.event_seq as events, coalesce(s.seq, 0) as search, coalesce(a.processed_seq, 0) as analytics
    from tenants t left join search_cursors s on s.tenant_id = t.id left join analytics_cursors a on a.tenant_id = t.id where t.id = ${tenantId}::uuid`.execute(db);
  const l = r.rows[0];
  if (l) console.log(`followers at the end of ${when}: search index ${Number(l.events) - Number(l.search)} events behind, analytics fold ${Number(l.events) - Number(l.analytics)} behind (of ${l.events})`);
}

/**
 * How many row updates PostgreSQL made in place (HOT: no index entries written) per table the chat
 * path updates: an update that cannot stay on its page writes a new entry in every index.
 */
async function hotUpdates(db: Db): Promise<void> {
  await new Promise((r) => setTimeout(r, 1_100)); // backends report their counts at most once a second
  const r = await sql<{ relname: string; upd: string; hot: string }>`select relname, n_tup_upd as upd, n_tup_hot_upd as hot from pg_stat_user_tables
    where relname in ('conversations', 'tenants', 'analytics_facts', 'analytics_rollups_15m', 'analytics_rollups_day', 'analytics_cursors', 'search_cursors', 'outbox') order by relname`.execute(db);
  console.log('updates in place (HOT) since the database was made: ' + r.rows.map((x) => `${x.relname} ${Number(x.hot).toLocaleString('en')} of ${Number(x.upd).toLocaleString('en')}`).join(', '));
}
