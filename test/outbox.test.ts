/**
 * Events and the outbox: atomic with the state change, numbered after commit (decision 016) with a
 * gapless seq per tenant under concurrent writers that never wait for each other, delivered to the
 * bus at least once (also after the bus fails), append-only.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { memoryBus, type Bus } from '../src/bus/bus.ts';
import { systemClock } from '../src/core/context.ts';
import { draftEvent } from '../src/core/events/draft.ts';
import { startDispatcher } from '../src/jobs/outbox-dispatcher.ts';
import { createLogger } from '../src/logger.ts';
import type { Db } from '../src/storage/db.ts';
import { createRepos, createUnitOfWork } from '../src/storage/repos.ts';
import { sequenceAll } from '../src/storage/event-sequencer.ts';
import type { StoredEvent } from '../src/storage/events.repo.ts';
import { dbKinds, freshDatabase } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function counts(db: Db) {
  const n = async (table: 'events' | 'outbox' | 'teams') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const pending = Number(
    (await db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('delivered_at', 'is', null).executeTakeFirstOrThrow()).n,
  );
  const seq = Number((await db.selectFrom('tenants').select('event_seq').executeTakeFirstOrThrow()).event_seq);
  return { events: await n('events'), outbox: await n('outbox'), teams: await n('teams'), pending, seq };
}

const tenantIdOf = async (db: Db) => (await db.selectFrom('tenants').select('id').executeTakeFirstOrThrow()).id;

for (const kind of await dbKinds()) {
  describe(`events and outbox on ${kind}`, () => {
    let t: TestServer;
    let admin: string;
    before(async () => {
      t = await startTestServer(kind);
      admin = await t.login(demo.admin);
    });
    after(() => t.close());

    test('a unit of work that throws after appending leaves no events, no outbox rows, no state', async () => {
      const db = t.server.database.db;
      const tenantId = await tenantIdOf(db);
      let notified = 0;
      const uow = createUnitOfWork(db, () => {
        notified++;
      });
      const before = await counts(db);
      const teamId = uuidv7();
      await assert.rejects(
        uow(async (r) => {
          await r.teams.insert({ id: teamId, tenantId, name: 'Doomed team', description: '' });
          const stored = await r.events.append(
            tenantId,
            [
              draftEvent(uuidv7, { type: 'team.created', aggregateType: 'team', aggregateId: teamId, actorId: null, payload: {} }),
              draftEvent(uuidv7, { type: 'team.updated', aggregateType: 'team', aggregateId: teamId, actorId: null, payload: {} }),
            ],
            new Date(),
          );
          assert.equal(stored.length, 2, 'the events were appended inside the transaction');
          throw new Error('boom');
        }),
        /boom/,
      );
      assert.deepEqual(await counts(db), before);
      assert.equal(await db.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst(), undefined);
      assert.equal(notified, 0, 'no commit, so no dispatch is asked for');

      // The same unit of work without the throw commits all three together.
      await uow(async (r) => {
        await r.teams.insert({ id: teamId, tenantId, name: 'Kept team', description: '' });
        await r.events.append(tenantId, [draftEvent(uuidv7, { type: 'team.created', aggregateType: 'team', aggregateId: teamId, actorId: null, payload: {} })], new Date());
      });
      const afterOk = await counts(db);
      assert.equal(afterOk.events, before.events + 1);
      assert.equal(afterOk.outbox, before.outbox + 1);
      assert.equal(afterOk.teams, before.teams + 1);
      assert.equal(notified, 1);
      await sequenceAll(db);
      assert.equal((await counts(db)).seq, before.seq + 1, 'the failed attempt took no number; the kept event took the next one');
    });

    test('seq stays gapless and unique per tenant under 20 concurrent writers', async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => t.req('POST', '/api/v1/teams', { cookie: admin, body: { name: `Parallel ${i}` } })),
      );
      for (const r of results) assert.equal(r.statusCode, 201, r.body);
      const db = t.server.database.db;
      const tenantId = await tenantIdOf(db);
      const rows = await db.selectFrom('events').select(['seq', 'type', 'aggregate_id']).where('tenant_id', '=', tenantId).orderBy('seq').execute();
      const seqs = rows.map((r) => Number(r.seq));
      assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, i) => i + 1), 'seqs are 1..N without gaps or duplicates');
      assert.equal((await counts(db)).seq, seqs.length, "the tenant's counter equals the last seq");
      const created = new Set(rows.filter((r) => r.type === 'team.created').map((r) => r.aggregate_id));
      for (const r of results) assert.ok(created.has(r.json().id), 'every team has its event');
      const outboxSeqs = (await db.selectFrom('outbox').select('seq').where('tenant_id', '=', tenantId).orderBy('seq').execute()).map((r) => Number(r.seq));
      assert.deepEqual(outboxSeqs, seqs, 'one outbox row per event');
    });

    test('the dispatcher delivers every outbox row to the bus and marks it delivered', async () => {
      const db = t.server.database.db;
      const heard = new Map<string, number>();
      const topicsHeard = new Map<string, unknown>();
      const off = t.server.bus.subscribe((e) => {
        heard.set(e.id, (heard.get(e.id) ?? 0) + 1);
        topicsHeard.set(e.id, e.topics);
      });
      try {
        const ids: string[] = [];
        for (let i = 0; i < 5; i++) {
          const r = await t.req('POST', '/api/v1/teams', { cookie: admin, body: { name: `Dispatched ${i}` } });
          assert.equal(r.statusCode, 201, r.body);
          ids.push(r.json().id);
        }
        const deadline = Date.now() + 10_000;
        while ((await counts(db)).pending > 0) {
          if (Date.now() > deadline) assert.fail('outbox rows still pending after 10 s');
          await sleep(50);
        }
        const rows = await db
          .selectFrom('outbox')
          .innerJoin('events', 'events.id', 'outbox.event_id')
          .select(['outbox.event_id', 'outbox.delivered_at', 'events.aggregate_id', 'events.topics'])
          .where('events.aggregate_id', 'in', ids)
          .execute();
        assert.equal(rows.length, 5);
        for (const r of rows) {
          assert.ok(r.delivered_at, 'marked delivered');
          assert.ok((heard.get(r.event_id) ?? 0) >= 1, `event ${r.event_id} reached the bus`);
          // Topics are claimed as JSON and must reach subscribers as the stored list of strings.
          assert.ok(r.topics.length > 0);
          assert.deepEqual(topicsHeard.get(r.event_id), r.topics, 'the stored topics, as a list');
        }
      } finally {
        off();
      }
    });

    test('a writer holding its transaction open does not stop another from committing and being numbered', { skip: kind === 'pglite' && 'PGlite runs one transaction at a time' }, async () => {
      const db = t.server.database.db;
      const tenantId = await tenantIdOf(db);
      const slowId = uuidv7();
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let appended!: () => void;
      const slowAppended = new Promise<void>((r) => (appended = r));
      const slow = db.transaction().execute(async (tx) => {
        await createRepos(tx).events.append(tenantId, [{ ...draftEvent(uuidv7, { type: 'test.slow', aggregateType: 'test', aggregateId: slowId, actorId: null, payload: {} }), id: slowId }], new Date());
        appended();
        await held;
      });
      await slowAppended;
      // With the old per-write tenant lock this request waited for the slow transaction.
      const fast = await Promise.race([
        t.req('POST', '/api/v1/teams', { cookie: admin, body: { name: 'Not blocked' } }),
        sleep(5_000).then(() => null),
      ]);
      assert.ok(fast, 'the second writer committed while the first held its transaction open');
      assert.equal(fast.statusCode, 201, fast.body);
      const fastEvent = await db.selectFrom('events').select(['seq']).where('aggregate_id', '=', fast.json().id).executeTakeFirstOrThrow();
      assert.ok(fastEvent.seq !== null, 'the committed event is numbered when the request returns');
      release();
      await slow;
      await sequenceAll(db);
      const slowEvent = await db.selectFrom('events').select('seq').where('id', '=', slowId).executeTakeFirstOrThrow();
      assert.ok(Number(slowEvent.seq) > Number(fastEvent.seq), 'numbered in commit order: the late committer comes after');
      const seqs = (await db.selectFrom('events').select('seq').where('tenant_id', '=', tenantId).orderBy('seq').execute()).map((r) => Number(r.seq));
      assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, i) => i + 1), 'still gapless');
    });

    test('outbox rows of a tenant that is gone: unnumbered ones are removed by the numbering statement, numbered ones with no event are marked delivered and publish nothing', async () => {
      const db = t.server.database.db;
      const heard = new Set<string>();
      const off = t.server.bus.subscribe((e) => heard.add(e.id));
      try {
        const goneTenant = uuidv7();
        const unnumbered = uuidv7();
        const numbered = uuidv7();
        const before = (await counts(db)).seq;
        await sql`insert into outbox (tenant_id, event_id, seq) values (${goneTenant}, ${unnumbered}, null), (${goneTenant}, ${numbered}, 1)`.execute(db);
        // Whoever numbers first (the server's dispatcher or this call), the result is the same.
        await sequenceAll(db);
        await t.server.dispatcher.drain();
        const rows = await db.selectFrom('outbox').select(['event_id', 'delivered_at']).where('tenant_id', '=', goneTenant).execute();
        assert.deepEqual(rows.map((r) => r.event_id), [numbered], 'the unnumbered row of the gone tenant is deleted');
        assert.ok(rows[0]!.delivered_at, 'the numbered row without an event is marked delivered, so it never blocks the pass');
        assert.ok(!heard.has(numbered) && !heard.has(unnumbered), 'nothing was published for them');
        assert.equal((await counts(db)).seq, before, "no live tenant's numbers were taken");
      } finally {
        off();
      }
    });

    test('the events table is append-only', async () => {
      const db = t.server.database.db;
      const one = await db.selectFrom('events').select(['id', 'type']).executeTakeFirstOrThrow();
      await assert.rejects(sql`update events set type = 'tampered' where id = ${one.id}`.execute(db), /append-only/);
      await assert.rejects(sql`delete from events where id = ${one.id}`.execute(db), /append-only/);
      await assert.rejects(sql`update events set seq = seq + 100000 where id = ${one.id}`.execute(db), /append-only/, 'a numbered event keeps its number');
      await assert.rejects(sql`update events set seq = null where id = ${one.id}`.execute(db), /append-only/);
      const still = await db.selectFrom('events').select('type').where('id', '=', one.id).executeTakeFirstOrThrow();
      assert.equal(still.type, one.type);
    });
  });

  describe(`outbox delivery when the bus fails on ${kind}`, () => {
    test('a failed publish leaves rows undelivered; the next drain delivers them all', async () => {
      const tdb = await freshDatabase(kind);
      const inner = memoryBus();
      let failures = 1;
      let calls = 0;
      const bus: Bus = {
        ...inner,
        async publish(events: StoredEvent[]) {
          calls++;
          if (failures-- > 0) throw new Error('bus is down');
          return inner.publish(events);
        },
      };
      const heard: string[] = [];
      inner.subscribe((e) => heard.push(e.id));
      const dispatcher = startDispatcher({ db: tdb.database.db, bus, clock: systemClock, log: createLogger('silent'), pollMs: 600_000 });
      try {
        const db = tdb.database.db;
        const tenantId = await tenantIdOf(db);
        const uow = createUnitOfWork(db, () => {});
        for (let i = 0; i < 3; i++) {
          await uow((r) =>
            r.events.append(tenantId, [draftEvent(uuidv7, { type: 'test.happened', aggregateType: 'test', aggregateId: uuidv7(), actorId: null, payload: { i } })], new Date()),
          );
        }
        const pendingBefore = (await counts(db)).pending;
        assert.ok(pendingBefore >= 3);

        assert.equal(await dispatcher.drain(), 0, 'nothing counted as delivered when the bus throws');
        assert.equal(calls, 1);
        assert.equal((await counts(db)).pending, pendingBefore, 'every row is still undelivered');
        assert.equal(heard.length, 0);

        assert.equal(await dispatcher.drain(), pendingBefore);
        assert.equal((await counts(db)).pending, 0);
        const all = (await db.selectFrom('outbox').select('event_id').orderBy('id').execute()).map((r) => r.event_id);
        assert.deepEqual(heard, all, 'every row once, in outbox order');
      } finally {
        await dispatcher.stop();
        await tdb.drop();
      }
    });
  });
}
