import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { signPayload, SIGNATURE_HEADER } from '../src/security/hmac.ts';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';

const order = (externalId: string, extra: Record<string, unknown> = {}) => ({ externalId, orderedAt: '2025-04-01T12:00:00Z', currency: 'EUR', total: '19.99', customer: { email: 'hook.buyer@orders.example' }, ...extra });

for (const kind of await dbKinds()) {
  describe(`order webhooks on ${kind}`, () => {
    let t: TestServer;
    let admin = '';
    let supervisor = '';
    let source = { id: '', secret: '', webhookPath: '' };
    const post = (path: string, body: string, headers: Record<string, string> = {}) =>
      t.server.app.inject({ method: 'POST', url: path, payload: body, headers: { 'content-type': 'application/json', ...headers } });
    const signed = (body: string, secret = source.secret, at = new Date()) => ({ [SIGNATURE_HEADER]: signPayload(secret, body, at) });
    const orders = async () => Number((await t.server.database.db.selectFrom('orders').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n);

    before(async () => {
      t = await startTestServer(kind);
      admin = await t.login(demo.admin);
      supervisor = await t.login(demo.supervisor);
      const res = await t.req('POST', '/api/v1/order-sources', { cookie: admin, body: { name: 'Shop' } });
      assert.equal(res.statusCode, 201, res.body);
      source = res.json();
      assert.match(source.secret, /^whsec_/);
      assert.equal(source.webhookPath, `/api/v1/hooks/orders/${source.id}`);
    });
    after(() => t?.close());

    test('only admins manage sources; the list never shows a secret; changes are audited', async () => {
      assert.equal((await t.req('POST', '/api/v1/order-sources', { cookie: supervisor, body: { name: 'Nope' } })).statusCode, 403);
      assert.equal((await t.req('GET', '/api/v1/order-sources', { cookie: supervisor })).statusCode, 403);
      const list = await t.req('GET', '/api/v1/order-sources', { cookie: admin });
      assert.equal(list.statusCode, 200);
      assert.ok(!list.body.includes(source.secret));
      assert.equal(list.json().items[0].name, 'Shop');
      const bad = await t.req('POST', '/api/v1/order-sources', { cookie: admin, body: { name: '' } });
      assert.equal(bad.statusCode, 400);
      const audit = await t.req('GET', '/api/v1/audit?limit=50', { cookie: admin });
      assert.ok(audit.body.includes('order_source.created'));
      assert.ok(!audit.body.includes(source.secret), 'no secret in the audit log');
    });

    test('a signed delivery stores the orders (one or a batch), idempotently', async () => {
      const one = JSON.stringify(order('HOOK-1'));
      const res = await post(source.webhookPath, one, signed(one));
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json().results.map((r: { outcome: string }) => r.outcome), ['created']);
      const batch = JSON.stringify({ orders: [order('HOOK-1'), order('HOOK-2', { status: 'pending' })] });
      const res2 = await post(source.webhookPath, batch, signed(batch));
      assert.equal(res2.statusCode, 200, res2.body);
      assert.deepEqual(res2.json().results.map((r: { outcome: string }) => r.outcome), ['unchanged', 'created']);
      const stored = await t.req('GET', '/api/v1/orders?q=HOOK-', { cookie: admin });
      assert.deepEqual((stored.json().items as { source: string }[]).map((o) => o.source), ['webhook', 'webhook']);
      const listed = (await t.req('GET', '/api/v1/order-sources', { cookie: admin })).json().items[0];
      assert.ok(listed.lastUsedAt, 'last use is recorded');
    });

    test('a missing, wrong, malformed or stale signature is a 401 with the reason; nothing is stored', async () => {
      const before = await orders();
      const body = JSON.stringify(order('HOOK-EVIL'));
      const cases: [Record<string, string>, RegExp][] = [
        [{}, /missing x-switchboard-signature/],
        [signed(body, 'whsec_wrong'), /does not match/],
        [{ [SIGNATURE_HEADER]: 'sha256=abc' }, /malformed/],
        [signed(body, source.secret, new Date(Date.now() - 10 * 60_000)), /away from the server clock/],
        [signed(JSON.stringify(order('HOOK-OTHER'))), /does not match/],
      ];
      for (const [headers, reason] of cases) {
        const res = await post(source.webhookPath, body, headers);
        assert.equal(res.statusCode, 401, res.body);
        assert.equal(res.json().error.code, 'unauthenticated');
        assert.match(res.json().error.message, reason);
      }
      // A session cookie is no substitute for a signature.
      const withCookie = await t.server.app.inject({ method: 'POST', url: source.webhookPath, payload: body, headers: { 'content-type': 'application/json', cookie: admin } });
      assert.equal(withCookie.statusCode, 401);
      assert.equal(await orders(), before);
    });

    test('an unknown source is 404; a bad order in a batch is a 400 naming it and stores none of the batch', async () => {
      const body = JSON.stringify(order('HOOK-X'));
      const res = await post(`/api/v1/hooks/orders/${uuidv7()}`, body, signed(body));
      assert.equal(res.statusCode, 404, res.body);
      const before = await orders();
      const batch = JSON.stringify({ orders: [order('HOOK-B1'), order('HOOK-B2', { currency: 'euro' })] });
      const bad = await post(source.webhookPath, batch, signed(batch));
      assert.equal(bad.statusCode, 400, bad.body);
      assert.ok(bad.json().error.details.some((d: { path: string }) => d.path === 'orders.1.currency'), bad.body);
      const notJson = '{"orders": [';
      assert.equal((await post(source.webhookPath, notJson, signed(notJson))).statusCode, 400);
      assert.equal(await orders(), before);
    });

    test('rotation: the new secret works at once, the previous one for a grace period; a deleted source is 404', async () => {
      const rotated = await t.req('POST', `/api/v1/order-sources/${source.id}/rotate`, { cookie: admin });
      assert.equal(rotated.statusCode, 200, rotated.body);
      const fresh = rotated.json().secret as string;
      assert.notEqual(fresh, source.secret);
      assert.ok(rotated.json().previousSecretExpiresAt);
      const b1 = JSON.stringify(order('HOOK-R1'));
      assert.equal((await post(source.webhookPath, b1, signed(b1, fresh))).statusCode, 200);
      const b2 = JSON.stringify(order('HOOK-R2'));
      assert.equal((await post(source.webhookPath, b2, signed(b2, source.secret))).statusCode, 200, 'the previous secret still works');
      assert.equal((await t.req('DELETE', `/api/v1/order-sources/${source.id}`, { cookie: admin })).statusCode, 204);
      const b3 = JSON.stringify(order('HOOK-R3'));
      assert.equal((await post(source.webhookPath, b3, signed(b3, fresh))).statusCode, 404);
      assert.equal((await t.req('DELETE', `/api/v1/order-sources/${source.id}`, { cookie: admin })).statusCode, 404);
    });
  });
}
