import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import type { Server } from '../src/main.ts';
import { createRollupProcessor } from '../src/jobs/analytics-rollups.ts';
import { sequenceAll } from '../src/storage/event-sequencer.ts';
import { createRepos } from '../src/storage/repos.ts';
import { draftEvent } from '../src/core/events/draft.ts';
import { rawReport } from '../src/core/analytics/raw-scan.ts';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';

const S = 1000;

/**
 * Historical reports on a scripted night with a fake clock: the tenant is in Europe/Warsaw and the
 * night is 2027-03-28, when clocks jump from 02:00 to 03:00 (a 23-hour day). Four customers write
 * in; every figure below is counted by hand from the times in the script, then checked through the
 * reports API (rollups), drill-down, a full rebuild, replayed events and a late event.
 */
for (const kind of await dbKinds()) {
  describe(`analytics reports on ${kind}`, () => {
    let t: TestServer;
    let server: Server;
    let current = new Date('2027-03-28T00:50:00Z'); // 01:50 local (CET, UTC+1)
    const clock = { now: () => current };
    const at = (iso: string) => (current = new Date(iso));
    const cookie: Record<string, string> = {};
    const users: Record<string, string> = {};
    const conv: Record<string, string> = {};
    let inbox = '';
    let tenantId = '';
    let n = 0;
    const db = () => server.database.db;
    const req = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, who: string, body?: unknown) =>
      server.app.inject({ method, url, headers: { cookie: cookie[who]! }, ...(body !== undefined ? { payload: body as object } : {}) });
    const settle = () => server.routing!.settle();
    const ok = async (p: Promise<{ statusCode: number; body: string }>, code = 200) => {
      const r = await p;
      assert.equal(r.statusCode, code, r.body);
      return r;
    };
    const arrive = async (name: string) => {
      n++;
      const r = await ok(req('POST', `/api/v1/inboxes/${inbox}/messages`, 'admin', { from: { kind: 'email', value: `an-${kind}-${n}@example.com`, name }, text: 'hello' }), 201);
      conv[name] = JSON.parse(r.body).conversation.id;
      await settle();
    };
    const taskOf = async (name: string) => (await db().selectFrom('routing_tasks').select('id').where('source_id', '=', conv[name]!).executeTakeFirstOrThrow()).id;
    const accept = async (who: string, name: string) => {
      const offers = JSON.parse((await req('GET', '/api/v1/routing/offers', who)).body).items as { id: string; task: { sourceId: string } }[];
      const o = offers.find((x) => x.task.sourceId === conv[name]);
      assert.ok(o, `an offer of ${name} for ${who}`);
      await ok(req('POST', `/api/v1/routing/offers/${o.id}/accept`, who));
      await settle();
    };
    const resolve = async (who: string, name: string) => {
      await ok(req('PATCH', `/api/v1/conversations/${conv[name]}`, who, { status: 'resolved' }));
      await settle();
    };
    const dayQuery = 'from=2027-03-27T23:00:00Z&to=2027-03-28T22:00:00Z';
    const report = async (name: string, extra = '') => {
      const r = await req('GET', `/api/v1/analytics/reports/${name}?${dayQuery}&inboxId=${inbox}${extra}`, 'sam');
      assert.equal(r.statusCode, 200, r.body);
      return JSON.parse(r.body);
    };

    before(async () => {
      t = await startTestServer(kind, { clock, env: { ROUTING: 'true' } });
      server = t.server;
      for (const [k, email] of Object.entries({ admin: demo.admin, sam: demo.supervisor, alex: demo.alex, priya: demo.priya })) cookie[k] = await t.login(email);
      for (const u of JSON.parse((await req('GET', '/api/v1/users?limit=200', 'admin')).body).items as { id: string; email: string }[]) users[u.email.split('@')[0]!] = u.id;
      tenantId = (await db().selectFrom('tenants').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow()).id;
      await db().updateTable('tenants').set({ time_zone: 'Europe/Warsaw' }).where('id', '=', tenantId).execute();
      inbox = JSON.parse((await ok(req('POST', '/api/v1/inboxes', 'admin', { name: `Analytics ${kind}`, channel: 'api' }), 201)).body).id;
      // Times first in elapsed time (no default business calendar); business hours are checked at the end.
      await db().updateTable('business_calendars').set({ is_default: false }).where('tenant_id', '=', tenantId).execute();
      // Alex is available from 00:50:00 (away, then back, so the event log says so).
      await ok(req('PUT', `/api/v1/routing/agents/${users.alex}/presence`, 'sam', { presence: 'away' }));
      await ok(req('PUT', `/api/v1/routing/agents/${users.alex}/presence`, 'sam', { presence: 'available' }));
      for (const u of ['supervisor', 'priya', 'wen', 'kasia']) if (users[u]) await ok(req('PUT', `/api/v1/routing/agents/${users[u]}/presence`, 'sam', { presence: 'offline' }));
      await settle();
    });
    after(async () => {
      await server.close();
      await t.db.drop();
      rmSync(t.blobDir, { recursive: true, force: true });
    });

    test('a scripted night across the DST change: every figure by hand', async () => {
      await arrive('Ann'); // 00:50:00Z
      const queueId = (await db().selectFrom('routing_tasks').select('queue_id').where('source_id', '=', conv.Ann!).executeTakeFirstOrThrow()).queue_id!;
      await ok(req('PATCH', `/api/v1/routing/queues/${queueId}`, 'admin', { wrapUpSeconds: 120 }));
      await settle();
      at('2027-03-28T00:50:12Z');
      await accept('alex', 'Ann'); // wait 12 s: within 20 s
      at('2027-03-28T00:50:40Z');
      await ok(req('POST', `/api/v1/conversations/${conv.Ann}/messages`, 'alex', { kind: 'reply', text: 'Hi Ann, looking into it' }), 201); // first response 40 s
      at('2027-03-28T00:51:00Z');
      await arrive('Ben');
      at('2027-03-28T00:51:25Z');
      await accept('alex', 'Ben'); // wait 25 s: outside 20 s
      at('2027-03-28T00:52:00Z');
      await arrive('Cat');
      at('2027-03-28T00:52:03Z');
      await resolve('admin', 'Cat'); // left after 3 s: short abandon
      at('2027-03-28T00:53:00Z');
      await arrive('Dan');
      at('2027-03-28T00:53:50Z');
      await resolve('admin', 'Dan'); // left after 50 s: abandoned

      // 01:00Z the clocks jump to 03:00 local. Alex hands Ann to Priya.
      at('2027-03-28T01:19:00Z');
      await ok(req('PUT', `/api/v1/routing/agents/${users.priya}/presence`, 'sam', { presence: 'available' }));
      await settle();
      at('2027-03-28T01:20:00Z');
      await ok(req('POST', `/api/v1/routing/tasks/${await taskOf('Ann')}/transfer`, 'alex', { toUserId: users.priya }));
      await settle();
      at('2027-03-28T01:20:10Z');
      await accept('priya', 'Ann');
      at('2027-03-28T01:25:00Z');
      await resolve('priya', 'Ann'); // wrap-up starts
      at('2027-03-28T01:25:30Z');
      await ok(req('POST', `/api/v1/routing/tasks/${await taskOf('Ann')}/wrap-up-done`, 'priya'));
      await settle();
      at('2027-03-28T01:40:00Z');
      await resolve('alex', 'Ben');
      at('2027-03-28T01:41:00Z');
      await ok(req('POST', `/api/v1/routing/tasks/${await taskOf('Ben')}/wrap-up-done`, 'alex'));
      await settle();
      at('2027-03-28T02:00:00Z');

      const o = await report('overview', '&resolution=15m');
      assert.equal(o.timeZone, 'Europe/Warsaw');
      // Hand count. Offered Ann Ben Cat Dan = 4; answered Ann (12 s) Ben (25 s); Cat short; Dan abandoned.
      // Service level 1 / (4 − 1); ASA (12 + 25) / 2. Handled: Ann (alex 00:50:12→01:20:00 = 1788 s, priya
      // 01:20:10→01:25:30 = 320 s) and Ben (alex 00:51:25→01:41:00 = 2975 s): 5083 s, AHT 2541.5 s, 1 of 2 transferred.
      // Conversations 4; resolved by people Ann (2100 s) and Ben (2940 s); Cat and Dan left before anyone (not resolved).
      assert.deepEqual(
        pick(o.totals, ['offered', 'answered', 'abandoned', 'shortAbandoned', 'answeredInServiceLevel', 'asaSeconds', 'handled', 'handleSeconds', 'ahtSeconds', 'transfers', 'transferRate', 'conversations', 'firstResponses', 'firstResponseAvgSeconds', 'resolved', 'resolutionAvgSeconds', 'fcrRate']),
        { offered: 4, answered: 2, abandoned: 1, shortAbandoned: 1, answeredInServiceLevel: 1, asaSeconds: 18.5, handled: 2, handleSeconds: 5083, ahtSeconds: 2541.5, transfers: 1, transferRate: 0.5, conversations: 4, firstResponses: 1, firstResponseAvgSeconds: 40, resolved: 2, resolutionAvgSeconds: 2520, fcrRate: 1 },
      );
      assert.equal(o.totals.serviceLevel, 1 / 3);
      assert.equal(o.totals.abandonRate, 1 / 3);
      // The DST day has 23 hours: 92 quarter hours, and 02:00–02:45 local never happen.
      assert.equal(o.series.length, 92);
      const local = (iso: string) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Warsaw', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
      const byLocal = new Map<string, Record<string, number | null>>(o.series.map((p: { start: string; metrics: Record<string, number | null> }) => [local(p.start), p.metrics]));
      assert.equal(byLocal.has('02:00'), false);
      assert.equal(byLocal.get('01:45')!.offered, 4, 'all four arrived 01:50–01:53 local');
      assert.equal(byLocal.get('03:15')!.handled, 1, 'Ann finished 03:25:30 local');
      assert.equal(byLocal.get('03:30')!.handled, 1, 'Ben finished 03:41 local');
      assert.equal(byLocal.get('03:00')!.handled, 0);

      // Agents: handle time split by agent; the transfer counted for the one who made it.
      const a = await report('agents');
      const row = (id: string) => a.rows.find((r: { key: string }) => r.key === id)?.metrics;
      const everyInbox = JSON.parse((await ok(req('GET', `/api/v1/analytics/reports/agents?${dayQuery}`, 'sam'))).body);
      const presenceOf = (id: string) => everyInbox.rows.find((r: { key: string }) => r.key === id)?.metrics;
      assert.deepEqual(pick(row(users.alex!), ['handled', 'handleSeconds', 'transfers', 'answered', 'asaSeconds']), { handled: 2, handleSeconds: 4763, transfers: 1, answered: 2, asaSeconds: 18.5 });
      assert.deepEqual(pick(row(users.priya!), ['handled', 'handleSeconds', 'transfers', 'answered']), { handled: 1, handleSeconds: 320, transfers: 0, answered: 0 });
      assert.equal(a.rows[0].key, users.alex, 'leaderboard: most handled first');
      assert.equal(row(users.alex!).offered, null, 'queue figures are not an agent\'s');
      // Presence: alex available 00:50–02:00 (4200 s, still open: counted live) and busy longer than that
      // (two chats at once): occupancy capped at 1. Priya available from 01:19 (2460 s), busy 320 s.
      // Presence has no inbox: it shows in reports not narrowed to an inbox, queue or channel.
      assert.deepEqual(pick(presenceOf(users.alex!), ['loggedInSeconds', 'availableSeconds', 'occupancy']), { loggedInSeconds: 4200, availableSeconds: 4200, occupancy: 1 });
      assert.deepEqual(pick(presenceOf(users.priya!), ['loggedInSeconds', 'availableSeconds']), { loggedInSeconds: 2460, availableSeconds: 2460 });
      assert.equal(presenceOf(users.priya!).occupancy, 320 / 2460);
      assert.equal(row(users.alex!).loggedInSeconds, 0);

      // Busiest hours: Sunday (6), 01:00 local.
      const h = await report('busiest-hours');
      assert.equal(h.heatmap[6][1], 4);
      assert.equal(h.heatmap.flat().reduce((s: number, x: number) => s + x, 0), 4);

      // Distributions and drill-down use the same facts.
      const d = await report('distributions', '&measure=wait');
      assert.deepEqual(d.percentiles, { count: 4, medianSeconds: 12, p90Seconds: 50 });
      const drill = async (metric: string) => {
        const r = await req('GET', `/api/v1/analytics/drill?${dayQuery}&inboxId=${inbox}&metric=${metric}`, 'sam');
        assert.equal(r.statusCode, 200, r.body);
        return JSON.parse(r.body).items as { conversationId: string; valueSeconds: number; customerName: string }[];
      };
      assert.deepEqual((await drill('abandoned')).map((x) => [x.conversationId, x.valueSeconds, x.customerName]), [[conv.Dan, 50, 'Dan']]);
      assert.deepEqual((await drill('shortAbandoned')).map((x) => x.conversationId), [conv.Cat]);
      assert.deepEqual((await drill('handled')).map((x) => [x.conversationId, x.valueSeconds]), [[conv.Ann, 2108], [conv.Ben, 2975]]);
      assert.deepEqual((await drill('offered')).length, o.totals.offered);

      // The wallboard (same code) agrees for today.
      const wb = JSON.parse((await req('GET', '/api/v1/wallboard', 'sam')).body);
      const q = wb.queues.find((x: { queueId: string }) => x.queueId === queueId).today;
      assert.ok(q.offered >= 4 && q.handled >= 2);

      // The raw scan of the events (no rollups) gives the same figures for the whole workspace.
      const repos0 = createRepos(db());
      const whole = JSON.parse((await ok(req('GET', `/api/v1/analytics/reports/overview?${dayQuery}`, 'sam'))).body).totals;
      const raw = rawReport(await repos0.analyticsRead.eventsInRange(tenantId, new Date(Date.parse('2027-03-27T23:00:00Z') - 31 * 86_400_000), new Date('2027-03-28T22:00:00Z')),
        { from: Date.parse('2027-03-27T23:00:00Z'), to: Date.parse('2027-03-28T22:00:00Z') });
      for (const k of ['offered', 'answered', 'abandoned', 'shortAbandoned', 'handled', 'handleSeconds', 'transfers', 'conversations', 'resolved', 'firstResponses']) assert.equal(raw.totals[k as 'offered'], whole[k], k);
      const rawAgents = rawReport(await repos0.analyticsRead.eventsInRange(tenantId, new Date(Date.parse('2027-03-27T23:00:00Z') - 31 * 86_400_000), new Date('2027-03-28T22:00:00Z')),
        { from: Date.parse('2027-03-27T23:00:00Z'), to: Date.parse('2027-03-28T22:00:00Z'), byAgent: true });
      assert.equal(rawAgents.rows.get(users.priya!)?.handleSeconds, 320);

      // A full rebuild gives the same report; so does replaying every event over the kept facts.
      const before = JSON.stringify(await report('overview', '&resolution=15m'));
      const beforeAgents = JSON.stringify(await report('agents', '&resolution=15m'));
      const rollups = createRollupProcessor(db());
      await rollups.rebuild(tenantId);
      assert.equal(JSON.stringify(await report('overview', '&resolution=15m')), before);
      assert.equal(JSON.stringify(await report('agents', '&resolution=15m')), beforeAgents);
      await sql`update analytics_cursors set processed_seq = 0 where tenant_id = ${tenantId}`.execute(db());
      await rollups.processTenant(tenantId);
      assert.equal(JSON.stringify(await report('overview', '&resolution=15m')), before, 'events seen twice change nothing');
      const status = JSON.parse((await ok(req('GET', '/api/v1/analytics/rollups', 'sam'))).body);
      assert.equal(status.lagEvents, 0);
      // The lean day rollups are the day rollups summed over the dimensions each grain drops.
      const leanOf = (grain: string) => sql<{ k: string; n: string; h: string; c: string }>`
        select day || '|' || kind || '|' || queue_id || '|' || channel || '|' || inbox_id || '|' || agent_id || '|' || team_id as k, offered::text as n, handle_ms::text as h, conversations::text as c
        from analytics_rollups_day_lean where tenant_id = ${tenantId} and grain = ${grain} and (offered, handle_ms, conversations, busy_ms, resolved) <> (0, 0, 0, 0, 0) order by 1`.execute(db());
      const grouped = (grain: string) => sql<{ k: string; n: string; h: string; c: string }>`
        select day || '|' || kind || '|' || q || '|' || ch || '|' || i || '|' || a || '|' || t as k, sum(offered)::text as n, sum(handle_ms)::text as h, sum(conversations)::text as c from (
          select day, kind, offered, handle_ms, conversations, busy_ms, resolved,
            case when ${grain} = 'q' then queue_id else '' end as q, case when ${grain} = 'q' then channel else '' end as ch, case when ${grain} = 'q' then inbox_id else '' end as i,
            case when ${grain} = 'a' then agent_id else '' end as a, case when ${grain} = 'a' then team_id else '' end as t
          from analytics_rollups_day where tenant_id = ${tenantId} and kind = any(${grain === 'a' ? ['a', 'c', 'p'] : ['q', 'c', 's']}::text[])) x
        group by day, kind, q, ch, i, a, t having (sum(offered), sum(handle_ms), sum(conversations), sum(busy_ms), sum(resolved)) <> (0, 0, 0, 0, 0) order by 1`.execute(db());
      for (const grain of ['a', 'q']) {
        const lean = (await leanOf(grain)).rows;
        assert.ok(lean.length > 0, `grain ${grain} has rows`);
        assert.deepEqual(lean, (await grouped(grain)).rows, `grain ${grain}`);
      }
      // By day, the whole workspace's reports read the lean rows: the same figures as the raw scan.
      const byDay = async (name: string) => JSON.parse((await ok(req('GET', `/api/v1/analytics/reports/${name}?${dayQuery}&resolution=day`, 'sam'))).body);
      assert.equal((await byDay('agents')).rows.find((r: { key: string }) => r.key === users.priya)?.metrics.handleSeconds, 320);
      const overviewByDay = (await byDay('overview')).totals;
      for (const k of ['offered', 'answered', 'abandoned', 'handled', 'handleSeconds', 'conversations', 'resolved']) assert.equal(overviewByDay[k], raw.totals[k as 'offered'], `${k} by day`);

      // A late event (committed now, happened at 01:55 local) lands in its own interval.
      const repos = createRepos(db());
      const lateTask = '0190e0a0-0000-7000-8000-00000000aaaa';
      await repos.events.append(tenantId, [draftEvent(() => crypto.randomUUID(), {
        type: 'task.queued', aggregateType: 'task', aggregateId: lateTask, actorId: null, topics: ['tenant'],
        payload: { taskId: lateTask, queueId, kind: 'conversation', channel: 'api', sourceType: 'conversation', sourceId: conv.Cat },
      })], new Date('2027-03-28T00:55:00Z'));
      await sequenceAll(db());
      const late = await report('overview', '&resolution=15m');
      assert.equal(late.totals.offered, 5);
      assert.equal(late.series.find((p: { start: string }) => local(p.start) === '01:45').metrics.offered, 5);
    });

    test('tags cut every figure, tasks included, and follow a tag change', async () => {
      await ok(req('PATCH', `/api/v1/conversations/${conv.Ann}`, 'sam', { tags: ['vip'] }));
      const tagged = await report('overview', '&tag=vip');
      assert.deepEqual([tagged.totals.offered, tagged.totals.answered, tagged.totals.handled, tagged.totals.handleSeconds, tagged.totals.conversations], [1, 1, 1, 2108, 1]);
      const byTag = await report('tags');
      const vip = byTag.rows.find((r: { key: string }) => r.key === 'vip');
      assert.deepEqual([vip.metrics.offered, vip.metrics.resolved], [1, 1]);
      const none = byTag.rows.find((r: { key: string }) => r.key === '');
      assert.equal(none.metrics.offered, 4, 'the untagged (Ben, Cat, Dan and the late task)');
    });

    test('first response and resolution count business hours only: a Sunday night on the weekday calendar is 0 s', async () => {
      const before = await report('overview');
      assert.deepEqual([before.totals.firstResponseAvgSeconds, before.totals.resolutionAvgSeconds], [40, 2520]);
      await db().updateTable('business_calendars').set({ is_default: true }).where('tenant_id', '=', tenantId).where('name', '=', 'London office hours').execute();
      await createRollupProcessor(db()).rebuild(tenantId);
      const after = await report('overview');
      assert.deepEqual([after.totals.firstResponses, after.totals.firstResponseAvgSeconds, after.totals.resolved, after.totals.resolutionAvgSeconds], [1, 0, 2, 0]);
      assert.equal(after.totals.handleSeconds, before.totals.handleSeconds, 'handle time is elapsed time');
    });

    test('bad input gets a 400 with the reason; agents may not read reports', async () => {
      const bad = async (q: string, re: RegExp) => {
        const r = await req('GET', `/api/v1/analytics/reports/overview?${q}`, 'sam');
        assert.equal(r.statusCode, 400, r.body);
        assert.match(r.body, re);
      };
      await bad('from=2027-03-28T00:00:00Z&to=2027-03-27T00:00:00Z', /the end \(to\) must be after the start \(from\)/);
      await bad('from=2017-01-01T00:00:00Z&to=2027-01-01T00:00:00Z&resolution=15m', /at most 1098 days/);
      await bad('from=2025-01-01T00:00:00Z&to=2027-01-01T00:00:00Z&resolution=15m', /use resolution=day or resolution=auto/);
      await bad(`${dayQuery}&groupBy=planet`, /groupBy/);
      await bad(`${dayQuery}&groupBy=segment`, /cannot be split by segments/);
      const autoLong = JSON.parse((await ok(req('GET', '/api/v1/analytics/reports/overview?from=2025-01-01T00:00:00Z&to=2027-01-01T00:00:00Z', 'sam'))).body);
      assert.equal(autoLong.resolution, 'week');
      assert.match(autoLong.resolutionNote, /week/);
      assert.equal((await req('GET', `/api/v1/analytics/reports/overview?${dayQuery}`, 'alex')).statusCode, 403);
      assert.equal((await req('GET', `/api/v1/analytics/reports/nope?${dayQuery}`, 'sam')).statusCode, 404);
      assert.equal((await req('GET', `/api/v1/analytics/drill?${dayQuery}&metric=nps`, 'sam')).statusCode, 400);
      const csv = await ok(req('GET', `/api/v1/analytics/reports/queues?${dayQuery}&format=csv`, 'sam'));
      assert.match(csv.body, /offered/);
    });
  });
}

function pick(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, o[k]]));
}
