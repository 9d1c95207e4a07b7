import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';

const S = 1000;
type Rule = { id: string; queueId: string | null; metric: string; comparator: string; threshold: number; enabled: boolean };
type Alert = { ruleId: string; queueId: string; metric: string; comparator: string; value: number; threshold: number };

/**
 * Wallboard alert rules through the API: the demo rules, CRUD with validation (nothing written on a
 * 400), permissions, audit and the 'wallboard' event, and alerts on GET /api/v1/wallboard as a chat
 * waits past a threshold on a fake clock.
 */
for (const kind of await dbKinds()) {
  describe(`wallboard alert rules on ${kind}`, () => {
    let t: TestServer;
    let current = new Date('2027-03-10T10:00:00Z');
    const clock = { now: () => current };
    const advance = (ms: number) => (current = new Date(current.getTime() + ms));
    const cookie: Record<string, string> = {};
    const users: Record<string, string> = {};
    const db = () => t.server.database.db;
    const req = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, who: string, body?: unknown) => t.req(method, url, { cookie: cookie[who], body });
    const ruleCount = async () => Number((await db().selectFrom('wallboard_alert_rules').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

    before(async () => {
      t = await startTestServer(kind, { clock, env: { ROUTING: 'true' } });
      for (const [k, email] of Object.entries({ admin: demo.admin, sam: demo.supervisor, alex: demo.alex })) cookie[k] = await t.login(email);
      for (const u of (await req('GET', '/api/v1/users?limit=200', 'admin')).json().items as { id: string; email: string }[]) users[u.email.split('@')[0]!] = u.id;
    });
    after(() => t.close());

    test('the demo workspace has two rules on every queue: longest wait above 120 s, service level below 80 %', async () => {
      const r = await req('GET', '/api/v1/wallboard/alert-rules', 'sam');
      assert.equal(r.statusCode, 200, r.body);
      const items = r.json().items as Rule[];
      assert.deepEqual(items.map((x) => [x.queueId, x.metric, x.comparator, x.threshold, x.enabled]), [
        [null, 'longest_wait_seconds', 'above', 120, true],
        [null, 'service_level_today', 'below', 0.8, true],
      ]);
    });

    test('agents may not read or change rules; supervisors may', async () => {
      assert.equal((await req('GET', '/api/v1/wallboard/alert-rules', 'alex')).statusCode, 403);
      const body = { metric: 'waiting', comparator: 'above', threshold: 5 };
      assert.equal((await req('POST', '/api/v1/wallboard/alert-rules', 'alex', body)).statusCode, 403);
      const r = await req('POST', '/api/v1/wallboard/alert-rules', 'sam', body);
      assert.equal(r.statusCode, 201, r.body);
      assert.equal((await req('DELETE', `/api/v1/wallboard/alert-rules/${r.json().id}`, 'alex')).statusCode, 403);
      assert.equal((await req('DELETE', `/api/v1/wallboard/alert-rules/${r.json().id}`, 'sam')).statusCode, 204);
    });

    test('bad input is a 400 naming the reason, and nothing is written', async () => {
      const before = await ruleCount();
      const cases: [unknown, RegExp][] = [
        [{ metric: 'service_level_today', comparator: 'below', threshold: 80 }, /threshold is a fraction from 0 to 1/],
        [{ metric: 'longest_wait_seconds', comparator: 'above', threshold: -5 }, /threshold is in seconds/],
        [{ metric: 'waiting', comparator: 'above', threshold: 2.5 }, /whole number/],
        [{ metric: 'agents_available', comparator: 'below', threshold: 0 }, /never alert/],
        [{ metric: 'waiting', comparator: 'above', threshold: 1, queueId: '01900000-0000-7000-8000-000000000000' }, /queueId unknown queue/],
        [{ metric: 'queue_mood', comparator: 'above', threshold: 1 }, /metric/],
        [{ metric: 'waiting', comparator: 'sideways', threshold: 1 }, /comparator/],
        [{ metric: 'waiting', comparator: 'above', threshold: 1, colour: 'red' }, /colour|unrecognized/i],
        [{ metric: 'waiting', comparator: 'above' }, /threshold/],
      ];
      for (const [body, message] of cases) {
        const r = await req('POST', '/api/v1/wallboard/alert-rules', 'admin', body);
        assert.equal(r.statusCode, 400, `${JSON.stringify(body)}: ${r.body}`);
        assert.equal(r.json().error.code, 'invalid');
        assert.match(JSON.stringify(r.json().error), message, JSON.stringify(body));
      }
      assert.equal(await ruleCount(), before, 'no rule was written');
    });

    test('create, read, change, delete: audited, and each change is an event on the wallboard topic', async () => {
      const queues = (await req('GET', '/api/v1/routing/queues', 'admin')).json().items as { id: string; name: string }[];
      const queueId = queues[0]!.id;
      const c = await req('POST', '/api/v1/wallboard/alert-rules', 'admin', { queueId, metric: 'asa_seconds_today', comparator: 'above', threshold: 45 });
      assert.equal(c.statusCode, 201, c.body);
      const rule = c.json() as Rule;
      assert.deepEqual([rule.queueId, rule.metric, rule.comparator, rule.threshold, rule.enabled], [queueId, 'asa_seconds_today', 'above', 45, true]);
      assert.deepEqual((await req('GET', `/api/v1/wallboard/alert-rules/${rule.id}`, 'sam')).json(), rule);

      // A change that does not fit the new metric is refused as a whole.
      const bad = await req('PATCH', `/api/v1/wallboard/alert-rules/${rule.id}`, 'admin', { metric: 'abandon_rate_today' });
      assert.equal(bad.statusCode, 400, bad.body);
      assert.match(bad.json().error.message, /fraction/);
      assert.equal((await req('PATCH', `/api/v1/wallboard/alert-rules/${rule.id}`, 'admin', {})).statusCode, 400, 'an empty change is refused');
      assert.deepEqual((await req('GET', `/api/v1/wallboard/alert-rules/${rule.id}`, 'sam')).json(), rule, 'unchanged');

      advance(1000);
      const u = await req('PATCH', `/api/v1/wallboard/alert-rules/${rule.id}`, 'admin', { metric: 'abandon_rate_today', threshold: 0.1, queueId: null, enabled: false });
      assert.equal(u.statusCode, 200, u.body);
      const changed = u.json() as Rule & { updatedAt: string; createdAt: string };
      assert.deepEqual([changed.queueId, changed.metric, changed.threshold, changed.enabled], [null, 'abandon_rate_today', 0.1, false]);
      assert.ok(changed.updatedAt > changed.createdAt);

      assert.equal((await req('DELETE', `/api/v1/wallboard/alert-rules/${rule.id}`, 'admin')).statusCode, 204);
      assert.equal((await req('GET', `/api/v1/wallboard/alert-rules/${rule.id}`, 'sam')).statusCode, 404);
      assert.equal((await req('DELETE', `/api/v1/wallboard/alert-rules/${rule.id}`, 'admin')).statusCode, 404);
      assert.equal((await req('PATCH', `/api/v1/wallboard/alert-rules/${rule.id}`, 'admin', { enabled: true })).statusCode, 404);

      const audit = await db().selectFrom('audit_log').select(['action', 'actor_id']).where('target_id', '=', rule.id).orderBy('created_at').orderBy('id').execute();
      assert.deepEqual(audit.map((a) => a.action).sort(), ['wallboard.alert_rule_created', 'wallboard.alert_rule_deleted', 'wallboard.alert_rule_updated']);
      assert.ok(audit.every((a) => a.actor_id === users.admin));
      const events = await db().selectFrom('events').select(['type', 'topics', 'payload']).where('aggregate_id', '=', rule.id).orderBy('seq').execute();
      assert.deepEqual(events.map((e) => [e.type, e.topics, (e.payload as { action: string }).action]), [
        ['wallboard.alert_rules_changed', ['wallboard'], 'created'],
        ['wallboard.alert_rules_changed', ['wallboard'], 'updated'],
        ['wallboard.alert_rules_changed', ['wallboard'], 'deleted'],
      ]);
    });

    test('GET /wallboard lists the alerts a waiting chat raises; a queue\'s own rule replaces the every-queue one', async () => {
      for (const u of ['supervisor', 'priya', 'wen', 'kasia', 'alex']) {
        if (!users[u]) continue;
        const r = await t.req('PUT', `/api/v1/routing/agents/${users[u]}/presence`, { cookie: cookie.sam, body: { presence: 'offline' } });
        assert.equal(r.statusCode, 200, r.body);
      }
      const ib = await req('POST', '/api/v1/inboxes', 'admin', { name: `Alerts ${kind}`, channel: 'api' });
      assert.equal(ib.statusCode, 201, ib.body);
      const m = await req('POST', `/api/v1/inboxes/${ib.json().id}/messages`, 'admin', { from: { kind: 'email', value: `alerts-${kind}@example.com`, name: 'Waiting Wanda' }, text: 'hello?' });
      assert.equal(m.statusCode, 201, m.body);
      await t.server.routing!.settle();
      const task = await db().selectFrom('routing_tasks').select(['queue_id', 'status']).where('source_id', '=', m.json().conversation.id).executeTakeFirstOrThrow();
      const queueId = task.queue_id!;
      const longest = (await req('GET', '/api/v1/wallboard/alert-rules', 'sam')).json().items.find((x: Rule) => x.metric === 'longest_wait_seconds') as Rule;
      const alertsOn = async () => {
        const r = await req('GET', '/api/v1/wallboard', 'sam');
        assert.equal(r.statusCode, 200, r.body);
        return (r.json().alerts as Alert[]).filter((a) => a.queueId === queueId);
      };

      advance(60 * S);
      assert.deepEqual((await alertsOn()).filter((a) => a.metric === 'longest_wait_seconds'), [], 'a minute is within 2 minutes');
      advance(61 * S);
      const late = (await alertsOn()).filter((a) => a.metric === 'longest_wait_seconds');
      assert.equal(late.length, 1, JSON.stringify(late));
      assert.equal(late[0]!.ruleId, longest.id);
      assert.ok(late[0]!.value > 120, `value ${late[0]!.value}`);

      // This queue tolerates 5 minutes: its own rule wins over the every-queue rule.
      const own = await req('POST', '/api/v1/wallboard/alert-rules', 'admin', { queueId, metric: 'longest_wait_seconds', comparator: 'above', threshold: 300 });
      assert.equal(own.statusCode, 201, own.body);
      assert.deepEqual((await alertsOn()).filter((a) => a.metric === 'longest_wait_seconds'), []);
      advance(200 * S);
      assert.deepEqual((await alertsOn()).filter((a) => a.metric === 'longest_wait_seconds').map((a) => a.ruleId), [own.json().id]);
      // Disabled, the every-queue rule is back.
      await req('PATCH', `/api/v1/wallboard/alert-rules/${own.json().id}`, 'admin', { enabled: false });
      assert.deepEqual((await alertsOn()).filter((a) => a.metric === 'longest_wait_seconds').map((a) => a.ruleId), [longest.id]);
    });
  });
}
