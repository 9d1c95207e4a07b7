/**
 * Batched intake (decisions 016 and 024): widget sends that arrive together share one statement, yet each
 * is stored once, numbered in order within its conversation, acknowledged like a single send, and
 * anything out of the common case (a duplicate in the same batch, a resolved conversation) is
 * decided by single intake with the same result.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';
import { demoChatInbox, sendMsg, sessionOk } from './widget-helpers.ts';
import { v7 as uuidv7 } from 'uuid';
import { systemClock } from '../src/core/context.ts';
import type { CoreDeps } from '../src/core/deps.ts';
import { intakeAction } from '../src/core/conversations/intake.ts';
import { intakeBatcher } from '../src/core/conversations/intake-batch.ts';
import { createRepos, createUnitOfWork } from '../src/storage/repos.ts';

for (const kind of await dbKinds()) {
  describe(`batched chat intake on ${kind}`, () => {
    let t: TestServer;
    let admin: string;
    let inbox: { id: string; secret: string };
    before(async () => {
      t = await startTestServer(kind);
      admin = await t.login(demo.admin);
      inbox = await demoChatInbox(t, admin);
    });
    after(() => t.close());

    const messagesOf = (conversationId: string) =>
      t.server.database.db.selectFrom('messages').select(['id', 'seq', 'provider_message_id', 'direction']).where('conversation_id', '=', conversationId).orderBy('seq').execute();

    test('sends of several visitors in one tick: each stored once, gapless per conversation, duplicates get the first ack', async () => {
      const visitors = await Promise.all(['Ana', 'Bryn', 'Cai'].map((name) => sessionOk(t, inbox.id, { prechat: { name } })));
      const first = await Promise.all(visitors.map((v) => sendMsg(t, v.token, { clientId: randomUUID(), text: 'hello' })));
      for (const r of first) assert.equal(r.statusCode, 201, r.body);
      const convOf = first.map((r) => r.json().conversationId as string);

      const dupId = randomUUID();
      const sends = visitors.flatMap((v, i) => Array.from({ length: 6 + i }, (_, n) => ({ v: i, clientId: randomUUID(), text: `${i}-${n}` })));
      sends.splice(3, 0, { v: 0, clientId: dupId, text: 'twice' }, { v: 0, clientId: dupId, text: 'twice' });
      const res = await Promise.all(sends.map((s) => sendMsg(t, visitors[s.v]!.token, { clientId: s.clientId, text: s.text })));
      for (const r of res) assert.ok(r.statusCode === 201 || r.statusCode === 200, r.body);
      const dupAcks = res.filter((_, i) => sends[i]!.clientId === dupId).map((r) => r.json());
      assert.equal(dupAcks[0].messageId, dupAcks[1].messageId, 'the same clientId twice in one batch is one message');
      assert.deepEqual(dupAcks.map((a) => a.created === undefined ? null : a.created).length, 2);

      for (let i = 0; i < visitors.length; i++) {
        const rows = await messagesOf(convOf[i]!);
        assert.deepEqual(rows.map((r) => Number(r.seq)), rows.map((_, n) => n + 1), `conversation ${i}: seq 1..N without gaps`);
        const mine = sends.filter((s) => s.v === i);
        const pids = rows.filter((r) => r.direction === 'inbound').map((r) => r.provider_message_id);
        assert.equal(new Set(pids).size, pids.length, 'no provider id stored twice');
        for (const s of mine) assert.ok(pids.includes(`${visitors[i]!.visitorId}:${s.clientId}`), `${s.text} is stored`);
        // Every ack names its stored message and number.
        for (const [k, s] of sends.entries()) {
          if (s.v !== i) continue;
          const a = res[k]!.json();
          const row = rows.find((r) => r.id === a.messageId);
          assert.ok(row, 'the acked message exists');
          assert.equal(Number(row.seq), a.seq);
          assert.equal(a.conversationId, convOf[i]);
        }
      }
      // One message.created event per stored inbound message, numbered by the statement that stored
      // it (decision 024) or, for the single way, by the numbering pass.
      await t.server.dispatcher.drain();
      const ids = (await messagesOf(convOf[0]!)).filter((r) => r.direction === 'inbound').map((r) => r.id);
      const events = await t.server.database.db.selectFrom('events').select(['aggregate_id', 'seq']).where('type', '=', 'message.created').where('aggregate_id', 'in', ids).execute();
      assert.equal(events.length, ids.length);
      for (const e of events) assert.ok(e.seq !== null, 'numbered');
    });

    test('the followers read events the bus just delivered from memory, and still index every message and stay on seq', async () => {
      const hitsBefore = t.server.recent.stats().hits;
      const v = await sessionOk(t, inbox.id, { prechat: { name: 'Gwen' } });
      const word = `zorbic${randomUUID().slice(0, 8)}`;
      for (let i = 0; i < 3; i++) {
        const r = await sendMsg(t, v.token, { clientId: randomUUID(), text: `${word} number ${i}` });
        assert.ok(r.statusCode === 201 || r.statusCode === 200, r.body);
      }
      await t.server.dispatcher.drain();
      let found = 0;
      for (let i = 0; i < 100 && found < 3; i++) {
        const r = await t.req('GET', `/api/v1/search?q=${word}&types=message`, { cookie: admin });
        assert.equal(r.statusCode, 200, r.body);
        found = (r.json() as { items: unknown[] }).items.length;
        if (found < 3) await new Promise((res) => setTimeout(res, 50));
      }
      assert.equal(found, 3, 'every message indexed');
      assert.ok(t.server.recent.stats().hits > hitsBefore, `some follower read from memory: ${JSON.stringify(t.server.recent.stats())}`);
    });

    test('items submitted in one tick share one transaction; single intake is called only for what the batch cannot take', async () => {
      const visitors = await Promise.all(['Eira', 'Ffion'].map((name) => sessionOk(t, inbox.id, { prechat: { name } })));
      const first = await Promise.all(visitors.map((v) => sendMsg(t, v.token, { clientId: randomUUID(), text: 'hi' })));
      const convs = first.map((r) => r.json().conversationId as string);
      const db = t.server.database.db;
      const repos = createRepos(db);
      const commits: boolean[] = [];
      const onEvents = (o: { numbered: boolean }) => {
        commits.push(o.numbered);
        return t.server.dispatcher.poke(o);
      };
      const deps = { repos, uow: createUnitOfWork(db, onEvents), clock: systemClock, newId: uuidv7 } as unknown as CoreDeps;
      const tenantId = (await db.selectFrom('inboxes').select('tenant_id').where('id', '=', inbox.id).executeTakeFirstOrThrow()).tenant_id;
      const singles: string[] = [];
      const single = intakeAction(deps);
      const batcher = intakeBatcher(deps, (tid, input) => {
        singles.push(input.providerMessageId!);
        return single(tid, input);
      });
      const dup = `${visitors[0]!.visitorId}:dup-${randomUUID()}`;
      const inputs = [
        { pid: `${visitors[0]!.visitorId}:${randomUUID()}`, v: 0 },
        { pid: `${visitors[1]!.visitorId}:${randomUUID()}`, v: 1 },
        { pid: dup, v: 0 },
        { pid: dup, v: 0 },
        { pid: `${visitors[1]!.visitorId}:${randomUUID()}`, v: 1 },
      ];
      // All in the same tick: the batcher flushes on the next one.
      const results = await Promise.all(inputs.map((x) => batcher(tenantId, { inboxId: inbox.id, providerMessageId: x.pid, from: { kind: 'visitor', value: visitors[x.v]!.visitorId }, text: `direct ${x.pid}` })));
      assert.deepEqual(singles, [dup], 'only the second copy of the duplicate went the single way');
      assert.equal(results[2]!.message.id, results[3]!.message.id);
      assert.equal(results[3]!.created, false);
      const batched = results.filter((_, i) => i !== 3);
      assert.equal(new Set(batched.map((r) => r.message.createdAt.getTime())).size, 1, 'one transaction, one instant');
      assert.deepEqual(commits, [true], 'the batch numbered its own events (decision 024): no numbering pass was asked for');
      const events = await db.selectFrom('events').select(['aggregate_id', 'seq']).where('type', '=', 'message.created').where('aggregate_id', 'in', batched.map((r) => r.message.id)).execute();
      assert.equal(events.length, 4, 'one event per stored message');
      for (const e of events) assert.ok(e.seq !== null, 'numbered when the batch answered');
      assert.deepEqual(new Set(batched.map((r) => r.conversation.id)), new Set(convs), 'both conversations in that transaction');
      for (const c of convs) {
        const rows = await messagesOf(c);
        assert.deepEqual(rows.map((r) => Number(r.seq)), rows.map((_, n) => n + 1), 'gapless');
      }
      // What single intake returns for a stored message, the batch returned too.
      const again = await single(tenantId, { inboxId: inbox.id, providerMessageId: inputs[0]!.pid, from: { kind: 'visitor', value: visitors[0]!.visitorId }, text: 'x' });
      assert.equal(again.created, false);
      assert.equal(again.message.id, results[0]!.message.id);
      assert.equal(again.message.seq, results[0]!.message.seq);
    });

    test('the one statement stores what single intake stores: the message row, and an event with the same topics and payload', async () => {
      const v = await sessionOk(t, inbox.id, { prechat: { name: 'Heledd' } });
      const first = await sendMsg(t, v.token, { clientId: randomUUID(), text: 'first, the single way' });
      assert.equal(first.statusCode, 201, first.body);
      const conv = first.json().conversationId as string;
      // Assigned, so the topics name a user too.
      const me = (await t.req('GET', '/api/v1/auth/me', { cookie: admin })).json() as { user: { id: string } };
      const assigned = await t.req('PATCH', `/api/v1/conversations/${conv}`, { cookie: admin, body: { assigneeId: me.user.id } });
      assert.equal(assigned.statusCode, 200, assigned.body);
      const single = await sendMsg(t, v.token, { clientId: randomUUID(), text: 'this is terrible, I am angry' });
      const db = t.server.database.db;
      const tenantId = (await db.selectFrom('inboxes').select('tenant_id').where('id', '=', inbox.id).executeTakeFirstOrThrow()).tenant_id;
      const deps = { repos: createRepos(db), uow: createUnitOfWork(db, (o) => t.server.dispatcher.poke(o)), clock: systemClock, newId: uuidv7 } as unknown as CoreDeps;
      const singles: string[] = [];
      const batcher = intakeBatcher(deps, (tid, input) => {
        singles.push(input.providerMessageId!);
        return intakeAction(deps)(tid, input);
      });
      const batched = await batcher(tenantId, { inboxId: inbox.id, providerMessageId: `${v.visitorId}:${randomUUID()}`, from: { kind: 'visitor', value: v.visitorId }, text: 'this is terrible, I am angry' });
      assert.deepEqual(singles, [], 'taken by the batch');
      // The conversation as the statement returns it (tags come back as JSON): as stored.
      const storedConv = (await createRepos(db).conversations.byId(tenantId, conv))!;
      assert.ok(Array.isArray(batched.conversation.tags));
      assert.deepEqual([batched.conversation.tags, batched.conversation.assigneeId, batched.conversation.status], [storedConv.tags, storedConv.assigneeId, storedConv.status]);
      const other = (single.statusCode === 201 ? single.json().messageId : null) as string;
      assert.ok(other, single.body);
      const rows = await db.selectFrom('messages').selectAll().where('id', 'in', [other, batched.message.id]).execute();
      const a = rows.find((r) => r.id === other)!;
      const b = rows.find((r) => r.id === batched.message.id)!;
      for (const k of ['tenant_id', 'conversation_id', 'inbox_id', 'direction', 'author_user_id', 'text', 'html', 'delivery_status', 'sentiment', 'author_kind', 'metadata', 'whisper_to'] as const) {
        assert.deepEqual(b[k], a[k], `messages.${k}`);
      }
      assert.equal(b.seq, a.seq + 1);
      const evs = await db.selectFrom('events').selectAll().where('type', '=', 'message.created').where('aggregate_id', 'in', [other, batched.message.id]).execute();
      const ea = evs.find((e) => e.aggregate_id === other)!;
      const eb = evs.find((e) => e.aggregate_id === batched.message.id)!;
      assert.deepEqual(eb.topics, ea.topics, 'topics');
      assert.ok(eb.topics.includes(`user:${me.user.id}`));
      const pa = ea.payload as Record<string, unknown>;
      const pb = eb.payload as Record<string, unknown>;
      assert.deepEqual(Object.keys(pb).sort(), Object.keys(pa).sort(), 'payload fields');
      for (const k of ['conversationId', 'inboxId', 'customerId', 'direction', 'assigneeId', 'text']) assert.deepEqual(pb[k], pa[k], `payload.${k}`);
      assert.equal(pb.seq, b.seq);
      assert.ok(Math.abs((pb.sentiment as number) - (pa.sentiment as number)) < 1e-6 && (pa.sentiment as number) < 0, 'the same (negative) sentiment');
      assert.equal(eb.aggregate_type, ea.aggregate_type);
      assert.equal(eb.actor_id, null);
      assert.ok(eb.seq !== null && Number(eb.seq) > Number(ea.seq ?? 0), 'numbered at once, after the earlier event');
    });

    test('the one statement leaves what it cannot take untouched; a provider id stored meanwhile fails it whole', async () => {
      const db = t.server.database.db;
      const tenantId = (await db.selectFrom('inboxes').select('tenant_id').where('id', '=', inbox.id).executeTakeFirstOrThrow()).tenant_id;
      const v = await sessionOk(t, inbox.id, { prechat: { name: 'Iolo' } });
      const first = await sendMsg(t, v.token, { clientId: randomUUID(), text: 'hello' });
      const conv = first.json().conversationId as string;
      const item = (pid: string, value = v.visitorId) => ({
        providerMessageId: pid, identity: { kind: 'visitor' as const, value }, messageId: uuidv7(), eventId: uuidv7(),
        text: 'x', payloadText: 'x', sentiment: null, at: new Date(),
      });
      const state = async () => ({
        lastSeq: Number((await db.selectFrom('conversations').select('last_seq').where('id', '=', conv).executeTakeFirstOrThrow()).last_seq),
        messages: (await messagesOf(conv)).length,
        events: Number((await db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).where('type', '=', 'message.created').where(sql<boolean>`payload->>'conversationId' = ${conv}`).executeTakeFirstOrThrow()).n),
      });
      const repos = createRepos(db);
      const before = await state();
      // A provider id already stored, an unknown sender, another tenant: nothing to take.
      const seenPid = (await messagesOf(conv))[0]!.provider_message_id!;
      assert.deepEqual(await repos.intakeBatch.write(tenantId, inbox.id, new Date(), [item(seenPid), item(`nobody:${randomUUID()}`, `nobody-${randomUUID()}`)]), []);
      assert.deepEqual(await repos.intakeBatch.write(uuidv7(), inbox.id, new Date(), [item(`${v.visitorId}:${randomUUID()}`)]), [], 'a tenant that does not exist');
      assert.deepEqual(await state(), before, 'nothing written');
      if (kind === 'pglite') return; // the race below needs two connections
      // Another writer holds the same provider id, uncommitted: the statement waits, then fails whole.
      const pid = `${v.visitorId}:${randomUUID()}`;
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let inserted!: () => void;
      const racing = new Promise<void>((r) => (inserted = r));
      const other = db.transaction().execute(async (tx) => {
        await tx.insertInto('messages').values({ id: uuidv7(), tenant_id: tenantId, conversation_id: conv, inbox_id: inbox.id, seq: 1000, direction: 'inbound', text: 'racer', provider_message_id: pid }).execute();
        inserted();
        await held;
      });
      await racing;
      const items = [item(`${v.visitorId}:${randomUUID()}`), item(pid)];
      // Its failure is awaited from the start: it can arrive while the racer's commit is awaited,
      // and a rejection nobody handles yet fails the test run (it did, about one run in four).
      const attempt = assert.rejects(repos.intakeBatch.write(tenantId, inbox.id, new Date(), items), /duplicate key|unique/);
      await new Promise((r) => setTimeout(r, 200));
      release();
      await other;
      await attempt;
      const after = await state();
      assert.deepEqual({ ...after, messages: after.messages - 1 }, before, 'only the racer is stored: no number taken, no message, no event');
      assert.deepEqual(await db.selectFrom('events').select('id').where('id', 'in', items.map((i) => i.eventId)).execute(), []);
    });

    test('batched sends and other writers side by side: event seqs unique and gapless, every batched message has its event', async () => {
      const visitors = await Promise.all(['Jac', 'Kit', 'Lleu'].map((name) => sessionOk(t, inbox.id, { prechat: { name } })));
      for (const v of visitors) assert.equal((await sendMsg(t, v.token, { clientId: randomUUID(), text: 'hi' })).statusCode, 201);
      const res = await Promise.all([
        ...visitors.flatMap((v) => Array.from({ length: 8 }, (_, i) => sendMsg(t, v.token, { clientId: randomUUID(), text: `side ${i}` }))),
        ...Array.from({ length: 6 }, (_, i) => t.req('POST', '/api/v1/teams', { cookie: admin, body: { name: `Side team ${randomUUID().slice(0, 6)} ${i}` } })),
      ]);
      for (const r of res) assert.ok(r.statusCode === 201 || r.statusCode === 200, r.body);
      await t.server.dispatcher.drain();
      const db = t.server.database.db;
      const tenantId = (await db.selectFrom('inboxes').select('tenant_id').where('id', '=', inbox.id).executeTakeFirstOrThrow()).tenant_id;
      const seqs = (await db.selectFrom('events').select('seq').where('tenant_id', '=', tenantId).orderBy('seq').execute()).map((r) => Number(r.seq));
      assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, i) => i + 1), 'gapless and unique');
      assert.equal(Number((await db.selectFrom('tenants').select('event_seq').where('id', '=', tenantId).executeTakeFirstOrThrow()).event_seq), seqs.length);
      const ids = res.slice(0, 24).map((r) => r.json().messageId as string);
      const evs = await db.selectFrom('events').select('aggregate_id').where('type', '=', 'message.created').where('aggregate_id', 'in', ids).execute();
      assert.equal(new Set(evs.map((e) => e.aggregate_id)).size, 24);
    });

    test('a resolved conversation takes the single way: the batch reopens it and keeps the order', async () => {
      const v = await sessionOk(t, inbox.id, { prechat: { name: 'Dewi' } });
      const a = await sendMsg(t, v.token, { clientId: randomUUID(), text: 'first' });
      assert.equal(a.statusCode, 201, a.body);
      const conv = a.json().conversationId as string;
      const resolved = await t.req('PATCH', `/api/v1/conversations/${conv}`, { cookie: admin, body: { status: 'resolved' } });
      assert.equal(resolved.statusCode, 200, resolved.body);
      const texts = ['again 1', 'again 2', 'again 3'];
      const res = await Promise.all(texts.map((text) => sendMsg(t, v.token, { clientId: randomUUID(), text })));
      for (const r of res) assert.equal(r.statusCode, 201, r.body);
      const convs = new Set(res.map((r) => r.json().conversationId));
      assert.equal(convs.size, 1, 'all three join one conversation');
      const c = (await t.req('GET', `/api/v1/conversations/${[...convs][0]}`, { cookie: admin })).json();
      assert.equal(c.status, 'open');
      const rows = await messagesOf([...convs][0] as string);
      assert.deepEqual(rows.map((r) => Number(r.seq)), rows.map((_, n) => n + 1));
      assert.deepEqual(res.map((r) => r.json().seq).sort((x: number, y: number) => x - y), [...new Set(res.map((r) => r.json().seq))].sort((x: number, y: number) => x - y), 'distinct numbers');
    });
  });
}
