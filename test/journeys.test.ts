import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { createRepos, type Repos } from '../src/storage/repos.ts';
import { draftEvent } from '../src/core/events/draft.ts';
import type { CustomerJourney, JourneysReport } from '../src/contracts/journeys.ts';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';

const H = 3_600_000;
const D = 24 * H;

for (const kind of await dbKinds()) {
  describe(`customer journeys on ${kind}`, () => {
    let t: TestServer;
    let r: Repos;
    let tenantId = '';
    let supervisor = '';
    let agent = '';
    const now = new Date('2026-11-30T12:00:00Z');
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const ids: Record<string, string> = {};
    const inbox: Record<string, string> = {};
    let segmentId = '';

    const event = (at: Date, type: string, aggregateType: string, aggregateId: string, payload: Record<string, unknown>) =>
      r.events.append(tenantId, [draftEvent(uuidv7, { type, aggregateType, aggregateId, actorId: null, payload })], at);
    const conversation = async (customer: string, channel: string, at: Date) => {
      const id = uuidv7();
      await r.conversations.insert({ id, tenantId, inboxId: inbox[channel]!, customerId: ids[customer]!, at });
      await event(at, 'conversation.created', 'conversation', id, { inboxId: inbox[channel], customerId: ids[customer], channel });
      return id;
    };
    const view = (customer: string, at: Date, title: string) =>
      event(at, 'help_center.article_viewed', 'kb_article', uuidv7(), { articleId: uuidv7(), title, customerId: ids[customer], visitorId: `v-${customer}` });
    const order = (customer: string, at: Date, status = 'paid') =>
      sql`INSERT INTO orders (id, tenant_id, customer_id, external_id, ordered_at, status, currency, total, source)
          VALUES (${uuidv7()}, ${tenantId}, ${ids[customer]!}, ${`jny-${uuidv7()}`}, ${at}, ${status}, 'GBP', 42, 'api')`.execute(t.server.database.db);
    const journey = async (id: string, query = '') => {
      const res = await t.req('GET', `/api/v1/customers/${id}/journey${query}`, { cookie: agent });
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as CustomerJourney;
    };
    const report = async (query: string) => {
      const res = await t.req('GET', `/api/v1/analytics/journeys?${query}`, { cookie: supervisor });
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as JourneysReport;
    };

    before(async () => {
      t = await startTestServer(kind, { clock: { now: () => now } });
      r = createRepos(t.server.database.db);
      tenantId = (await r.tenants.bySlug('demo'))!.id;
      supervisor = await t.login(demo.supervisor);
      agent = await t.login(demo.alex);
      for (const ch of ['chat', 'voice', 'email'] as const) {
        inbox[ch] = uuidv7();
        await r.inboxes.insert({ id: inbox[ch]!, tenantId, name: `Jny ${ch}`, channel: ch, reopenWindowMs: 0, settings: {}, at: ago(400 * D) });
      }
      for (const name of ['Ann', 'Ben', 'Cy', 'Dee']) {
        ids[name] = uuidv7();
        await r.customers.insert({ id: ids[name]!, tenantId, name: `Jny-${name}`, at: ago(300 * D) });
      }
      // Dee was merged into Ann: Dee's help center visit belongs to Ann's journey.
      await sql`UPDATE customers SET merged_into = ${ids.Ann!} WHERE tenant_id = ${tenantId} AND id = ${ids.Dee!}`.execute(t.server.database.db);
      await view('Dee', ago(12 * D), 'Sizes');

      // Ann: reads an article, asks the bot, is handed over 35 min after the visit; calls two days later
      // (a repeat), hangs up in the queue; buys five days later.
      await view('Ann', ago(10 * D), 'Returns');
      const bot = await conversation('Ann', 'chat', new Date(ago(10 * D).getTime() + 30 * 60_000));
      await event(new Date(ago(10 * D).getTime() + 31 * 60_000), 'flow.session_started', 'conversation', bot, { conversationId: bot, sessionId: uuidv7() });
      await event(new Date(ago(10 * D).getTime() + 35 * 60_000), 'flow.handed_over', 'conversation', bot, { conversationId: bot });
      const call = await conversation('Ann', 'voice', ago(8 * D));
      await event(new Date(ago(8 * D).getTime() + 90_000), 'task.abandoned', 'task', uuidv7(), { taskId: uuidv7(), sourceType: 'conversation', sourceId: call, waitMs: 90_000 });
      await order('Ann', ago(3 * D));
      await order('Ann', ago(2 * D), 'cancelled'); // not a purchase
      // Ben: reads, then buys (self-service worked). Old history out of the range.
      await view('Ben', ago(20 * D), 'Delivery');
      await order('Ben', ago(19 * D));
      await conversation('Ben', 'email', ago(200 * D));
      // Cy: a call only, and a bot chat the bot resolved itself.
      await conversation('Cy', 'voice', ago(5 * D));
      const cyBot = await conversation('Cy', 'chat', ago(4 * D));
      await event(ago(4 * D), 'flow.session_started', 'conversation', cyBot, { conversationId: cyBot });
      await event(new Date(ago(4 * D).getTime() + 60_000), 'conversation.status_changed', 'conversation', cyBot, { from: 'open', to: 'resolved', reason: 'flow_ended' });

      const seg = await t.req('POST', '/api/v1/segments', { cookie: supervisor, body: { name: 'Journey people', definition: { match: 'all', conditions: [{ kind: 'field', field: 'name', op: 'contains', value: 'Jny-' }] } } });
      assert.equal(seg.statusCode, 201, seg.body);
      segmentId = (seg.json() as { id: string }).id;
    });
    after(() => t.close());

    test('a customer\'s journey: touchpoints in order, the repeat and the drops; a merged customer shows the survivor\'s', async () => {
      const j = await journey(ids.Dee!);
      assert.equal(j.customerId, ids.Ann, 'follows the merge');
      assert.deepEqual(j.touchpoints.map((x) => x.kind), ['help_center', 'help_center', 'bot', 'handover', 'call', 'purchase']);
      assert.deepEqual(j.touchpoints.slice(0, 5).map((x) => x.label), ['Sizes', 'Returns', null, null, null]);
      assert.match(j.touchpoints[5]!.label ?? '', /^GBP 42/, 'the paid order; the cancelled one is no purchase');
      assert.deepEqual(j.touchpoints.map((x) => x.contact), [false, false, false, true, true, false]);
      assert.equal(j.touchpoints[4]!.channel, 'voice');
      // The call came 2 days after the hand-over: a repeat contact.
      assert.deepEqual(j.repeats, [{ index: 4, previousIndex: 3, gapMs: 2 * D - 35 * 60_000 }]);
      assert.deepEqual(j.drops, [
        { index: 1, reason: 'self_service_failed', contactIndex: 3 },
        { index: 4, reason: 'queue_abandoned', contactIndex: null },
      ]);
      // The same journey asked for by the survivor; a 1-day repeat window has no repeat.
      const ann = await journey(ids.Ann!, '?repeatDays=1');
      assert.equal(ann.touchpoints.length, 6);
      assert.deepEqual(ann.repeats, []);
      // A range that holds only the call.
      const narrow = await journey(ids.Ann!, `?from=${encodeURIComponent(ago(9 * D).toISOString())}&to=${encodeURIComponent(ago(7 * D).toISOString())}`);
      assert.deepEqual(narrow.touchpoints.map((x) => x.kind), ['call']);
    });

    test('a bot the customer left without a hand-over is a drop; one the bot resolved is not', async () => {
      const cy = await journey(ids.Cy!);
      assert.deepEqual(cy.touchpoints.map((x) => x.kind), ['call', 'bot']);
      assert.deepEqual(cy.drops, []);
      const gone = await conversation('Cy', 'chat', ago(2 * D));
      await event(ago(2 * D), 'flow.session_started', 'conversation', gone, { conversationId: gone });
      const again = await journey(ids.Cy!);
      assert.deepEqual(again.drops, [{ index: 2, reason: 'bot_abandoned', contactIndex: null }]);
    });

    test('a segment: paths, contact rates and the "help center then call" finding (hand-counted)', async () => {
      const from = encodeURIComponent(ago(30 * D).toISOString());
      const to = encodeURIComponent(now.toISOString());
      const rep = await report(`segmentId=${segmentId}&from=${from}&to=${to}&after=help_center&then=call`);
      assert.equal(rep.customers, 3, 'Ann, Ben and Cy (Dee was merged away)');
      assert.equal(rep.withJourney, 3);
      assert.deepEqual(rep.paths.map((p) => [p.kinds.join('>'), p.customers]).sort(), [
        ['call>bot', 1],
        ['help_center>bot>handover>call>purchase', 1],
        ['help_center>purchase', 1],
      ]);
      const rate = Object.fromEntries(rep.channels.map((c) => [c.kind, [c.customers, c.rate]]));
      assert.deepEqual(rate.help_center, [2, 0.6667]);
      assert.deepEqual(rate.call, [2, 0.6667]);
      assert.deepEqual(rate.purchase, [2, 0.6667]);
      assert.deepEqual(rate.bot, [2, 0.6667]);
      // Of the two who read the help center (Ann, Ben), one called afterwards (Ann).
      assert.deepEqual(rep.finding, { after: 'help_center', then: 'call', customersAfter: 2, thenAnyTime: 1, thenAfter: 1, share: 0.5, baseRate: 0.6667, interest: 0.3333 });
      assert.ok(rep.conditionals.some((c) => c.after === 'help_center' && c.then === 'purchase' && c.thenAfter === 2));
      assert.equal(rep.repeats, 1);
      assert.equal(rep.drops.self_service_failed, 1);
      assert.equal(rep.drops.queue_abandoned, 1);
      assert.equal(rep.drops.bot_abandoned, 1, 'Cy\'s abandoned bot chat of the test before');
      assert.equal(typeof rep.tookMs, 'number');
    });

    test('bad ranges and pairs are 400 with the reason; unknown ids 404; permissions enforced', async () => {
      const bad = async (url: string, re: RegExp) => {
        const res = await t.req('GET', url, { cookie: supervisor });
        assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
        assert.match((res.json() as { error: { message: string } }).error.message, re);
      };
      const iso = (d: Date) => encodeURIComponent(d.toISOString());
      await bad(`/api/v1/analytics/journeys?from=${iso(ago(D))}&to=${iso(ago(2 * D))}`, /ends before it starts/);
      await bad(`/api/v1/analytics/journeys?from=${iso(ago(400 * D))}&to=${iso(now)}`, /longer than one year/);
      await bad(`/api/v1/customers/${ids.Ann}/journey?from=${iso(ago(D))}&to=${iso(ago(D))}`, /ends before it starts/);
      await bad(`/api/v1/customers/${ids.Ann}/journey?from=${iso(ago(367 * D))}`, /longer than one year/);
      await bad('/api/v1/analytics/journeys?after=help_center', /Pass both/);
      await bad('/api/v1/analytics/journeys?after=fax&then=call', /after/);
      await bad(`/api/v1/customers/${ids.Ann}/journey?from=yesterday`, /from/);

      assert.equal((await t.req('GET', `/api/v1/analytics/journeys?segmentId=${uuidv7()}`, { cookie: supervisor })).statusCode, 404);
      assert.equal((await t.req('GET', `/api/v1/customers/${uuidv7()}/journey`, { cookie: agent })).statusCode, 404);
      assert.equal((await t.req('GET', '/api/v1/analytics/journeys', { cookie: agent })).statusCode, 403, 'agents have no analytics.read');
      assert.equal((await t.req('GET', `/api/v1/customers/${ids.Ann}/journey`)).statusCode, 401);
    });

    test('without a segment: every customer of the workspace', async () => {
      const all = await report('top=3');
      assert.ok(all.customers >= 3);
      assert.ok(all.paths.length <= 3);
      assert.equal(all.segmentId, null);
    });
  });
}
