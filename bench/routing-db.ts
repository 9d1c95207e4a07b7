/**
 * Persisted routing assignments per second on PostgreSQL, end to end through the real runtime
 * (src/jobs/routing-runner.ts): tasks created, loaded by the leader, decided by the engine, each
 * offer persisted with its events and trace rows (auto-accept queue: stored as accepted and the
 * task assigned, in the batch's transaction). Beside it, in the same run, a baseline: a plain
 * multi-row INSERT of the same number of rows into a scratch table. Goal: >= 2,000 assignments/s.
 * A second figure: offers left pending (not auto-accepted), the normal path before an agent answers.
 *
 *   npm run bench:routing-db
 *   BENCH_TASKS=20000 BENCH_AGENTS=400 npm run bench:routing-db
 *   BENCH_DATABASE_URL=postgres://user@host/db npm run bench:routing-db
 *
 * It creates its own database (dropped at the end).
 */
import pg from 'pg';
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { openDatabase, type Database } from '../src/storage/db.ts';
import { migrate } from '../src/storage/migrate.ts';
import { systemClock } from '../src/core/context.ts';
import { createLogger } from '../src/logger.ts';
import { routingRunner } from '../src/jobs/routing-runner.ts';

const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const tasks = Number(process.env.BENCH_TASKS ?? 10_000);
const agents = Number(process.env.BENCH_AGENTS ?? 200);
const dbName = `switchboard_bench_routing_${Date.now().toString(36)}`;

async function admin(statement: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

function urlOf(name: string) {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

async function setUp(d: Database, autoAccept: boolean): Promise<{ tenantId: string; queueId: string }> {
  const db = d.db;
  const tenantId = uuidv7();
  const now = new Date();
  await db.insertInto('tenants').values({ id: tenantId, slug: `bench-${tenantId.slice(-8)}`, name: 'Bench', created_at: now }).execute();
  const users = Array.from({ length: agents }, (_, i) => ({ id: uuidv7(), tenant_id: tenantId, email: `agent${i}@bench.example`, name: `Agent ${i}`, role: 'agent' as const, password_hash: null, created_at: now, updated_at: now }));
  for (let i = 0; i < users.length; i += 500) await db.insertInto('users').values(users.slice(i, i + 500)).execute();
  const capacity = JSON.stringify({ chat: Math.ceil(tasks / agents) + 1 });
  for (let i = 0; i < users.length; i += 500) {
    await db.insertInto('agent_routing').values(users.slice(i, i + 500).map((u, j) => ({ tenant_id: tenantId, user_id: u.id, presence: 'available' as const, presence_since: now, idle_since: new Date(now.getTime() - (i + j) * 1000), languages: ['en'], capacity, updated_at: now }))).execute();
  }
  const queueId = uuidv7();
  await db.insertInto('routing_queues').values({ id: queueId, tenant_id: tenantId, name: 'Bench', strategy: 'longest_idle', offer_timeout_ms: 600_000, auto_accept: autoAccept, calendar_id: null, created_at: now, updated_at: now }).execute();
  const rules = [{ id: 'all', name: 'All', filter: '', priority: 50, targets: [{ queueId, agents: '', priorityBoost: 0, timeoutSeconds: null, skipWhen: [] }], finally: 'stay' }];
  await db.insertInto('routing_workflows').values({ tenant_id: tenantId, version: 1, rules: JSON.stringify(rules), created_by: null, created_at: now }).execute();
  await db.insertInto('routing_cursors').values({ tenant_id: tenantId, last_seq: 0 }).execute();
  return { tenantId, queueId };
}

/** Tasks created (as the intake would, in multi-row INSERTs), then the runner loads, decides and persists. */
async function endToEnd(d: Database, autoAccept: boolean): Promise<{ ms: number; done: number; events: number }> {
  const { tenantId, queueId } = await setUp(d, autoAccept);
  const t0 = performance.now();
  const base = Date.now() - tasks;
  const rows = Array.from({ length: tasks }, (_, i) => ({
    id: uuidv7(), tenant_id: tenantId, kind: 'chat' as const, source_type: 'api' as const, source_id: null, source_event_id: null,
    attributes: JSON.stringify({ channel: 'api', kind: 'chat', language: 'en', tags: [] }), priority: 50, status: 'queued' as const,
    workflow_version: 1, rule_id: 'all', target_index: 0, target_started_at: new Date(base + i), queue_id: queueId, enqueued_at: new Date(base + i), created_at: new Date(), updated_at: new Date(),
  }));
  for (let i = 0; i < rows.length; i += 1000) await d.db.insertInto('routing_tasks').values(rows.slice(i, i + 1000)).execute();
  const runner = routingRunner({ database: d, clock: systemClock, newId: uuidv7, log: createLogger('warn'), onEvents: () => {}, maxDecide: 1000 });
  runner.start();
  await runner.settle(tenantId);
  const ms = performance.now() - t0;
  await runner.stop();
  const status = autoAccept ? 'assigned' : 'offered';
  const done = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM routing_tasks WHERE tenant_id = ${tenantId} AND status = ${status}`.execute(d.db)).rows[0]!.n);
  const events = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM events WHERE tenant_id = ${tenantId}`.execute(d.db)).rows[0]!.n);
  return { ms, done, events };
}

async function baseline(d: Database): Promise<number> {
  await sql`CREATE TABLE bench_scratch (id uuid PRIMARY KEY, tenant_id uuid NOT NULL, task_id uuid NOT NULL, user_id uuid NOT NULL, status text NOT NULL, at timestamptz NOT NULL)`.execute(d.db);
  const rows = Array.from({ length: tasks }, () => [uuidv7(), uuidv7(), uuidv7(), uuidv7()] as const);
  const t0 = performance.now();
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    await sql`INSERT INTO bench_scratch (id, tenant_id, task_id, user_id, status, at) VALUES ${sql.join(chunk.map((r) => sql`(${r[0]}, ${r[1]}, ${r[2]}, ${r[3]}, 'accepted', now())`))}`.execute(d.db);
  }
  return performance.now() - t0;
}

await admin(`CREATE DATABASE ${dbName}`);
let d: Database | undefined;
try {
  d = await openDatabase({ url: urlOf(dbName), poolSize: 10 });
  await migrate(d);
  console.log(`routing-db: ${tasks.toLocaleString('en')} tasks, ${agents} agents, PostgreSQL`);
  const base = await baseline(d);
  const accepted = await endToEnd(d, true);
  const offered = await endToEnd(d, false);
  const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);
  const baseRate = rate(tasks, base);
  console.log(`baseline  plain multi-row INSERT of ${tasks} rows:            ${base.toFixed(0)} ms  ${baseRate.toLocaleString('en')} rows/s`);
  console.log(`assigned  created+decided+persisted+accepted (auto-accept):  ${accepted.ms.toFixed(0)} ms  ${rate(accepted.done, accepted.ms).toLocaleString('en')} assignments/s  (${accepted.done} assigned, ${accepted.events} events)  ratio ${(rate(accepted.done, accepted.ms) / baseRate).toFixed(3)} of baseline`);
  console.log(`offered   created+decided+persisted, offer pending:          ${offered.ms.toFixed(0)} ms  ${rate(offered.done, offered.ms).toLocaleString('en')} offers/s  (${offered.done} offered, ${offered.events} events)  ratio ${(rate(offered.done, offered.ms) / baseRate).toFixed(3)} of baseline`);
  const ok = rate(accepted.done, accepted.ms) >= 2000 && accepted.done === tasks;
  console.log(`goal >= 2,000 persisted assignments/s: ${ok ? 'met' : 'NOT met'}`);
} finally {
  await d?.close();
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
}
