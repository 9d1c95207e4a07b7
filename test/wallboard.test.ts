import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import type { Server } from '../src/main.ts';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';

const S = 1000;

/**
 * The wallboard through the API on a scripted day with a fake clock (tenant in Europe/Warsaw,
 * UTC+2 in June): an arrival before local midnight, then arrivals, accepts and abandons after it;
 * every figure asserted against a hand count. Then whispers.
 */
for (const kind of await dbKinds()) {
  describe(`wallboard API on ${kind}`, () => {
    let t: TestServer;
    let server: Server;
    // 23:58 local (Warsaw) on 2027-06-09
    let current = new Date('2027-06-09T21:58:00Z');
    const clock = { now: () => current };
    const advance = (ms: number) => (current = new Date(current.getTime() + ms));
    const cookie: Record<string, string> = {};
    const users: Record<string, string> = {};
    let inbox = '';
    let tenantId = '';
    let n = 0;
    const conv: Record<string, string> = {};
    const db = () => server.database.db;
    const req = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, who: string, body?: unknown) =>
      server.app.inject({ method, url, headers: { cookie: cookie[who]! }, ...(body !== undefined ? { payload: body as object } : {}) });
    const settle = () => server.routing!.settle();
    /** A customer writes in: the leader creates the task at the current (fake) time. */
    const arrive = async (name: string) => {
      n++;
      const r = await req('POST', `/api/v1/inboxes/${inbox}/messages`, 'admin', { from: { kind: 'email', value: `wb-${kind}-${n}@example.com`, name }, text: 'hello' });
      assert.equal(r.statusCode, 201, r.body);
      conv[name] = r.json().conversation.id;
      await settle();
    };
    const accept = async (name: string) => {
      const offers = (await req('GET', '/api/v1/routing/offers', 'alex')).json().items as { id: string; task: { sourceId: string } }[];
      const o = offers.find((x) => x.task.sourceId === conv[name]);
      assert.ok(o, `an offer for ${name}`);
      const r = await req('POST', `/api/v1/routing/offers/${o.id}/accept`, 'alex');
      assert.equal(r.statusCode, 200, r.body);
      await settle();
    };
    const leave = async (name: string) => {
      const r = await req('PATCH', `/api/v1/conversations/${conv[name]}`, 'admin', { status: 'resolved' });
      assert.equal(r.statusCode, 200, r.body);
      await settle();
    };
    const queueOf = async (name: string) =>
      (await db().selectFrom('routing_tasks').select('queue_id').where('source_id', '=', conv[name]!).executeTakeFirstOrThrow()).queue_id!;

    before(async () => {
      t = await startTestServer(kind, { clock, env: { ROUTING: 'true' } });
      server = t.server;
      for (const [k, email] of Object.entries({ admin: demo.admin, sam: demo.supervisor, alex: demo.alex, priya: demo.priya })) cookie[k] = await t.login(email);
      for (const u of (await req('GET', '/api/v1/users?limit=200', 'admin')).json().items as { id: string; email: string }[]) users[u.email.split('@')[0]!] = u.id;
      tenantId = (await db().selectFrom('tenants').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow()).id;
      await db().updateTable('tenants').set({ time_zone: 'Europe/Warsaw' }).where('id', '=', tenantId).execute();
      const ib = await req('POST', '/api/v1/inboxes', 'admin', { name: `Wallboard ${kind}`, channel: 'api' });
      assert.equal(ib.statusCode, 201, ib.body);
      inbox = ib.json().id;
      for (const u of ['supervisor', 'priya', 'wen', 'kasia']) {
        if (!users[u]) continue;
        const r = await req('PUT', `/api/v1/routing/agents/${users[u]}/presence`, 'sam', { presence: 'offline' });
        assert.equal(r.statusCode, 200, r.body);
      }
      await settle();
    });
    after(async () => {
      await server.close();
      await t.db.drop();
      rmSync(t.blobDir, { recursive: true, force: true });
    });

    test('a scripted day: offered, answered, abandoned, short abandons, service level, ASA and longest wait', async () => {
      await arrive('Yesterday Yolanda'); // 23:58 local, yesterday
      advance(5 * S);
      await accept('Yesterday Yolanda'); // answered, but not an arrival of today
      current = new Date('2027-06-09T22:05:00Z'); // 00:05 local, today
      await arrive('Bea'); // answered after 8 s: within 20 s
      advance(8 * S);
      await accept('Bea');
      const acceptedBea = current.getTime();
      advance(12 * S);
      await arrive('Cyril'); // answered after 25 s: outside (an offer lasts 30 s)
      advance(25 * S);
      await accept('Cyril');
      advance(10 * S);
      await arrive('Dora'); // leaves after 3 s: short abandon
      advance(3 * S);
      await leave('Dora');
      advance(10 * S);
      await arrive('Emil'); // leaves after 40 s: abandoned
      advance(40 * S);
      await leave('Emil');
      advance(10 * S);
      await arrive('Fay <b>'); // still waiting
      const fayArrived = current.getTime();
      advance(25 * S);

      const q = await queueOf('Bea');
      for (const name of ['Cyril', 'Dora', 'Emil', 'Fay <b>', 'Yesterday Yolanda']) assert.equal(await queueOf(name), q, 'one queue for the day');
      const r = await req('GET', '/api/v1/wallboard', 'sam');
      assert.equal(r.statusCode, 200, r.body);
      const v = r.json();
      assert.equal(v.timeZone, 'Europe/Warsaw');
      assert.equal(v.dayStartedAt, '2027-06-09T22:00:00.000Z');
      assert.deepEqual([v.serviceLevelSeconds, v.shortAbandonSeconds], [20, 5]);
      const row = v.queues.find((x: { queueId: string }) => x.queueId === q);
      assert.ok(row);
      // Hand count: offered B C D E F = 5; answered B (8 s) C (25 s); short D; abandoned E; SL = 1 / (5 - 1); ASA = 16.5 s.
      assert.deepEqual(row.today, { offered: 5, answered: 2, abandoned: 1, shortAbandoned: 1, answeredInServiceLevel: 1, serviceLevel: 0.25, asaSeconds: 16.5, abandonRate: 0.25, handled: 0, ahtSeconds: null });
      // This 15-minute interval (00:00–00:15 local) holds every arrival of today so far.
      assert.equal(v.intervalStartedAt, '2027-06-09T22:00:00.000Z');
      assert.deepEqual([row.interval.offered, row.interval.answered, row.interval.shortAbandoned], [5, 2, 1]);
      assert.equal(row.waiting + row.offered, 1, 'Fay waits (queued or on offer)');
      assert.equal(row.longestWaitSeconds, Math.floor((current.getTime() - fayArrived) / 1000));
      assert.equal(row.longestWaitSeconds, 25);

      const alex = v.agents.find((a: { userId: string }) => a.userId === users.alex);
      assert.equal(alex.activity, 'on_task');
      const held = alex.tasks.filter((x: { status: string }) => x.status === 'assigned').map((x: { conversationId: string; customerName: string }) => [x.customerName, x.conversationId]);
      assert.deepEqual(held.sort(), [['Bea', conv.Bea], ['Cyril', conv.Cyril], ['Yesterday Yolanda', conv['Yesterday Yolanda']]].sort());
      // On a task since the first task he holds now (Yolanda's, accepted 23:58:05 local).
      assert.equal(alex.stateSince, '2027-06-09T21:58:05.000Z');
      assert.equal(alex.timeInStateSeconds, Math.floor((current.getTime() - Date.parse('2027-06-09T21:58:05Z')) / 1000));
      assert.ok(acceptedBea > Date.parse(alex.stateSince));
      const priya = v.agents.find((a: { userId: string }) => a.userId === users.priya);
      assert.equal(priya.activity, 'offline');
      assert.deepEqual(priya.tasks, []);

      // Thresholds from the query: T = 30 s puts Cyril in, a 2 s short-abandon threshold makes Dora a real abandon.
      const custom = (await req('GET', '/api/v1/wallboard?serviceLevelSeconds=30&shortAbandonSeconds=2', 'sam')).json();
      const c = custom.queues.find((x: { queueId: string }) => x.queueId === q).today;
      assert.deepEqual([c.answeredInServiceLevel, c.shortAbandoned, c.abandoned, c.serviceLevel], [2, 0, 2, 0.4]);
    });

    test('access and bad input: agents 403, bad thresholds 400', async () => {
      assert.equal((await req('GET', '/api/v1/wallboard', 'alex')).statusCode, 403);
      const bad = await req('GET', '/api/v1/wallboard?serviceLevelSeconds=0', 'sam');
      assert.equal(bad.statusCode, 400);
      assert.ok(JSON.stringify(bad.json()).includes('serviceLevelSeconds'));
      assert.equal((await req('GET', '/api/v1/wallboard?nope=1', 'sam')).statusCode, 400);
    });

    test('whisper: a note for the assigned agent only, flagged, on their topic and the conversation\'s', async () => {
      const before = await db().selectFrom('events').select((eb) => eb.fn.countAll().as('n')).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
      const w = await req('POST', `/api/v1/conversations/${conv.Bea}/whispers`, 'sam', { text: '  Offer her the refund  ' });
      assert.equal(w.statusCode, 201, w.body);
      const body = w.json();
      assert.deepEqual([body.text, body.whisperTo, body.authorUserId, body.conversationId], ['Offer her the refund', users.alex, users.supervisor, conv.Bea]);
      const m = await db().selectFrom('messages').select(['direction', 'whisper_to', 'text']).where('id', '=', body.id).executeTakeFirstOrThrow();
      assert.deepEqual(m, { direction: 'note', whisper_to: users.alex, text: 'Offer her the refund' });
      const ev = await db().selectFrom('events').select(['type', 'topics', 'payload']).where('tenant_id', '=', tenantId).where('aggregate_id', '=', body.id).executeTakeFirstOrThrow();
      assert.equal(ev.type, 'message.created');
      // Not on the conversation's topic: other agents following it must not get it.
      assert.deepEqual([...(ev.topics as string[])].sort(), [`user:${users.alex}`, 'wallboard'].sort());
      const p = ev.payload as Record<string, unknown>;
      assert.deepEqual([p.direction, p.whisper, p.whisperTo], ['note', true, users.alex]);
      const afterOne = await db().selectFrom('events').select((eb) => eb.fn.countAll().as('n')).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
      assert.equal(Number(afterOne.n), Number(before.n) + 1);

      // The agent sees it; another agent does not; supervisors do.
      assert.deepEqual((await req('GET', `/api/v1/conversations/${conv.Bea}/whispers`, 'alex')).json().items.map((x: { text: string }) => x.text), ['Offer her the refund']);
      assert.deepEqual((await req('GET', `/api/v1/conversations/${conv.Bea}/whispers`, 'priya')).json().items, []);
      assert.equal((await req('GET', `/api/v1/conversations/${conv.Bea}/whispers`, 'admin')).json().items.length, 1);
      // The same in the conversation's messages: another agent's list leaves it out.
      const texts = async (who: 'alex' | 'priya' | 'admin') => (await req('GET', `/api/v1/conversations/${conv.Bea}/messages?limit=200`, who)).json().items.map((x: { text: string }) => x.text) as string[];
      assert.ok((await texts('alex')).includes('Offer her the refund'));
      assert.ok((await texts('admin')).includes('Offer her the refund'));
      assert.equal((await texts('priya')).includes('Offer her the refund'), false);
    });

    test('whisper refusals change nothing: no agent (409), empty or too long (400), agents 403, unknown 404', async () => {
      const snap = async () => ({
        messages: Number((await db().selectFrom('messages').select((eb) => eb.fn.countAll().as('n')).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow()).n),
        events: Number((await db().selectFrom('events').select((eb) => eb.fn.countAll().as('n')).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow()).n),
        seq: (await db().selectFrom('conversations').select('last_seq').where('id', '=', conv['Fay <b>']!).executeTakeFirstOrThrow()).last_seq,
      });
      const s0 = await snap();
      const none = await req('POST', `/api/v1/conversations/${conv['Fay <b>']}/whispers`, 'sam', { text: 'hello' });
      assert.equal(none.statusCode, 409, none.body);
      assert.match(none.json().error.message, /assign it/);
      const empty = await req('POST', `/api/v1/conversations/${conv.Bea}/whispers`, 'sam', { text: '   ' });
      assert.equal(empty.statusCode, 400);
      assert.equal(empty.json().error.details[0].path, 'text');
      assert.equal((await req('POST', `/api/v1/conversations/${conv.Bea}/whispers`, 'sam', { text: 'x'.repeat(2001) })).statusCode, 400);
      assert.equal((await req('POST', `/api/v1/conversations/${conv.Bea}/whispers`, 'sam', {})).statusCode, 400);
      assert.equal((await req('POST', `/api/v1/conversations/${conv.Bea}/whispers`, 'alex', { text: 'hi' })).statusCode, 403);
      assert.equal((await req('POST', '/api/v1/conversations/0190e0a0-0000-7000-8000-000000000000/whispers', 'sam', { text: 'hi' })).statusCode, 404);
      assert.equal((await req('POST', `/api/v1/conversations/${conv.Dora}/whispers`, 'sam', { text: 'hi' })).statusCode, 409, 'resolved');
      assert.deepEqual(await snap(), s0);
    });

    test('the day rolls over at local midnight, not UTC midnight', async () => {
      current = new Date('2027-06-10T21:59:59Z'); // 23:59:59 local: still the same day
      let v = (await req('GET', '/api/v1/wallboard', 'sam')).json();
      const q = await queueOf('Bea');
      assert.equal(v.queues.find((x: { queueId: string }) => x.queueId === q).today.offered, 5);
      current = new Date('2027-06-10T22:00:00Z'); // 00:00 local on the 11th
      v = (await req('GET', '/api/v1/wallboard', 'sam')).json();
      const row = v.queues.find((x: { queueId: string }) => x.queueId === q);
      assert.deepEqual([row.today.offered, row.today.answered, row.today.serviceLevel, row.today.asaSeconds], [0, 0, null, null]);
    });
  });
}
