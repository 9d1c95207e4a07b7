import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { createRepos, type Repos } from '../src/storage/repos.ts';
import { customerInSegment } from '../src/core/segments/evaluate.ts';
import { recomputeAllHealth } from '../src/jobs/health.ts';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';

const DAY = 86_400_000;
type Cond = Record<string, unknown>;

for (const kind of await dbKinds()) {
  describe(`segments on ${kind}`, () => {
    let t: TestServer;
    let r: Repos;
    let tenantId = '';
    let admin = '';
    let supervisor = '';
    let agent = '';
    const now = new Date();
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    const ids: Record<string, string> = {};

    const add = async (key: string, c: { name: string; language?: string; company?: string; tags?: string[]; attributes?: Record<string, unknown>; consent?: Record<string, unknown> }) => {
      ids[key] = uuidv7();
      await r.customers.insert({ id: ids[key]!, tenantId, at: ago(300), ...c });
    };
    const order = (key: string, total: number, daysAgo: number, status = 'paid') =>
      sql`INSERT INTO orders (id, tenant_id, customer_id, external_id, ordered_at, status, currency, total, source)
          VALUES (${uuidv7()}, ${tenantId}, ${ids[key]!}, ${`seg-${uuidv7()}`}, ${ago(daysAgo)}, ${status}, 'GBP', ${total}, 'api')`.execute(t.server.database.db);
    const csat = (key: string, score: number, daysAgo: number) =>
      r.surveyResponses.insert({ id: uuidv7(), tenantId, customerId: ids[key]!, kind: 'csat', score, comment: null, conversationId: null, ticketId: null, respondedAt: ago(daysAgo) });

    /** Only this test's customers (names start with "Seg-"), then the condition under test. */
    const scoped = (match: 'all' | 'any', conditions: Cond[]) => ({
      match: 'all',
      conditions: [{ kind: 'field', field: 'name', op: 'contains', value: 'Seg-' }, { kind: 'group', match, conditions }],
    });
    const members = async (match: 'all' | 'any', conditions: Cond[]) => {
      const res = await t.req('POST', '/api/v1/segments/preview', { cookie: agent, body: { definition: scoped(match, conditions) } });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as { count: number; sample: { name: string }[] };
      assert.equal(body.count, body.sample.length, 'all fit in the sample');
      return body.sample.map((s) => s.name).sort();
    };

    before(async () => {
      t = await startTestServer(kind, { clock: { now: () => now } });
      r = createRepos(t.server.database.db);
      tenantId = (await r.tenants.bySlug('demo'))!.id;
      admin = await t.login(demo.admin);
      supervisor = await t.login(demo.supervisor);
      agent = await t.login(demo.alex);
      await add('big', { name: 'Seg-Big', language: 'en', company: 'Acme', attributes: { plan: 'gold', seats: 12 }, consent: { marketingEmail: true } });
      await add('small', { name: 'Seg-Small', language: 'pl', attributes: { plan: 'silver', seats: 3 }, consent: { marketingEmail: false } });
      await add('unhappy', { name: 'Seg-Unhappy', tags: ['churn-risk'], attributes: { seats: '40' } });
      await order('big', 400, 10);
      await order('big', 200, 60);
      await order('big', 5000, 5, 'cancelled');
      await order('small', 100, 20);
      await order('small', 900, 120);
      await csat('big', 2, 10);
      await csat('small', 5, 12);
      await csat('unhappy', 1, 10);
      await csat('unhappy', 4, 20);
      await csat('small', 1, 45);
      const inbox = uuidv7();
      await r.inboxes.insert({ id: inbox, tenantId, name: 'Segments inbox', channel: 'api', reopenWindowMs: 60_000, settings: {}, at: ago(300) });
      const conv = uuidv7();
      await r.conversations.insert({ id: conv, tenantId, inboxId: inbox, customerId: ids.unhappy!, at: ago(2) });
      await r.tickets.insert({ id: uuidv7(), tenantId, number: await r.tickets.nextNumber(tenantId), subject: 'Seg ticket', status: 'open', priority: 'normal', type: null, requesterId: ids.unhappy!, assigneeId: null, teamId: null, tags: [], custom: {}, createdBy: null, createdAt: ago(2), solvedAt: null });
    });
    after(() => t?.close());

    test('orders: "spent over 500 in 90 days", order count, days since last order (cancelled orders never count)', async () => {
      assert.deepEqual(await members('all', [{ kind: 'orders', metric: 'total_spent', days: 90, op: 'gt', value: 500 }]), ['Seg-Big']);
      assert.deepEqual(await members('all', [{ kind: 'orders', metric: 'total_spent', days: 180, op: 'gte', value: 1000 }]), ['Seg-Small']);
      assert.deepEqual(await members('all', [{ kind: 'orders', metric: 'order_count', days: 365, op: 'eq', value: 2 }]), ['Seg-Big', 'Seg-Small']);
      assert.deepEqual(await members('all', [{ kind: 'orders', metric: 'order_count', days: 365, op: 'eq', value: 0 }]), ['Seg-Unhappy']);
      assert.deepEqual(await members('all', [{ kind: 'orders', metric: 'days_since_last_order', op: 'gte', value: 15 }]), ['Seg-Small']);
    });

    test('surveys: "CSAT ≤ 2 last month" by average and by minimum; latest NPS', async () => {
      assert.deepEqual(await members('all', [{ kind: 'surveys', metric: 'avg_csat', days: 30, op: 'lte', value: 2 }]), ['Seg-Big']);
      assert.deepEqual(await members('all', [{ kind: 'surveys', metric: 'min_csat', days: 30, op: 'lte', value: 2 }]), ['Seg-Big', 'Seg-Unhappy']);
      assert.deepEqual(await members('all', [{ kind: 'surveys', metric: 'min_csat', days: 60, op: 'lte', value: 1 }]), ['Seg-Small', 'Seg-Unhappy']);
      assert.deepEqual(await members('all', [{ kind: 'surveys', metric: 'latest_nps', days: 90, op: 'gte', value: 0 }]), []);
    });

    test('tags, fields, attributes (typed), consent', async () => {
      assert.deepEqual(await members('all', [{ kind: 'tag', op: 'has', value: 'churn-risk' }]), ['Seg-Unhappy']);
      assert.deepEqual(await members('all', [{ kind: 'tag', op: 'has_not', value: 'churn-risk' }]), ['Seg-Big', 'Seg-Small']);
      assert.deepEqual(await members('all', [{ kind: 'field', field: 'language', op: 'eq', value: 'PL' }]), ['Seg-Small']);
      assert.deepEqual(await members('all', [{ kind: 'field', field: 'company', op: 'empty' }]), ['Seg-Small', 'Seg-Unhappy']);
      assert.deepEqual(await members('all', [{ kind: 'field', field: 'company', op: 'contains', value: 'cm' }]), ['Seg-Big']);
      assert.deepEqual(await members('all', [{ kind: 'attribute', key: 'plan', op: 'eq', value: 'gold' }]), ['Seg-Big']);
      assert.deepEqual(await members('all', [{ kind: 'attribute', key: 'plan', op: 'neq', value: 'gold' }]), ['Seg-Small', 'Seg-Unhappy']);
      assert.deepEqual(await members('all', [{ kind: 'attribute', key: 'plan', op: 'contains', value: 'IL' }]), ['Seg-Small']);
      assert.deepEqual(await members('all', [{ kind: 'attribute', key: 'plan', op: 'exists' }]), ['Seg-Big', 'Seg-Small']);
      // Numbers compare as numbers; the string "40" is not a number and never compares (nor breaks the query).
      assert.deepEqual(await members('all', [{ kind: 'attribute', key: 'seats', op: 'gt', value: 5 }]), ['Seg-Big']);
      assert.deepEqual(await members('all', [{ kind: 'attribute', key: 'seats', op: 'gte', value: 3 }]), ['Seg-Big', 'Seg-Small']);
      assert.deepEqual(await members('all', [{ kind: 'attribute', key: 'seats', op: 'eq', value: '40' }]), ['Seg-Unhappy']);
      assert.deepEqual(await members('all', [{ kind: 'consent', channel: 'marketingEmail', value: true }]), ['Seg-Big']);
      assert.deepEqual(await members('all', [{ kind: 'consent', channel: 'marketingEmail', value: false }]), ['Seg-Small', 'Seg-Unhappy']);
    });

    test('activity and health', async () => {
      assert.deepEqual(await members('all', [{ kind: 'activity', metric: 'last_contact', op: 'within', days: 7 }]), ['Seg-Unhappy']);
      assert.deepEqual(await members('all', [{ kind: 'activity', metric: 'last_contact', op: 'not_within', days: 7 }]), ['Seg-Big', 'Seg-Small']);
      assert.deepEqual(await members('all', [{ kind: 'activity', metric: 'open_tickets', op: 'gte', value: 1 }]), ['Seg-Unhappy']);
      assert.deepEqual(await members('all', [{ kind: 'health', metric: 'band', value: 'at_risk' }]), [], 'never scored: no match');
      await recomputeAllHealth({ repos: r, clock: { now: () => now } });
      // Big: csat 2 → -7, last order within 30 days +10, new spend +10 → 83. Small: csat avg 3 → 0, last order +10,
      // 100 against 900 → -15 → 65. Unhappy: csat avg 2.5 → -4, 1 open ticket -4, contact 1 in 30 days of 1 in 180 → 0 → 62.
      assert.deepEqual(await members('all', [{ kind: 'health', metric: 'score', op: 'lt', value: 65 }]), ['Seg-Unhappy']);
      assert.deepEqual(await members('all', [{ kind: 'health', metric: 'score', op: 'eq', value: 65 }]), ['Seg-Small']);
      assert.deepEqual(await members('all', [{ kind: 'health', metric: 'score', op: 'gte', value: 80 }]), ['Seg-Big']);
      assert.deepEqual(await members('all', [{ kind: 'health', metric: 'band', value: 'watch' }]), ['Seg-Small', 'Seg-Unhappy']);
      assert.deepEqual(await members('all', [{ kind: 'health', metric: 'band', value: 'healthy' }]), ['Seg-Big']);
    });

    test('any / all and nested groups', async () => {
      const gold = { kind: 'attribute', key: 'plan', op: 'eq', value: 'gold' };
      const churn = { kind: 'tag', op: 'has', value: 'churn-risk' };
      assert.deepEqual(await members('any', [gold, churn]), ['Seg-Big', 'Seg-Unhappy']);
      assert.deepEqual(await members('all', [gold, churn]), []);
      assert.deepEqual(await members('any', []), [], 'any of nothing matches no one');
      assert.deepEqual(await members('all', []), ['Seg-Big', 'Seg-Small', 'Seg-Unhappy'], 'all of nothing matches everyone');
      // (language pl) OR (churn AND (gold OR open tickets ≥ 1))  — depth 3 under the scope group.
      const nested = await t.req('POST', '/api/v1/segments/preview', {
        cookie: agent,
        body: {
          definition: {
            match: 'all',
            conditions: [
              { kind: 'field', field: 'name', op: 'contains', value: 'Seg-' },
              { kind: 'group', match: 'any', conditions: [
                { kind: 'field', field: 'language', op: 'eq', value: 'pl' },
                { kind: 'group', match: 'all', conditions: [churn, { kind: 'activity', metric: 'open_tickets', op: 'gte', value: 1 }] },
              ] },
            ],
          },
        },
      });
      assert.equal(nested.statusCode, 200, nested.body);
      assert.deepEqual((nested.json().sample as { name: string }[]).map((s) => s.name).sort(), ['Seg-Small', 'Seg-Unhappy']);
    });

    test('invalid definitions: 400 naming the condition; nothing saved', async () => {
      const before = (await t.server.database.db.selectFrom('segments').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
      const bad = async (definition: unknown, path: string) => {
        const res = await t.req('POST', '/api/v1/segments', { cookie: supervisor, body: { name: `Bad ${path}`, definition } });
        assert.equal(res.statusCode, 400, res.body);
        const details = res.json().error.details as { path: string }[];
        assert.ok(details.some((d) => d.path === path), `${path} in ${res.body}`);
      };
      await bad({ match: 'all', conditions: [{ kind: 'tag', op: 'has', value: 'x' }, { kind: 'orders', metric: 'total_spent', days: 90, op: 'gt', value: 'lots' }] }, 'definition.conditions.1.value');
      await bad({ match: 'all', conditions: [{ kind: 'orders', metric: 'total_spent', op: 'gt', value: 5 }] }, 'definition.conditions.0.days');
      await bad({ match: 'all', conditions: [{ kind: 'surveys', metric: 'avg_csat', days: 30, op: 'lte', value: 7 }] }, 'definition.conditions.0.value');
      await bad({ match: 'all', conditions: [{ kind: 'attribute', key: 'seats', op: 'gt', value: 'many' }] }, 'definition.conditions.0.value');
      await bad({ match: 'all', conditions: [{ kind: 'nonsense' }] }, 'definition.conditions.0.kind');
      await bad({ match: 'maybe', conditions: [] }, 'definition.match');
      const deep = { kind: 'group', match: 'all', conditions: [{ kind: 'group', match: 'all', conditions: [{ kind: 'group', match: 'all', conditions: [] }] }] };
      await bad({ match: 'all', conditions: [deep] }, 'definition.conditions.0.conditions.0.conditions.0');
      const preview = await t.req('POST', '/api/v1/segments/preview', { cookie: agent, body: { definition: { match: 'all', conditions: [{ kind: 'health', metric: 'band', value: 'doomed' }] } } });
      assert.equal(preview.statusCode, 400, preview.body);
      const after = (await t.server.database.db.selectFrom('segments').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
      assert.equal(after, before);
    });

    test('CRUD with permissions, counts, members pages, customerInSegment', async () => {
      const definition = scoped('all', [{ kind: 'orders', metric: 'total_spent', days: 90, op: 'gt', value: 50 }]);
      const denied = await t.req('POST', '/api/v1/segments', { cookie: agent, body: { name: 'Spenders', definition } });
      assert.equal(denied.statusCode, 403, 'agents read segments but do not manage them');
      const created = await t.req('POST', '/api/v1/segments', { cookie: supervisor, body: { name: 'Spenders', description: 'Recent buyers', definition } });
      assert.equal(created.statusCode, 201, created.body);
      const seg = created.json() as { id: string; memberCount: number; name: string };
      assert.equal(seg.memberCount, 2);
      assert.equal((await t.req('POST', '/api/v1/segments', { cookie: admin, body: { name: 'spenders', definition } })).statusCode, 409);

      const list = await t.req('GET', '/api/v1/segments?q=buyers', { cookie: agent });
      assert.equal(list.statusCode, 200, list.body);
      assert.deepEqual((list.json().items as { name: string; memberCount: number }[]).map((s) => [s.name, s.memberCount]), [['Spenders', 2]]);
      assert.equal((await t.req('GET', '/api/v1/segments?q=nothing-like-it', { cookie: agent })).json().items.length, 0);

      const p1 = await t.req('GET', `/api/v1/segments/${seg.id}/customers?limit=1`, { cookie: agent });
      assert.equal(p1.statusCode, 200, p1.body);
      const p2 = await t.req('GET', `/api/v1/segments/${seg.id}/customers?limit=1&cursor=${p1.json().nextCursor}`, { cookie: agent });
      assert.deepEqual([p1.json().items[0].name, p2.json().items[0].name].sort(), ['Seg-Big', 'Seg-Small']);
      assert.equal(p2.json().nextCursor, null);

      assert.equal(await customerInSegment(r, tenantId, seg.id, ids.big!, now), true);
      assert.equal(await customerInSegment(r, tenantId, seg.id, ids.unhappy!, now), false);

      const patched = await t.req('PATCH', `/api/v1/segments/${seg.id}`, { cookie: supervisor, body: { definition: scoped('all', [{ kind: 'orders', metric: 'total_spent', days: 90, op: 'gt', value: 500 }]) } });
      assert.equal(patched.statusCode, 200, patched.body);
      assert.equal(patched.json().memberCount, 1);
      assert.equal(await customerInSegment(r, tenantId, seg.id, ids.small!, now), false);
      assert.equal((await t.req('PATCH', `/api/v1/segments/${seg.id}`, { cookie: agent, body: { name: 'x' } })).statusCode, 403);

      const events = (await t.req('GET', '/api/v1/events?type=segment.created&limit=100', { cookie: admin })).json().items as { aggregateId: string }[];
      assert.ok(events.some((e) => e.aggregateId === seg.id));

      assert.equal((await t.req('DELETE', `/api/v1/segments/${seg.id}`, { cookie: agent })).statusCode, 403);
      assert.equal((await t.req('DELETE', `/api/v1/segments/${seg.id}`, { cookie: supervisor })).statusCode, 204);
      assert.equal((await t.req('GET', `/api/v1/segments/${seg.id}`, { cookie: agent })).statusCode, 404);
      await assert.rejects(customerInSegment(r, tenantId, seg.id, ids.big!, now), /not found/);
    });

    test('CSV export: BOM, columns, injection-safe cells, audited, managers only', async () => {
      ids.formula = uuidv7();
      await r.customers.insert({ id: ids.formula, tenantId, name: '=HYPERLINK("http://evil.example","Seg-x")', company: '+cmd|calc', tags: ['@risk', 'ok'], at: ago(1) });
      await r.customers.addIdentity({ id: uuidv7(), tenantId, customerId: ids.formula, kind: 'email', value: 'formula@seg.example', verified: true, at: ago(1) });
      await r.customers.addIdentity({ id: uuidv7(), tenantId, customerId: ids.formula, kind: 'phone', value: '+442071234567', verified: true, at: ago(1) });
      const created = await t.req('POST', '/api/v1/segments', { cookie: supervisor, body: { name: 'Export me, "please"', definition: { match: 'any', conditions: [{ kind: 'field', field: 'name', op: 'contains', value: 'Seg-' }] } } });
      assert.equal(created.statusCode, 201, created.body);
      const id = created.json().id as string;
      assert.equal((await t.req('GET', `/api/v1/segments/${id}/export.csv`, { cookie: agent })).statusCode, 403);
      const res = await t.req('GET', `/api/v1/segments/${id}/export.csv`, { cookie: supervisor });
      assert.equal(res.statusCode, 200, res.body);
      assert.match(String(res.headers['content-type']), /^text\/csv; charset=utf-8/);
      assert.match(String(res.headers['content-disposition']), /attachment; filename="segment-export-me-please\.csv"/);
      const text = res.rawPayload.toString('utf8');
      assert.ok(text.startsWith('\uFEFF'), 'UTF-8 BOM first');
      const lines = text.slice(1).split('\r\n').filter(Boolean);
      assert.equal(lines[0], 'id,name,email,phone,company,language,time_zone,tags,health_score,health_band,created_at');
      assert.equal(lines.length, 1 + 4);
      const row = lines.find((l) => l.startsWith(ids.formula!))!;
      assert.ok(row.includes(`"'=HYPERLINK(""http://evil.example"",""Seg-x"")"`), row);
      assert.ok(row.includes(",formula@seg.example,'+442071234567,'+cmd|calc,"), row);
      assert.ok(row.includes(",'@risk;ok,"), row);
      for (const cell of row.split(',')) assert.ok(!/^[=+\-@]/.test(cell), `no cell starts a formula: ${cell}`);
      const audit = (await t.req('GET', '/api/v1/audit?limit=50', { cookie: admin })).json().items as { action: string; targetId: string; details: { rows: number } }[];
      const entry = audit.find((a) => a.action === 'segment.exported' && a.targetId === id);
      assert.ok(entry, 'the export is in the audit log');
      assert.equal(entry.details.rows, 4);
    });
  });
}
