import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';
import { sleep, wsClient, type Client, type Frame } from './helpers/ws.ts';
import { demoChatInbox, sessionOk } from './widget-helpers.ts';

type F = Frame & Record<string, unknown>;

for (const kind of await dbKinds()) {
  describe(`widget socket on ${kind}`, () => {
    let t: TestServer;
    let admin = '';
    let inboxId = '';
    let base = '';
    const open: Client[] = [];
    const visitor = async (token: string) => {
      const c = wsClient(`${base}/widget/ws?token=${encodeURIComponent(token)}`);
      open.push(c);
      await c.opened;
      return c;
    };
    const staff = async (cookie: string, topics: string[]) => {
      const c = wsClient(`${base}/ws`, { cookie });
      open.push(c);
      await c.opened;
      c.send({ type: 'subscribe', topics });
      await c.next((f) => f.type === 'subscribed', 'subscribed');
      return c;
    };
    const messageCount = async (conversationId: string) =>
      Number((await t.server.database.db.selectFrom('messages').select(sql<number>`count(*)::int`.as('n')).where('conversation_id', '=', conversationId).executeTakeFirstOrThrow()).n);

    before(async () => {
      t = await startTestServer(kind, { listen: true });
      base = t.server.url!.replace(/^http/, 'ws');
      admin = await t.login(demo.admin);
      inboxId = (await demoChatInbox(t, admin)).id;
    });
    after(async () => {
      for (const c of open) c.close();
      await t?.close();
    });

    test('hello -> welcome; send -> ack; a resend after reconnect gets the same ack and stores one message; history after lastSeq', async () => {
      const s = await sessionOk(t, inboxId, { prechat: { name: 'Socket Sam' } });
      const v = await visitor(s.token);
      v.send({ type: 'hello', lastSeq: 0 });
      const w = (await v.next((f) => f.type === 'welcome', 'welcome')) as F;
      assert.equal(w.conversationId, null);
      assert.deepEqual(w.messages, []);
      const clientId = randomUUID();
      v.send({ type: 'send', clientId, text: 'Hello from the shop' });
      const ack = (await v.next((f) => f.type === 'ack', 'ack')) as F;
      assert.equal(ack.clientId, clientId);
      assert.equal(typeof ack.seq, 'number');
      v.close();

      const v2 = await visitor(s.token);
      v2.send({ type: 'hello', lastSeq: 0 });
      const w2 = (await v2.next((f) => f.type === 'welcome', 'welcome')) as F;
      assert.equal(w2.conversationId, ack.conversationId);
      assert.deepEqual((w2.messages as { id: string }[]).map((m) => m.id), [ack.messageId]);
      v2.send({ type: 'send', clientId, text: 'Hello from the shop' });
      const again = (await v2.next((f) => f.type === 'ack', 'ack again')) as F;
      assert.deepEqual({ ...again }, { ...ack });
      assert.equal(await messageCount(ack.conversationId as string), 1);
      const seen = v2.frames.length;
      v2.send({ type: 'hello', lastSeq: ack.seq });
      const w3 = (await v2.next((f) => f.type === 'welcome', 'second welcome', 5000, seen)) as F;
      assert.deepEqual(w3.messages, [], 'nothing after lastSeq');
      // A bad frame gets a clear error, the socket stays usable.
      v2.send({ type: 'send', clientId: '', text: 'x' });
      const err = (await v2.next((f) => f.type === 'error', 'error')) as F;
      assert.equal(err.code, 'invalid');
      v2.send({ type: 'ping' });
      await v2.next((f) => f.type === 'pong', 'pong');
    });

    test('agent replies arrive as message frames, notes never; typing both ways; read and delivered receipts', async () => {
      const s = await sessionOk(t, inboxId);
      const v = await visitor(s.token);
      v.send({ type: 'hello', lastSeq: 0 });
      await v.next((f) => f.type === 'welcome', 'welcome');
      v.send({ type: 'send', clientId: randomUUID(), text: 'Is the oak table in stock?' });
      const ack = (await v.next((f) => f.type === 'ack', 'ack')) as F;
      const conv = ack.conversationId as string;

      const agent = await staff(admin, [`conversation:${conv}`]);
      // Typing: visitor -> staff, staff -> visitor.
      v.send({ type: 'typing', on: true });
      const st = (await agent.next((f) => f.type === 'typing', 'customer typing')) as F;
      assert.deepEqual({ conversationId: st.conversationId, who: st.who, on: st.on }, { conversationId: conv, who: 'customer', on: true });
      agent.send({ type: 'typing', conversationId: conv, on: true });
      const vt = (await v.next((f) => f.type === 'typing', 'agent typing')) as F;
      assert.equal(vt.on, true);
      // Staff may not send typing for a conversation it does not follow.
      agent.send({ type: 'typing', conversationId: randomUUID(), on: true });
      assert.equal(((await agent.next((f) => f.type === 'error', 'forbidden typing')) as F).code, 'forbidden');

      const note = await t.req('POST', `/api/v1/conversations/${conv}/messages`, { cookie: admin, body: { kind: 'note', text: 'internal: VIP' } });
      assert.equal(note.statusCode, 201, note.body);
      const reply = await t.req('POST', `/api/v1/conversations/${conv}/messages`, { cookie: admin, body: { kind: 'reply', text: 'Yes, <b>two</b> left' } });
      assert.equal(reply.statusCode, 201, reply.body);
      const mf = (await v.next((f) => f.type === 'message' && (f as F).direction === 'outbound', 'reply frame')) as F;
      assert.equal(mf.id, reply.json().id);
      assert.equal(mf.text, 'Yes, <b>two</b> left');
      assert.equal(mf.authorName, (await t.req('GET', '/api/v1/auth/me', { cookie: admin })).json().user.name);
      assert.equal('html' in mf, false);
      await sleep(300);
      assert.ok(!v.frames.some((f) => (f as F).text === 'internal: VIP'), 'notes never reach the visitor');

      // Delivered in a batch, then read by the visitor with an event for the agents.
      for (let i = 0; i < 30; i++) {
        const row = await t.server.database.db.selectFrom('messages').select('delivery_status').where('id', '=', reply.json().id).executeTakeFirstOrThrow();
        if (row.delivery_status === 'delivered') break;
        await sleep(100);
      }
      const status = async () => (await t.server.database.db.selectFrom('messages').select('delivery_status').where('id', '=', reply.json().id).executeTakeFirstOrThrow()).delivery_status;
      assert.equal(await status(), 'delivered');
      v.send({ type: 'read', seq: mf.seq });
      const readEv = await agent.next((f) => f.type === 'event' && f.event?.type === 'message.read', 'message.read event');
      assert.deepEqual(readEv.event?.payload, { conversationId: conv, seq: mf.seq, by: 'customer' });
      assert.equal(await status(), 'read');
    });

    test('rate limit per visitor: an error frame with retryAfterMs; another visitor is unaffected', async () => {
      const a = await visitor((await sessionOk(t, inboxId)).token);
      const b = await visitor((await sessionOk(t, inboxId)).token);
      for (let i = 0; i < 21; i++) a.send({ type: 'send', clientId: `flood-${i}`, text: `flood ${i}` });
      const err = (await a.next((f) => f.type === 'error' && f.code === 'rate_limited', 'rate limited', 10_000)) as F;
      assert.equal(err.clientId, 'flood-20');
      assert.ok((err.retryAfterMs as number) > 0 && (err.retryAfterMs as number) <= 10_000);
      assert.equal(a.frames.filter((f) => f.type === 'ack').length, 20);
      b.send({ type: 'send', clientId: randomUUID(), text: 'I am fine' });
      await b.next((f) => f.type === 'ack', 'ack for the other visitor');
    });

    test('resolved -> resolved + csat_request; csat over the socket once; queue frames from position events; bad tokens are refused', async () => {
      const s = await sessionOk(t, inboxId);
      const v = await visitor(s.token);
      v.send({ type: 'send', clientId: randomUUID(), text: 'bye' });
      const ack = (await v.next((f) => f.type === 'ack', 'ack')) as F;
      const conv = ack.conversationId as string;
      const tenantId = (await t.server.database.db.selectFrom('conversations').select('tenant_id').where('id', '=', conv).executeTakeFirstOrThrow()).tenant_id;
      await t.server.bus.publish([{ id: randomUUID(), seq: 0, tenantId, type: 'task.position_changed', aggregateType: 'task', aggregateId: randomUUID(), actorId: null, topics: [`conversation:${conv}`], payload: { position: 2, waiting: 3, estimatedWaitSeconds: 90 }, createdAt: new Date() }]);
      const q = (await v.next((f) => f.type === 'queue', 'queue')) as F;
      assert.deepEqual({ position: q.position, waiting: q.waiting, etaSeconds: q.etaSeconds }, { position: 2, waiting: 3, etaSeconds: 90 });

      const res = await t.req('PATCH', `/api/v1/conversations/${conv}`, { cookie: admin, body: { status: 'resolved' } });
      assert.equal(res.statusCode, 200, res.body);
      await v.next((f) => f.type === 'resolved', 'resolved');
      const cr = (await v.next((f) => f.type === 'csat_request', 'csat_request')) as F;
      assert.equal(cr.conversationId, conv);
      v.send({ type: 'csat', score: 4 });
      await v.next((f) => f.type === 'csat_saved', 'csat saved');
      v.send({ type: 'csat', score: 1 });
      assert.equal(((await v.next((f) => f.type === 'error', 'second csat')) as F).code, 'conflict');

      const refused = wsClient(`${base}/widget/ws?token=nope.nope`);
      open.push(refused);
      assert.equal(await refused.closed, 4401);
    });
  });
}
