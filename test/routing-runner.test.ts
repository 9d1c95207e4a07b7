import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import { createServer, type Server } from '../src/main.ts';
import { createLogger } from '../src/logger.ts';
import { localBlobStore } from '../src/storage/blobs/local.ts';
import { dbKinds, testHasher } from './helpers/db.ts';
import { DEMO_PASSWORD, demo, startTestServer, type TestServer } from './helpers/server.ts';

/** The routing runtime end to end: intake, offers, accept, timeouts, missed offers, resolve, restart. */

for (const kind of await dbKinds()) {
  describe(`routing runner on ${kind}`, () => {
    let t: TestServer;
    let server: Server;
    let current = new Date(Math.floor(Date.now() / 1000) * 1000 + 60_000);
    const clock = { now: () => current };
    const advance = (ms: number) => (current = new Date(current.getTime() + ms));
    let admin = '';
    let supervisor = '';
    let alexCookie = '';
    let inbox = '';
    let tenantId = '';
    const users: Record<string, string> = {};
    let n = 0;

    const db = () => server.database.db;
    const req = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, cookie: string, body?: unknown) =>
      server.app.inject({ method, url, headers: { cookie }, ...(body !== undefined ? { payload: body as object } : {}) });
    const settle = () => server.routing!.settle();
    const presence = async (email: string, p: 'available' | 'away' | 'offline') => {
      const r = await req('PUT', `/api/v1/routing/agents/${users[email]}/presence`, supervisor, { presence: p });
      assert.ok(r.statusCode === 200 || r.statusCode === 204, r.body);
    };
    const inbound = async (text: string) => {
      n++;
      const r = await req('POST', `/api/v1/inboxes/${inbox}/messages`, admin, { from: { kind: 'email', value: `runner-${kind}-${n}@example.com`, name: `Runner ${n}` }, text });
      assert.equal(r.statusCode, 201, r.body);
      return r.json().conversation.id as string;
    };
    const taskOf = (conversationId: string) =>
      db().selectFrom('routing_tasks').selectAll().where('source_type', '=', 'conversation').where('source_id', '=', conversationId).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    const offersOf = (taskId: string) => db().selectFrom('routing_offers').selectAll().where('task_id', '=', taskId).orderBy('offered_at').execute();
    const eventsOf = (type: string, aggregateId?: string) =>
      db().selectFrom('events').selectAll().where('tenant_id', '=', tenantId).where('type', '=', type).$if(!!aggregateId, (q) => q.where('aggregate_id', '=', aggregateId!)).orderBy('seq').execute();

    before(async () => {
      t = await startTestServer(kind, { clock, env: { ROUTING: 'true' } });
      server = t.server;
      admin = await t.login(demo.admin);
      supervisor = await t.login(demo.supervisor);
      alexCookie = await t.login(demo.alex);
      for (const u of (await req('GET', '/api/v1/users?limit=200', admin)).json().items as { id: string; email: string }[]) users[u.email] = u.id;
      tenantId = (await db().selectFrom('tenants').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow()).id;
      const ib = await req('POST', '/api/v1/inboxes', admin, { name: `Runner API ${kind}`, channel: 'api' });
      assert.equal(ib.statusCode, 201, ib.body);
      inbox = ib.json().id;
      // Only Alex takes work at first.
      for (const e of ['supervisor@demo.example', 'priya@demo.example', 'wen@demo.example', 'kasia@demo.example']) await presence(e, 'offline');
      await settle();
    });
    after(async () => {
      await server.close();
      await t.db.drop();
      rmSync(t.blobDir, { recursive: true, force: true });
    });

    test('the demo history is not routed: no task exists before new work arrives', async () => {
      assert.equal(server.routing!.isLeader(tenantId), true);
      const tasks = await db().selectFrom('routing_tasks').select('id').where('tenant_id', '=', tenantId).execute();
      assert.equal(tasks.length, 0);
    });

    let first = '';
    test('an inbound message on the API inbox creates a task offered to the one available agent', async () => {
      first = await inbound('Hello, I need help');
      await settle();
      const task = await taskOf(first);
      assert.equal(task.status, 'offered');
      assert.equal(task.kind, 'chat');
      assert.equal(task.rule_id, 'everything-else');
      const offers = await offersOf(task.id);
      assert.equal(offers.length, 1);
      assert.equal(offers[0]!.user_id, users['alex@demo.example']);
      assert.equal(offers[0]!.status, 'pending');
      assert.equal(offers[0]!.expires_at.getTime() - offers[0]!.offered_at.getTime(), 30_000, 'chat default offer timeout');
      const offered = await eventsOf('task.offered', task.id);
      assert.equal(offered.length, 1);
      assert.ok(offered[0]!.topics.includes(`user:${users['alex@demo.example']}`), 'the offer goes to the agent\'s topic');
      assert.ok(offered[0]!.topics.includes(`conversation:${first}`));
      assert.equal((await eventsOf('task.queued', task.id)).length, 1);
      const trace = await db().selectFrom('routing_trace').select('entry').where('task_id', '=', task.id).orderBy('at').orderBy('id').execute();
      assert.ok(trace.some((r) => (r.entry as { step: string }).step === 'rule_matched'), JSON.stringify(trace));
      assert.ok(trace.some((r) => (r.entry as { step: string }).step === 'offered'));
      // A second message from the same customer joins the conversation and makes no second task.
      const r = await req('POST', `/api/v1/inboxes/${inbox}/messages`, admin, { from: { kind: 'email', value: `runner-${kind}-${n}@example.com` }, text: 'Anyone?' });
      assert.equal(r.statusCode, 201, r.body);
      await settle();
      const all = await db().selectFrom('routing_tasks').select('id').where('source_id', '=', first).execute();
      assert.equal(all.length, 1);
    });

    test('accepting through the service assigns the conversation; the leader mirrors it', async () => {
      const task = await taskOf(first);
      const [offer] = await offersOf(task.id);
      const r = await req('POST', `/api/v1/routing/offers/${offer!.id}/accept`, alexCookie);
      assert.equal(r.statusCode, 200, r.body);
      await settle();
      const conv = await db().selectFrom('conversations').select('assignee_id').where('id', '=', first).executeTakeFirstOrThrow();
      assert.equal(conv.assignee_id, users['alex@demo.example']);
      assert.equal((await taskOf(first)).status, 'assigned');
      assert.equal(server.routing!.engine(tenantId)?.task(task.id)?.status, 'assigned');
      assert.equal(server.routing!.engine(tenantId)?.usage(users['alex@demo.example']!).chat, 1);
    });

    test('events routing does not act on move its cursor without a transaction; the next real batch (or 5 s later) saves it', async () => {
      const saved = async () => Number((await db().selectFrom('routing_cursors').select('last_seq').where('tenant_id', '=', tenantId).executeTakeFirstOrThrow()).last_seq);
      const head = async () => Number((await db().selectFrom('tenants').select('event_seq').where('id', '=', tenantId).executeTakeFirstOrThrow()).event_seq);
      const customerWrites = async (text: string) => {
        const r = await req('POST', `/api/v1/inboxes/${inbox}/messages`, admin, { from: { kind: 'email', value: `runner-${kind}-1@example.com` }, text });
        assert.equal(r.statusCode, 201, r.body);
        assert.equal(r.json().conversation.id, first, 'the assigned conversation');
        await server.dispatcher.drain();
        // The bus pokes the leader (no settle: its extra rounds are real batches, which save).
        const want = await head();
        for (let i = 0; i < 200 && server.routing!.cursor(tenantId)!.read < want; i++) await new Promise((res) => setTimeout(res, 10));
      };
      await settle();
      const start = await saved();
      await customerWrites('One more thing');
      await customerWrites('And another');
      const c = server.routing!.cursor(tenantId)!;
      assert.equal(c.read, await head(), 'the leader has read every event');
      assert.ok(c.saved < c.read, `read ${c.read} in memory, saved ${c.saved}`);
      assert.equal(await saved(), c.saved, 'the stored cursor did not move');
      assert.equal(await saved(), start);
      assert.equal((await taskOf(first)).status, 'assigned', 'nothing changed for the task');
      // Five seconds on, the next batch is a real one and saves the cursor (events delivered after
      // it may again be quiet ones, read but not yet saved).
      advance(5_001);
      await customerWrites('Still there?');
      const after = server.routing!.cursor(tenantId)!;
      assert.equal(after.read, await head());
      assert.ok(after.saved >= c.read, `saved ${after.saved}: at least what was read before`);
      assert.equal(await saved(), after.saved, 'stored');
    });

    test('a person removing the assignee puts the task back in line at its original place, with its capacity freed', async () => {
      const task = await taskOf(first);
      const alex = users['alex@demo.example']!;
      const r = await req('PATCH', `/api/v1/conversations/${first}`, supervisor, { assigneeId: null });
      assert.equal(r.statusCode, 200, r.body);
      await settle();
      const back = await taskOf(first);
      assert.notEqual(back.status, 'assigned');
      assert.equal(back.assigned_user_id === alex && back.status === 'assigned', false);
      assert.equal(back.enqueued_at.getTime(), task.enqueued_at.getTime(), 'its place in line is kept');
      const queued = await eventsOf('task.queued', task.id);
      assert.equal((queued.at(-1)!.payload as { reason?: string }).reason, 'unassigned');
      // Alex was the only one available and still is: the task is offered again (to him: he did not decline it).
      const pending = (await offersOf(task.id)).filter((o) => o.status === 'pending');
      assert.equal(pending.length, 1);
      const again = await req('POST', `/api/v1/routing/offers/${pending[0]!.id}/accept`, alexCookie);
      assert.equal(again.statusCode, 200, again.body);
      await settle();
      assert.equal((await taskOf(first)).status, 'assigned');
      assert.equal(server.routing!.engine(tenantId)?.usage(alex).chat, 1);
    });

    let second = '';
    test('an offer that times out goes to the next best agent, never back to the one who missed it', async () => {
      await presence('priya@demo.example', 'available');
      await settle();
      second = await inbound('Second customer');
      await settle();
      const task = await taskOf(second);
      const o1 = await offersOf(task.id);
      assert.equal(o1.length, 1);
      assert.equal(o1[0]!.user_id, users['priya@demo.example'], 'least busy: Priya has nothing, Alex has a chat');
      advance(31_000);
      await settle();
      const o2 = await offersOf(task.id);
      assert.deepEqual(o2.map((o) => [o.user_id, o.status]), [[users['priya@demo.example'], 'expired'], [users['alex@demo.example'], 'pending']]);
      const row = await taskOf(second);
      assert.equal(row.status, 'offered');
      assert.deepEqual(row.declined_by, [users['priya@demo.example']]);
      assert.equal((await eventsOf('task.offer_expired', task.id)).length, 1);
      const agent = await db().selectFrom('agent_routing').select('missed_in_row').where('user_id', '=', users['priya@demo.example']!).executeTakeFirstOrThrow();
      assert.equal(agent.missed_in_row, 1);
    });

    test('resolving ends tasks: completed when assigned, abandoned (offer withdrawn) when waiting', async () => {
      assert.equal((await req('PATCH', `/api/v1/conversations/${first}`, alexCookie, { status: 'resolved' })).statusCode, 200);
      assert.equal((await req('PATCH', `/api/v1/conversations/${second}`, alexCookie, { status: 'resolved' })).statusCode, 200);
      await settle();
      const a = await taskOf(first);
      assert.equal(a.status, 'completed');
      assert.ok(a.ended_at);
      const completed = await eventsOf('task.completed', a.id);
      assert.equal(completed.length, 1);
      assert.equal((completed[0]!.payload as { userId: string }).userId, users['alex@demo.example']);
      const b = await taskOf(second);
      assert.equal(b.status, 'abandoned');
      assert.deepEqual((await offersOf(b.id)).map((o) => o.status), ['expired', 'withdrawn']);
      assert.equal(server.routing!.engine(tenantId)?.task(a.id), undefined);
      assert.equal(server.routing!.engine(tenantId)?.usage(users['alex@demo.example']!).chat, 0);
    });

    const waiting: string[] = [];
    test('three missed offers in a row set the agent away with reason missed_offers', async () => {
      await presence('alex@demo.example', 'offline');
      await settle();
      for (let i = 0; i < 3; i++) waiting.push(await inbound(`Missed ${i}`));
      await settle();
      for (const c of waiting) assert.equal((await offersOf((await taskOf(c)).id))[0]?.user_id, users['priya@demo.example']);
      advance(31_000);
      await settle();
      const agent = await db().selectFrom('agent_routing').select(['presence', 'away_reason']).where('user_id', '=', users['priya@demo.example']!).executeTakeFirstOrThrow();
      assert.deepEqual(agent, { presence: 'away', away_reason: 'missed_offers' });
      const changed = (await eventsOf('agent.presence_changed', users['priya@demo.example'])).at(-1);
      assert.equal((changed!.payload as { reason: string }).reason, 'missed_offers');
      for (const c of waiting) {
        const task = await taskOf(c);
        assert.equal(task.status, 'queued', 'back in line, nobody left to offer it to');
        assert.equal((await offersOf(task.id)).filter((o) => o.status === 'pending').length, 0);
      }
    });

    test('a restart on the same database rebuilds the state: nothing offered twice, nothing lost', async () => {
      const offersBefore = await db().selectFrom('routing_offers').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
      await server.close();
      server = await createServer(t.config, { database: t.db.database, hasher: testHasher, clock, log: createLogger('silent'), seed: false, blobs: localBlobStore(t.blobDir) });
      await settle();
      const engine = server.routing!.engine(tenantId)!;
      for (const c of waiting) assert.equal(engine.task((await taskOf(c)).id)?.status, 'queued');
      const offersAfter = await db().selectFrom('routing_offers').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
      assert.equal(offersAfter.n, offersBefore.n, 'the restart itself offers nothing again');
      // Kasia comes in: each waiting task is offered exactly once, to her.
      await presence('kasia@demo.example', 'available');
      await settle();
      await settle();
      for (const c of waiting) {
        const pending = (await offersOf((await taskOf(c)).id)).filter((o) => o.status === 'pending');
        assert.deepEqual(pending.map((o) => o.user_id), [users['kasia@demo.example']]);
      }
      const live = await sql<{ n: number }>`SELECT count(*)::int AS n FROM routing_tasks WHERE status IN ('queued','offered','assigned','wrap_up') GROUP BY source_id HAVING count(*) > 1`.execute(db());
      assert.equal(live.rows.length, 0, 'one live task per conversation');
    });

    test('an agent who signs out while holding offers goes offline and the offers return to the queue at their original place', async () => {
      const kasia = users['kasia@demo.example']!;
      // The server was restarted above: sign in on the new one.
      const signIn = async () => {
        const res = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'kasia@demo.example', password: DEMO_PASSWORD } });
        assert.equal(res.statusCode, 200, res.body);
        return `sb_session=${res.cookies.find((x) => x.name === 'sb_session')!.value}`;
      };
      const kasiaCookie = await signIn();
      const second = await signIn();
      const before = new Map<string, number>();
      for (const c of waiting) before.set(c, (await taskOf(c)).enqueued_at.getTime());
      // One of two sessions ends: she is still signed in elsewhere, nothing changes.
      assert.equal((await req('POST', '/api/v1/auth/logout', second)).statusCode, 204);
      await settle();
      assert.equal((await db().selectFrom('agent_routing').select('presence').where('user_id', '=', kasia).executeTakeFirstOrThrow()).presence, 'available');
      assert.equal((await req('POST', '/api/v1/auth/logout', kasiaCookie)).statusCode, 204);
      await settle();
      assert.equal((await db().selectFrom('agent_routing').select('presence').where('user_id', '=', kasia).executeTakeFirstOrThrow()).presence, 'offline');
      const changed = (await eventsOf('agent.presence_changed', kasia)).at(-1)!;
      assert.deepEqual([(changed.payload as { to: string }).to, (changed.payload as { reason: string }).reason], ['offline', 'signed_out']);
      for (const c of waiting) {
        const task = await taskOf(c);
        assert.equal(task.status, 'queued');
        assert.equal(task.enqueued_at.getTime(), before.get(c), 'original place kept');
        assert.deepEqual((await offersOf(task.id)).filter((o) => o.user_id === kasia).map((o) => o.status), ['withdrawn']);
      }
      const order = server.routing!.engine(tenantId)!.waiting((await taskOf(waiting[0]!)).queue_id!, current.getTime()).map((x) => x.id);
      const ids = await Promise.all(waiting.map(async (c) => (await taskOf(c)).id));
      assert.deepEqual(order.filter((id) => ids.includes(id)), ids, 'the three wait in their arrival order');
    });
  });
}
