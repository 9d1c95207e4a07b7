import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';

interface OrderJson { id: string; externalId: string; customerId: string; orderedAt: string; status: string; currency: string; total: string; items: unknown[]; source: string; outcome?: string }
interface EventJson { id: string; type: string; aggregateId: string; topics: string[]; payload: Record<string, unknown> }

const unknownId = '0190a000-0000-7000-8000-000000000000';

for (const kind of await dbKinds()) {
  describe(`orders API on ${kind}`, () => {
    let t: TestServer;
    let admin = '';
    let supervisor = '';
    let agent = '';
    const upsert = (body: Record<string, unknown>, cookie = supervisor) => t.req('POST', '/api/v1/orders', { cookie, body });
    const events = async (type: string) => (await t.req('GET', `/api/v1/events?type=${type}&limit=1000`, { cookie: admin })).json().items as EventJson[];
    const count = async (table: 'orders' | 'customers') => Number((await t.server.database.db.selectFrom(table).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n);
    const base = { externalId: 'ORD-1', orderedAt: '2025-03-01T10:00:00Z', currency: 'EUR', total: 42.5, items: [{ sku: 'MUG', name: 'Mug', quantity: 2, unitPrice: 21.25 }], customer: { email: 'New.Buyer@Orders.Example', name: 'New Buyer' } };

    before(async () => {
      t = await startTestServer(kind);
      admin = await t.login(demo.admin);
      supervisor = await t.login(demo.supervisor);
      agent = await t.login(demo.alex);
    });
    after(() => t?.close());

    test('upsert is idempotent on the external id: created, then unchanged (no event), then updated with the changes', async () => {
      const customersBefore = await count('customers');
      const ordersBefore = await count('orders');
      const updatedBefore = (await events('order.updated')).length;
      const first = await upsert(base);
      assert.equal(first.statusCode, 201, first.body);
      const o = first.json() as OrderJson;
      assert.deepEqual([o.outcome, o.externalId, o.total, o.currency, o.status, o.source], ['created', 'ORD-1', '42.50', 'EUR', 'paid', 'api']);
      assert.equal(await count('customers'), customersBefore + 1, 'a customer was created for the new email');
      const cust = (await t.req('GET', `/api/v1/customers/${o.customerId}`, { cookie: agent })).json() as { name: string; identities: { kind: string; value: string }[] };
      assert.equal(cust.name, 'New Buyer');
      assert.deepEqual(cust.identities.map((i) => [i.kind, i.value]), [['email', 'new.buyer@orders.example']]);
      const created = (await events('order.created')).filter((e) => e.aggregateId === o.id);
      assert.equal(created.length, 1);
      assert.deepEqual(created[0]!.topics, ['tenant']);

      const again = await upsert({ ...base, total: '42.50', customer: { email: 'new.buyer@orders.example' } });
      assert.equal(again.statusCode, 200, again.body);
      assert.equal(again.json().outcome, 'unchanged');
      assert.equal(again.json().id, o.id);
      assert.equal(await count('orders'), ordersBefore + 1);
      assert.equal((await events('order.updated')).length, updatedBefore, 'the same data again appends no event');

      const changed = await upsert({ ...base, total: 40, status: 'refunded' });
      assert.equal(changed.statusCode, 200, changed.body);
      assert.deepEqual([changed.json().outcome, changed.json().total, changed.json().status], ['updated', '40.00', 'refunded']);
      const updated = (await events('order.updated')).filter((e) => e.aggregateId === o.id);
      assert.equal(updated.length, 1);
      assert.deepEqual(updated[0]!.payload.changes, { status: { from: 'paid', to: 'refunded' }, total: { from: '42.50', to: '40.00' } });
      assert.equal(await count('orders'), ordersBefore + 1);
      const got = await t.req('GET', `/api/v1/orders/${o.id}`, { cookie: agent });
      assert.equal(got.statusCode, 200);
      assert.equal(got.json().total, '40.00');
    });

    test('the customer is given by id, or attached by identity to the customer owning it (phone typed any way), or created', async () => {
      const jamie = (await t.req('GET', `/api/v1/customers?q=${encodeURIComponent('jamie.walker@example.com')}`, { cookie: agent })).json().items[0] as { id: string };
      assert.ok(jamie, 'demo customer');
      const before = await count('customers');
      const byEmail = await upsert({ ...base, externalId: 'ORD-J1', customer: { email: 'JAMIE.walker@example.com' } });
      assert.equal(byEmail.json().customerId, jamie.id, byEmail.body);
      const byPhone = await upsert({ ...base, externalId: 'ORD-J2', customer: { phone: '+1 (202) 555-0143' } });
      assert.equal(byPhone.json().customerId, jamie.id, byPhone.body);
      const byId = await upsert({ ...base, externalId: 'ORD-J3', customer: undefined, customerId: jamie.id });
      assert.equal(byId.statusCode, 201, byId.body);
      assert.equal(byId.json().customerId, jamie.id);
      assert.equal(await count('customers'), before, 'no customer was created');
      const byExternal = await upsert({ ...base, externalId: 'ORD-X1', customer: { externalId: 'shop-42' } });
      const byExternal2 = await upsert({ ...base, externalId: 'ORD-X2', customer: { externalId: 'shop-42' } });
      assert.equal(byExternal.json().customerId, byExternal2.json().customerId);
      assert.equal(await count('customers'), before + 1);
      // Concurrent orders of one new person make one customer.
      const racing = await Promise.all(Array.from({ length: 6 }, (_, i) => upsert({ ...base, externalId: `ORD-R${i}`, customer: { email: 'racer@orders.example' } })));
      for (const r of racing) assert.equal(r.statusCode, 201, r.body);
      assert.equal(new Set(racing.map((r) => r.json().customerId)).size, 1);
      // Concurrent upserts of one order make one row.
      const same = await Promise.all(Array.from({ length: 5 }, () => upsert({ ...base, externalId: 'ORD-SAME' })));
      for (const r of same) assert.ok([200, 201].includes(r.statusCode), r.body);
      assert.equal(same.filter((r) => r.statusCode === 201).length, 1);
      const rows = await t.server.database.db.selectFrom('orders').select('id').where('external_id', '=', 'ORD-SAME').execute();
      assert.equal(rows.length, 1);
    });

    test('bad input is a 400 naming the field, and nothing is stored', async () => {
      const ordersBefore = await count('orders');
      const customersBefore = await count('customers');
      const cases: [Record<string, unknown>, string][] = [
        [{ currency: 'eur' }, 'currency'],
        [{ currency: 'XYZ' }, 'currency'],
        [{ total: 10.123 }, 'total'],
        [{ total: -1 }, 'total'],
        [{ total: 'ten' }, 'total'],
        [{ orderedAt: 'yesterday' }, 'orderedAt'],
        [{ orderedAt: '2025-13-45' }, 'orderedAt'],
        [{ status: 'shipped' }, 'status'],
        [{ items: [{ name: 'Mug', quantity: 0, unitPrice: 1 }] }, 'items.0.quantity'],
        [{ externalId: '' }, 'externalId'],
        [{ customer: undefined }, 'customer'],
        [{ customer: { email: 'not-an-email' } }, 'customer.email'],
        [{ customer: undefined, customerId: unknownId }, 'customerId'],
      ];
      for (const [patch, path] of cases) {
        const res = await upsert({ ...base, externalId: 'ORD-BAD', customer: { email: 'bad.input@orders.example' }, ...patch });
        assert.equal(res.statusCode, 400, `${JSON.stringify(patch)}: ${res.body}`);
        const err = res.json().error as { code: string; message: string; details: { path: string }[] };
        assert.equal(err.code, 'invalid');
        assert.ok(err.details.some((d) => d.path === path), `${JSON.stringify(patch)} should name ${path}: ${res.body}`);
        assert.ok(err.message.includes(path.split('.')[0]!), err.message);
      }
      assert.equal(await count('orders'), ordersBefore);
      assert.equal(await count('customers'), customersBefore, 'no customer was created by a refused order');
    });

    test('agents read but may not write orders; supervisors, admins and write tokens may', async () => {
      const res = await upsert({ ...base, externalId: 'ORD-AGENT' }, agent);
      assert.equal(res.statusCode, 403, res.body);
      assert.match(res.json().error.message, /orders\.manage/);
      assert.equal((await upsert({ ...base, externalId: 'ORD-ADMIN' }, admin)).statusCode, 201);
      assert.equal((await t.req('GET', '/api/v1/orders', { cookie: agent })).statusCode, 200);
      const readTok = await t.req('POST', '/api/v1/tokens', { cookie: admin, body: { name: 'orders-read', scope: 'read' } });
      const writeTok = await t.req('POST', '/api/v1/tokens', { cookie: admin, body: { name: 'orders-write', scope: 'write' } });
      assert.equal(readTok.statusCode, 201, readTok.body);
      assert.equal((await t.req('POST', '/api/v1/orders', { token: readTok.json().secret, body: { ...base, externalId: 'ORD-TOKR' } })).statusCode, 403);
      assert.equal((await t.req('POST', '/api/v1/orders', { token: writeTok.json().secret, body: { ...base, externalId: 'ORD-TOKW' } })).statusCode, 201);
      assert.equal((await t.req('GET', '/api/v1/orders', { token: readTok.json().secret })).statusCode, 200);
    });

    test('lists page with cursors, filter by customer (newest ordered first) and search by external id prefix', async () => {
      const who = { email: 'lister@orders.example' };
      for (const [i, day] of ['2025-01-05', '2025-01-01', '2025-01-09'].entries()) {
        assert.equal((await upsert({ ...base, externalId: `LIST-${i}`, orderedAt: day, customer: who })).statusCode, 201);
      }
      const customerId = (await upsert({ ...base, externalId: 'LIST-0', orderedAt: '2025-01-05', customer: who })).json().customerId as string;
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await t.req('GET', `/api/v1/orders?customerId=${customerId}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, { cookie: agent });
        assert.equal(res.statusCode, 200, res.body);
        seen.push(...(res.json().items as OrderJson[]).map((o) => o.externalId));
        cursor = res.json().nextCursor;
      } while (cursor);
      assert.deepEqual(seen, ['LIST-2', 'LIST-0', 'LIST-1']);
      const q = await t.req('GET', '/api/v1/orders?q=LIST-&limit=200', { cookie: agent });
      assert.deepEqual((q.json().items as OrderJson[]).map((o) => o.externalId).sort(), ['LIST-0', 'LIST-1', 'LIST-2']);
      const all = await t.req('GET', '/api/v1/orders?limit=1', { cookie: agent });
      assert.ok(all.json().nextCursor);
      assert.equal((await t.req('GET', '/api/v1/orders?cursor=garbage', { cookie: agent })).statusCode, 400);
      assert.equal((await t.req('GET', `/api/v1/orders/${unknownId}`, { cookie: agent })).statusCode, 404);
    });

    test('merging customers carries their orders; undo moves them back; orders sent later for the merged identity land on the survivor', async () => {
      const a = (await upsert({ ...base, externalId: 'MERGE-A', customer: { email: 'survivor@orders.example' } })).json() as OrderJson;
      const b1 = (await upsert({ ...base, externalId: 'MERGE-B1', customer: { email: 'source@orders.example' } })).json() as OrderJson;
      const b2 = (await upsert({ ...base, externalId: 'MERGE-B2', customer: { email: 'source@orders.example' } })).json() as OrderJson;
      const merged = await t.req('POST', `/api/v1/customers/${a.customerId}/merge`, { cookie: supervisor, body: { sourceId: b1.customerId } });
      assert.equal(merged.statusCode, 200, merged.body);
      assert.equal(merged.json().merge.moved.orders, 2);
      const listed = async (customerId: string) => ((await t.req('GET', `/api/v1/orders?customerId=${customerId}`, { cookie: agent })).json().items as OrderJson[]).map((o) => o.externalId).sort();
      assert.deepEqual(await listed(a.customerId), ['MERGE-A', 'MERGE-B1', 'MERGE-B2']);
      assert.deepEqual(await listed(b1.customerId), []);
      // Re-sending an order of the merged-away customer keeps it on the survivor: unchanged.
      const resent = await upsert({ ...base, externalId: 'MERGE-B2', customer: { email: 'source@orders.example' } });
      assert.equal(resent.json().outcome, 'unchanged', resent.body);
      const undo = await t.req('POST', `/api/v1/customers/merges/${merged.json().merge.id}/undo`, { cookie: supervisor });
      assert.equal(undo.statusCode, 200, undo.body);
      assert.deepEqual(await listed(a.customerId), ['MERGE-A']);
      assert.deepEqual(await listed(b2.customerId), ['MERGE-B1', 'MERGE-B2']);
    });
  });
}
