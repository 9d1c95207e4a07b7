import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';
import { createRepos } from '../src/storage/repos.ts';

interface IdentityJson { id: string; kind: string; value: string }
interface CustomerJson { id: string; name: string; company: string | null; language: string | null; timeZone: string | null; tags: string[]; attributes: Record<string, unknown>; identities: IdentityJson[] }
interface MergeJson { id: string; survivorId: string; sourceId: string; moved: Record<string, number>; filled: Record<string, unknown>; undoneAt: string | null }
interface ConversationJson { id: string; customerId: string }
interface DuplicateJson { customer: CustomerJson; score: number; reasons: { code: string; message: string }[] }

for (const kind of await dbKinds()) {
  describe(`customer merge and undo on ${kind}`, () => {
    let t: TestServer;
    let admin = '';
    let inboxId = '';
    let n = 0;

    const create = async (body: unknown) => {
      const res = await t.req('POST', '/api/v1/customers', { cookie: admin, body });
      assert.equal(res.statusCode, 201, res.body);
      return res.json() as CustomerJson;
    };
    const get = async (id: string) => (await t.req('GET', `/api/v1/customers/${id}`, { cookie: admin })).json() as CustomerJson;
    const intake = async (from: { kind: string; value: string }, text: string) => {
      const res = await t.req('POST', `/api/v1/inboxes/${inboxId}/messages`, { cookie: admin, body: { providerMessageId: `merge-test-${++n}`, from, text } });
      assert.equal(res.statusCode, 201, res.body);
      return res.json() as { conversation: ConversationJson; message: { id: string; conversationId: string } };
    };
    const conversationsOf = async (customerId: string) =>
      ((await t.req('GET', `/api/v1/conversations?limit=200&customerId=${customerId}`, { cookie: admin })).json().items as ConversationJson[]).map((c) => c.id).sort();
    const merge = (survivorId: string, sourceId: string, cookie = admin) => t.req('POST', `/api/v1/customers/${survivorId}/merge`, { cookie, body: { sourceId } });
    const undo = (mergeId: string) => t.req('POST', `/api/v1/customers/merges/${mergeId}/undo`, { cookie: admin });
    const count = async (table: 'customers' | 'customer_identities' | 'conversations' | 'customer_merges' | 'customer_merge_moves' | 'events' | 'audit_log') =>
      Number((await t.server.database.db.selectFrom(table).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n);
    const counts = async () => ({
      customers: await count('customers'), identities: await count('customer_identities'), conversations: await count('conversations'),
      merges: await count('customer_merges'), moves: await count('customer_merge_moves'), events: await count('events'), audit: await count('audit_log'),
    });
    const sortedIdents = (c: CustomerJson) => c.identities.map((i) => `${i.kind}:${i.value}`).sort();
    const listed = async (q: string) => ((await t.req('GET', `/api/v1/customers?limit=200&q=${encodeURIComponent(q)}`, { cookie: admin })).json().items as CustomerJson[]).map((c) => c.id);

    before(async () => {
      t = await startTestServer(kind);
      admin = await t.login(demo.admin);
      const res = await t.req('POST', '/api/v1/inboxes', { cookie: admin, body: { name: 'Merge API', channel: 'api' } });
      assert.equal(res.statusCode, 201, res.body);
      inboxId = res.json().id;
    });
    after(() => t?.close());

    test('merge moves identities and conversations, fills empty fields, hides the source; intake then lands on the survivor; undo restores exactly', async () => {
      const survivor = await create({ name: 'Ada Lovelace', tags: ['vip'], attributes: { plan: 'pro' }, identities: [{ kind: 'email', value: 'ada@merge.example', verified: true }] });
      const source = await create({
        name: 'A. Lovelace', company: 'Analytical Engines', language: 'en-GB', timeZone: 'Europe/London', tags: ['vip', 'math'], attributes: { plan: 'free', seats: 3 },
        identities: [{ kind: 'email', value: 'countess@merge.example' }, { kind: 'phone', value: '+44 20 7946 0001' }],
      });
      const survivorConv = (await intake({ kind: 'email', value: 'ada@merge.example' }, 'hello from the survivor')).conversation.id;
      const sourceConv = (await intake({ kind: 'email', value: 'countess@merge.example' }, 'hello from the source')).conversation.id;
      const sourceBefore = await get(source.id);
      const survivorBefore = await get(survivor.id);

      const before = await counts();
      const res = await merge(survivor.id, source.id);
      assert.equal(res.statusCode, 200, res.body);
      const { merge: m, survivor: s } = res.json() as { merge: MergeJson; survivor: CustomerJson };
      // Every customer-owned table is counted (CUSTOMER_OWNED grows with features); only these had rows to move.
      assert.deepEqual(Object.fromEntries(Object.entries(m.moved).filter(([, n]) => n > 0)), { customer_identities: 2, conversations: 1 });
      assert.equal(m.moved.tickets, 0);
      assert.deepEqual(m.filled, { company: 'Analytical Engines', language: 'en-GB', timeZone: 'Europe/London', tags: ['math'], attributes: { seats: 3 } });
      assert.equal(s.name, 'Ada Lovelace', 'a non-empty name is kept');
      assert.deepEqual(s.tags, ['vip', 'math']);
      assert.deepEqual(s.attributes, { plan: 'pro', seats: 3 }, 'the survivor keeps its own value for a shared key');
      assert.deepEqual(sortedIdents(s), ['email:ada@merge.example', 'email:countess@merge.example', 'phone:+442079460001']);
      assert.deepEqual(await conversationsOf(survivor.id), [survivorConv, sourceConv].sort());
      assert.deepEqual(await conversationsOf(source.id), []);
      const after = await counts();
      assert.deepEqual([after.customers, after.identities, after.conversations], [before.customers, before.identities, before.conversations], 'rows moved, none copied or lost');
      assert.equal(after.merges, before.merges + 1);
      assert.equal(after.moves, before.moves + 3);
      assert.deepEqual(await listed('Lovelace'), [survivor.id], 'the source is no longer listed');
      assert.deepEqual(await listed('countess@merge.example'), [survivor.id]);

      // After the merge: a message in the moved conversation, a new identity on the survivor.
      const later = await intake({ kind: 'email', value: 'countess@merge.example' }, 'written after the merge');
      assert.equal(later.conversation.id, sourceConv, 'intake with the source identity joins the moved conversation');
      assert.equal(later.conversation.customerId, survivor.id, 'intake with a source identity lands on the survivor');
      const added = await t.req('POST', `/api/v1/customers/${survivor.id}/identities`, { cookie: admin, body: { kind: 'telegram', value: '5551234' } });
      assert.equal(added.statusCode, 201, added.body);
      const onMerged = await t.req('POST', `/api/v1/customers/${source.id}/identities`, { cookie: admin, body: { kind: 'telegram', value: '5551235' } });
      assert.equal(onMerged.statusCode, 409, 'a merged customer takes no new identities');

      const history = await t.req('GET', `/api/v1/customers/${survivor.id}/merges`, { cookie: admin });
      assert.equal(history.statusCode, 200, history.body);
      assert.deepEqual((history.json().items as MergeJson[]).map((x) => [x.id, x.sourceId, x.undoneAt]), [[m.id, source.id, null]]);

      const u = await undo(m.id);
      assert.equal(u.statusCode, 200, u.body);
      const body = u.json() as { merge: MergeJson; survivor: CustomerJson; source: CustomerJson; restored: string[]; kept: string[] };
      assert.ok(body.merge.undoneAt);
      assert.deepEqual(body.kept, []);
      assert.deepEqual(sortedIdents(body.source), sortedIdents(sourceBefore), 'the source has exactly its identities back');
      assert.deepEqual(sortedIdents(body.survivor), [...sortedIdents(survivorBefore), 'telegram:5551234'].sort(), 'the identity added after the merge stays with the survivor');
      const { updatedAt: _a, identities: _i, ...restSurvivor } = body.survivor as CustomerJson & { updatedAt: string };
      const { updatedAt: _b, identities: _j, ...restBefore } = survivorBefore as CustomerJson & { updatedAt: string };
      assert.deepEqual(restSurvivor, restBefore, 'the survivor fields the merge filled are empty again');
      assert.deepEqual(await conversationsOf(source.id), [sourceConv]);
      assert.deepEqual(await conversationsOf(survivor.id), [survivorConv]);
      const msgs = (await t.req('GET', `/api/v1/conversations/${sourceConv}/messages?limit=50`, { cookie: admin })).json().items as { id: string; text: string }[];
      assert.deepEqual(msgs.map((x) => x.text), ['hello from the source', 'written after the merge'], 'the message written after the merge stays in its conversation, which moved back');
      assert.deepEqual((await listed('Lovelace')).sort(), [survivor.id, source.id].sort(), 'the source is listed again');
      const final = await counts();
      assert.equal(final.customers, before.customers);

      const again = await undo(m.id);
      assert.equal(again.statusCode, 409, again.body);
      assert.equal(again.json().error.code, 'conflict');
      assert.match(again.json().error.message, /already undone/);

      // Events and audit.
      const events = async (type: string) => ((await t.req('GET', `/api/v1/events?type=${type}&limit=1000`, { cookie: admin })).json().items as { aggregateId: string; payload: Record<string, unknown> }[]).filter((e) => e.payload.mergeId === m.id);
      assert.equal((await events('customer.merged')).length, 1);
      assert.equal((await events('customer.unmerged')).length, 1);
      const audit = (await t.req('GET', '/api/v1/audit?limit=200', { cookie: admin })).json().items as { action: string; targetId: string }[];
      assert.ok(audit.some((a) => a.action === 'customer.merged' && a.targetId === survivor.id), JSON.stringify(audit.slice(0, 3)));
      assert.ok(audit.some((a) => a.action === 'customer.unmerged' && a.targetId === survivor.id));
    });

    test('a ticket requested by the source follows the merge, and goes back on undo', async () => {
      const survivor = await create({ name: 'Ticket Survivor', identities: [{ kind: 'email', value: 'ts@merge.example' }] });
      const source = await create({ name: 'Ticket Source', identities: [{ kind: 'email', value: 'tsrc@merge.example' }] });
      const made = await t.req('POST', '/api/v1/tickets', { cookie: admin, body: { subject: 'Refund please', requesterId: source.id } });
      assert.equal(made.statusCode, 201, made.body);
      const ticketId = made.json().id as string;
      const requester = async () => (await t.req('GET', `/api/v1/tickets/${ticketId}`, { cookie: admin })).json().requesterId as string;
      const m = await merge(survivor.id, source.id);
      assert.equal(m.statusCode, 200, m.body);
      assert.equal(await requester(), survivor.id);
      const u = await undo((m.json() as { merge: MergeJson }).merge.id);
      assert.equal(u.statusCode, 200, u.body);
      assert.equal(await requester(), source.id);
    });

    test('undo keeps a filled field the survivor changed since, and names it', async () => {
      const survivor = await create({ name: '' });
      const source = await create({ name: 'Charles Babbage', company: 'Difference Engines' });
      const m = (await merge(survivor.id, source.id)).json().merge as MergeJson;
      assert.deepEqual(m.filled, { name: 'Charles Babbage', company: 'Difference Engines' });
      const patched = await t.req('PATCH', `/api/v1/customers/${survivor.id}`, { cookie: admin, body: { company: 'Analytical Engines' } });
      assert.equal(patched.statusCode, 200, patched.body);
      const u = (await undo(m.id)).json() as { survivor: CustomerJson; restored: string[]; kept: string[] };
      assert.deepEqual(u.restored, ['name']);
      assert.deepEqual(u.kept, ['company']);
      assert.equal(u.survivor.name, '');
      assert.equal(u.survivor.company, 'Analytical Engines');
    });

    test('bad merges: self 400, unknown 404, already merged 409, other tenant 404; nothing is half-written', async () => {
      const a = await create({ name: 'Merge Left', identities: [{ kind: 'external', value: 'left-1' }] });
      const b = await create({ name: 'Merge Right', identities: [{ kind: 'external', value: 'right-1' }] });
      const c = await create({ name: 'Merge Third' });
      const before = await counts();
      const self = await merge(a.id, a.id);
      assert.equal(self.statusCode, 400, self.body);
      assert.match(self.json().error.message, /itself/);
      const unknownSource = await merge(a.id, uuidv7());
      assert.equal(unknownSource.statusCode, 404, unknownSource.body);
      assert.match(unknownSource.json().error.message, /source customer/);
      assert.equal((await merge(uuidv7(), a.id)).statusCode, 404);
      assert.equal((await t.req('POST', `/api/v1/customers/${a.id}/merge`, { cookie: admin, body: {} })).statusCode, 400);
      assert.equal((await undo(uuidv7())).statusCode, 404);

      // Another tenant's customer, as source or as survivor.
      const db = t.server.database.db;
      const repos = createRepos(db);
      const tenantB = uuidv7();
      const foreign = uuidv7();
      await repos.tenants.insert({ id: tenantB, slug: 'merge-foreign', name: 'Merge Foreign' });
      await repos.customers.insert({ id: foreign, tenantId: tenantB, name: 'Merge Foreigner', at: new Date() });
      await repos.customers.addIdentity({ id: uuidv7(), tenantId: tenantB, customerId: foreign, kind: 'external', value: 'foreign-1', verified: false, at: new Date() });
      const foreignSource = await merge(a.id, foreign);
      assert.equal(foreignSource.statusCode, 404, foreignSource.body);
      assert.ok(!foreignSource.body.includes('Merge Foreigner'));
      assert.equal((await merge(foreign, a.id)).statusCode, 404);
      assert.equal((await t.req('GET', `/api/v1/customers/${foreign}/merges`, { cookie: admin })).statusCode, 404);
      assert.equal((await t.req('GET', `/api/v1/customers/${foreign}/duplicates`, { cookie: admin })).statusCode, 404);
      assert.deepEqual((await repos.customers.identities(tenantB, [foreign])).map((i) => i.value), ['foreign-1']);
      assert.deepEqual(await counts(), { ...before, customers: before.customers + 1, identities: before.identities + 1 }, 'refused merges wrote nothing (the foreign customer is the only new row)');

      const ok = await merge(a.id, b.id);
      assert.equal(ok.statusCode, 200, ok.body);
      const twice = await merge(c.id, b.id);
      assert.equal(twice.statusCode, 409, twice.body);
      assert.match(twice.json().error.message, new RegExp(`already merged into ${a.id}`));
      const intoMerged = await merge(b.id, c.id);
      assert.equal(intoMerged.statusCode, 409, intoMerged.body);
      assert.match(intoMerged.json().error.message, /merge into that customer instead/);

      // A failure in the middle of a merge leaves nothing behind: a trigger makes the last step fail.
      const mid = await counts();
      await sql`CREATE FUNCTION merge_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'merge test failure'; END $$`.execute(db);
      await sql`CREATE TRIGGER merge_test_fail BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION merge_test_fail()`.execute(db);
      try {
        const failed = await merge(c.id, a.id);
        assert.equal(failed.statusCode, 500, failed.body);
      } finally {
        await sql`DROP TRIGGER merge_test_fail ON audit_log`.execute(db);
        await sql`DROP FUNCTION merge_test_fail()`.execute(db);
      }
      assert.deepEqual(await counts(), mid, 'no merge, move, event or audit row of the failed merge');
      assert.deepEqual(sortedIdents(await get(a.id)), ['external:left-1', 'external:right-1'], 'identities did not move');
      assert.equal((await repos.customers.byId((await repos.tenants.bySlug('demo'))!.id, a.id))?.mergedInto, null);
    });

    test('undo of a merge whose survivor was merged since is 409 until the later merge is undone', async () => {
      const a = await create({ name: 'Chain A' });
      const b = await create({ name: 'Chain B', identities: [{ kind: 'external', value: 'chain-b' }] });
      const c = await create({ name: 'Chain C' });
      const first = (await merge(b.id, a.id)).json().merge as MergeJson;
      const second = (await merge(c.id, b.id)).json().merge as MergeJson;
      const blocked = await undo(first.id);
      assert.equal(blocked.statusCode, 409, blocked.body);
      assert.ok(blocked.json().error.message.includes(second.id), blocked.body);
      assert.equal((await undo(second.id)).statusCode, 200);
      assert.equal((await undo(first.id)).statusCode, 200);
      assert.deepEqual(sortedIdents(await get(b.id)), ['external:chain-b']);
    });

    test('duplicates: the same number under another kind, and similar names; merged and unrelated customers are not suggested', async () => {
      const me = await create({ name: 'Margaret Hamilton', company: 'MIT', identities: [{ kind: 'phone', value: '+1 617 555 0101' }] });
      const whatsapp = await create({ name: 'Maggie', identities: [{ kind: 'whatsapp', value: '+16175550101' }] });
      const similar = await create({ name: 'Margaret Hamiltn' });
      const colleague = await create({ name: 'Don Eyles', company: 'MIT' });
      const stranger = await create({ name: 'Margaret Thatcher' });
      const merged = await create({ name: 'Margaret Hamilton' });
      const sink = await create({ name: 'Merge Sink' });
      assert.equal((await merge(sink.id, merged.id)).statusCode, 200);

      const res = await t.req('GET', `/api/v1/customers/${me.id}/duplicates`, { cookie: admin });
      assert.equal(res.statusCode, 200, res.body);
      const items = res.json().items as DuplicateJson[];
      const byId = new Map(items.map((x) => [x.customer.id, x]));
      assert.deepEqual(byId.get(whatsapp.id)?.reasons.map((r) => r.code), ['same_value_other_kind']);
      assert.match(byId.get(whatsapp.id)!.reasons[0]!.message, /\+16175550101/);
      assert.deepEqual(byId.get(similar.id)?.reasons.map((r) => r.code), ['similar_name']);
      assert.ok(byId.get(whatsapp.id)!.score >= byId.get(similar.id)!.score);
      assert.ok(items.every((x, i) => i === 0 || items[i - 1]!.score >= x.score), 'best first');
      for (const x of [colleague, stranger, merged, me]) assert.ok(!byId.has(x.id), `${x.name} is not suggested`);
      assert.equal((await t.req('GET', `/api/v1/customers/${merged.id}/duplicates`, { cookie: admin })).statusCode, 409);
    });
  });
}
