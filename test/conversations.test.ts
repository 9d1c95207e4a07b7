import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';

interface Conv { id: string; inboxId: string; customerId: string; status: string; snoozedUntil: string | null; priority: string; assigneeId: string | null; lastSeq: number; resolvedAt: string | null }
interface Msg { id: string; conversationId: string; seq: number; direction: string; authorUserId: string | null; text: string; html: string | null; providerMessageId: string | null; deliveryStatus: string }
interface EventJson { type: string; aggregateId: string; actorId: string | null; topics: string[]; payload: Record<string, unknown> }

const unknownId = '0190a000-0000-7000-8000-000000000000';

for (const kind of await dbKinds()) {
  describe(`conversations API on ${kind}`, () => {
    let t: TestServer;
    let admin = '';
    let agent = '';
    let agentId = '';
    let offsetMs = 0;
    const clock = { now: () => new Date(Date.now() + offsetMs) };
    let phone = 0;
    /** A fresh, valid UK mobile number per call: every test has its own customer. */
    const newPhone = () => `+44 20 7946 ${String(3000 + ++phone)}`;

    const createInbox = async (name: string, reopenWindowMs?: number) => {
      const res = await t.req('POST', '/api/v1/inboxes', { cookie: admin, body: { name, channel: 'api', ...(reopenWindowMs !== undefined && { reopenWindowMs }) } });
      assert.equal(res.statusCode, 201, res.body);
      return res.json().id as string;
    };
    const intake = (inboxId: string, body: Record<string, unknown>, headers?: Record<string, string>) =>
      t.req('POST', `/api/v1/inboxes/${inboxId}/messages`, { cookie: agent, body, headers });
    const intakeOk = async (inboxId: string, body: Record<string, unknown>) => {
      const res = await intake(inboxId, body);
      assert.equal(res.statusCode, 201, res.body);
      return res.json() as { conversation: Conv; message: Msg };
    };
    const messages = async (convId: string, query = 'limit=200') => {
      const res = await t.req('GET', `/api/v1/conversations/${convId}/messages?${query}`, { cookie: agent });
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as { items: Msg[]; nextCursor: string | null };
    };
    const events = async (type: string) =>
      (await t.req('GET', `/api/v1/events?type=${type}&limit=1000`, { cookie: admin })).json().items as EventJson[];
    const counts = async () => {
      const db = t.server.database.db;
      const one = async (table: 'customers' | 'conversations' | 'messages') =>
        Number((await db.selectFrom(table).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n);
      return { customers: await one('customers'), conversations: await one('conversations'), messages: await one('messages') };
    };

    before(async () => {
      t = await startTestServer(kind, { clock });
      admin = await t.login(demo.admin);
      agent = await t.login(demo.alex);
      agentId = (await t.req('GET', '/api/v1/auth/me', { cookie: agent })).json().user.id;
    });
    after(() => t?.close());

    test('inboxes: create, list, rename; names are unique; the reopen window is bounded; agents may not manage them', async () => {
      const id = await createInbox('Website API');
      const got = (await t.req('GET', `/api/v1/inboxes/${id}`, { cookie: agent })).json();
      assert.equal(got.channel, 'api');
      assert.equal(got.reopenWindowMs, 7 * 24 * 3_600_000);
      const dup = await t.req('POST', '/api/v1/inboxes', { cookie: admin, body: { name: 'Website API', channel: 'chat' } });
      assert.equal(dup.statusCode, 409, dup.body);
      const long = await t.req('POST', '/api/v1/inboxes', { cookie: admin, body: { name: 'Too long', channel: 'chat', reopenWindowMs: 91 * 24 * 3_600_000 } });
      assert.equal(long.statusCode, 400, long.body);
      const badChannel = await t.req('POST', '/api/v1/inboxes', { cookie: admin, body: { name: 'Pigeon', channel: 'pigeon' } });
      assert.equal(badChannel.statusCode, 400);
      assert.equal((await t.req('POST', '/api/v1/inboxes', { cookie: agent, body: { name: 'Mine', channel: 'chat' } })).statusCode, 403);
      const renamed = await t.req('PATCH', `/api/v1/inboxes/${id}`, { cookie: admin, body: { name: 'Website', reopenWindowMs: 0 } });
      assert.equal(renamed.statusCode, 200, renamed.body);
      assert.equal(renamed.json().reopenWindowMs, 0);
      assert.equal((await t.req('PATCH', `/api/v1/inboxes/${id}`, { cookie: agent, body: { name: 'X' } })).statusCode, 403);
      const list = (await t.req('GET', '/api/v1/inboxes', { cookie: agent })).json().items as { name: string }[];
      assert.ok(list.some((i) => i.name === 'Website'));
      assert.ok((await events('inbox.created')).some((e) => e.aggregateId === id));
      assert.equal((await t.req('GET', `/api/v1/inboxes/${unknownId}`, { cookie: agent })).statusCode, 404);
    });

    test('intake creates the customer, a conversation and message seq 1; the next message is seq 2 there', async () => {
      const inbox = await createInbox('Intake basics');
      const before = await counts();
      const from = { kind: 'phone', value: '+44 20 7946 2958', name: 'Casey Caller' };
      const first = await intakeOk(inbox, { from, text: 'Hello, my order is late' });
      assert.equal(first.message.seq, 1);
      assert.equal(first.message.direction, 'inbound');
      assert.equal(first.message.deliveryStatus, 'received');
      assert.equal(first.conversation.status, 'open');
      assert.equal(first.conversation.inboxId, inbox);
      const second = await intakeOk(inbox, { from: { kind: 'phone', value: '+442079462958' }, text: 'Any news?' });
      assert.equal(second.message.seq, 2);
      assert.equal(second.conversation.id, first.conversation.id, 'the same (normalized) identity joins the same conversation');
      assert.equal(second.conversation.lastSeq, 2);
      const after = await counts();
      assert.deepEqual(after, { customers: before.customers + 1, conversations: before.conversations + 1, messages: before.messages + 2 });
      const customer = await t.server.database.db.selectFrom('customers').select('name').where('id', '=', first.conversation.customerId).executeTakeFirstOrThrow();
      assert.equal(customer.name, 'Casey Caller');
      const created = (await events('conversation.created')).find((e) => e.aggregateId === first.conversation.id);
      assert.ok(created, 'conversation.created appended');
      const msgEvent = (await events('message.created')).find((e) => e.aggregateId === first.message.id);
      assert.ok(msgEvent, 'message.created appended');
      assert.deepEqual(msgEvent.topics, ['tenant', `conversation:${first.conversation.id}`]);
      assert.equal(msgEvent.payload.seq, 1);
      assert.equal((await intake(unknownId, { from, text: 'x' })).statusCode, 404);
    });

    test('the same provider message id twice stores one message and answers the same', async () => {
      const inbox = await createInbox('Idempotent intake');
      const body = { providerMessageId: 'prov-msg-0001', from: { kind: 'email', value: 'Dup@Example.com' }, text: 'once only' };
      const a = await intake(inbox, body);
      const b = await intake(inbox, body);
      assert.equal(a.statusCode, 201, a.body);
      assert.equal(b.statusCode, 200, b.body);
      assert.deepEqual(b.json().message, a.json().message);
      assert.equal(b.json().conversation.id, a.json().conversation.id);
      const convId = a.json().conversation.id as string;
      assert.equal((await messages(convId)).items.length, 1);
      assert.equal((await events('message.created')).filter((e) => e.payload.conversationId === convId).length, 1, 'no second event');
      // Concurrent redelivery: still one message.
      const racing = await Promise.all(Array.from({ length: 5 }, () => intake(inbox, { ...body, providerMessageId: 'prov-msg-0002' })));
      assert.deepEqual(racing.map((r) => r.statusCode).sort(), [200, 200, 200, 200, 201]);
      assert.equal(new Set(racing.map((r) => r.json().message.id)).size, 1);
      const after = await messages(convId);
      assert.deepEqual(after.items.map((m) => m.seq), [1, 2], 'no gap left by the losers');
      // Idempotency-Key works here as on every POST.
      const keyed = { from: { kind: 'email', value: 'dup@example.com' }, text: 'keyed' };
      const k1 = await intake(inbox, keyed, { 'idempotency-key': 'intake-key-0001' });
      const k2 = await intake(inbox, keyed, { 'idempotency-key': 'intake-key-0001' });
      assert.equal(k1.statusCode, 201);
      assert.equal(k2.json().message.id, k1.json().message.id);
      assert.equal((await messages(convId)).items.length, 3);
    });

    test('a resolved conversation reopens within the window; after it a new conversation starts', async () => {
      const inbox = await createInbox('Reopening', 60_000);
      const from = { kind: 'email', value: 'reopen@example.com' };
      const first = await intakeOk(inbox, { from, text: 'one' });
      const conv = first.conversation.id;
      const resolved = await t.req('PATCH', `/api/v1/conversations/${conv}`, { cookie: agent, body: { status: 'resolved' } });
      assert.equal(resolved.statusCode, 200, resolved.body);
      assert.ok(resolved.json().resolvedAt);
      const again = await intakeOk(inbox, { from, text: 'two' });
      assert.equal(again.conversation.id, conv);
      assert.equal(again.conversation.status, 'open');
      assert.equal(again.conversation.resolvedAt, null);
      assert.equal(again.message.seq, 2);
      assert.ok((await events('conversation.reopened')).some((e) => e.aggregateId === conv));
      await t.req('PATCH', `/api/v1/conversations/${conv}`, { cookie: agent, body: { status: 'resolved' } });
      offsetMs += 120_000;
      const later = await intakeOk(inbox, { from, text: 'three' });
      assert.notEqual(later.conversation.id, conv, 'outside the window: a new conversation');
      assert.equal(later.message.seq, 1);
      assert.equal(later.conversation.customerId, first.conversation.customerId);
      assert.equal((await t.req('GET', `/api/v1/conversations/${conv}`, { cookie: agent })).json().status, 'resolved');
    });

    test('an invalid identity is a 400 naming it, and nothing is written', async () => {
      const inbox = await createInbox('Invalid identities');
      const before = await counts();
      const res = await intake(inbox, { from: { kind: 'phone', value: '12' }, text: 'hi' });
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error.code, 'invalid');
      assert.match(res.json().error.message, /phone/);
      const empty = await intake(inbox, { from: { kind: 'email', value: 'not-an-email' }, text: 'hi' });
      assert.equal(empty.statusCode, 400);
      const noBody = await intake(inbox, { from: { kind: 'email', value: 'ok@example.com' }, text: '  ' });
      assert.equal(noBody.statusCode, 400, 'a message needs text or html');
      assert.deepEqual(await counts(), before);
    });

    test('concurrent intakes get distinct, gapless seqs in one conversation; concurrent first messages make one customer', async () => {
      const inbox = await createInbox('Concurrency');
      const from = { kind: 'phone', value: newPhone() };
      const first = await intakeOk(inbox, { from, text: 'start' });
      const n = 20;
      const res = await Promise.all(Array.from({ length: n }, (_, i) => intake(inbox, { from, text: `burst ${i}`, ...(i % 2 === 0 && { providerMessageId: `burst-${i}` }) })));
      for (const r of res) assert.equal(r.statusCode, 201, r.body);
      assert.equal(new Set(res.map((r) => r.json().conversation.id)).size, 1);
      assert.equal(res[0]!.json().conversation.id, first.conversation.id);
      const seqs = res.map((r) => r.json().message.seq as number).sort((a, b) => a - b);
      assert.deepEqual(seqs, Array.from({ length: n }, (_, i) => i + 2));
      const stored = await messages(first.conversation.id);
      assert.deepEqual(stored.items.map((m) => m.seq), Array.from({ length: n + 1 }, (_, i) => i + 1));
      assert.equal((await t.req('GET', `/api/v1/conversations/${first.conversation.id}`, { cookie: agent })).json().lastSeq, n + 1);

      const fresh = { kind: 'email', value: `race-${kind}@example.com` };
      const before = await counts();
      const racing = await Promise.all(Array.from({ length: 8 }, (_, i) => intake(inbox, { from: fresh, text: `first ${i}` })));
      for (const r of racing) assert.equal(r.statusCode, 201, r.body);
      assert.equal(new Set(racing.map((r) => r.json().conversation.id)).size, 1, 'one conversation');
      assert.equal(new Set(racing.map((r) => r.json().conversation.customerId)).size, 1, 'one customer');
      const after = await counts();
      assert.deepEqual(after, { customers: before.customers + 1, conversations: before.conversations + 1, messages: before.messages + 8 });
    });

    test('HTML is stored sanitized and a text fallback is derived', async () => {
      const inbox = await createInbox('HTML intake');
      const html = '<p>Hi <b>team</b></p><script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">click</a><iframe srcdoc="<script>alert(2)</script>"></iframe><a href="https://example.com">ok</a>';
      const r = await intakeOk(inbox, { from: { kind: 'email', value: 'html@example.com' }, html });
      const [m] = (await messages(r.conversation.id)).items;
      assert.ok(m);
      for (const bad of [/<script/i, /onerror/i, /javascript:/i, /<iframe/i, /alert/]) assert.doesNotMatch(m.html!, bad, m.html!);
      assert.match(m.html!, /<b>team<\/b>/);
      assert.match(m.html!, /href="https:\/\/example.com"/);
      assert.match(m.text, /Hi team/);
      assert.doesNotMatch(m.text, /alert/);
    });

    test('agents reply and add notes; the reply is queued for sending', async () => {
      const inbox = await createInbox('Replies');
      const r = await intakeOk(inbox, { from: { kind: 'email', value: 'reply@example.com' }, text: 'help' });
      const conv = r.conversation.id;
      const reply = await t.req('POST', `/api/v1/conversations/${conv}/messages`, { cookie: agent, body: { kind: 'reply', text: 'On it!', html: '<p>On it!<script>x()</script></p>' } });
      assert.equal(reply.statusCode, 201, reply.body);
      const rm = reply.json() as Msg;
      assert.deepEqual([rm.seq, rm.direction, rm.authorUserId, rm.deliveryStatus, rm.html], [2, 'outbound', agentId, 'queued', '<p>On it!</p>']);
      const note = await t.req('POST', `/api/v1/conversations/${conv}/messages`, { cookie: agent, body: { kind: 'note', text: 'VIP customer' } });
      assert.equal(note.statusCode, 201, note.body);
      assert.deepEqual([note.json().seq, note.json().direction, note.json().authorUserId], [3, 'note', agentId]);
      const ev = (await events('message.created')).find((e) => e.aggregateId === rm.id);
      assert.equal(ev?.actorId, agentId);
      assert.equal((await t.req('POST', `/api/v1/conversations/${conv}/messages`, { cookie: agent, body: { kind: 'shout', text: 'x' } })).statusCode, 400);
      assert.equal((await t.req('POST', `/api/v1/conversations/${conv}/messages`, { cookie: agent, body: { kind: 'note', text: '', html: '<script>x</script>' } })).statusCode, 400);
      assert.equal((await t.req('POST', `/api/v1/conversations/${unknownId}/messages`, { cookie: agent, body: { kind: 'note', text: 'x' } })).statusCode, 404);
      assert.deepEqual((await messages(conv)).items.map((m) => m.direction), ['inbound', 'outbound', 'note']);
    });

    test('status, priority, assignee and team changes are validated and each appends an event', async () => {
      const inbox = await createInbox('Triage');
      const r = await intakeOk(inbox, { from: { kind: 'email', value: 'triage@example.com' }, text: 'triage me' });
      const conv = r.conversation.id;
      const patch = (body: unknown) => t.req('PATCH', `/api/v1/conversations/${conv}`, { cookie: agent, body });

      const assigned = await patch({ assigneeId: agentId, priority: 'high' });
      assert.equal(assigned.statusCode, 200, assigned.body);
      assert.equal(assigned.json().assigneeId, agentId);
      assert.equal(assigned.json().priority, 'high');
      const ev = (await events('conversation.assigned')).find((e) => e.aggregateId === conv);
      assert.ok(ev);
      assert.ok(ev.topics.includes(`user:${agentId}`) && ev.topics.includes(`conversation:${conv}`), ev.topics.join());
      assert.deepEqual(ev.payload, { from: null, to: agentId });
      assert.ok((await events('conversation.priority_changed')).some((e) => e.aggregateId === conv));

      // A new inbound message now also goes to the assignee's topic.
      const next = await intakeOk(inbox, { from: { kind: 'email', value: 'triage@example.com' }, text: 'still there?' });
      const mev = (await events('message.created')).find((e) => e.aggregateId === next.message.id);
      assert.ok(mev?.topics.includes(`user:${agentId}`));

      assert.equal((await patch({ assigneeId: unknownId })).statusCode, 400);
      assert.equal((await patch({ teamId: unknownId })).statusCode, 400);
      assert.equal((await patch({ status: 'snoozed' })).statusCode, 400, 'snoozing needs a time');
      assert.equal((await patch({ status: 'snoozed', snoozedUntil: new Date(clock.now().getTime() - 1000).toISOString() })).statusCode, 400, 'in the past');
      assert.equal((await patch({ status: 'open', snoozedUntil: new Date(clock.now().getTime() + 3_600_000).toISOString() })).statusCode, 400);
      assert.equal((await patch({ status: 'closed' })).statusCode, 400);
      const until = new Date(clock.now().getTime() + 3_600_000).toISOString();
      const snoozed = await patch({ status: 'snoozed', snoozedUntil: until });
      assert.equal(snoozed.statusCode, 200, snoozed.body);
      assert.deepEqual([snoozed.json().status, snoozed.json().snoozedUntil], ['snoozed', until]);
      const resolved = await patch({ status: 'resolved' });
      assert.deepEqual([resolved.json().status, resolved.json().snoozedUntil], ['resolved', null]);
      assert.ok(resolved.json().resolvedAt);
      const statusEvents = (await events('conversation.status_changed')).filter((e) => e.aggregateId === conv);
      assert.deepEqual(statusEvents.map((e) => `${e.payload.from}>${e.payload.to}`), ['open>snoozed', 'snoozed>resolved']);
      const teams = (await t.req('GET', '/api/v1/teams', { cookie: admin })).json().items as { id: string; name: string }[];
      const team = await patch({ teamId: teams[0]!.id, assigneeId: null });
      assert.equal(team.statusCode, 200, team.body);
      assert.deepEqual([team.json().teamId, team.json().assigneeId], [teams[0]!.id, null]);
      assert.equal((await t.req('PATCH', `/api/v1/conversations/${unknownId}`, { cookie: agent, body: { priority: 'low' } })).statusCode, 404);

      const list = await t.req('GET', `/api/v1/conversations?status=resolved&inboxId=${inbox}`, { cookie: agent });
      assert.deepEqual((list.json().items as Conv[]).map((c) => c.id), [conv]);
      const byCustomer = await t.req('GET', `/api/v1/conversations?customerId=${r.conversation.customerId}`, { cookie: agent });
      assert.deepEqual((byCustomer.json().items as Conv[]).map((c) => c.id), [conv]);
      assert.equal((await t.req('GET', `/api/v1/conversations?status=open&inboxId=${inbox}`, { cookie: agent })).json().items.length, 0);
    });

    test('a read-scope token reads but cannot post; conversation lists page newest first', async () => {
      const created = await t.req('POST', '/api/v1/tokens', { cookie: admin, body: { name: 'reader', scope: 'read' } });
      assert.equal(created.statusCode, 201, created.body);
      const token = created.json().secret as string;
      const inbox = await createInbox('Token checks');
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await intakeOk(inbox, { from: { kind: 'phone', value: newPhone() }, text: `c${i}` })).conversation.id);
      const p1 = await t.req('GET', `/api/v1/conversations?inboxId=${inbox}&limit=2`, { token });
      assert.equal(p1.statusCode, 200, p1.body);
      const p2 = await t.req('GET', `/api/v1/conversations?inboxId=${inbox}&limit=2&cursor=${p1.json().nextCursor}`, { token });
      assert.deepEqual([...p1.json().items, ...p2.json().items].map((c: Conv) => c.id), [...ids].reverse());
      assert.equal(p2.json().nextCursor, null);
      const post = await t.req('POST', `/api/v1/conversations/${ids[0]}/messages`, { token, body: { kind: 'note', text: 'x' } });
      assert.equal(post.statusCode, 403, post.body);
      const inbound = await t.req('POST', `/api/v1/inboxes/${inbox}/messages`, { token, body: { from: { kind: 'email', value: 'tok@example.com' }, text: 'x' } });
      assert.equal(inbound.statusCode, 403, inbound.body);
      assert.equal((await t.req('PATCH', `/api/v1/conversations/${ids[0]}`, { token, body: { priority: 'low' } })).statusCode, 403);
    });

    test('messages page by seq', async () => {
      const inbox = await createInbox('Paging');
      const from = { kind: 'phone', value: newPhone() };
      let conv = '';
      for (let i = 1; i <= 5; i++) conv = (await intakeOk(inbox, { from, text: `m${i}` })).conversation.id;
      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: { items: Msg[]; nextCursor: string | null } = await messages(conv, `limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.items.map((m) => m.seq));
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      assert.deepEqual(seen, [1, 2, 3, 4, 5]);
      assert.equal(pages, 3);
      const tail = await messages(conv, 'afterSeq=3&limit=10');
      assert.deepEqual(tail.items.map((m) => m.seq), [4, 5], 'afterSeq opens the thread at its newest page');
      const bad = await t.req('GET', `/api/v1/conversations/${conv}/messages?cursor=bogus`, { cookie: agent });
      assert.equal(bad.statusCode, 400);
      assert.equal((await t.req('GET', `/api/v1/conversations/${unknownId}/messages`, { cookie: agent })).statusCode, 404);
    });
  });
}
