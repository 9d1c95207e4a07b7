import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';

interface TicketJson {
  id: string; number: number; subject: string; status: string; priority: string; type: string | null; requesterId: string | null;
  assigneeId: string | null; teamId: string | null; tags: string[]; custom: Record<string, unknown>; followerIds: string[];
  conversationIds: string[]; createdBy: string | null; solvedAt: string | null; closedAt: string | null;
}
interface EventJson { id: string; type: string; aggregateId: string; actorId: string | null; topics: string[]; payload: Record<string, unknown> }
interface HistoryJson { id: string; seq: number; type: string; actorId: string | null; payload: Record<string, unknown> }

const unknownId = '0190a000-0000-7000-8000-000000000000';

for (const kind of await dbKinds()) {
  describe(`tickets API on ${kind}`, () => {
    let t: TestServer;
    let admin = '';
    let agent = '';
    let supervisor = '';
    const users: Record<string, string> = {};
    let customers: string[] = [];

    const create = async (body: Record<string, unknown>, cookie = agent) => {
      const res = await t.req('POST', '/api/v1/tickets', { cookie, body });
      assert.equal(res.statusCode, 201, res.body);
      return res.json() as TicketJson;
    };
    const patch = (id: string, body: Record<string, unknown>, cookie = agent) => t.req('PATCH', `/api/v1/tickets/${id}`, { cookie, body });
    const get = async (id: string) => (await t.req('GET', `/api/v1/tickets/${id}`, { cookie: agent })).json() as TicketJson;
    const events = async (type: string) => (await t.req('GET', `/api/v1/events?type=${type}&limit=1000`, { cookie: admin })).json().items as EventJson[];
    const ticketRows = async () => Number((await t.server.database.db.selectFrom('tickets').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n);

    before(async () => {
      t = await startTestServer(kind);
      admin = await t.login(demo.admin);
      agent = await t.login(demo.alex);
      supervisor = await t.login(demo.supervisor);
      const list = (await t.req('GET', '/api/v1/users?limit=200', { cookie: admin })).json().items as { id: string; email: string }[];
      for (const u of list) users[u.email] = u.id;
      customers = ((await t.req('GET', '/api/v1/customers?limit=50', { cookie: agent })).json().items as { id: string }[]).map((c) => c.id);
      assert.ok(customers.length >= 2, 'the demo seed has customers');
    });
    after(() => t?.close());

    test('numbers count up per workspace, and stay gapless under 10 concurrent creations and refused ones', async () => {
      // The demo workspace starts with its seeded tickets; numbers continue after them.
      const seededIds = new Set((await t.server.database.db.selectFrom('tickets').select('id').execute()).map((x) => x.id));
      const seeded = Number((await t.server.database.db.selectFrom('tickets').select((eb) => eb.fn.max('number').as('n')).executeTakeFirst())?.n ?? 0);
      const first: TicketJson[] = [];
      for (let i = 1; i <= 3; i++) first.push(await create({ subject: `Printer on fire ${i}`, requesterId: customers[0] }));
      assert.deepEqual(first.map((x) => x.number), [seeded + 1, seeded + 2, seeded + 3]);
      assert.deepEqual([first[0]!.status, first[0]!.priority, first[0]!.createdBy], ['new', 'normal', users[demo.alex]]);
      const refused = await t.req('POST', '/api/v1/tickets', { cookie: agent, body: { subject: 'Bad', assigneeId: unknownId } });
      assert.equal(refused.statusCode, 400, refused.body);
      const racing = await Promise.all(Array.from({ length: 10 }, (_, i) => t.req('POST', '/api/v1/tickets', { cookie: agent, body: { subject: `Race ${i}` } })));
      for (const r of racing) assert.equal(r.statusCode, 201, r.body);
      assert.deepEqual(racing.map((r) => r.json().number as number).sort((a, b) => a - b), Array.from({ length: 10 }, (_, i) => seeded + i + 4));
      assert.equal((await create({ subject: 'After the race' })).number, seeded + 14);
      // The seeded ticket's creation is an event too.
      const created = (await events('ticket.created')).filter((e) => !seededIds.has(e.aggregateId));
      assert.equal(created.length, 14);
      assert.deepEqual(created.find((e) => e.aggregateId === first[0]!.id)?.actorId, users[demo.alex]);
    });

    test('status rules: solved stamps solvedAt and may reopen; closed is final (409 follow-up); events carry from and to', async () => {
      const tk = await create({ subject: 'Cannot log in', type: 'incident', priority: 'high' });
      const open = await patch(tk.id, { status: 'open', assigneeId: users[demo.alex] });
      assert.equal(open.statusCode, 200, open.body);
      const solved = (await patch(tk.id, { status: 'solved' })).json() as TicketJson;
      assert.ok(solved.solvedAt);
      const reopened = (await patch(tk.id, { status: 'open' })).json() as TicketJson;
      assert.deepEqual([reopened.status, reopened.solvedAt], ['open', null]);
      assert.equal((await patch(tk.id, { status: 'new' })).statusCode, 409);
      const tooEarly = await patch(tk.id, { status: 'closed' });
      assert.equal(tooEarly.statusCode, 409);
      assert.match(tooEarly.json().error.message, /solve it/);
      await patch(tk.id, { status: 'on-hold' });
      await patch(tk.id, { status: 'solved' });
      const closed = (await patch(tk.id, { status: 'closed' })).json() as TicketJson;
      assert.equal(closed.status, 'closed');
      assert.ok(closed.closedAt && closed.solvedAt);
      const again = await patch(tk.id, { status: 'open' });
      assert.equal(again.statusCode, 409, again.body);
      assert.equal(again.json().error.code, 'conflict');
      assert.match(again.json().error.message, /closed.*follow-up/);
      assert.equal((await patch(tk.id, { priority: 'low' })).statusCode, 409, 'nothing else changes on a closed ticket either');
      assert.equal((await get(tk.id)).priority, 'high');
      const moves = (await events('ticket.status_changed')).filter((e) => e.aggregateId === tk.id).map((e) => `${e.payload.from}>${e.payload.to}`);
      assert.deepEqual(moves, ['new>open', 'open>solved', 'solved>open', 'open>on-hold', 'on-hold>solved', 'solved>closed']);
      const assigned = (await events('ticket.assigned')).find((e) => e.aggregateId === tk.id);
      assert.deepEqual(assigned?.payload, { from: null, to: users[demo.alex] });
      assert.ok(assigned?.topics.includes(`user:${users[demo.alex]}`) && assigned.topics.includes(`ticket:${tk.id}`));
      assert.equal((await patch(unknownId, { priority: 'low' })).statusCode, 404);
      assert.equal((await patch(tk.id, { status: 'archived' })).statusCode, 400);
    });

    test('custom fields: admins define them; errors name the field and expected type; nothing is written', async () => {
      const def = (body: Record<string, unknown>, cookie = admin) => t.req('POST', '/api/v1/ticket-fields', { cookie, body });
      assert.equal((await def({ key: 'order_no', label: 'Order number', type: 'text' }, agent)).statusCode, 403, 'agents may not configure');
      for (const body of [
        { key: 'order_no', label: 'Order number', type: 'text', required: true },
        { key: 'amount', label: 'Amount', type: 'number' },
        { key: 'due', label: 'Due date', type: 'date' },
        { key: 'plan', label: 'Plan', type: 'dropdown', options: ['free', 'pro'] },
        { key: 'vip', label: 'VIP', type: 'checkbox' },
      ]) assert.equal((await def(body)).statusCode, 201);
      assert.equal((await def({ key: 'plan', label: 'Again', type: 'text' })).statusCode, 409);
      assert.equal((await def({ key: 'empty', label: 'Empty', type: 'dropdown' })).statusCode, 400, 'a dropdown needs options');
      assert.equal((await def({ key: 'Bad Key', label: 'x', type: 'text' })).statusCode, 400);
      const fields = (await t.req('GET', '/api/v1/ticket-fields', { cookie: agent })).json().items as { id: string; key: string }[];
      assert.deepEqual(fields.map((f) => f.key).sort(), ['amount', 'due', 'order_no', 'plan', 'vip']);

      const before = await ticketRows();
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ order_no: 'A1', colour: 'red' }, /unknown field "colour"/],
        [{ order_no: 'A1', amount: 'ten' }, /"amount" \(Amount\) must be a number/],
        [{ order_no: 'A1', due: '31/12/2026' }, /"due" \(Due date\) must be a date \(YYYY-MM-DD\)/],
        [{ order_no: 'A1', plan: 'gold' }, /"plan" \(Plan\) "gold" is not one of its options: free, pro/],
        [{ order_no: 'A1', vip: 'yes' }, /"vip" \(VIP\) must be a checkbox/],
        [{ amount: 3 }, /"order_no" \(Order number\) is required/],
      ];
      for (const [custom, re] of cases) {
        const res = await t.req('POST', '/api/v1/tickets', { cookie: agent, body: { subject: 'Custom', custom } });
        assert.equal(res.statusCode, 400, res.body);
        assert.match(res.json().error.message, re);
      }
      assert.equal(await ticketRows(), before, 'nothing written');
      const tk = await create({ subject: 'Refund', custom: { order_no: 'A-100', amount: 19.99, due: '2026-12-31', plan: 'pro', vip: true } });
      assert.deepEqual(tk.custom, { order_no: 'A-100', amount: 19.99, due: '2026-12-31', plan: 'pro', vip: true });
      const bad = await patch(tk.id, { custom: { plan: 'gold' }, priority: 'urgent' });
      assert.equal(bad.statusCode, 400);
      assert.equal((await get(tk.id)).priority, 'normal', 'a refused patch writes nothing');
      const ok = (await patch(tk.id, { custom: { plan: 'free', vip: null } })).json() as TicketJson;
      assert.deepEqual(ok.custom, { order_no: 'A-100', amount: 19.99, due: '2026-12-31', plan: 'free' });
      assert.equal((await patch(tk.id, { custom: { order_no: null } })).statusCode, 400, 'a required field cannot be cleared');
      const changed = (await events('ticket.field_changed')).filter((e) => e.aggregateId === tk.id).map((e) => e.payload);
      assert.deepEqual(changed, [{ field: 'plan', from: 'pro', to: 'free' }, { field: 'vip', from: true, to: null }]);
      const plan = fields.find((f) => f.key === 'plan')!;
      const upd = await t.req('PATCH', `/api/v1/ticket-fields/${plan.id}`, { cookie: admin, body: { options: ['free', 'pro', 'gold'], label: 'Plan tier' } });
      assert.equal(upd.statusCode, 200, upd.body);
      assert.equal((await patch(tk.id, { custom: { plan: 'gold' } })).statusCode, 200);
      assert.equal((await t.req('DELETE', `/api/v1/ticket-fields/${plan.id}`, { cookie: agent })).statusCode, 403);
      assert.equal((await t.req('DELETE', `/api/v1/ticket-fields/${plan.id}`, { cookie: admin })).statusCode, 204);
      assert.equal((await get(tk.id)).custom.plan, undefined, 'a deleted field\'s values go with it');
      assert.equal((await patch(tk.id, { custom: { plan: 'free' } })).statusCode, 400);
      // Later tests create tickets without it.
      const orderNo = fields.find((f) => f.key === 'order_no')!;
      assert.equal((await t.req('PATCH', `/api/v1/ticket-fields/${orderNo.id}`, { cookie: admin, body: { required: false } })).statusCode, 200);
    });

    test('followers are added once, removed, and must be users of the workspace', async () => {
      const tk = await create({ subject: 'Follow me', followerIds: [users[demo.priya]] });
      assert.deepEqual(tk.followerIds, [users[demo.priya]]);
      const put = (u: string) => t.req('PUT', `/api/v1/tickets/${tk.id}/followers/${u}`, { cookie: agent });
      assert.equal((await put(users[demo.wen]!)).statusCode, 204);
      assert.equal((await put(users[demo.wen]!)).statusCode, 204, 'idempotent');
      assert.deepEqual((await get(tk.id)).followerIds, [users[demo.priya], users[demo.wen]]);
      assert.equal((await put(unknownId)).statusCode, 404);
      assert.equal((await t.req('DELETE', `/api/v1/tickets/${tk.id}/followers/${users[demo.priya]}`, { cookie: agent })).statusCode, 204);
      assert.equal((await t.req('DELETE', `/api/v1/tickets/${tk.id}/followers/${users[demo.priya]}`, { cookie: agent })).statusCode, 404);
      assert.deepEqual((await get(tk.id)).followerIds, [users[demo.wen]]);
      const added = (await events('ticket.follower_added')).filter((e) => e.aggregateId === tk.id);
      assert.equal(added.length, 1, 'one event for the idempotent add');
      assert.ok(added[0]!.topics.includes(`user:${users[demo.wen]}`));
      // A follower hears of later changes.
      await patch(tk.id, { priority: 'urgent' });
      const prio = (await events('ticket.priority_changed')).find((e) => e.aggregateId === tk.id);
      assert.ok(prio?.topics.includes(`user:${users[demo.wen]}`));
    });

    test('a ticket gathers conversations of its workspace; they link once and unlink', async () => {
      const inbox = await t.req('POST', '/api/v1/inboxes', { cookie: admin, body: { name: 'Ticket links', channel: 'api' } });
      assert.equal(inbox.statusCode, 201, inbox.body);
      const intake = async (value: string) => {
        const res = await t.req('POST', `/api/v1/inboxes/${inbox.json().id}/messages`, { cookie: agent, body: { from: { kind: 'email', value }, text: 'my order is late' } });
        assert.equal(res.statusCode, 201, res.body);
        return res.json().conversation.id as string;
      };
      const chat = await intake('link1@example.com');
      const email = await intake('link2@example.com');
      const tk = await create({ subject: 'Late order', conversationIds: [chat] });
      assert.deepEqual(tk.conversationIds, [chat]);
      const link = (c: string, method: 'PUT' | 'DELETE' = 'PUT') => t.req(method, `/api/v1/tickets/${tk.id}/conversations/${c}`, { cookie: agent });
      assert.equal((await link(email)).statusCode, 204);
      assert.equal((await link(email)).statusCode, 204);
      assert.deepEqual((await get(tk.id)).conversationIds, [chat, email]);
      const other = await create({ subject: 'Same chat, other problem', conversationIds: [chat] });
      const byConv = (await t.req('GET', `/api/v1/tickets?conversationId=${chat}`, { cookie: agent })).json().items as TicketJson[];
      assert.deepEqual(byConv.map((x) => x.id), [other.id, tk.id]);
      assert.equal((await link(unknownId)).statusCode, 404);
      assert.equal((await t.req('POST', '/api/v1/tickets', { cookie: agent, body: { subject: 'x', conversationIds: [unknownId] } })).statusCode, 400);
      assert.equal((await link(chat, 'DELETE')).statusCode, 204);
      assert.equal((await link(chat, 'DELETE')).statusCode, 404);
      assert.deepEqual((await get(tk.id)).conversationIds, [email]);
      const linked = (await events('ticket.conversation_linked')).filter((e) => e.aggregateId === tk.id);
      assert.equal(linked.length, 1);
      assert.ok(linked[0]!.topics.includes(`conversation:${email}`));
    });

    test('notes mention users by @email or id; they get the event on user:<id>; HTML is stored sanitized', async () => {
      const tk = await create({ subject: 'Needs eyes' });
      const post = (body: Record<string, unknown>) => t.req('POST', `/api/v1/tickets/${tk.id}/comments`, { cookie: agent, body });
      const res = await post({ text: `@${demo.priya} can you check? nobody@nowhere.example is not a mention; @ghost@demo.example is nobody`, mentions: [users[demo.wen]] });
      assert.equal(res.statusCode, 201, res.body);
      const note = res.json();
      assert.deepEqual(note.mentions, [users[demo.wen], users[demo.priya]]);
      assert.equal(note.authorId, users[demo.alex]);
      const ev = (await events('ticket.comment_added')).find((e) => e.payload.commentId === note.id);
      assert.ok(ev);
      for (const u of [demo.priya, demo.wen]) assert.ok(ev.topics.includes(`user:${users[u]}`), ev.topics.join());
      assert.ok(!ev.topics.includes(`user:${users[demo.supervisor]}`));
      assert.equal((await post({ text: 'hi', mentions: [unknownId] })).statusCode, 400);
      const html = await post({ html: '<p>Look <b>here</b></p><script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">x</a>' });
      assert.equal(html.statusCode, 201, html.body);
      for (const bad of [/<script/i, /onerror/i, /javascript:/i, /alert/]) assert.doesNotMatch(html.json().html, bad);
      assert.match(html.json().html, /<b>here<\/b>/);
      assert.match(html.json().text, /Look here/);
      assert.equal((await post({ text: '', html: '<script>x()</script>' })).statusCode, 400);
      const list = (await t.req('GET', `/api/v1/tickets/${tk.id}/comments`, { cookie: agent })).json().items as { id: string }[];
      assert.deepEqual(list.map((c) => c.id), [note.id, html.json().id]);
      const stored = await t.server.database.db.selectFrom('ticket_comments').select('html').where('id', '=', html.json().id).executeTakeFirstOrThrow();
      assert.doesNotMatch(stored.html!, /script/);
    });

    test('history lists who changed what, newest first, in pages', async () => {
      const tk = await create({ subject: 'History', requesterId: customers[0] }, supervisor);
      await patch(tk.id, { status: 'open', tags: ['billing'] });
      await patch(tk.id, { subject: 'History (renamed)', requesterId: customers[1] }, admin);
      await t.req('POST', `/api/v1/tickets/${tk.id}/comments`, { cookie: agent, body: { text: 'looked into it' } });
      const res = await t.req('GET', `/api/v1/tickets/${tk.id}/history?limit=50`, { cookie: agent });
      assert.equal(res.statusCode, 200, res.body);
      const items = res.json().items as HistoryJson[];
      assert.deepEqual(items.map((e) => e.type), ['ticket.comment_added', 'ticket.requester_changed', 'ticket.subject_changed', 'ticket.tags_changed', 'ticket.status_changed', 'ticket.created']);
      assert.deepEqual(items.map((e) => e.actorId), [users[demo.alex], users[demo.admin], users[demo.admin], users[demo.alex], users[demo.alex], users[demo.supervisor]]);
      assert.deepEqual(items[2]!.payload, { from: 'History', to: 'History (renamed)' });
      assert.deepEqual(items[3]!.payload, { from: [], to: ['billing'] });
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: HistoryJson[]; nextCursor: string | null } = (await t.req('GET', `/api/v1/tickets/${tk.id}/history?limit=4${cursor ? `&cursor=${cursor}` : ''}`, { cookie: agent })).json();
        seen.push(...page.items.map((e) => e.id));
        cursor = page.nextCursor;
      } while (cursor);
      assert.deepEqual(seen, items.map((e) => e.id));
      assert.equal((await t.req('GET', `/api/v1/tickets/${tk.id}/history?cursor=bogus`, { cookie: agent })).statusCode, 400);
      assert.equal((await t.req('GET', `/api/v1/tickets/${unknownId}/history`, { cookie: agent })).statusCode, 404);
    });

    test('agents create; a read-scope token reads but may not create; lists filter and page newest first', async () => {
      const read = (await t.req('POST', '/api/v1/tokens', { cookie: admin, body: { name: 'ticket reader', scope: 'read' } })).json().secret as string;
      const write = (await t.req('POST', '/api/v1/tokens', { cookie: admin, body: { name: 'ticket writer', scope: 'write' } })).json().secret as string;
      const before = await ticketRows();
      const refused = await t.req('POST', '/api/v1/tickets', { token: read, body: { subject: 'From a read token' } });
      assert.equal(refused.statusCode, 403, refused.body);
      assert.equal(await ticketRows(), before);
      const made = await t.req('POST', '/api/v1/tickets', { token: write, body: { subject: 'From a write token', tags: ['api'] } });
      assert.equal(made.statusCode, 201, made.body);
      assert.equal((await t.req('POST', '/api/v1/ticket-fields', { token: write, body: { key: 'x', label: 'x', type: 'text' } })).statusCode, 403);

      const team = ((await t.req('GET', '/api/v1/teams', { cookie: admin })).json().items as { id: string; name: string }[]).find((x) => x.name === 'Support')!;
      const mine: TicketJson[] = [];
      for (let i = 0; i < 3; i++) mine.push(await create({ subject: `Filter me ${i}`, tags: ['filter-tag'], requesterId: customers[1], teamId: team.id, assigneeId: users[demo.priya], status: 'pending' }));
      const q = (query: string, opts: { cookie?: string; token?: string } = { cookie: agent }) => t.req('GET', `/api/v1/tickets?${query}`, opts);
      const p1 = await q('tag=filter-tag&limit=2', { token: read });
      assert.equal(p1.statusCode, 200, p1.body);
      const p2 = await q(`tag=filter-tag&limit=2&cursor=${p1.json().nextCursor}`, { token: read });
      assert.deepEqual([...p1.json().items, ...p2.json().items].map((x: TicketJson) => x.id), mine.map((x) => x.id).reverse());
      assert.equal(p2.json().nextCursor, null);
      for (const query of [`status=pending&assigneeId=${users[demo.priya]}&tag=filter-tag`, `teamId=${team.id}&tag=filter-tag`, `requesterId=${customers[1]}&tag=filter-tag`, 'q=filter%20me'])
        assert.equal((await q(query)).json().items.length, 3, query);
      assert.deepEqual(((await q(`q=%23${mine[0]!.number}`)).json().items as TicketJson[]).map((x) => x.id), [mine[0]!.id]);
      assert.equal((await q('q=100%25')).statusCode, 200);
      assert.equal((await q('status=solved&tag=filter-tag')).json().items.length, 0);
      assert.equal((await t.req('GET', `/api/v1/tickets/${unknownId}`, { cookie: agent })).statusCode, 404);
      assert.equal((await t.req('POST', '/api/v1/tickets', { cookie: agent, body: { subject: 'x', requesterId: unknownId } })).statusCode, 400);
      assert.equal((await t.req('POST', '/api/v1/tickets', { cookie: agent, body: { subject: 'x', status: 'closed' } })).statusCode, 400);
    });
  });
}
