import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { createLogger } from '../src/logger.ts';
import { isAppError } from '../src/core/errors.ts';
import { generateHistory } from '../src/core/analytics-history/generate.ts';
import { writeHistoryDay } from '../src/storage/history-writer.ts';
import { seedDemoHistory } from '../src/seed-history.ts';
import { createRollupProcessor } from '../src/jobs/analytics-rollups.ts';
import { rawReport, type RawEvent } from '../src/core/analytics/raw-scan.ts';
import { dbKinds, freshDatabase, type TestDatabase } from './helpers/db.ts';

const log = createLogger('silent');
const NOW = Date.UTC(2026, 5, 17, 14, 30); // a Wednesday afternoon
const clock = { now: () => new Date(NOW) };

for (const kind of await dbKinds()) {
  describe(`generated history written on ${kind}`, () => {
    let t: TestDatabase;
    let tenantId = '';
    before(async () => {
      t = await freshDatabase(kind);
      tenantId = (await t.database.db.selectFrom('tenants').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow()).id;
    });
    after(() => t.drop());

    const count = async (table: 'events' | 'outbox' | 'conversations' | 'messages' | 'survey_responses' | 'customers', where = sql<boolean>`true`) =>
      Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)} where tenant_id = ${tenantId}::uuid and ${where}`.execute(t.database.db)).rows[0]!.n);

    test('an unknown tenant is a not_found error and nothing is written', async () => {
      const [day] = [...generateHistory({
        seed: 1, tenantId: 'x', timeZone: 'UTC', start: Date.UTC(2026, 0, 5), end: Date.UTC(2026, 0, 6), perDay: 20,
        queues: [{ id: uuidv7(), teamIds: [] }], agents: [{ id: uuidv7(), teamIds: [] }], inboxes: [{ id: uuidv7(), channel: 'chat' }], customers: [], dispositions: [], tags: [],
      })];
      const before = await count('customers');
      await assert.rejects(writeHistoryDay(t.database.db, uuidv7(), day!), (e: unknown) => isAppError(e) && e.code === 'not_found');
      assert.equal(await count('customers'), before);
    });

    test('demo history: days in order, events numbered gaplessly with no outbox rows, rows resolved, followers skip it, resumable and written once', async () => {
      const db = t.database.db;
      const seqBefore = Number((await db.selectFrom('tenants').select('event_seq').where('id', '=', tenantId).executeTakeFirstOrThrow()).event_seq);
      const routingBefore = await db.selectFrom('routing_cursors').select('last_seq').where('tenant_id', '=', tenantId).executeTakeFirst();
      assert.equal(Number(routingBefore?.last_seq), seqBefore, 'the demo seed leaves routing at the head');
      const outboxBefore = await count('outbox');
      const convBefore = await count('conversations');
      const progress: number[] = [];
      // First run stops after 3 days (as if the server stopped); the second finishes from day 4.
      let days = 0;
      const first = await seedDemoHistory(db, clock, uuidv7, log, { slug: 'demo', days: 8, perDay: 60, onProgress: (p) => { progress.push(p.day); days++; } }, () => days >= 3);
      assert.equal(first, 3);
      const second = await seedDemoHistory(db, clock, uuidv7, log, { slug: 'demo', days: 8, perDay: 60, onProgress: (p) => progress.push(p.day) });
      assert.equal(second, 5);
      assert.deepEqual(progress, [1, 2, 3, 4, 5, 6, 7, 8]);
      assert.equal(await seedDemoHistory(db, clock, uuidv7, log, { slug: 'demo', days: 8, perDay: 60 }), 0, 'a finished history is not written again');

      const seqAfter = Number((await db.selectFrom('tenants').select('event_seq').where('id', '=', tenantId).executeTakeFirstOrThrow()).event_seq);
      const added = await count('events', sql<boolean>`seq > ${seqBefore}`);
      assert.equal(seqAfter - seqBefore, added, 'gapless numbering');
      assert.equal(await count('events', sql<boolean>`seq is null`), 0);
      assert.equal(await count('outbox'), outboxBefore, 'no outbox rows');
      assert.ok(added > 8 * 30, `${added} events`);
      const routing = await db.selectFrom('routing_cursors').select('last_seq').where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
      assert.equal(Number(routing.last_seq), seqAfter, 'routing does not replay history');
      const sla = await db.selectFrom('sla_cursors').select('last_seq').where('tenant_id', '=', tenantId).executeTakeFirst();
      assert.ok(!sla || Number(sla.last_seq) === 0 || Number(sla.last_seq) === seqAfter, 'the SLA engine does not replay history');
      const search = await db.selectFrom('search_cursors').select('seq').where('tenant_id', '=', tenantId).executeTakeFirst();
      assert.equal(Number(search?.seq ?? 0), 0, 'search rebuilds from the rows once, at the end');

      const newConvs = (await count('conversations')) - convBefore;
      assert.ok(newConvs > 8 * 20, `${newConvs} conversations`);
      assert.equal(await count('conversations', sql<boolean>`status <> 'resolved'`), await count('conversations', sql<boolean>`status <> 'resolved' and created_at > ${new Date(NOW - 86_400_000)}`), 'every history conversation is resolved');
      assert.equal(await count('events', sql<boolean>`type = 'conversation.created' and seq > ${seqBefore}`), newConvs);
      assert.equal(await count('events', sql<boolean>`type = 'message.created' and seq > ${seqBefore}`), await count('messages', sql<boolean>`created_at < ${new Date(NOW - 3_600_000)} and created_at > ${new Date(NOW - 10 * 86_400_000)}`));
      assert.ok((await count('survey_responses', sql<boolean>`responded_at < ${new Date(NOW - 3_600_000)}`)) > 0);
      assert.ok((await count('messages', sql<boolean>`sentiment is not null and direction = 'inbound'`)) > newConvs / 2);
      // Time order follows seq within the history, and nothing lies in the future.
      const disorder = await sql<{ n: string }>`
        select count(*) as n from (select created_at, lag(created_at) over (order by seq) as prev from events where tenant_id = ${tenantId}::uuid and seq > ${seqBefore}) x
        where prev > created_at`.execute(db);
      assert.equal(Number(disorder.rows[0]!.n), 0);
      assert.equal(await count('events', sql<boolean>`seq > ${seqBefore} and created_at > ${new Date(NOW)}`), 0);
      // The history adds a phone line and a WhatsApp inbox for the channel mix.
      const channels = await db.selectFrom('conversations').innerJoin('inboxes', 'inboxes.id', 'conversations.inbox_id').select('inboxes.channel').distinct().where('conversations.tenant_id', '=', tenantId).execute();
      assert.deepEqual(channels.map((c) => c.channel).sort(), ['chat', 'email', 'voice', 'whatsapp']);
    });

    test('the rollups fold the history to the same figures as a raw scan of its events', async () => {
      const db = t.database.db;
      await createRollupProcessor(db).processTenant(tenantId);
      const rows = await sql<{ seq: string; type: string; aggregate_type: string; aggregate_id: string; payload: Record<string, unknown>; created_at: Date }>`
        select seq, type, aggregate_type, aggregate_id, payload, created_at from events where tenant_id = ${tenantId}::uuid and seq is not null`.execute(db);
      const events: RawEvent[] = rows.rows.map((x) => ({ seq: Number(x.seq), type: x.type, aggregateType: x.aggregate_type, aggregateId: x.aggregate_id, payload: x.payload, at: new Date(x.created_at).getTime() }));
      const from = NOW - 9 * 86_400_000;
      const raw = rawReport(events, { from, to: NOW });
      assert.ok((raw.totals.offered ?? 0) > 100, `offered ${raw.totals.offered}`);
      const sums = await sql<{ offered: string; answered: string; abandoned: string }>`
        select coalesce(sum(offered), 0) as offered, coalesce(sum(answered), 0) as answered, coalesce(sum(abandoned), 0) as abandoned
        from analytics_rollups_15m where tenant_id = ${tenantId}::uuid and kind = 'q' and bucket >= ${new Date(from)} and bucket < ${new Date(NOW)}`.execute(db);
      assert.equal(Number(sums.rows[0]!.offered), raw.totals.offered);
      assert.equal(Number(sums.rows[0]!.answered), raw.totals.answered);
    });
  });
}
