/**
 * Multi-node behaviour: two app nodes on one PostgreSQL share events through NATS, and pg-boss
 * background jobs run on both database kinds.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../src/config.ts';
import { createServer, type Server } from '../src/main.ts';
import { startJobs } from '../src/jobs/boss.ts';
import { createLogger } from '../src/logger.ts';
import { systemClock } from '../src/core/context.ts';
import { dbKinds, freshDatabase, postgresAvailable, testHasher, type TestDatabase } from './helpers/db.ts';
import { DEMO_PASSWORD, demo } from './helpers/server.ts';
import { outcomeOf, sleep, wsClient } from './helpers/ws.ts';

const NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
const pgUp = await postgresAvailable();
if (process.env.CI && !pgUp) throw new Error('CI needs PostgreSQL for the multi-node tests');

async function startNode(url: string): Promise<Server> {
  const config = loadConfig(
    { DATABASE_URL: url, BUS_URL: NATS_URL, PORT: '0', LOG_LEVEL: 'silent', JOBS: 'false' },
    '/nonexistent',
  );
  const server = await createServer(config, { hasher: testHasher, seed: false });
  await server.listen();
  return server;
}

async function loginCookie(baseUrl: string, email: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    signal: AbortSignal.timeout(10_000),
  });
  assert.equal(res.status, 200, await res.clone().text());
  const set = res.headers.getSetCookie().find((c) => c.startsWith('sb_session='));
  assert.ok(set, 'login sets the session cookie');
  return set.split(';')[0]!;
}

describe('two nodes on one PostgreSQL', { skip: pgUp ? false : 'PostgreSQL is not reachable at 127.0.0.1:5432' }, () => {
  let db: TestDatabase;
  let a: Server | undefined;
  let b: Server | undefined;
  before(async () => {
    db = await freshDatabase('postgres');
    // The nodes open their own pools on the URL; the helper's pool is not needed.
    a = await startNode(db.url!);
    b = await startNode(db.url!);
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await db?.drop();
  });

  test('an event written on node A reaches a websocket client on node B', async () => {
    assert.notEqual(a!.url, b!.url);
    // Sign in on A; the session lives in the shared database, so B accepts it.
    const cookie = await loginCookie(a!.url!, demo.admin);
    const c = wsClient(`${b!.url!.replace('http', 'ws')}/ws`, { cookie });
    try {
      await c.opened;
      c.send({ type: 'subscribe', topics: ['tenant'] });
      await c.next((f) => f.type === 'subscribed', 'subscribed frame');

      const res = await fetch(`${a!.url}/api/v1/teams`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ name: `Cross-node ${Date.now()}` }),
        signal: AbortSignal.timeout(10_000),
      });
      assert.equal(res.status, 201, await res.clone().text());
      const team = (await res.json()) as { id: string };

      const ev = await c.next(
        (f) => f.type === 'event' && f.event?.type === 'team.created' && f.event.aggregateId === team.id,
        'team.created event on node B',
        10_000,
      );
      assert.equal(typeof ev.seq, 'number');
      assert.ok(ev.seq! > 0);
    } finally {
      c.close();
    }
  });

  test('signing out on node B closes that session’s open socket on node A', async () => {
    const cookie = await loginCookie(a!.url!, demo.priya);
    const c = wsClient(`${a!.url!.replace('http', 'ws')}/ws`, { cookie });
    try {
      await c.opened;
      const out = await fetch(`${b!.url}/api/v1/auth/logout`, { method: 'POST', headers: { cookie }, signal: AbortSignal.timeout(10_000) });
      assert.ok(out.status < 300, `logout: ${out.status}`);
      assert.equal(await Promise.race([c.closed, sleep(10_000).then(() => 'still open')]), 4001);
    } finally {
      c.close();
    }
  });

  test('a session signed out on node B no longer opens a socket on node A', async () => {
    const cookie = await loginCookie(b!.url!, demo.supervisor);
    const out = await fetch(`${b!.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { cookie },
      signal: AbortSignal.timeout(10_000),
    });
    assert.ok(out.status < 300, `logout: ${out.status}`);
    const c = wsClient(`${a!.url!.replace('http', 'ws')}/ws`, { cookie });
    assert.match(await outcomeOf(c), /close 4401|http 401/);
  });
});

for (const kind of await dbKinds()) {
  describe(`background jobs (pg-boss) on ${kind}`, () => {
    test('a queued job is picked up by a worker', { timeout: 60_000 }, async () => {
      const db = await freshDatabase(kind);
      const log = createLogger('silent');
      const boss = await startJobs(db.database, systemClock, log);
      try {
        const queue = `test-${kind}-${Date.now()}`;
        await boss.createQueue(queue);
        let resolveDone!: (v: unknown) => void;
        const done = new Promise((resolve) => (resolveDone = resolve));
        await boss.work<{ n: number }>(queue, { pollingIntervalSeconds: 0.5 }, async ([job]) => {
          resolveDone(job!.data);
        });
        const id = await boss.send(queue, { n: 42 });
        assert.ok(id, 'send returns a job id');
        let timer: NodeJS.Timeout | undefined;
        const data = await Promise.race([
          done,
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error('the worker did not run the job within 20 s')), 20_000);
          }),
        ]).finally(() => clearTimeout(timer));
        assert.deepEqual(data, { n: 42 });
        // The job ends completed in pg-boss's own table.
        const deadline = Date.now() + 10_000;
        let state: string | undefined;
        while (Date.now() < deadline) {
          state = (await boss.getJobById(queue, id!))?.state;
          if (state === 'completed') break;
          await new Promise((r) => setTimeout(r, 200));
        }
        assert.equal(state, 'completed');
      } finally {
        await boss.stop({ graceful: true, timeout: 5000, wait: true });
        await db.drop();
      }
    });
  });
}
