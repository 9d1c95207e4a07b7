import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createHttpServer, type IncomingHttpHeaders, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { verifySignature } from '../src/security/hmac.ts';
import { fanOutWebhooks } from '../src/jobs/webhook-fanout.ts';
import { sendDueWebhooks, type WebhookJobDeps } from '../src/jobs/webhook-sender.ts';
import { purgeWebhookDeliveries } from '../src/jobs/webhook-housekeeping.ts';
import { MAX_ATTEMPTS, RETRY_DELAYS_MS } from '../src/core/webhooks/backoff.ts';
import { createUnitOfWork } from '../src/storage/repos.ts';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';

interface Received { path: string; headers: IncomingHttpHeaders; raw: string; body: { id: string; type: string; occurredAt: string; workspace: string; data: Record<string, unknown>; aggregate: { type: string; id: string } } }
interface DeliveryJson { id: string; eventId: string; eventType: string; status: string; attempts: number; nextAttemptAt: string | null; lastStatusCode: number | null; lastError: string | null; responseExcerpt: string | null; request: Record<string, unknown> }

/** A CRM stand-in: records every POST; answers per path from a script of status codes (then 200). */
async function startReceiver() {
  const received: Received[] = [];
  const script = new Map<string, number[]>();
  const always = new Map<string, number>();
  const server: HttpServer = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, raw, body: JSON.parse(raw) as Received['body'] });
      const code = always.get(path) ?? script.get(path)?.shift() ?? 200;
      res.writeHead(code, { 'content-type': 'text/plain' }).end(code === 200 ? 'thanks' : `nope ${code}`);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, received, script, always, close: () => new Promise<void>((r) => server.close(() => r())) };
}

for (const kind of await dbKinds()) {
  describe(`outgoing webhooks on ${kind}`, () => {
    let t: TestServer;
    let rx: Awaited<ReturnType<typeof startReceiver>>;
    let admin = '';
    let current = new Date('2026-03-02T09:00:00Z');
    const clock = { now: () => current };
    const advance = (ms: number) => (current = new Date(current.getTime() + ms));
    let jobs: WebhookJobDeps;
    const run = async () => {
      await fanOutWebhooks(jobs);
      return sendDueWebhooks(jobs);
    };
    const createEndpoint = async (path: string, events: string[]) => {
      const res = await t.req('POST', '/api/v1/webhooks', { cookie: admin, body: { url: `${rx.base}${path}`, description: `to ${path}`, events } });
      assert.equal(res.statusCode, 201, res.body);
      return res.json() as { endpoint: { id: string; url: string }; secret: string };
    };
    const deliveries = async (endpointId: string, query = '') => {
      const res = await t.req('GET', `/api/v1/webhooks/${endpointId}/deliveries?limit=200${query}`, { cookie: admin });
      assert.equal(res.statusCode, 200, res.body);
      return res.json().items as DeliveryJson[];
    };
    const verified = (r: Received, secret: string) => verifySignature(secret, r.raw, r.headers['x-switchboard-signature'] as string, current).ok;
    const at = (path: string) => rx.received.filter((r) => r.path === path);

    before(async () => {
      rx = await startReceiver();
      t = await startTestServer(kind, { clock, env: { WEBHOOK_ALLOW_PRIVATE: 'true' } });
      admin = await t.login(demo.admin);
      jobs = { db: t.server.database.db, uow: createUnitOfWork(t.server.database.db, () => t.server.dispatcher.poke()), clock, newId: uuidv7, allowPrivate: true, random: () => 0.5 };
    });
    after(async () => {
      await t?.close();
      await rx?.close();
    });

    test('a customer and a ticket change reach the receiver signed, with type and payload; the filter and the start are respected', async () => {
      // Before any endpoint exists: never sent.
      const early = await t.req('POST', '/api/v1/customers', { cookie: admin, body: { name: 'Early Bird' } });
      assert.equal(early.statusCode, 201, early.body);
      const all = await createEndpoint('/all', ['ticket.*', 'customer.*']);
      assert.match(all.secret, /^whsec_/);
      const onlyCreated = await createEndpoint('/customers-created', ['customer.created']);

      const customer = await t.req('POST', '/api/v1/customers', { cookie: admin, body: { name: 'Hook Customer', company: 'Acme' } });
      assert.equal(customer.statusCode, 201, customer.body);
      const customerId = customer.json().id as string;
      const ticket = await t.req('POST', '/api/v1/tickets', { cookie: admin, body: { subject: 'Hooked ticket', requesterId: customerId } });
      assert.equal(ticket.statusCode, 201, ticket.body);
      const ticketId = ticket.json().id as string;
      const patched = await t.req('PATCH', `/api/v1/tickets/${ticketId}`, { cookie: admin, body: { priority: 'high' } });
      assert.equal(patched.statusCode, 200, patched.body);

      const sent = await run();
      assert.equal(sent.failed, 0);
      const toAll = at('/all');
      assert.deepEqual(toAll.map((r) => r.body.type).sort(), ['customer.created', 'ticket.created', 'ticket.priority_changed']);
      for (const r of toAll) {
        assert.ok(verified(r, all.secret), 'signature checks with the endpoint secret');
        assert.ok(!verified(r, onlyCreated.secret), 'and not with another one');
        assert.equal(r.headers['x-switchboard-event'], r.body.type);
        assert.equal(r.headers['user-agent'], 'Switchboard-Webhooks');
        assert.match(String(r.headers['x-switchboard-delivery']), /^[0-9a-f-]{36}$/);
        assert.equal(r.body.workspace, 'demo');
        assert.equal(r.body.occurredAt, current.toISOString());
      }
      const created = toAll.find((r) => r.body.type === 'ticket.created')!;
      assert.equal(created.body.data.subject, 'Hooked ticket');
      assert.equal(created.body.data.requesterId, customerId);
      assert.deepEqual(created.body.aggregate, { type: 'ticket', id: ticketId });
      const change = toAll.find((r) => r.body.type === 'ticket.priority_changed')!;
      assert.deepEqual([change.body.data.from, change.body.data.to], ['normal', 'high']);
      assert.ok(!toAll.some((r) => JSON.stringify(r.body).includes('Early Bird')), 'no event from before the endpoint existed');

      const toCreated = at('/customers-created');
      assert.deepEqual(toCreated.map((r) => r.body.type), ['customer.created']);
      assert.equal(toCreated[0]!.body.data.name, 'Hook Customer');

      const log = await deliveries(all.endpoint.id);
      assert.equal(log.length, 3);
      for (const d of log) assert.deepEqual([d.status, d.attempts, d.lastStatusCode, d.responseExcerpt, d.nextAttemptAt], ['succeeded', 1, 200, 'thanks', null]);
      assert.equal((await deliveries(all.endpoint.id, '&status=dead')).length, 0);
      // Nothing is sent twice.
      await run();
      assert.equal(at('/all').length, 3);
    });

    test('a receiver answering 500 then 200 sees a retry at the backoff time, then success', async () => {
      const ep = await createEndpoint('/flaky', ['ticket.*']);
      rx.script.set('/flaky', [500]);
      const ticket = await t.req('POST', '/api/v1/tickets', { cookie: admin, body: { subject: 'Flaky one' } });
      assert.equal(ticket.statusCode, 201);
      await run();
      assert.equal(at('/flaky').length, 1);
      let [d] = await deliveries(ep.endpoint.id);
      assert.deepEqual([d!.status, d!.attempts, d!.lastStatusCode, d!.responseExcerpt], ['retrying', 1, 500, 'nope 500']);
      assert.equal(new Date(d!.nextAttemptAt!).getTime() - current.getTime(), RETRY_DELAYS_MS[0]);

      advance(RETRY_DELAYS_MS[0] - 5_000);
      await run();
      assert.equal(at('/flaky').length, 1, 'not before its time');
      advance(5_000);
      await run();
      const got = at('/flaky');
      assert.equal(got.length, 2);
      assert.equal(got[0]!.headers['x-switchboard-delivery'], got[1]!.headers['x-switchboard-delivery'], 'the same delivery, retried');
      assert.ok(verified(got[1]!, ep.secret));
      [d] = await deliveries(ep.endpoint.id);
      assert.deepEqual([d!.status, d!.attempts, d!.lastStatusCode], ['succeeded', 2, 200]);
    });

    test('after the last attempt a delivery is dead; 50 dead in a row switch the endpoint off with an event and an audit entry', async () => {
      const ep = await createEndpoint('/down', ['customer.updated']);
      rx.always.set('/down', 503);
      await sql`UPDATE webhook_endpoints SET consecutive_failures = 49 WHERE id = ${ep.endpoint.id}`.execute(t.server.database.db);
      const c = await t.req('POST', '/api/v1/customers', { cookie: admin, body: { name: 'Down Customer' } });
      const upd = await t.req('PATCH', `/api/v1/customers/${c.json().id}`, { cookie: admin, body: { company: 'Down Ltd' } });
      assert.equal(upd.statusCode, 200, upd.body);
      await run();
      for (let i = 1; i < MAX_ATTEMPTS; i++) {
        advance(RETRY_DELAYS_MS[i - 1]!);
        await run();
      }
      assert.equal(at('/down').length, MAX_ATTEMPTS);
      const [d] = await deliveries(ep.endpoint.id);
      assert.deepEqual([d!.status, d!.attempts, d!.lastStatusCode, d!.nextAttemptAt], ['dead', MAX_ATTEMPTS, 503, null]);
      advance(7 * 86_400_000);
      await run();
      assert.equal(at('/down').length, MAX_ATTEMPTS, 'a dead delivery is not tried again');

      const after = (await t.req('GET', `/api/v1/webhooks/${ep.endpoint.id}`, { cookie: admin })).json();
      assert.equal(after.active, false);
      assert.match(after.disabledReason, /50 deliveries in a row/);
      const events = (await t.req('GET', '/api/v1/events?type=webhook.endpoint_disabled&limit=50', { cookie: admin })).json().items as { aggregateId: string }[];
      assert.ok(events.some((e) => e.aggregateId === ep.endpoint.id));
      const audit = await t.server.database.db.selectFrom('audit_log').select('action').where('target_id', '=', ep.endpoint.id).execute();
      assert.deepEqual(audit.map((a) => a.action).sort(), ['webhook.created', 'webhook.disabled']);

      // A manual redelivery starts over (and succeeds once the receiver is back, after switching it on).
      const refused = await t.req('POST', `/api/v1/webhook-deliveries/${d!.id}/redeliver`, { cookie: admin });
      assert.equal(refused.statusCode, 409, refused.body);
      rx.always.delete('/down');
      assert.equal((await t.req('PATCH', `/api/v1/webhooks/${ep.endpoint.id}`, { cookie: admin, body: { active: true } })).statusCode, 200);
      const again = await t.req('POST', `/api/v1/webhook-deliveries/${d!.id}/redeliver`, { cookie: admin });
      assert.equal(again.statusCode, 200, again.body);
      assert.deepEqual([again.json().status, again.json().attempts, again.json().lastStatusCode], ['succeeded', 1, 200]);
      assert.equal(at('/down').length, MAX_ATTEMPTS + 1);
    });

    test('two fan-outs at once create each delivery once', async () => {
      const ep = await createEndpoint('/race', ['ticket.created']);
      for (let i = 0; i < 6; i++) assert.equal((await t.req('POST', '/api/v1/tickets', { cookie: admin, body: { subject: `Race ${i}` } })).statusCode, 201);
      const [a, b, c] = await Promise.all([fanOutWebhooks(jobs), fanOutWebhooks(jobs), fanOutWebhooks(jobs)]);
      const rows = await t.server.database.db.selectFrom('webhook_deliveries').select(['event_id']).where('endpoint_id', '=', ep.endpoint.id).execute();
      assert.equal(rows.length, 6);
      assert.equal(new Set(rows.map((r) => r.event_id)).size, 6);
      assert.ok(a + b + c >= 6, 'the endpoints of the earlier tests got theirs too');
      // One pass takes at most 5 of one endpoint (a backlog never crowds out other receivers); the next takes the rest.
      await sendDueWebhooks(jobs);
      assert.equal(at('/race').length, 5);
      await sendDueWebhooks(jobs);
      assert.equal(at('/race').length, 6);
    });

    test('test ping, secret rotation and redelivery', async () => {
      const ep = await createEndpoint('/ping', ['order.*']);
      const ping = await t.req('POST', `/api/v1/webhooks/${ep.endpoint.id}/test`, { cookie: admin });
      assert.equal(ping.statusCode, 200, ping.body);
      assert.deepEqual([ping.json().eventType, ping.json().status, ping.json().lastStatusCode], ['ping', 'succeeded', 200]);
      const [first] = at('/ping');
      assert.equal(first!.body.type, 'ping');
      assert.ok(verified(first!, ep.secret));

      const rotated = await t.req('POST', `/api/v1/webhooks/${ep.endpoint.id}/rotate-secret`, { cookie: admin });
      assert.equal(rotated.statusCode, 200, rotated.body);
      const secret = rotated.json().secret as string;
      assert.notEqual(secret, ep.secret);
      const redo = await t.req('POST', `/api/v1/webhook-deliveries/${ping.json().id}/redeliver`, { cookie: admin });
      assert.equal(redo.statusCode, 200, redo.body);
      const second = at('/ping')[1]!;
      assert.equal(second.body.id, first!.body.id, 'the same event');
      assert.ok(verified(second, secret), 'signed with the new secret');
      assert.ok(!verified(second, ep.secret), 'not with the old one');

      // The secret is in no answer but the two that hand it out.
      const texts = [
        (await t.req('GET', '/api/v1/webhooks?limit=200', { cookie: admin })).body,
        (await t.req('GET', `/api/v1/webhooks/${ep.endpoint.id}`, { cookie: admin })).body,
        (await t.req('GET', `/api/v1/webhooks/${ep.endpoint.id}/deliveries`, { cookie: admin })).body,
        (await t.req('GET', '/api/v1/events?type=webhook.secret_rotated&limit=1000', { cookie: admin })).body,
        (await t.req('GET', '/api/v1/events?type=webhook.endpoint_created&limit=1000', { cookie: admin })).body,
        (await t.req('GET', '/api/v1/audit?limit=200', { cookie: admin })).body,
      ];
      // Supervisors read events (events.read) but not webhooks: the events name no URL.
      const sup = await t.login(demo.supervisor);
      const supervisorEvents = (await Promise.all(['webhook.endpoint_created', 'webhook.endpoint_updated', 'webhook.endpoint_deleted', 'webhook.delivery_attempted'].map(async (type) => (await t.req('GET', `/api/v1/events?type=${type}&limit=1000`, { cookie: sup })).body))).join('\n');
      assert.ok(supervisorEvents.includes('webhook.endpoint_created') && !supervisorEvents.includes(rx.base), 'no endpoint URL in events');
      for (const text of texts) {
        assert.ok(!text.includes(secret) && !text.includes(ep.secret), 'no secret in a read');
        assert.ok(!text.includes('whsec_'), 'not even its prefix');
      }
    });

    test('bad URLs and wrong input are 400s that name the field; nothing is written', async () => {
      const before = await t.server.database.db.selectFrom('webhook_endpoints').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
      const cases: [unknown, string, RegExp][] = [
        [{ url: 'ftp://crm.example.com/in', events: ['ticket.*'] }, 'url', /only http and https/],
        [{ url: 'https://user:pw@crm.example.com/in', events: ['ticket.*'] }, 'url', /user name or password/],
        [{ url: 'not a url', events: ['ticket.*'] }, 'url', /not a valid URL/],
        [{ url: `${rx.base}/x`, events: [] }, 'events', /at least one/],
        [{ url: `${rx.base}/x`, events: ['Ticket created'] }, 'events.0', /prefix like ticket\.\*/],
      ];
      for (const [body, path, message] of cases) {
        const res = await t.req('POST', '/api/v1/webhooks', { cookie: admin, body });
        assert.equal(res.statusCode, 400, res.body);
        assert.match(res.json().error.message, message);
        assert.ok((res.json().error.details as { path: string }[]).some((x) => x.path === path), res.body);
      }
      const after = await t.server.database.db.selectFrom('webhook_endpoints').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
      assert.equal(after.n, before.n);
    });

    test('only admins (and admin-scope tokens) manage webhooks', async () => {
      const [agent, supervisor] = [await t.login(demo.alex), await t.login(demo.supervisor)];
      const ep = await createEndpoint('/perm', ['ticket.*']);
      for (const cookie of [agent, supervisor]) {
        for (const [method, url] of [['GET', '/api/v1/webhooks'], ['POST', '/api/v1/webhooks'], ['GET', `/api/v1/webhooks/${ep.endpoint.id}/deliveries`], ['POST', `/api/v1/webhooks/${ep.endpoint.id}/rotate-secret`], ['DELETE', `/api/v1/webhooks/${ep.endpoint.id}`]] as const) {
          const res = await t.req(method, url, { cookie, body: method === 'GET' ? undefined : { url: `${rx.base}/x`, events: ['*'] } });
          assert.equal(res.statusCode, 403, `${method} ${url}: ${res.body}`);
          assert.match(res.json().error.message, /webhooks\.manage/);
        }
      }
      const token = async (scope: string) => (await t.req('POST', '/api/v1/tokens', { cookie: admin, body: { name: `hooks ${scope}`, scope } })).json().secret as string;
      assert.equal((await t.req('GET', '/api/v1/webhooks', { token: await token('write') })).statusCode, 403);
      assert.equal((await t.req('GET', '/api/v1/webhooks', { token: await token('admin') })).statusCode, 200);
      const del = await t.req('DELETE', `/api/v1/webhooks/${ep.endpoint.id}`, { cookie: admin });
      assert.equal(del.statusCode, 204, del.body);
      assert.equal((await t.req('GET', `/api/v1/webhooks/${ep.endpoint.id}`, { cookie: admin })).statusCode, 404);
    });

    test('housekeeping removes deliveries older than 30 days', async () => {
      const count = async () => Number((await t.server.database.db.selectFrom('webhook_deliveries').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n);
      const n = await count();
      assert.ok(n > 0);
      assert.equal(await purgeWebhookDeliveries(t.server.database.db, new Date(current.getTime() + 86_400_000)), 0);
      assert.equal(await purgeWebhookDeliveries(t.server.database.db, new Date(current.getTime() + 31 * 86_400_000)), n);
      assert.equal(await count(), 0);
    });
  });
}
