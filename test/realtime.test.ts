/**
 * The websocket on /ws: authentication, topic permissions, live events with seq, catch-up after a
 * reconnect (exactly the missed events, in order, none twice), bad frames, heartbeats.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';
import WebSocket from 'ws';
import { outcomeOf, sleep, wsClient, type Client, type Frame } from './helpers/ws.ts';

for (const kind of await dbKinds()) {
  describe(`realtime on ${kind}`, () => {
    let t: TestServer;
    let wsUrl: string;
    let admin: string;
    const open: Client[] = [];
    const connect = async (headers: Record<string, string>, opts?: { autoPong?: boolean }) => {
      const c = wsClient(wsUrl, headers, opts);
      open.push(c);
      await c.opened;
      return c;
    };
    const createTeam = async (name: string) => {
      const res = await t.req('POST', '/api/v1/teams', { cookie: admin, body: { name } });
      assert.equal(res.statusCode, 201, res.body);
      return res.json().id as string;
    };
    /** Everything committed is on the bus once no outbox row is pending. */
    const settle = async () => {
      const deadline = Date.now() + 5000;
      for (;;) {
        await t.server.dispatcher.drain();
        const n = await t.server.database.db
          .selectFrom('outbox')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('delivered_at', 'is', null)
          .executeTakeFirstOrThrow();
        if (Number(n.n) === 0) return;
        if (Date.now() > deadline) throw new Error(`${n.n} outbox rows still pending after 5 s`);
        await sleep(20);
      }
    };
    /** A ping's pong comes after every frame the server sent before it. */
    const roundTrip = async (c: Client) => {
      const from = c.frames.length;
      c.send({ type: 'ping' });
      await c.next((f) => f.type === 'pong', 'pong', 5000, from);
    };

    before(async () => {
      t = await startTestServer(kind, { listen: true });
      wsUrl = `${t.server.url!.replace(/^http/, 'ws')}/ws`;
      admin = await t.login(demo.admin);
    });
    after(async () => {
      for (const c of open) c.close();
      await t.close();
    });

    test('without credentials the socket is refused', async () => {
      const c = wsClient(wsUrl);
      open.push(c);
      assert.match(await outcomeOf(c), /close 4401|http 401/);
      const bad = wsClient(wsUrl, { cookie: 'sb_session=not-a-real-session' });
      open.push(bad);
      assert.match(await outcomeOf(bad), /close 4401|http 401/);
    });

    test('a session cookie opens the socket; subscribing to tenant as admin answers subscribed', async () => {
      const c = await connect({ cookie: admin });
      c.send({ type: 'subscribe', topics: ['tenant'] });
      const f = await c.next((x) => x.type === 'subscribed', 'subscribed');
      assert.deepEqual(f.topics, ['tenant']);
      assert.equal(typeof f.seq, 'number');
      c.close();
    });

    test('an API token in the Authorization header opens the socket', async () => {
      const res = await t.req('POST', '/api/v1/tokens', { cookie: admin, body: { name: 'ws test', scope: 'read' } });
      assert.equal(res.statusCode, 201, res.body);
      const c = await connect({ authorization: `Bearer ${res.json().secret}` });
      c.send({ type: 'subscribe', topics: ['tenant'] });
      await c.next((x) => x.type === 'subscribed', 'subscribed');
      c.close();
    });

    test('an agent may not follow the wallboard or another user', async () => {
      const users = await t.req('GET', '/api/v1/users?limit=50', { cookie: admin });
      const priya = (users.json().items as { id: string; email: string }[]).find((u) => u.email === demo.priya)!;
      const alex = (users.json().items as { id: string; email: string }[]).find((u) => u.email === demo.alex)!;
      const c = await connect({ cookie: await t.login(demo.alex) });
      c.send({ type: 'subscribe', topics: ['wallboard'] });
      const e1 = await c.next((x) => x.type === 'error', 'forbidden error');
      assert.equal(e1.code, 'forbidden');
      const from = c.frames.length;
      c.send({ type: 'subscribe', topics: [`user:${priya.id}`] });
      const e2 = await c.next((x) => x.type === 'error', 'forbidden error', 5000, from);
      assert.equal(e2.code, 'forbidden');
      // Their own topic is allowed, and the refusals subscribed nothing.
      const from2 = c.frames.length;
      c.send({ type: 'subscribe', topics: [`user:${alex.id}`] });
      const ok = await c.next((x) => x.type === 'subscribed', 'subscribed', 5000, from2);
      assert.deepEqual(ok.topics, [`user:${alex.id}`]);
      c.close();
    });

    test('an admin action arrives as an event frame with increasing seq', async () => {
      const c = await connect({ cookie: admin });
      c.send({ type: 'subscribe', topics: ['tenant'] });
      const sub = await c.next((x) => x.type === 'subscribed', 'subscribed');
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push(await createTeam(`Live ${kind} ${i}`));
      const got: Frame[] = [];
      for (const id of ids) got.push(await c.next((x) => x.type === 'event' && x.event?.aggregateId === id, `event for ${id}`));
      for (const f of got) {
        assert.equal(f.event!.type, 'team.created');
        assert.ok(f.event!.topics.includes('tenant'));
      }
      const seqs = c.frames.filter((x) => x.type === 'event').map((x) => x.seq!);
      assert.ok(seqs[0]! > sub.seq!, `first event seq ${seqs[0]} after subscribed seq ${sub.seq}`);
      for (let i = 1; i < seqs.length; i++) assert.ok(seqs[i]! > seqs[i - 1]!, `seqs increase: ${seqs.join(',')}`);
      c.close();
    });

    test('reconnecting with since receives exactly the missed events, in order, once each', async () => {
      const first = await connect({ cookie: admin });
      first.send({ type: 'subscribe', topics: ['tenant'] });
      await first.next((x) => x.type === 'subscribed', 'subscribed');
      const seen = await createTeam(`Before ${kind}`);
      const last = (await first.next((x) => x.event?.aggregateId === seen, 'event before disconnect')).seq!;
      first.close();
      await first.closed;

      const missed: string[] = [];
      for (let i = 0; i < 6; i++) missed.push(await createTeam(`Missed ${kind} ${i}`));
      // A user change too: another aggregate on the same topic.
      const second = await connect({ cookie: admin });
      second.send({ type: 'subscribe', topics: ['tenant'], since: last });
      // Writes while the catch-up runs.
      const during = await Promise.all([0, 1, 2, 3].map((i) => createTeam(`During ${kind} ${i}`)));
      await second.next((x) => x.type === 'subscribed', 'subscribed after catch-up');
      await settle();
      await roundTrip(second);

      const events = second.frames.filter((x) => x.type === 'event');
      const seqs = events.map((x) => x.seq!);
      const stored = await t.server.database.db
        .selectFrom('events')
        .select(['seq', 'id'])
        .where('seq', '>', last)
        .where(sql<boolean>`topics @> array['tenant']::text[]`)
        .orderBy('seq')
        .execute();
      assert.deepEqual(seqs, stored.map((s) => Number(s.seq)), 'exactly the events after since, in order');
      assert.deepEqual(events.map((e) => e.event!.id), stored.map((s) => s.id));
      assert.equal(new Set(seqs).size, seqs.length, 'no event twice');
      const got = new Set(events.map((e) => e.event!.aggregateId));
      for (const id of [...missed, ...during]) assert.ok(got.has(id), `event of team ${id} received`);
      assert.ok(!got.has(seen), 'the event seen before the disconnect is not sent again');

      // After the catch-up the socket stays live.
      const later = await createTeam(`After ${kind}`);
      const f = await second.next((x) => x.event?.aggregateId === later, 'live event after catch-up');
      assert.ok(f.seq! > seqs.at(-1)!);
      second.close();
    });

    test('a bad frame gets an error frame and the socket stays usable', async () => {
      const c = await connect({ cookie: admin });
      c.send('this is not json');
      const e1 = await c.next((x) => x.type === 'error', 'error for non-JSON');
      assert.equal(e1.code, 'invalid');
      let from = c.frames.length;
      c.send({ type: 'subscribe', topics: [] });
      const e2 = await c.next((x) => x.type === 'error', 'error for empty topics', 5000, from);
      assert.equal(e2.code, 'invalid');
      assert.match(e2.message!, /topics/);
      from = c.frames.length;
      c.send({ type: 'launch-rockets' });
      assert.equal((await c.next((x) => x.type === 'error', 'error for unknown type', 5000, from)).code, 'invalid');
      await roundTrip(c);
      from = c.frames.length;
      c.send({ type: 'subscribe', topics: ['tenant'] });
      await c.next((x) => x.type === 'subscribed', 'subscribed after bad frames', 5000, from);
      assert.equal(c.ws.readyState, WebSocket.OPEN);
      c.close();
    });
  });

  describe(`websocket heartbeats on ${kind}`, () => {
    let t: TestServer;
    const open: Client[] = [];
    before(async () => {
      t = await startTestServer(kind, { listen: true, env: { WS_HEARTBEAT_MS: '400' } });
    });
    after(async () => {
      for (const c of open) c.close();
      await t.close();
    });

    test('a client that stops answering pings is closed; one that answers stays', async () => {
      const cookie = await t.login(demo.admin);
      const url = `${t.server.url!.replace(/^http/, 'ws')}/ws`;
      const silent = wsClient(url, { cookie }, { autoPong: false });
      const healthy = wsClient(url, { cookie });
      open.push(silent, healthy);
      await Promise.all([silent.opened, healthy.opened]);
      const started = Date.now();
      const code = await Promise.race([silent.closed, sleep(3000).then(() => 'not closed within 3 s')]);
      assert.equal(typeof code, 'number', String(code));
      const ms = Date.now() - started;
      assert.ok(ms < 3000, `closed after ${ms} ms`);
      // The healthy client, answering pings, outlives several beats.
      await sleep(1300);
      assert.equal(healthy.ws.readyState, WebSocket.OPEN);
      await (async () => {
        const from = healthy.frames.length;
        healthy.send({ type: 'ping' });
        await healthy.next((x) => x.type === 'pong', 'pong', 5000, from);
      })();
    });
  });
}
