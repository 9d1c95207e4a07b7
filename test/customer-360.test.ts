import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';

interface Item { kind: string; id: string; at: string; conversationId: string | null; ticketId: string | null; data: Record<string, unknown> }

for (const kind of await dbKinds()) {
  describe(`customer timeline, notes and privacy on ${kind}`, () => {
    let t: TestServer;
    let admin = '';
    let agent = '';
    let other = '';
    let chat = '';
    let email = '';
    let n = 0;
    let tenantId = '';

    const intake = async (inboxId: string, from: { kind: string; value: string }, text: string) => {
      const res = await t.req('POST', `/api/v1/inboxes/${inboxId}/messages`, { cookie: admin, body: { providerMessageId: `c360-${++n}`, from, text } });
      assert.equal(res.statusCode, 201, res.body);
      return res.json() as { conversation: { id: string; customerId: string }; message: { id: string } };
    };
    const timeline = async (customerId: string, qs = '') => {
      const res = await t.req('GET', `/api/v1/customers/${customerId}/timeline${qs}`, { cookie: agent });
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as { items: Item[]; nextCursor: string | null };
    };
    /** One customer with a chat, an email, a ticket, an order, a survey answer and a note, a second apart. */
    const person = async (addr: string, name: string) => {
      const first = await intake(chat, { kind: 'email', value: addr }, `Hello from chat, I am ${name}`);
      const customerId = first.conversation.customerId;
      await t.req('PATCH', `/api/v1/customers/${customerId}`, { cookie: admin, body: { name, company: 'Acme Widgets' } });
      const mail = await intake(email, { kind: 'email', value: addr }, `Email about my refund, ${name}`);
      const ticket = await t.req('POST', '/api/v1/tickets', { cookie: agent, body: { subject: `Refund for ${name}`, requesterId: customerId, conversationIds: [mail.conversation.id] } });
      assert.equal(ticket.statusCode, 201, ticket.body);
      const db = t.server.database.db;
      await sql`INSERT INTO orders (id, tenant_id, customer_id, external_id, ordered_at, status, currency, total, items, source)
        VALUES (${uuidv7()}, ${tenantId}, ${customerId}, ${`ORD-${addr.split('@')[0]!.length}-${++n}`}, now() - interval '2 days', 'paid', 'GBP', 129.90, '[{"name":"Widget","quantity":1,"unitPrice":129.9}]', 'api')`.execute(db);
      await sql`INSERT INTO survey_responses (id, tenant_id, customer_id, kind, score, comment, responded_at)
        VALUES (${uuidv7()}, ${tenantId}, ${customerId}, 'csat', 2, ${`Slow answer for ${name}`}, now() - interval '1 day')`.execute(db);
      const note = await t.req('POST', `/api/v1/customers/${customerId}/notes`, { cookie: agent, body: { text: `VIP ${name}`, html: `<p>VIP <b>${name}</b><script>alert(1)</script><img src=x onerror=alert(2)></p>` } });
      assert.equal(note.statusCode, 201, note.body);
      return { customerId, chatId: first.conversation.id, mailId: mail.conversation.id, ticketId: ticket.json().id as string, noteId: note.json().id as string };
    };

    before(async () => {
      t = await startTestServer(kind);
      admin = await t.login(demo.admin);
      agent = await t.login(demo.alex);
      other = await t.login(demo.priya);
      tenantId = (await t.server.database.db.selectFrom('tenants').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow()).id;
      chat = (await t.req('POST', '/api/v1/inboxes', { cookie: admin, body: { name: 'Timeline chat', channel: 'chat' } })).json().id;
      email = (await t.req('POST', '/api/v1/inboxes', { cookie: admin, body: { name: 'Timeline email', channel: 'email' } })).json().id;
    });
    after(() => t?.close());

    test('one timeline shows the chat, the email, their messages, the ticket, the order, the survey answer and the note, newest first', async () => {
      const p = await person('tia.timeline@demo.example', 'Tia Timeline');
      const { items, nextCursor } = await timeline(p.customerId);
      assert.equal(nextCursor, null);
      const kinds = items.map((i) => i.kind);
      for (const k of ['conversation', 'message', 'ticket', 'order', 'survey', 'note']) assert.ok(kinds.includes(k), `${k} missing from ${kinds.join(',')}`);
      assert.deepEqual(items.filter((i) => i.kind === 'conversation').map((i) => i.data.channel).sort(), ['chat', 'email']);
      assert.equal(items.filter((i) => i.kind === 'message').length, 2);
      assert.equal(items.find((i) => i.kind === 'ticket')?.ticketId, p.ticketId);
      assert.equal(items.find((i) => i.kind === 'order')?.data.total, '129.90');
      assert.equal(items.find((i) => i.kind === 'survey')?.data.score, 2);
      const note = items.find((i) => i.kind === 'note')!;
      assert.ok(!String(note.data.html).includes('script') && !String(note.data.html).includes('onerror'), `note html sanitized: ${note.data.html}`);
      const times = items.map((i) => Date.parse(i.at));
      assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
      // The order (two days ago) and the survey (yesterday) are the oldest.
      assert.deepEqual(kinds.slice(-2), ['survey', 'order']);
    });

    test('pages of the timeline join up with no item lost or repeated; kinds filter; bad input is a 400', async () => {
      const p = await person('paul.pages@demo.example', 'Paul Pages');
      const all = (await timeline(p.customerId)).items.map((i) => i.id);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const pg: { items: Item[]; nextCursor: string | null } = await timeline(p.customerId, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        assert.ok(pg.items.length <= 2);
        seen.push(...pg.items.map((i) => i.id));
        cursor = pg.nextCursor;
      } while (cursor);
      assert.deepEqual(seen, all);
      const only = await timeline(p.customerId, '?kinds=ticket,order');
      assert.deepEqual(only.items.map((i) => i.kind).sort(), ['order', 'ticket']);
      const bad = await t.req('GET', `/api/v1/customers/${p.customerId}/timeline?kinds=ticket,bogus`, { cookie: agent });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.json().error.message, /bogus/);
      const badCursor = await t.req('GET', `/api/v1/customers/${p.customerId}/timeline?cursor=nonsense`, { cookie: agent });
      assert.equal(badCursor.statusCode, 400);
      assert.equal(badCursor.json().error.details[0].path, 'cursor');
      assert.equal((await t.req('GET', `/api/v1/customers/${uuidv7()}/timeline`, { cookie: agent })).statusCode, 404);
    });

    test('a merged customer\'s timeline is the survivor\'s, with both people\'s history', async () => {
      const a = await person('mia.merge@demo.example', 'Mia Merge');
      const b = await person('mia.other@demo.example', 'Mia Merge');
      const m = await t.req('POST', `/api/v1/customers/${a.customerId}/merge`, { cookie: agent, body: { sourceId: b.customerId } });
      assert.equal(m.statusCode, 200, m.body);
      const survivor = await timeline(a.customerId);
      const notes = survivor.items.filter((i) => i.kind === 'note').map((i) => i.id).sort();
      assert.deepEqual(notes, [a.noteId, b.noteId].sort(), 'the source\'s notes moved with the merge');
      assert.equal(survivor.items.filter((i) => i.kind === 'ticket').length, 2);
      assert.deepEqual((await timeline(b.customerId)).items.map((i) => i.id), survivor.items.map((i) => i.id));
      // Undo moves the source's note back.
      const undo = await t.req('POST', `/api/v1/customers/merges/${m.json().merge.id}/undo`, { cookie: agent });
      assert.equal(undo.statusCode, 200, undo.body);
      assert.deepEqual((await timeline(b.customerId)).items.filter((i) => i.kind === 'note').map((i) => i.id), [b.noteId]);
    });

    test('notes: empty text is a 400 naming it; only the author, a supervisor or an admin deletes one', async () => {
      const p = await person('nora.notes@demo.example', 'Nora Notes');
      const empty = await t.req('POST', `/api/v1/customers/${p.customerId}/notes`, { cookie: agent, body: { text: '   ' } });
      assert.equal(empty.statusCode, 400);
      assert.equal(empty.json().error.details[0].path, 'text');
      const byOther = await t.req('DELETE', `/api/v1/customers/${p.customerId}/notes/${p.noteId}`, { cookie: other });
      assert.equal(byOther.statusCode, 403, byOther.body);
      const wrongCustomer = await t.req('DELETE', `/api/v1/customers/${uuidv7()}/notes/${p.noteId}`, { cookie: agent });
      assert.equal(wrongCustomer.statusCode, 404);
      assert.equal((await t.req('DELETE', `/api/v1/customers/${p.customerId}/notes/${p.noteId}`, { cookie: agent })).statusCode, 204);
      const list = await t.req('GET', `/api/v1/customers/${p.customerId}/notes`, { cookie: agent });
      assert.deepEqual(list.json().items, []);
    });

    test('export: everything about the person as JSON, for admins only, audited', async () => {
      const p = await person('eve.export@demo.example', 'Eve Export');
      assert.equal((await t.req('GET', `/api/v1/customers/${p.customerId}/export`, { cookie: agent })).statusCode, 403);
      const res = await t.req('GET', `/api/v1/customers/${p.customerId}/export`, { cookie: admin });
      assert.equal(res.statusCode, 200, res.body);
      assert.match(String(res.headers['content-disposition']), /attachment; filename="customer-/);
      const doc = res.json();
      assert.equal(doc.customerId, p.customerId);
      assert.equal(doc.customers[0].name, 'Eve Export');
      assert.ok(!('tenantId' in doc.customers[0]));
      assert.deepEqual(doc.identities.map((i: { value: string }) => i.value), ['eve.export@demo.example']);
      assert.equal(doc.conversations.length, 2);
      assert.deepEqual(doc.messages.map((m: { text: string }) => m.text).sort(), ['Email about my refund, Eve Export', 'Hello from chat, I am Eve Export']);
      assert.equal(doc.tickets[0].subject, 'Refund for Eve Export');
      assert.match(doc.orders[0].externalId, /^ORD-/);
      assert.equal(doc.orders[0].total, '129.90');
      assert.equal(doc.surveyResponses[0].comment, 'Slow answer for Eve Export');
      assert.equal(doc.notes[0].text, 'VIP Eve Export');
      const audit = (await t.req('GET', '/api/v1/audit?limit=20', { cookie: admin })).json().items as { action: string; targetId: string }[];
      assert.ok(audit.some((a) => a.action === 'customer.exported' && a.targetId === p.customerId));
    });

    test('erase: a wrong confirmation changes nothing; erasing blanks the personal data everywhere and keeps counts and audit', async () => {
      const p = await person('ernie.erase@demo.example', 'Ernie Erase');
      const db = t.server.database.db;
      const eventsMentioning = async () =>
        Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM events WHERE tenant_id = ${tenantId} AND (payload::text LIKE '%Ernie%' OR payload::text LIKE '%ernie.erase%')`.execute(db)).rows[0]!.n);
      assert.ok((await eventsMentioning()) > 0, 'the events did mention the person');
      const agentTry = await t.req('POST', `/api/v1/customers/${p.customerId}/erase`, { cookie: agent, body: { confirm: p.customerId } });
      assert.equal(agentTry.statusCode, 403);
      const wrong = await t.req('POST', `/api/v1/customers/${p.customerId}/erase`, { cookie: admin, body: { confirm: uuidv7() } });
      assert.equal(wrong.statusCode, 400);
      assert.equal(wrong.json().error.details[0].path, 'confirm');
      assert.equal((await t.req('GET', `/api/v1/customers/${p.customerId}`, { cookie: admin })).json().name, 'Ernie Erase', 'nothing changed');

      // Routing made tasks for the person's conversations; their attributes describe the person.
      await t.server.routing!.settle();
      await sql`UPDATE routing_tasks SET attributes = attributes || '{"tags":["ernie-vip"],"custom.nickname":"Ernie"}'::jsonb
        WHERE tenant_id = ${tenantId} AND source_id IN (SELECT id FROM conversations WHERE customer_id = ${p.customerId})`.execute(db);
      const tasksOf = async () => (await sql<{ attributes: Record<string, unknown> }>`SELECT attributes FROM routing_tasks
        WHERE tenant_id = ${tenantId} AND source_id IN (SELECT id FROM conversations WHERE customer_id = ${p.customerId})`.execute(db)).rows;
      assert.ok((await tasksOf()).length > 0, 'routing made tasks for the conversations');

      const before = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM messages WHERE tenant_id = ${tenantId}`.execute(db)).rows[0]!.n);
      const res = await t.req('POST', `/api/v1/customers/${p.customerId}/erase`, { cookie: admin, body: { confirm: p.customerId, reason: 'GDPR request 42' } });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().removed.identities, 1);
      assert.equal(res.json().removed.messages, 2);
      const c = (await t.req('GET', `/api/v1/customers/${p.customerId}`, { cookie: admin })).json();
      assert.deepEqual([c.name, c.company, c.identities, c.tags], ['', null, [], []]);
      assert.ok(c.erasedAt);
      const dump = JSON.stringify((await t.req('GET', `/api/v1/customers/${p.customerId}/export`, { cookie: admin })).json());
      const leak = /Ernie|ernie\.erase/.exec(dump);
      assert.equal(leak, null, `export after erasure still holds personal data: …${leak ? dump.slice(Math.max(0, leak.index - 300), leak.index + 50) : ''}`);
      assert.equal(await eventsMentioning(), 0, 'event payloads were scrubbed');
      for (const task of await tasksOf()) {
        assert.equal(task.attributes.erased, true);
        assert.equal(JSON.stringify(task.attributes).match(/ernie|Ernie|"language"|"tags"/), null, JSON.stringify(task.attributes));
        assert.ok(task.attributes.channel, 'what reports need stays');
      }
      assert.equal(Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM messages WHERE tenant_id = ${tenantId}`.execute(db)).rows[0]!.n), before, 'messages are kept (blank) for the counts');
      const order = (await sql<{ total: string }>`SELECT total::text FROM orders WHERE tenant_id = ${tenantId} AND customer_id = ${p.customerId}`.execute(db)).rows;
      assert.deepEqual(order.map((o) => o.total), ['129.90'], 'order totals stay for reports');
      const audit = (await t.req('GET', '/api/v1/audit?limit=20', { cookie: admin })).json().items as { action: string; targetId: string; details: Record<string, unknown> }[];
      const entry = audit.find((a) => a.action === 'customer.erased' && a.targetId === p.customerId);
      assert.ok(entry, 'audited');
      assert.equal(entry.details.reason, 'GDPR request 42');
      // Again: a 409; the same address writing in later is a new person.
      assert.equal((await t.req('POST', `/api/v1/customers/${p.customerId}/erase`, { cookie: admin, body: { confirm: p.customerId } })).statusCode, 409);
      const again = await intake(chat, { kind: 'email', value: 'ernie.erase@demo.example' }, 'hello again');
      assert.notEqual(again.conversation.customerId, p.customerId);
      // Events other than the scrub are still append-only.
      await assert.rejects(sql`UPDATE events SET payload = '{}' WHERE tenant_id = ${tenantId}`.execute(db), /append-only/);
    });

    test('erasing a survivor erases the customers merged into it; a merged-away customer is erased through its survivor', async () => {
      const a = await person('sam.survivor@demo.example', 'Sam Survivor');
      const b = await person('sam.source@demo.example', 'Sam Source');
      assert.equal((await t.req('POST', `/api/v1/customers/${a.customerId}/merge`, { cookie: admin, body: { sourceId: b.customerId } })).statusCode, 200);
      const viaSource = await t.req('POST', `/api/v1/customers/${b.customerId}/erase`, { cookie: admin, body: { confirm: b.customerId } });
      assert.equal(viaSource.statusCode, 409);
      assert.match(viaSource.json().error.message, new RegExp(a.customerId));
      const erased = await t.req('POST', `/api/v1/customers/${a.customerId}/erase`, { cookie: admin, body: { confirm: a.customerId } });
      assert.equal(erased.statusCode, 200, erased.body);
      const rows = (await sql<{ name: string; erased: boolean }>`SELECT name, erased_at IS NOT NULL AS erased FROM customers WHERE id IN (${a.customerId}, ${b.customerId})`.execute(t.server.database.db)).rows;
      assert.deepEqual(rows.map((r) => [r.name, r.erased]), [['', true], ['', true]]);
    });
  });
}
