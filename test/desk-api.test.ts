import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';

interface Ev { type: string; aggregateId: string; topics: string[]; payload: Record<string, unknown> }
interface Detail { path: string; message: string }

for (const kind of await dbKinds()) {
  describe(`agent desk API on ${kind}`, () => {
    let t: TestServer;
    let admin = '';
    let agent = '';
    let supervisor = '';
    const users: Record<string, string> = {};
    let inboxId = '';

    const count = async (table: 'canned_responses' | 'disposition_codes' | 'conversation_wrap_ups' | 'conversation_reads') =>
      Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(t.server.database.db)).rows[0]!.n);
    const events = async (type: string) => (await t.req('GET', `/api/v1/events?type=${type}&limit=1000`, { cookie: admin })).json().items as Ev[];
    const paths = (body: string) => ((JSON.parse(body).error.details ?? []) as Detail[]).map((d) => d.path).sort();

    /** A fresh conversation from `name`, assigned to Alex. */
    async function conversation(name: string, text = 'Hello there') {
      const r = await t.req('POST', `/api/v1/inboxes/${inboxId}/messages`, { cookie: admin, body: { from: { kind: 'email', value: `${name.toLowerCase().replace(/\W+/g, '.')}@cust.example`, name }, text } });
      assert.equal(r.statusCode, 201, r.body);
      const id = r.json().conversation.id as string;
      const p = await t.req('PATCH', `/api/v1/conversations/${id}`, { cookie: admin, body: { assigneeId: users[demo.alex] } });
      assert.equal(p.statusCode, 200, p.body);
      return id;
    }
    const inbound = async (from: string, text: string) => {
      const r = await t.req('POST', `/api/v1/inboxes/${inboxId}/messages`, { cookie: admin, body: { from: { kind: 'email', value: from }, text } });
      assert.equal(r.statusCode, 201, r.body);
    };

    before(async () => {
      t = await startTestServer(kind);
      admin = await t.login(demo.admin);
      agent = await t.login(demo.alex);
      supervisor = await t.login(demo.supervisor);
      for (const u of (await t.req('GET', '/api/v1/users?limit=200', { cookie: admin })).json().items as { id: string; email: string }[]) users[u.email] = u.id;
      const ib = await t.req('POST', '/api/v1/inboxes', { cookie: admin, body: { name: 'Desk test', channel: 'api' } });
      assert.equal(ib.statusCode, 201, ib.body);
      inboxId = ib.json().id;
    });
    after(() => t?.close());

    test('canned responses: create, list, search, update, delete; agents read but may not write', async () => {
      const c = await t.req('POST', '/api/v1/canned-responses', { cookie: supervisor, body: { shortcut: ' Hello ', title: 'Greeting', body: 'Hi {{customer.first_name}}, {{agent.first_name}} here.' } });
      assert.equal(c.statusCode, 201, c.body);
      const created = c.json();
      assert.equal(created.shortcut, 'hello', 'trimmed and lower-cased');
      assert.equal(created.createdBy, users[demo.supervisor]);

      const denied = await t.req('POST', '/api/v1/canned-responses', { cookie: agent, body: { shortcut: 'x', title: 'x', body: 'x' } });
      assert.equal(denied.statusCode, 403, denied.body);

      await t.req('POST', '/api/v1/canned-responses', { cookie: admin, body: { shortcut: 'refund', title: 'Refund policy', body: 'Refunds take 5 days.' } });
      const all = (await t.req('GET', '/api/v1/canned-responses', { cookie: agent })).json().items as { shortcut: string }[];
      assert.deepEqual(all.map((x) => x.shortcut), ['hello', 'refund']);
      const found = (await t.req('GET', '/api/v1/canned-responses?q=5%20days', { cookie: agent })).json().items as { shortcut: string }[];
      assert.deepEqual(found.map((x) => x.shortcut), ['refund']);
      const none = (await t.req('GET', '/api/v1/canned-responses?q=%25', { cookie: agent })).json().items as unknown[];
      assert.equal(none.length, 0, 'a % is searched literally');

      const u = await t.req('PATCH', `/api/v1/canned-responses/${created.id}`, { cookie: supervisor, body: { title: 'Hello!' } });
      assert.equal(u.statusCode, 200, u.body);
      assert.deepEqual([u.json().title, u.json().body], ['Hello!', created.body]);
      assert.equal((await events('canned_response.updated')).filter((e) => e.aggregateId === created.id).length, 1);

      const dup = await t.req('PATCH', `/api/v1/canned-responses/${created.id}`, { cookie: supervisor, body: { shortcut: 'refund' } });
      assert.equal(dup.statusCode, 409, dup.body);
      assert.deepEqual(paths(dup.body), ['shortcut']);

      const tmp = await t.req('POST', '/api/v1/canned-responses', { cookie: admin, body: { shortcut: 'tmp', title: 'Temp', body: 'x' } });
      assert.equal((await t.req('DELETE', `/api/v1/canned-responses/${tmp.json().id}`, { cookie: admin })).statusCode, 204);
      assert.equal((await t.req('GET', `/api/v1/canned-responses/${tmp.json().id}`, { cookie: agent })).statusCode, 404);
      assert.equal((await t.req('DELETE', `/api/v1/canned-responses/${tmp.json().id}`, { cookie: admin })).statusCode, 404);
    });

    test('canned responses: unknown variables and bad input are 400s naming the field, with nothing stored', async () => {
      const before = await count('canned_responses');
      const unknown = await t.req('POST', '/api/v1/canned-responses', { cookie: admin, body: { shortcut: 'bad', title: 'Bad', body: 'Dear {{customer.title}} {{customer.name}} {{order.id}}' } });
      assert.equal(unknown.statusCode, 400, unknown.body);
      const details = unknown.json().error.details as Detail[];
      assert.deepEqual(details, [{ path: 'body', message: 'unknown variable {{customer.title}}' }, { path: 'body', message: 'unknown variable {{order.id}}' }]);
      assert.match(unknown.json().error.message, /customer\.first_name/, 'says which variables exist');

      const shape = await t.req('POST', '/api/v1/canned-responses', { cookie: admin, body: { shortcut: 'has space', title: '', body: 'x'.repeat(5001) } });
      assert.equal(shape.statusCode, 400, shape.body);
      assert.deepEqual(paths(shape.body), ['body', 'shortcut', 'title']);

      const extra = await t.req('POST', '/api/v1/canned-responses', { cookie: admin, body: { shortcut: 'ok', title: 'ok', body: 'ok', owner: 'me' } });
      assert.equal(extra.statusCode, 400, extra.body);

      const existing = (await t.req('GET', '/api/v1/canned-responses?q=refund', { cookie: admin })).json().items[0] as { id: string; body: string };
      const badPatch = await t.req('PATCH', `/api/v1/canned-responses/${existing.id}`, { cookie: admin, body: { body: 'Hi {{nope}}', title: 'Changed' } });
      assert.equal(badPatch.statusCode, 400, badPatch.body);
      const after = (await t.req('GET', `/api/v1/canned-responses/${existing.id}`, { cookie: admin })).json();
      assert.deepEqual([after.title, after.body], ['Refund policy', existing.body], 'a refused patch changes nothing');
      assert.equal(await count('canned_responses'), before);
    });

    test('canned responses render with the conversation\'s customer and the signed-in agent', async () => {
      const conv = await conversation('Zofia Nowak');
      const hello = (await t.req('GET', '/api/v1/canned-responses?q=hello', { cookie: agent })).json().items[0] as { id: string };
      const r = await t.req('POST', `/api/v1/canned-responses/${hello.id}/render`, { cookie: agent, body: { conversationId: conv } });
      assert.equal(r.statusCode, 200, r.body);
      assert.deepEqual(r.json(), { text: 'Hi Zofia, Alex here.', unknown: [] });
      // A body that became unknown (stored before a variable was retired) renders the variable visibly.
      await t.server.database.db.updateTable('canned_responses').set({ body: 'Hi {{customer.nickname}} #{{conversation.id}}' }).where('id', '=', hello.id).execute();
      const r2 = await t.req('POST', `/api/v1/canned-responses/${hello.id}/render`, { cookie: agent, body: { conversationId: conv } });
      assert.deepEqual(r2.json(), { text: `Hi {{customer.nickname}} #${conv}`, unknown: ['customer.nickname'] });
      const missing = await t.req('POST', `/api/v1/canned-responses/${hello.id}/render`, { cookie: agent, body: { conversationId: '01900000-0000-7000-8000-000000000000' } });
      assert.equal(missing.statusCode, 404, missing.body);
    });

    test('dispositions: admins manage them, agents list the active ones; bad input stores nothing', async () => {
      const mk = (body: Record<string, unknown>, cookie = admin) => t.req('POST', '/api/v1/dispositions', { cookie, body });
      assert.equal((await mk({ code: 'x', label: 'X' }, supervisor)).statusCode, 403);
      const bad = await mk({ code: 'Has Space', label: '' });
      assert.equal(bad.statusCode, 400, bad.body);
      assert.deepEqual(paths(bad.body), ['code', 'label']);
      assert.equal(await count('disposition_codes'), 0);

      const solved = await mk({ code: 'Solved', label: 'Solved', position: 1 });
      assert.equal(solved.statusCode, 201, solved.body);
      assert.equal(solved.json().code, 'solved');
      assert.equal((await mk({ code: 'info', label: 'Information given', position: 0 })).statusCode, 201);
      const spam = await mk({ code: 'spam', label: 'Spam', position: 2 });
      assert.equal((await mk({ code: 'spam', label: 'Again' })).statusCode, 409);

      const off = await t.req('PATCH', `/api/v1/dispositions/${spam.json().id}`, { cookie: admin, body: { active: false } });
      assert.equal(off.statusCode, 200, off.body);
      const active = (await t.req('GET', '/api/v1/dispositions', { cookie: agent })).json().items as { code: string }[];
      assert.deepEqual(active.map((x) => x.code), ['info', 'solved'], 'ordered by position; the retired one hidden');
      const every = (await t.req('GET', '/api/v1/dispositions?includeInactive=true', { cookie: admin })).json().items as { code: string }[];
      assert.deepEqual(every.map((x) => x.code), ['info', 'solved', 'spam']);
      const gone = await t.req('DELETE', `/api/v1/dispositions/${spam.json().id}`, { cookie: admin });
      assert.equal(gone.statusCode, 204);
    });

    test('wrap-up: a disposition is required when any exists; it is stored with the resolve and in the events', async () => {
      const conv = await conversation('Wrap Me');
      const before = await count('conversation_wrap_ups');
      const none = await t.req('POST', `/api/v1/conversations/${conv}/wrap-up`, { cookie: agent, body: {} });
      assert.equal(none.statusCode, 400, none.body);
      assert.deepEqual(paths(none.body), ['dispositionCode']);
      const unknown = await t.req('POST', `/api/v1/conversations/${conv}/wrap-up`, { cookie: agent, body: { dispositionCode: 'spam' } });
      assert.equal(unknown.statusCode, 400, unknown.body);
      assert.match(unknown.json().error.message, /info, solved/);
      assert.equal(await count('conversation_wrap_ups'), before);
      assert.equal((await t.req('GET', `/api/v1/conversations/${conv}`, { cookie: agent })).json().status, 'open', 'a refused wrap-up resolves nothing');

      const ok = await t.req('POST', `/api/v1/conversations/${conv}/wrap-up`, { cookie: agent, body: { dispositionCode: 'Solved', note: ' fixed the login ' } });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().conversation.status, 'resolved');
      assert.deepEqual([ok.json().wrapUp.dispositionCode, ok.json().wrapUp.dispositionLabel, ok.json().wrapUp.note, ok.json().wrapUp.wrappedUpBy], ['solved', 'Solved', 'fixed the login', users[demo.alex]]);
      const got = await t.req('GET', `/api/v1/conversations/${conv}/wrap-up`, { cookie: agent });
      assert.equal(got.json().dispositionCode, 'solved');
      const status = (await events('conversation.status_changed')).filter((e) => e.aggregateId === conv && e.payload.to === 'resolved');
      assert.equal(status.length, 1);
      assert.equal(status[0]!.payload.dispositionCode, 'solved');
      const wrapped = (await events('conversation.wrapped_up')).filter((e) => e.aggregateId === conv);
      assert.deepEqual(wrapped.map((e) => e.payload.dispositionCode), ['solved']);
      assert.ok(wrapped[0]!.topics.includes(`user:${users[demo.alex]}`));
      const other = await conversation('Not Wrapped');
      assert.equal((await t.req('GET', `/api/v1/conversations/${other}/wrap-up`, { cookie: agent })).statusCode, 404);
    });

    test('tags: trimmed, lower-cased, de-duplicated, with a tags_changed event; bad tags change nothing', async () => {
      const conv = await conversation('Tag Me');
      const r = await t.req('PATCH', `/api/v1/conversations/${conv}`, { cookie: agent, body: { tags: [' VIP ', 'billing', 'vip'] } });
      assert.equal(r.statusCode, 200, r.body);
      assert.deepEqual(r.json().tags, ['vip', 'billing']);
      const ev = (await events('conversation.tags_changed')).filter((e) => e.aggregateId === conv);
      assert.equal(ev.length, 1);
      assert.deepEqual([ev[0]!.payload.added, ev[0]!.payload.removed], [['vip', 'billing'], []]);
      const same = await t.req('PATCH', `/api/v1/conversations/${conv}`, { cookie: agent, body: { tags: ['vip', 'billing'] } });
      assert.equal(same.statusCode, 200);
      assert.equal((await events('conversation.tags_changed')).filter((e) => e.aggregateId === conv).length, 1, 'no change, no event');

      const bad = await t.req('PATCH', `/api/v1/conversations/${conv}`, { cookie: agent, body: { tags: ['ok', '   ', 'x'.repeat(41)], priority: 'high' } });
      assert.equal(bad.statusCode, 400, bad.body);
      assert.deepEqual(paths(bad.body), ['tags.1', 'tags.2']);
      const many = await t.req('PATCH', `/api/v1/conversations/${conv}`, { cookie: agent, body: { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) } });
      assert.equal(many.statusCode, 400, many.body);
      const now = (await t.req('GET', `/api/v1/conversations/${conv}`, { cookie: agent })).json();
      assert.deepEqual([now.tags, now.priority], [['vip', 'billing'], 'normal']);
      const cleared = await t.req('PATCH', `/api/v1/conversations/${conv}`, { cookie: agent, body: { tags: [] } });
      assert.deepEqual(cleared.json().tags, []);
    });

    test('read markers: unread counts inbound messages after the marker, which only moves forward', async () => {
      const conv = await conversation('Reader One', 'first');
      await inbound('reader.one@cust.example', 'second');
      const list = async () => ((await t.req('GET', '/api/v1/desk/conversations', { cookie: agent })).json().items as { id: string; unread: number; readSeq: number; lastMessage: { text: string } | null; waitingSince: string | null; channel: string }[]).find((c) => c.id === conv)!;
      let row = await list();
      assert.deepEqual([row.unread, row.readSeq, row.lastMessage?.text, row.channel], [2, 0, 'second', 'api']);
      assert.ok(row.waitingSince);

      const r = await t.req('PUT', `/api/v1/conversations/${conv}/read`, { cookie: agent, body: { seq: 1 } });
      assert.equal(r.statusCode, 200, r.body);
      assert.deepEqual(r.json(), { conversationId: conv, seq: 1, unread: 1 });
      const back = await t.req('PUT', `/api/v1/conversations/${conv}/read`, { cookie: agent, body: { seq: 0 } });
      assert.deepEqual(back.json().seq, 1, 'never moves back');
      const beyond = await t.req('PUT', `/api/v1/conversations/${conv}/read`, { cookie: agent, body: { seq: 99 } });
      assert.equal(beyond.statusCode, 400, beyond.body);
      assert.deepEqual(paths(beyond.body), ['seq']);
      const neg = await t.req('PUT', `/api/v1/conversations/${conv}/read`, { cookie: agent, body: { seq: -1 } });
      assert.equal(neg.statusCode, 400);

      // Alex's marker is his own: the supervisor still has both unread.
      const sup = await t.req('PUT', `/api/v1/conversations/${conv}/read`, { cookie: supervisor, body: { seq: 0 } });
      assert.equal(sup.json().unread, 2);

      const reply = await t.req('POST', `/api/v1/conversations/${conv}/messages`, { cookie: agent, body: { kind: 'reply', text: 'On it' } });
      assert.equal(reply.statusCode, 201, reply.body);
      await t.req('PUT', `/api/v1/conversations/${conv}/read`, { cookie: agent, body: { seq: 3 } });
      row = await list();
      assert.deepEqual([row.unread, row.readSeq, row.lastMessage?.text, row.waitingSince], [0, 3, 'On it', null]);
      const ev = (await events('conversation.read')).filter((e) => e.aggregateId === conv);
      assert.ok(ev.every((e) => e.topics.length === 1 && e.topics[0]!.startsWith('user:')));
    });

    test('the desk list holds only the agent\'s own open and pending conversations', async () => {
      const mine = await conversation('Listed Person');
      const items = (await t.req('GET', '/api/v1/desk/conversations', { cookie: agent })).json().items as { id: string; assigneeId: string; status: string }[];
      assert.ok(items.some((c) => c.id === mine));
      assert.ok(items.every((c) => c.assigneeId === users[demo.alex] && ['open', 'pending'].includes(c.status)));
      const theirs = (await t.req('GET', '/api/v1/desk/conversations', { cookie: supervisor })).json().items as { id: string }[];
      assert.ok(!theirs.some((c) => c.id === mine));
    });

    test('notes with mentions notify each mentioned user on their own topic; unknown users store nothing', async () => {
      const conv = await conversation('Mention Case');
      const before = (await t.req('GET', `/api/v1/conversations/${conv}`, { cookie: agent })).json().lastSeq as number;
      const bad = await t.req('POST', `/api/v1/conversations/${conv}/notes`, { cookie: agent, body: { text: '@ghost look', mentionIds: [users[demo.supervisor], '01900000-0000-7000-8000-000000000000'] } });
      assert.equal(bad.statusCode, 400, bad.body);
      assert.deepEqual(paths(bad.body), ['mentionIds.1']);
      assert.equal((await t.req('GET', `/api/v1/conversations/${conv}`, { cookie: agent })).json().lastSeq, before, 'no note, no seq used');
      const empty = await t.req('POST', `/api/v1/conversations/${conv}/notes`, { cookie: agent, body: { text: '   ', mentionIds: [] } });
      assert.equal(empty.statusCode, 400);

      const ok = await t.req('POST', `/api/v1/conversations/${conv}/notes`, { cookie: agent, body: { text: '@Sam Supervisor can you check the refund?', mentionIds: [users[demo.supervisor], users[demo.supervisor]] } });
      assert.equal(ok.statusCode, 201, ok.body);
      assert.deepEqual([ok.json().direction, ok.json().seq], ['note', before + 1]);
      const m = (await events('conversation.mentioned')).filter((e) => e.aggregateId === conv);
      assert.equal(m.length, 1, 'one notification per user');
      assert.deepEqual(m[0]!.topics, [`user:${users[demo.supervisor]}`]);
      assert.equal(m[0]!.payload.byUserId, users[demo.alex]);
      assert.match(String(m[0]!.payload.excerpt), /refund/);
    });
  });
}
