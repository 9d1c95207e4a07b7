import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { freshDatabase, postgresAvailable, type TestDatabase } from './helpers/db.ts';
import { DEMO_PASSWORD, demo } from './helpers/server.ts';

/**
 * Two app nodes on one PostgreSQL database, tasks arriving through the API all along; the routing
 * leader is killed with SIGKILL mid-stream. The other node must lead within 5 s, and in the end no
 * task is lost, none has two pending offers and none is assigned twice.
 */

interface Node {
  child: ChildProcess;
  port: number;
  leading: Set<string>;
  lines: string[];
  leadingSince: number;
}

function startNode(url: string): Promise<Node> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/routing-node.ts'], { env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'pipe'] });
  const node: Node = { child, port: 0, leading: new Set(), lines: [], leadingSince: 0 };
  let buf = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`node did not start: ${node.lines.join('\n')}`)), 60_000);
    child.stderr!.on('data', (d: Buffer) => node.lines.push(d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        node.lines.push(line);
        try {
          const m = JSON.parse(line) as { port?: number; leading?: string[] };
          if (m.port) {
            node.port = m.port;
            clearTimeout(timer);
            resolve(node);
          }
          if (m.leading) {
            if (m.leading.length > 0 && node.leading.size === 0) node.leadingSince = Date.now();
            node.leading = new Set(m.leading);
          }
        } catch {
          /* a log line */
        }
      }
    });
    child.on('exit', (code) => reject(new Error(`node exited (${code}): ${node.lines.join('\n')}`)));
  });
}

async function waitFor(what: string, fn: () => boolean | Promise<boolean>, ms: number): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < ms) {
    if (await fn()) return Date.now() - start;
    await sleep(25);
  }
  throw new Error(`timed out waiting for ${what}`);
}

const pgUp = await postgresAvailable();

describe('routing failover with two processes', { skip: pgUp ? false : 'needs PostgreSQL: advisory-lock leadership does not exist on PGlite (one process always leads)' }, () => {
  let tdb: TestDatabase;
  const nodes: Node[] = [];
  after(async () => {
    for (const n of nodes) n.child.kill('SIGKILL');
    await tdb?.drop();
  });

  test('the leader is killed with -9 mid-stream: the other leads within 5 s; no task lost, offered twice or assigned twice', { timeout: 180_000 }, async () => {
    tdb = await freshDatabase('postgres');
    const db = tdb.database.db;
    const tenantId = (await db.selectFrom('tenants').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow()).id;
    nodes.push(await startNode(tdb.url!), await startNode(tdb.url!));
    await waitFor('a leader', () => nodes.some((n) => n.leading.has(tenantId)), 15_000);
    await sleep(1500);
    assert.equal(nodes.filter((n) => n.leading.has(tenantId)).length, 1, 'exactly one node leads the tenant');
    const leader = nodes.find((n) => n.leading.has(tenantId))!;
    const follower = nodes.find((n) => n !== leader)!;

    // Requests go to the follower, which lives through the whole test.
    const base = `http://127.0.0.1:${follower.port}/api/v1`;
    const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: demo.admin, password: DEMO_PASSWORD }) });
    assert.equal(login.status, 200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const post = (path: string, body: unknown) => fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
    const inbox = (await (await post('/inboxes', { name: 'Failover API', channel: 'api' })).json()) as { id: string };

    const conversations: string[] = [];
    let killedAt = 0;
    const total = 60;
    for (let i = 0; i < total; i++) {
      const r = await post(`/inboxes/${inbox.id}/messages`, { from: { kind: 'email', value: `failover-${i}@example.com` }, text: `Task ${i}` });
      const body = await r.text();
      assert.equal(r.status, 201, body);
      conversations.push((JSON.parse(body) as { conversation: { id: string } }).conversation.id);
      if (i === 20) {
        leader.child.kill('SIGKILL');
        killedAt = Date.now();
      }
      await sleep(60);
    }
    const took = await waitFor('the follower to lead', () => follower.leading.has(tenantId), 10_000).catch(() => Infinity);
    const tookOver = follower.leadingSince - killedAt;
    console.log(`# failover: the follower leads ${tookOver} ms after the kill`);
    assert.ok(took !== Infinity && tookOver < 5000, `took over in ${tookOver} ms`);

    // The new leader catches up with every event.
    await waitFor('the cursor to catch up', async () => {
      const c = await db.selectFrom('routing_cursors').select('last_seq').where('tenant_id', '=', tenantId).executeTakeFirst();
      const t = await db.selectFrom('tenants').select('event_seq').where('id', '=', tenantId).executeTakeFirstOrThrow();
      return !!c && Number(c.last_seq) >= Number(t.event_seq) - 5;
    }, 20_000);
    await sleep(1500);

    const tasks = await db.selectFrom('routing_tasks').select(['id', 'source_id', 'status', 'assigned_user_id']).where('tenant_id', '=', tenantId).where('source_id', 'in', conversations).execute();
    const bySource = new Map<string, number>();
    for (const t of tasks) bySource.set(t.source_id!, (bySource.get(t.source_id!) ?? 0) + 1);
    assert.deepEqual(conversations.filter((c) => bySource.get(c) !== 1), [], 'every conversation has exactly one task');
    const offers = await db.selectFrom('routing_offers').select(['task_id', 'user_id', 'status']).where('tenant_id', '=', tenantId).execute();
    for (const t of tasks) {
      const mine = offers.filter((o) => o.task_id === t.id);
      const pending = mine.filter((o) => o.status === 'pending');
      assert.ok(pending.length <= 1, `task ${t.id} has ${pending.length} pending offers`);
      assert.ok(mine.filter((o) => o.status === 'accepted').length <= 1, 'never accepted twice');
      if (t.status === 'offered') assert.equal(pending.length, 1, 'an offered task has its offer');
      else assert.equal(t.status, 'queued', `no task lost: ${t.status}`);
      if (t.status === 'queued') assert.equal(pending.length, 0);
    }
    // No agent over capacity (chat: 3) with offers held.
    const perAgent = await sql<{ user_id: string; n: number }>`SELECT user_id, count(*)::int AS n FROM routing_offers WHERE tenant_id = ${tenantId} AND status = 'pending' GROUP BY user_id`.execute(db);
    for (const r of perAgent.rows) assert.ok(r.n <= 3, `${r.user_id} holds ${r.n} offers`);
    assert.ok(tasks.filter((t) => t.status === 'offered').length > 0, 'work was offered');
    const events = await db.selectFrom('events').select(['aggregate_id']).where('tenant_id', '=', tenantId).where('type', '=', 'task.offered').execute();
    const perTask = new Map<string, number>();
    for (const e of events) perTask.set(e.aggregate_id, (perTask.get(e.aggregate_id) ?? 0) + 1);
    for (const [taskId, count] of perTask) assert.equal(count, offers.filter((o) => o.task_id === taskId).length, 'one task.offered event per stored offer');
  });
});
