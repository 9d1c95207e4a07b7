import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { createRepos, type Repos } from '../src/storage/repos.ts';
import { recomputeAllHealth } from '../src/jobs/health.ts';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';

const DAY = 86_400_000;
interface Factor { key: string; value: number | null; impact: number; explanation: Record<string, unknown> }
interface HealthJson { customerId: string; score: number; band: string; factors: Factor[]; computedAt: string }
interface AtRiskJson { items: (HealthJson & { customer: { id: string; name: string } })[]; nextCursor: string | null }

for (const kind of await dbKinds()) {
  describe(`customer health on ${kind}`, () => {
    let t: TestServer;
    let r: Repos;
    let tenantId = '';
    let inboxId = '';
    let agent = '';
    let current = new Date();
    const clock = { now: () => current };
    const ago = (days: number) => new Date(current.getTime() - days * DAY);

    const customer = async (name: string) => {
      const id = uuidv7();
      await r.customers.insert({ id, tenantId, name, at: ago(200) });
      return id;
    };
    const conversation = async (customerId: string, daysAgo: number) => {
      const id = uuidv7();
      await r.conversations.insert({ id, tenantId, inboxId, customerId, at: ago(daysAgo) });
      return id;
    };
    const message = async (conversationId: string, direction: 'inbound' | 'outbound', daysAgo: number, sentiment: number | null) => {
      const id = uuidv7();
      const at = ago(daysAgo);
      await r.messages.insert({ id, tenantId, conversationId, inboxId, seq: await r.conversations.nextSeq(tenantId, conversationId, at), direction, authorUserId: null, text: 'm', html: null, providerMessageId: null, deliveryStatus: 'received', at });
      await t.server.database.db.updateTable('messages').set({ sentiment }).where('id', '=', id).execute();
    };
    const survey = (customerId: string, k: 'csat' | 'nps', score: number, daysAgo: number) =>
      r.surveyResponses.insert({ id: uuidv7(), tenantId, customerId, kind: k, score, comment: null, conversationId: null, ticketId: null, respondedAt: ago(daysAgo) });
    const order = (customerId: string, total: number, daysAgo: number, status = 'paid') =>
      sql`INSERT INTO orders (id, tenant_id, customer_id, external_id, ordered_at, status, currency, total, source)
          VALUES (${uuidv7()}, ${tenantId}, ${customerId}, ${`ext-${uuidv7()}`}, ${ago(daysAgo)}, ${status}, 'GBP', ${total}, 'api')`.execute(t.server.database.db);
    const ticket = async (customerId: string, status: 'open' | 'solved', breached: boolean) => {
      const id = uuidv7();
      await r.tickets.insert({ id, tenantId, number: await r.tickets.nextNumber(tenantId), subject: 'Problem', status, priority: 'normal', type: null, requesterId: customerId, assigneeId: null, teamId: null, tags: [], custom: {}, createdBy: null, createdAt: ago(3), solvedAt: status === 'solved' ? ago(1) : null });
      if (breached) {
        await sql`INSERT INTO ticket_sla (tenant_id, ticket_id, metric, target_minutes, near_minutes, started_at, due_at, breached_at)
                  VALUES (${tenantId}, ${id}, 'resolution', 60, 45, ${ago(3)}, ${ago(2)}, ${ago(2)})`.execute(t.server.database.db);
      }
    };
    const health = async (id: string, cookie = agent) => {
      const res = await t.req('GET', `/api/v1/customers/${id}/health`, { cookie });
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as HealthJson;
    };
    const impacts = (h: HealthJson) => Object.fromEntries(h.factors.map((f) => [f.key, f.impact]));

    before(async () => {
      t = await startTestServer(kind, { clock });
      r = createRepos(t.server.database.db);
      tenantId = (await r.tenants.bySlug('demo'))!.id;
      inboxId = uuidv7();
      await r.inboxes.insert({ id: inboxId, tenantId, name: 'Health inbox', channel: 'api', reopenWindowMs: 60_000, settings: {}, at: ago(300) });
      agent = await t.login(demo.alex);
    });
    after(() => t?.close());

    test('signals from real rows give the documented score, factor by factor', async () => {
      const x = await customer('Health Troubled');
      // CSAT: 2 and 3 within 90 days (avg 2.5 → -3.75 → -4); a 5 from 100 days ago does not count.
      await survey(x, 'csat', 2, 10);
      await survey(x, 'csat', 3, 50);
      await survey(x, 'csat', 5, 100);
      // NPS: the latest within 90 days is 4 (detractor, -15); the older 9 does not matter.
      await survey(x, 'nps', 9, 60);
      await survey(x, 'nps', 4, 10);
      // Conversations: 2 in 30 days, 3 in 180 (baseline 0.5/month, ratio 4 → surge -10).
      const c1 = await conversation(x, 5);
      const c2 = await conversation(x, 10);
      const c3 = await conversation(x, 100);
      // Sentiment of inbound messages in 30 days: -0.5 and -0.3 → -0.4 → -6. Outbound, old and unrated ones do not count.
      await message(c1, 'inbound', 5, -0.5);
      await message(c2, 'inbound', 9, -0.3);
      await message(c1, 'outbound', 5, 1);
      await message(c3, 'inbound', 40, 1);
      await message(c2, 'inbound', 8, null);
      // Tickets: 2 open (-8), one of them breached (-8); a solved breached one does not count.
      await ticket(x, 'open', true);
      await ticket(x, 'open', false);
      await ticket(x, 'solved', true);
      // Orders: last counting one 20 days ago (+10); 300 in the last 90 days vs 100 before (+10). Cancelled and refunded ignored.
      await order(x, 300, 20);
      await order(x, 100, 120);
      await order(x, 1000, 5, 'cancelled');
      await order(x, 500, 10, 'refunded');

      const h = await health(x);
      assert.deepEqual(impacts(h), {
        csat: -4, nps: -15, sentiment: -6, open_tickets: -8, breached_tickets: -8, contact_frequency: -10, days_since_last_order: 10, order_value_trend: 10,
      });
      assert.equal(h.score, 70 - 4 - 15 - 6 - 8 - 8 - 10 + 10 + 10);
      assert.equal(h.band, 'at_risk');
      const f = Object.fromEntries(h.factors.map((x) => [x.key, x]));
      assert.equal(f.csat!.value, 2.5);
      assert.deepEqual(f.nps!.explanation, { reason: 'detractor', latest: 4 });
      assert.equal(f.sentiment!.explanation.messages, 2);
      assert.deepEqual(f.contact_frequency!.explanation, { reason: 'surge', last30Days: 2, monthlyBaseline: 0.5, ratio: 4 });
      assert.equal(f.days_since_last_order!.value, 20);
      assert.deepEqual(f.order_value_trend!.explanation, { reason: 'growing', last90Days: 300, previous90Days: 100, changePercent: 200 });
    });

    test('a customer with no signals is neutral; the stored score is reused for an hour, then recomputed', async () => {
      const y = await customer('Health Quiet');
      const first = await health(y);
      assert.equal(first.score, 70);
      assert.equal(first.band, 'healthy');
      assert.ok(first.factors.every((f) => f.impact === 0));
      assert.ok(first.factors.filter((f) => f.key !== 'open_tickets' && f.key !== 'breached_tickets').every((f) => f.explanation.reason === 'no_data'));
      await survey(y, 'nps', 10, 1);
      current = new Date(current.getTime() + 30 * 60_000);
      const cached = await health(y);
      assert.equal(cached.score, 70, 'within the hour the stored score is served');
      assert.equal(cached.computedAt, first.computedAt);
      current = new Date(current.getTime() + 31 * 60_000);
      const fresh = await health(y);
      assert.equal(fresh.score, 80, 'stale after an hour: recomputed with the promoter answer');
      assert.equal(new Date(fresh.computedAt).getTime(), current.getTime());
    });

    test('unknown customer 404; no session 401', async () => {
      const res = await t.req('GET', `/api/v1/customers/${uuidv7()}/health`, { cookie: agent });
      assert.equal(res.statusCode, 404, res.body);
      assert.equal((await t.req('GET', '/api/v1/customers/at-risk')).statusCode, 401);
    });

    test('the hourly job scores every customer; at-risk lists lowest first, filters and pages', async () => {
      const z = await customer('Health Promoter');
      await survey(z, 'nps', 10, 2);
      current = new Date(current.getTime() + 2 * 3_600_000);
      const n = await recomputeAllHealth({ repos: r, clock });
      const live = await t.server.database.db.selectFrom('customers').select(sql<number>`count(*)::int`.as('n')).where('merged_into', 'is', null).executeTakeFirstOrThrow();
      assert.equal(n, Number(live.n), 'every live customer of every workspace was scored');

      // /customers/at-risk is its own route, not /customers/:id with id "at-risk".
      const all = await t.req('GET', '/api/v1/customers/at-risk?limit=200', { cookie: agent });
      assert.equal(all.statusCode, 200, all.body);
      const items = (all.json() as AtRiskJson).items;
      const scores = items.map((i) => i.score);
      assert.deepEqual(scores, [...scores].sort((a, b) => a - b), 'lowest first');
      const names = items.map((i) => i.customer.name);
      assert.ok(names.indexOf('Health Troubled') < names.indexOf('Health Quiet'));
      assert.ok(names.indexOf('Health Quiet') < names.indexOf('Health Promoter'));
      assert.equal(items.find((i) => i.customer.name === 'Health Promoter')!.score, 80);

      const atRisk = (await t.req('GET', '/api/v1/customers/at-risk?band=at_risk&limit=200', { cookie: agent })).json() as AtRiskJson;
      assert.ok(atRisk.items.length > 0 && atRisk.items.every((i) => i.band === 'at_risk'));
      assert.ok(atRisk.items.some((i) => i.customer.name === 'Health Troubled'));
      const range = (await t.req('GET', '/api/v1/customers/at-risk?minScore=70&maxScore=70&limit=200', { cookie: agent })).json() as AtRiskJson;
      assert.ok(range.items.length > 0 && range.items.every((i) => i.score === 70));

      // Walking one at a time gives the same order.
      const walked: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await t.req('GET', `/api/v1/customers/at-risk?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { cookie: agent });
        const page = res.json() as AtRiskJson;
        walked.push(...page.items.map((i) => i.customerId));
        cursor = page.nextCursor;
      } while (cursor);
      assert.deepEqual(walked, items.map((i) => i.customerId));

      const bad = await t.req('GET', '/api/v1/customers/at-risk?minScore=80&maxScore=20', { cookie: agent });
      assert.equal(bad.statusCode, 400);
      assert.ok((bad.json().error.details as { path: string }[]).some((d) => d.path === 'minScore'), bad.body);
      assert.equal((await t.req('GET', '/api/v1/customers/at-risk?band=doomed', { cookie: agent })).statusCode, 400);
      assert.equal((await t.req('GET', '/api/v1/customers/at-risk?cursor=bm9wZQ', { cookie: agent })).statusCode, 400);
    });

    test('a merge carries survey answers to the survivor', async () => {
      const admin = await t.login(demo.admin);
      const survivor = await customer('Health Survivor');
      const source = await customer('Health Source');
      await survey(source, 'nps', 2, 3);
      const m = await t.req('POST', `/api/v1/customers/${survivor}/merge`, { cookie: admin, body: { sourceId: source } });
      assert.equal(m.statusCode, 200, m.body);
      assert.equal(m.json().merge.moved.survey_responses, 1);
      current = new Date(current.getTime() + 2 * 3_600_000);
      const h = await health(survivor);
      assert.equal(impacts(h).nps, -15, 'the detractor answer now counts for the survivor');
    });
  });
}
