import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql, type KyselyPlugin, type RootOperationNode } from 'kysely';
import { createRollupProcessor } from '../src/jobs/analytics-rollups.ts';
import { unpackSummary } from '../src/core/analytics/conversation-facts.ts';
import { sequenceAll } from '../src/storage/event-sequencer.ts';
import { createRepos } from '../src/storage/repos.ts';
import { draftEvent } from '../src/core/events/draft.ts';
import type { Db } from '../src/storage/db.ts';
import { dbKinds, freshDatabase, type TestDatabase } from './helpers/db.ts';

/**
 * The analytics fold finishes a conversation that only got messages from what its fact keeps (its
 * events' base and whether a later contact repeats it), without reading its events again; the
 * facts and rollups must be exactly what a full rebuild computes.
 */
for (const kind of await dbKinds()) {
  describe(`analytics fold of message-only batches on ${kind}`, () => {
    let t: TestDatabase;
    let db: Db;
    const tenantId = randomUUID();
    const customer = randomUUID();
    const agent = randomUUID();
    const [c1, c2] = [randomUUID(), randomUUID()];
    let eventReads: string[] = [];
    // Records the conversation-event reads the fold makes (aggregateEvents).
    const spy: KyselyPlugin = {
      transformQuery: (a) => {
        const n = a.node as RootOperationNode & { sqlFragments?: readonly string[] };
        const text = n.kind === 'RawNode' ? (n.sqlFragments ?? []).join('?') : '';
        if (/from events\s+where tenant_id = \? and aggregate_type = \?/.test(text)) eventReads.push(text);
        return a.node;
      },
      transformResult: async (a) => a.result,
    };
    const T0 = Date.parse('2027-05-03T09:00:00Z');
    const append = async (at: number, type: string, aggregateType: string, aggregateId: string, payload: Record<string, unknown>, actorId: string | null = null) => {
      await createRepos(db).events.append(tenantId, [draftEvent(() => randomUUID(), { type, aggregateType, aggregateId, actorId, topics: ['tenant'], payload })], new Date(at));
      await sequenceAll(db);
    };
    const message = (at: number, conversationId: string, direction: 'inbound' | 'outbound', sentiment: number | null, author: string | null = null) =>
      append(at, 'message.created', 'message', randomUUID(), { conversationId, direction, sentiment, authorUserId: author, text: 'hello' });
    const facts = async () => (await sql<Record<string, unknown>>`select fact_id, kind, at, agent_id, outcome, first_response_at, first_response_ms, resolved_at, resolution_ms, fcr, contributions, state
      from analytics_facts where tenant_id = ${tenantId} order by fact_id`.execute(db)).rows;
    // Rollup rows by key with their non-zero counters (deltas that cancel out leave zero rows behind).
    const rollups = async () => (await sql<Record<string, unknown>>`select * from analytics_rollups_15m where tenant_id = ${tenantId} order by bucket, kind, queue_id, channel, inbox_id, agent_id, team_id`.execute(db)).rows
      .map((r) => Object.fromEntries(Object.entries(r).filter(([k, v]) => ['bucket', 'kind', 'queue_id', 'channel', 'inbox_id', 'agent_id', 'team_id'].includes(k) || (v !== null && Number(v) !== 0))))
      .filter((r) => Object.keys(r).length > 7);

    before(async () => {
      t = await freshDatabase(kind);
      await sql`insert into tenants (id, slug, name) values (${tenantId}, ${`inc-${tenantId.slice(0, 8)}`}, 'Incremental')`.execute(t.database.db);
      db = t.database.db.withPlugin(spy);
    });
    after(() => t.drop());

    test('messages after the first fold are finished from the kept base, and match a rebuild', async () => {
      const fold = createRollupProcessor(db);
      await append(T0, 'conversation.created', 'conversation', c1, { inboxId: 'i1', customerId: customer, channel: 'chat' });
      await append(T0 + 1_000, 'conversation.assigned', 'conversation', c1, { to: agent }, agent);
      await message(T0 + 2_000, c1, 'inbound', 0.5);
      await fold.processTenant(tenantId);
      const base = (await facts()).find((f) => f.fact_id === `c:${c1}`)!.state as { base?: unknown; repeat?: unknown };
      assert.ok(base.base && typeof base.base === 'object', 'the fact keeps its base');
      assert.equal(base.repeat, false);

      eventReads = [];
      await message(T0 + 60_000, c1, 'outbound', null, agent); // first response after 58 s
      await message(T0 + 120_000, c1, 'inbound', -0.8);
      await message(T0 + 30_000, c1, 'inbound', 0.1); // late: earlier time, later seq
      await fold.processTenant(tenantId);
      assert.deepEqual(eventReads, [], 'no conversation events read for a batch of messages');
      const f1 = (await facts()).find((f) => f.fact_id === `c:${c1}`)!;
      assert.equal(Number(f1.first_response_ms), 58_000);
      const kept = unpackSummary((f1.state as { msgs?: unknown }).msgs)!;
      assert.ok(kept && !('points' in (f1.state as object)), 'the fact keeps a summary of its messages, not each one');
      assert.deepEqual([kept.firstIn?.at, kept.replies.map((r) => r.at), kept.sentiment.reduce((n, x) => n + x.n, 0)], [T0 + 2_000, [T0 + 60_000], 3]);

      // Resolved, then the customer comes back within 7 days: not FCR (a neighbour's full fold).
      await append(T0 + 600_000, 'conversation.status_changed', 'conversation', c1, { from: 'open', to: 'resolved' }, agent);
      await fold.processTenant(tenantId);
      assert.equal((await facts()).find((f) => f.fact_id === `c:${c1}`)!.fcr, true);
      await append(T0 + 86_400_000, 'conversation.created', 'conversation', c2, { inboxId: 'i1', customerId: customer, channel: 'chat' });
      eventReads = [];
      await fold.processTenant(tenantId);
      assert.ok(eventReads.length > 0, 'the earlier conversation of the customer is folded from its events again');
      assert.equal((await facts()).find((f) => f.fact_id === `c:${c1}`)!.fcr, false, 'the later contact repeats it');
      // More messages on the first conversation keep that.
      eventReads = [];
      await message(T0 + 86_500_000, c1, 'inbound', 0.2);
      await message(T0 + 86_500_000, c2, 'inbound', 0.3);
      await fold.processTenant(tenantId);
      assert.deepEqual(eventReads, []);
      assert.equal((await facts()).find((f) => f.fact_id === `c:${c1}`)!.fcr, false);

      const incremental = { facts: await facts(), rollups: await rollups() };
      await fold.rebuild(tenantId);
      assert.deepEqual(await facts(), incremental.facts, 'facts equal a rebuild');
      assert.deepEqual(await rollups(), incremental.rollups, 'rollups equal a rebuild');
    });

    test('the minute job ends after the batch in hand when the node closes; the next run goes on', async () => {
      const fold = createRollupProcessor(db, { batchSize: 2 });
      const c4 = randomUUID();
      const T2 = T0 + 5 * 86_400_000;
      await append(T2, 'conversation.created', 'conversation', c4, { inboxId: 'i3', customerId: randomUUID(), channel: 'chat' });
      for (let i = 1; i <= 5; i++) await message(T2 + i * 1_000, c4, 'inbound', 0.1);
      // Every tenant's events not folded yet (the database's demo workspace has its own).
      const behind = async () => Number((await sql<{ n: string }>`select coalesce(sum(t.event_seq - coalesce(c.processed_seq, 0)), 0) as n
        from tenants t left join analytics_cursors c on c.tenant_id = t.id`.execute(db)).rows[0]!.n);
      const before = await behind();
      assert.ok(before >= 6);
      let asked = 0;
      assert.equal(await fold.processAll(() => asked++ > 0), 2, 'one batch, then the stop is seen');
      assert.equal(await behind(), before - 2);
      assert.equal(await fold.processAll(), before - 2, 'the next run folds the rest');
      assert.equal(await behind(), 0);
      const incremental = { facts: await facts(), rollups: await rollups() };
      await fold.rebuild(tenantId);
      assert.deepEqual(await facts(), incremental.facts, 'facts equal a rebuild');
      assert.deepEqual(await rollups(), incremental.rollups, 'rollups equal a rebuild');
    });

    test('a fact written before summaries (every message point kept) goes on from its points', async () => {
      const fold = createRollupProcessor(db);
      const c3 = randomUUID();
      const T1 = T0 + 3 * 86_400_000;
      await append(T1, 'conversation.created', 'conversation', c3, { inboxId: 'i2', customerId: randomUUID(), channel: 'chat' });
      await message(T1 + 1_000, c3, 'inbound', 0.4);
      await message(T1 + 5_000, c3, 'outbound', null, agent);
      await message(T1 + 9_000, c3, 'inbound', -0.2);
      await fold.processTenant(tenantId);
      // As the earlier release stored it: [seq, at, dir, userId, sentiment] per message.
      const seqs = (await sql<{ seq: string }>`select seq from events where tenant_id = ${tenantId} and type = 'message.created' and payload->>'conversationId' = ${c3} order by seq`.execute(db)).rows.map((r) => Number(r.seq));
      const points = [[seqs[0], T1 + 1_000, 'in', null, 0.4], [seqs[1], T1 + 5_000, 'agent', agent, null], [seqs[2], T1 + 9_000, 'in', null, -0.2]];
      await sql`update analytics_facts set state = (state - 'msgs') || jsonb_build_object('points', ${JSON.stringify(points)}::jsonb) where tenant_id = ${tenantId} and fact_id = ${`c:${c3}`}`.execute(db);
      await message(T1 - 60_000, c3, 'inbound', 0.9); // late: now the first inbound
      await fold.processTenant(tenantId);
      const f = (await facts()).find((x) => x.fact_id === `c:${c3}`)!;
      assert.equal(Number(f.first_response_ms), 65_000, 'first response from the late first message to the kept reply');
      assert.ok(unpackSummary((f.state as { msgs?: unknown }).msgs) && !('points' in (f.state as object)), 'rewritten as a summary');
      const incremental = { facts: await facts(), rollups: await rollups() };
      await fold.rebuild(tenantId);
      assert.deepEqual(await facts(), incremental.facts, 'facts equal a rebuild');
      assert.deepEqual(await rollups(), incremental.rollups, 'rollups equal a rebuild');
    });
  });
}
