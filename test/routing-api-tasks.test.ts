import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { v7 as uuidv7 } from 'uuid';
import { createRepos, type Repos } from '../src/storage/repos.ts';
import type { TaskStatus } from '../src/core/routing/types.ts';
import { dbKinds } from './helpers/db.ts';
import { demo, startTestServer, type TestServer } from './helpers/server.ts';

const MIN = 60_000;

/** Routing work over HTTP: presence, offers (accept conflicts change nothing), pick, transfer, escalate, callback, supervisor moves, traces. */
for (const kind of await dbKinds()) {
  describe(`routing work API on ${kind}`, () => {
    let t: TestServer;
    let r: Repos;
    let tenantId = '';
    type Who = 'admin' | 'sam' | 'alex' | 'priya' | 'wen';
    const cookie = {} as Record<Who, string>;
    const users = {} as Record<Who, string>;
    let nowMs = Date.parse('2026-03-02T10:00:00Z');
    const now = () => new Date(nowMs);
    let qA = '';
    let qB = '';
    let qSales = '';
    let inboxId = '';

    const conversation = async (email: string) =>
      (await t.req('POST', `/api/v1/inboxes/${inboxId}/messages`, { cookie: cookie.admin, body: { from: { kind: 'email', value: email }, text: 'help please' } })).json().conversation.id as string;
    const makeTask = async (o: { queueId: string; status?: TaskStatus; enqueuedAt?: Date; priority?: number; sourceId?: string; assignedUserId?: string }) => {
      const id = uuidv7();
      await r.routingTasks.insert({
        id, tenantId, kind: 'chat', sourceType: o.sourceId ? 'conversation' : 'api', sourceId: o.sourceId ?? null, sourceEventId: null, attributes: { channel: 'chat', tags: [] },
        priority: o.priority ?? 50, status: o.status ?? 'queued', workflowVersion: null, ruleId: null, targetIndex: 0, targetStartedAt: now(), queueId: o.queueId,
        assignedUserId: o.assignedUserId ?? null, declinedBy: [], callbackNumber: null, enqueuedAt: o.enqueuedAt ?? now(), assignedAt: o.assignedUserId ? now() : null,
        endedAt: null, endReason: null, at: now(),
      });
      return id;
    };
    /** An offer as the runner would write it: the task on offer, one pending offer row. */
    const makeOffer = async (taskId: string, userId: string, expiresInMs = 30_000) => {
      const id = uuidv7();
      await r.routingTasks.transition(tenantId, taskId, ['queued'], { status: 'offered' }, now());
      await r.routingTasks.insertOffer({ id, tenantId, taskId, userId, offeredAt: now(), expiresAt: new Date(nowMs + expiresInMs) });
      return id;
    };
    const db = () => t.server.database.db;
    const eventsOf = async (type: string) =>
      (await db().selectFrom('events').select(['type', 'payload', 'topics', 'seq', 'actor_id']).where('tenant_id', '=', tenantId).where('type', '=', type).orderBy('seq').execute());
    /** Everything an accept could touch, to prove a refused one changed nothing. */
    const snapshot = async (taskId: string, conversationId?: string) => ({
      task: await r.routingTasks.byId(tenantId, taskId),
      offers: await r.routingTasks.offersOfTask(tenantId, taskId),
      agents: await db().selectFrom('agent_routing').selectAll().where('tenant_id', '=', tenantId).orderBy('user_id').execute(),
      events: Number((await db().selectFrom('events').select((eb) => eb.fn.countAll().as('n')).where('tenant_id', '=', tenantId).executeTakeFirst())!.n),
      trace: await r.routingTasks.trace(tenantId, taskId),
      conversation: conversationId ? await r.conversations.byId(tenantId, conversationId) : null,
    });
    const presence = (who: Who, p: 'available' | 'away' | 'offline') => t.req('PUT', `/api/v1/routing/agents/${users[who]}/presence`, { cookie: cookie.sam, body: { presence: p } });

    before(async () => {
      t = await startTestServer(kind, { clock: { now }, env: { ROUTING: 'false' } });
      r = createRepos(t.server.database.db);
      tenantId = (await r.tenants.bySlug('demo'))!.id;
      for (const [k, email] of Object.entries({ admin: demo.admin, sam: demo.supervisor, alex: demo.alex, priya: demo.priya, wen: demo.wen }) as [Who, string][]) {
        cookie[k] = await t.login(email);
        users[k] = (await r.users.byEmail(tenantId, email))!.id;
      }
      const mk = async (name: string, extra: Record<string, unknown> = {}) => (await t.req('POST', '/api/v1/routing/queues', { cookie: cookie.admin, body: { name, ...extra } })).json().id as string;
      qA = await mk('Work A', { agingPerMinute: 0 });
      qB = await mk('Work B', { agingPerMinute: 0 });
      qSales = (await r.routingQueues.byName(tenantId, 'Sales'))!.id;
      inboxId = (await t.req('POST', '/api/v1/inboxes', { cookie: cookie.admin, body: { name: 'Routing work', channel: 'api' } })).json().id;
    });
    after(() => t?.close());

    test('presence: own and a supervisor\'s change, away defaults to break, bad input 400, events recorded', async () => {
      const away = await t.req('PUT', '/api/v1/routing/me/presence', { cookie: cookie.priya, body: { presence: 'away' } });
      assert.equal(away.statusCode, 200, away.body);
      assert.deepEqual({ p: away.json().presence, r: away.json().awayReason, a: away.json().activity }, { p: 'away', r: 'break', a: 'away' });
      const ev = (await eventsOf('agent.presence_changed')).at(-1)!;
      assert.deepEqual(ev.payload, { userId: users.priya, from: 'available', to: 'away', reason: 'break' });
      assert.ok((ev.topics as string[]).includes(`user:${users.priya}`) && (ev.topics as string[]).includes('wallboard'));
      assert.equal((await t.req('PUT', '/api/v1/routing/me/presence', { cookie: cookie.priya, body: { presence: 'available', awayReason: 'lunch' } })).statusCode, 400);
      assert.equal((await t.req('PUT', '/api/v1/routing/me/presence', { cookie: cookie.priya, body: { presence: 'busy' } })).statusCode, 400);
      assert.equal((await t.req('PUT', `/api/v1/routing/agents/${users.priya}/presence`, { cookie: cookie.alex, body: { presence: 'available' } })).statusCode, 403);
      const back = await presence('priya', 'available');
      assert.equal(back.statusCode, 200);
      assert.equal(back.json().presence, 'available');
      const me = (await t.req('GET', '/api/v1/routing/me', { cookie: cookie.priya })).json();
      assert.deepEqual({ id: me.userId, presence: me.presence, reason: me.awayReason }, { id: users.priya, presence: 'available', reason: null });
      const n = (await eventsOf('agent.presence_changed')).length;
      await presence('priya', 'available');
      assert.equal((await eventsOf('agent.presence_changed')).length, n, 'no change, no event');
      // A deactivated user cannot be made available.
      await db().updateTable('users').set({ active: false }).where('id', '=', users.wen).execute();
      const inactive = await presence('wen', 'available');
      assert.equal(inactive.statusCode, 400);
      await db().updateTable('users').set({ active: true }).where('id', '=', users.wen).execute();
    });

    test('accept: the task is assigned, the conversation gets its assignee, missed offers reset, events and trace written', async () => {
      const conv = await conversation('accept.me@example.com');
      const enqueuedAt = new Date(nowMs - 2 * MIN);
      const taskId = await makeTask({ queueId: qA, sourceId: conv, enqueuedAt });
      const offerId = await makeOffer(taskId, users.alex);
      await db().updateTable('agent_routing').set({ missed_in_row: 2 }).where('tenant_id', '=', tenantId).where('user_id', '=', users.alex).execute();
      const offers = (await t.req('GET', '/api/v1/routing/offers', { cookie: cookie.alex })).json().items as { id: string; task: { id: string; position: number } }[];
      assert.deepEqual(offers.map((o) => [o.id, o.task.id, o.task.position]), [[offerId, taskId, 1]]);
      assert.deepEqual((await t.req('GET', '/api/v1/routing/offers', { cookie: cookie.priya })).json().items, []);

      const res = await t.req('POST', `/api/v1/routing/offers/${offerId}/accept`, { cookie: cookie.alex });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual({ s: res.json().status, u: res.json().assignedUserId, p: res.json().position }, { s: 'assigned', u: users.alex, p: null });
      assert.equal((await r.conversations.byId(tenantId, conv))!.assigneeId, users.alex);
      assert.equal((await r.routingTasks.offerById(tenantId, offerId))!.status, 'accepted');
      assert.equal((await r.routingAgents.profile(tenantId, users.alex))!.missedInRow, 0);
      const accepted = (await eventsOf('task.accepted')).at(-1)!;
      assert.deepEqual(accepted.payload, { taskId, queueId: qA, kind: 'chat', channel: 'chat', sourceType: 'conversation', sourceId: conv, userId: users.alex, offerId, waitMs: 2 * MIN });
      assert.ok((accepted.topics as string[]).includes(`conversation:${conv}`));
      const assigned = (await eventsOf('conversation.assigned')).at(-1)!;
      assert.deepEqual(assigned.payload, { from: null, to: users.alex, via: 'routing', taskId, byUserId: users.alex });
      assert.deepEqual([accepted.actor_id, assigned.actor_id], [users.alex, null], 'the leader must not read it as a manual assignment');
      assert.equal((await r.routingTasks.trace(tenantId, taskId)).at(-1)!.step, 'accepted');
      assert.equal((await t.req('GET', '/api/v1/routing/offers', { cookie: cookie.alex })).json().items.length, 0);
    });

    test('accept conflicts: expired, withdrawn or another agent\'s offer is 409 saying which, and nothing changes', async () => {
      const conv = await conversation('conflict@example.com');
      const refused = async (taskId: string, offerId: string, who: Who, message: RegExp) => {
        const before = await snapshot(taskId, conv);
        const res = await t.req('POST', `/api/v1/routing/offers/${offerId}/accept`, { cookie: cookie[who] });
        assert.equal(res.statusCode, 409, res.body);
        assert.match(res.json().error.message, message);
        assert.deepEqual(await snapshot(taskId, conv), before, 'nothing changed');
      };
      // Expired by time, still pending (the leader has not processed it yet).
      const t1 = await makeTask({ queueId: qA, sourceId: conv });
      const o1 = await makeOffer(t1, users.alex, 10_000);
      nowMs += 10_000;
      await refused(t1, o1, 'alex', /expired/);
      // Expired, and the task then went to another agent.
      await r.routingTasks.decideOffer(tenantId, o1, 'expired', now());
      await r.routingTasks.transition(tenantId, t1, ['offered'], { status: 'queued', declinedBy: users.alex }, now());
      const o1b = await makeOffer(t1, users.priya);
      await r.routingTasks.decideOffer(tenantId, o1b, 'accepted', now());
      await r.routingTasks.transition(tenantId, t1, ['offered'], { status: 'assigned', assignedUserId: users.priya, assignedAt: now() }, now());
      await refused(t1, o1, 'alex', /expired.*another agent/);
      // Another agent's offer.
      const t2 = await makeTask({ queueId: qA });
      const o2 = await makeOffer(t2, users.priya);
      await refused(t2, o2, 'alex', /another agent/);
      // Withdrawn (the task was moved meanwhile).
      const t3 = await makeTask({ queueId: qA });
      const o3 = await makeOffer(t3, users.alex);
      await r.routingTasks.withdrawPending(tenantId, t3, now());
      await r.routingTasks.transition(tenantId, t3, ['offered'], { status: 'queued' }, now());
      await refused(t3, o3, 'alex', /withdrawn/);
      assert.equal((await t.req('POST', `/api/v1/routing/offers/${uuidv7()}/accept`, { cookie: cookie.alex })).statusCode, 404);
      assert.equal((await t.req('POST', `/api/v1/routing/offers/not-a-uuid/accept`, { cookie: cookie.alex })).statusCode, 400);
      // Reject: back in line, declined by the agent; a second answer is 409.
      const o4 = await makeOffer(t3, users.alex);
      assert.equal((await t.req('POST', `/api/v1/routing/offers/${o4}/reject`, { cookie: cookie.priya })).statusCode, 409);
      assert.equal((await t.req('POST', `/api/v1/routing/offers/${o4}/reject`, { cookie: cookie.alex })).statusCode, 204);
      const after3 = (await r.routingTasks.byId(tenantId, t3))!;
      assert.deepEqual({ s: after3.status, d: after3.declinedBy }, { s: 'queued', d: [users.alex] });
      assert.equal((await eventsOf('task.offer_rejected')).at(-1)!.payload.offerId, o4);
      const again = await t.req('POST', `/api/v1/routing/offers/${o4}/accept`, { cookie: cookie.alex });
      assert.equal(again.statusCode, 409);
      assert.match(again.json().error.message, /rejected/);
    });

    test('pick list, position and wait estimate, pick (409 when on offer or gone)', async () => {
      const first = await makeTask({ queueId: qB, enqueuedAt: new Date(nowMs - 9 * MIN) });
      const urgent = await makeTask({ queueId: qB, enqueuedAt: new Date(nowMs - 1 * MIN), priority: 90 });
      const second = await makeTask({ queueId: qB, enqueuedAt: new Date(nowMs - 5 * MIN) });
      const sales = await makeTask({ queueId: qSales });
      const get = async (id: string) => (await t.req('GET', `/api/v1/routing/tasks/${id}`, { cookie: cookie.alex })).json();
      assert.deepEqual([await get(urgent), await get(first), await get(second)].map((x) => x.position), [1, 2, 3], 'priority, then age');
      const eta = (await get(second)).estimatedWaitSeconds as number;
      assert.ok(eta > 0 && eta % 15 === 0, `eta ${eta} in steps of 15 s`);
      const list = (await t.req('GET', `/api/v1/routing/tasks?status=waiting&queueId=${qB}`, { cookie: cookie.alex })).json().items as { id: string }[];
      assert.deepEqual(list.map((x) => x.id).sort(), [first, urgent, second].sort());
      const mine = (await t.req('GET', '/api/v1/routing/tasks?status=waiting&limit=200', { cookie: cookie.alex })).json().items as { id: string }[];
      assert.ok(!mine.some((x) => x.id === sales), 'Alex (Support) does not see the Sales queue');
      const supervisorSees = (await t.req('GET', '/api/v1/routing/tasks?status=waiting&limit=200', { cookie: cookie.sam })).json().items as { id: string }[];
      assert.ok(supervisorSees.some((x) => x.id === sales));
      assert.equal((await t.req('GET', '/api/v1/routing/tasks?status=lost', { cookie: cookie.alex })).statusCode, 400);
      assert.equal((await t.req('POST', `/api/v1/routing/tasks/${sales}/pick`, { cookie: cookie.alex })).statusCode, 403);

      await makeOffer(urgent, users.priya);
      const offered = await t.req('POST', `/api/v1/routing/tasks/${urgent}/pick`, { cookie: cookie.alex });
      assert.equal(offered.statusCode, 409);
      assert.match(offered.json().error.message, /on offer/);
      const picked = await t.req('POST', `/api/v1/routing/tasks/${first}/pick`, { cookie: cookie.alex });
      assert.equal(picked.statusCode, 200, picked.body);
      assert.deepEqual({ s: picked.json().status, u: picked.json().assignedUserId }, { s: 'assigned', u: users.alex });
      assert.deepEqual((await eventsOf('task.assigned')).at(-1)!.payload.by, 'picked');
      assert.equal((await t.req('POST', `/api/v1/routing/tasks/${first}/pick`, { cookie: cookie.priya })).statusCode, 409);
      const active = (await t.req('GET', '/api/v1/routing/tasks?status=active&limit=200', { cookie: cookie.alex })).json().items as { id: string }[];
      assert.ok(active.some((x) => x.id === first));
      assert.equal((await t.req('GET', `/api/v1/routing/tasks/${uuidv7()}`, { cookie: cookie.alex })).statusCode, 404);
    });

    test('transfer to a queue keeps the original place; to an agent is an offer to them only; the note goes to trace, event and conversation', async () => {
      const conv = await conversation('transfer@example.com');
      const qC = (await t.req('POST', '/api/v1/routing/queues', { cookie: cookie.admin, body: { name: 'Work C', agingPerMinute: 0 } })).json().id as string;
      const old = new Date(nowMs - 30 * MIN);
      const mineTask = await makeTask({ queueId: qA, sourceId: conv, enqueuedAt: old, status: 'assigned', assignedUserId: users.alex });
      await r.conversations.update(tenantId, conv, { assigneeId: users.alex }, now());
      const waitingB = await makeTask({ queueId: qC, enqueuedAt: new Date(nowMs - 20 * MIN) });
      assert.equal((await t.req('POST', `/api/v1/routing/tasks/${mineTask}/transfer`, { cookie: cookie.priya, body: { toQueueId: qC } })).statusCode, 403, 'not her task');
      const both = await t.req('POST', `/api/v1/routing/tasks/${mineTask}/transfer`, { cookie: cookie.alex, body: { toQueueId: qC, toUserId: users.priya } });
      assert.equal(both.statusCode, 400);
      const unknownQ = await t.req('POST', `/api/v1/routing/tasks/${mineTask}/transfer`, { cookie: cookie.alex, body: { toQueueId: uuidv7() } });
      assert.equal(unknownQ.statusCode, 400);
      assert.equal((await r.routingTasks.byId(tenantId, mineTask))!.status, 'assigned', 'unchanged by the refused transfers');

      const res = await t.req('POST', `/api/v1/routing/tasks/${mineTask}/transfer`, { cookie: cookie.alex, body: { toQueueId: qC, note: 'Needs a refund specialist' } });
      assert.equal(res.statusCode, 200, res.body);
      const moved = res.json();
      assert.deepEqual({ s: moved.status, q: moved.queueId, u: moved.assignedUserId, e: moved.enqueuedAt, p: moved.position }, { s: 'queued', q: qC, u: null, e: old.toISOString(), p: 1 });
      assert.equal((await t.req('GET', `/api/v1/routing/tasks/${waitingB}`, { cookie: cookie.sam })).json().position, 2, 'the transferred task is ahead: it keeps its original place');
      assert.equal((await r.conversations.byId(tenantId, conv))!.assigneeId, null);
      const bySource = (await t.req('GET', `/api/v1/routing/tasks?status=waiting&sourceId=${conv}`, { cookie: cookie.sam })).json().items as { id: string }[];
      assert.deepEqual(bySource.map((x) => x.id), [mineTask]);
      const ev = (await eventsOf('task.transferred')).at(-1)!;
      assert.deepEqual({ from: ev.payload.fromUserId, q: ev.payload.toQueueId, note: ev.payload.note }, { from: users.alex, q: qC, note: 'Needs a refund specialist' });
      const notes = (await r.messages.list(tenantId, conv, { limit: 50 })).items.filter((m) => m.direction === 'note');
      assert.ok(notes.some((m) => m.text.includes('Needs a refund specialist') && m.text.includes('Work C')), JSON.stringify(notes));
      assert.match((await r.routingTasks.trace(tenantId, mineTask)).at(-1)!.message, /original place.*refund specialist/);

      // A supervisor transfers it to Priya: an offer to her only.
      const toAgent = await t.req('POST', `/api/v1/routing/tasks/${mineTask}/transfer`, { cookie: cookie.sam, body: { toUserId: users.priya } });
      assert.equal(toAgent.statusCode, 200, toAgent.body);
      assert.equal(toAgent.json().status, 'offered');
      const offers = await r.routingTasks.offersOfTask(tenantId, mineTask);
      assert.deepEqual(offers.filter((o) => o.status === 'pending').map((o) => o.userId), [users.priya]);
      const offeredEv = (await eventsOf('task.offered')).at(-1)!;
      assert.equal(offeredEv.payload.userId, users.priya);
      const accept = await t.req('POST', `/api/v1/routing/offers/${offeredEv.payload.offerId as string}/accept`, { cookie: cookie.priya });
      assert.equal(accept.statusCode, 200, accept.body);
      // Move (supervisor) is a transfer to a queue; agents may not.
      assert.equal((await t.req('POST', `/api/v1/routing/tasks/${waitingB}/move`, { cookie: cookie.alex, body: { queueId: qA } })).statusCode, 403);
      const mv = await t.req('POST', `/api/v1/routing/tasks/${waitingB}/move`, { cookie: cookie.sam, body: { queueId: qA } });
      assert.equal(mv.statusCode, 200, mv.body);
      assert.deepEqual({ q: mv.json().queueId, e: mv.json().enqueuedAt }, { q: qA, e: new Date(nowMs - 20 * MIN).toISOString() });
    });

    test('escalate: to the least busy available supervisor, else back in the queue with priority +50 and escalated=true', async () => {
      const a = await makeTask({ queueId: qA, status: 'assigned', assignedUserId: users.alex });
      const res = await t.req('POST', `/api/v1/routing/tasks/${a}/escalate`, { cookie: cookie.alex, body: { note: 'Angry customer' } });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().status, 'offered');
      assert.deepEqual((await r.routingTasks.offersOfTask(tenantId, a)).map((o) => [o.userId, o.status]), [[users.sam, 'pending']]);
      const ev = (await eventsOf('task.escalated')).at(-1)!;
      assert.deepEqual({ from: ev.payload.fromUserId, to: ev.payload.toUserId, note: ev.payload.note }, { from: users.alex, to: users.sam, note: 'Angry customer' });

      await presence('sam', 'offline');
      const b = await makeTask({ queueId: qA, status: 'assigned', assignedUserId: users.alex, priority: 40 });
      const back = await t.req('POST', `/api/v1/routing/tasks/${b}/escalate`, { cookie: cookie.alex, body: {} });
      assert.equal(back.statusCode, 200, back.body);
      assert.deepEqual({ s: back.json().status, p: back.json().priority, e: back.json().attributes.escalated, u: back.json().assignedUserId }, { s: 'queued', p: 90, e: true, u: null });
      assert.equal((await t.req('POST', `/api/v1/routing/tasks/${b}/escalate`, { cookie: cookie.alex, body: {} })).statusCode, 403, 'no longer Alex\'s task');
      await presence('sam', 'available');
    });

    test('callback: the phone is validated and normalized to E.164; the task keeps its place as kind callback', async () => {
      const enq = new Date(nowMs - 7 * MIN);
      const id = await makeTask({ queueId: qA, enqueuedAt: enq });
      await makeOffer(id, users.priya);
      const before = await r.routingTasks.byId(tenantId, id);
      for (const phone of ['12345', 'call me maybe', '+44 20 7946']) {
        const bad = await t.req('POST', `/api/v1/routing/tasks/${id}/callback`, { cookie: cookie.alex, body: { phone } });
        assert.equal(bad.statusCode, 400, `${phone}: ${bad.body}`);
        assert.equal(bad.json().error.details[0].path, 'phone');
      }
      assert.deepEqual(await r.routingTasks.byId(tenantId, id), before, 'nothing changed');
      const ok = await t.req('POST', `/api/v1/routing/tasks/${id}/callback`, { cookie: cookie.alex, body: { phone: '+44 20 7946 0958' } });
      assert.equal(ok.statusCode, 200, ok.body);
      const row = (await r.routingTasks.byId(tenantId, id))!;
      assert.deepEqual({ k: row.kind, n: row.callbackNumber, s: row.status, e: row.enqueuedAt.toISOString(), q: row.queueId }, { k: 'callback', n: '+442079460958', s: 'queued', e: enq.toISOString(), q: qA });
      assert.deepEqual((await r.routingTasks.offersOfTask(tenantId, id)).map((o) => o.status), ['withdrawn']);
      assert.equal((await eventsOf('task.callback_requested')).at(-1)!.payload.callbackNumber, '+442079460958');
      const assigned = await makeTask({ queueId: qA, status: 'assigned', assignedUserId: users.alex });
      assert.equal((await t.req('POST', `/api/v1/routing/tasks/${assigned}/callback`, { cookie: cookie.alex, body: { phone: '+442079460958' } })).statusCode, 409);
    });

    test('wrap-up done, manual assign, the live view and traces (own for agents, any for supervisors)', async () => {
      const w = await makeTask({ queueId: qA, status: 'wrap_up', assignedUserId: users.alex });
      nowMs += 4 * MIN;
      assert.equal((await t.req('POST', `/api/v1/routing/tasks/${w}/wrap-up-done`, { cookie: cookie.priya })).statusCode, 403);
      const done = await t.req('POST', `/api/v1/routing/tasks/${w}/wrap-up-done`, { cookie: cookie.alex });
      assert.equal(done.statusCode, 200, done.body);
      assert.deepEqual({ s: done.json().status, e: done.json().endReason }, { s: 'completed', e: 'completed' });
      assert.equal((await eventsOf('task.completed')).at(-1)!.payload.handleMs, 4 * MIN);
      assert.equal((await t.req('POST', `/api/v1/routing/tasks/${w}/wrap-up-done`, { cookie: cookie.alex })).statusCode, 409);

      const waiting = await makeTask({ queueId: qA, enqueuedAt: new Date(nowMs - 3 * MIN) });
      assert.equal((await t.req('POST', `/api/v1/routing/tasks/${waiting}/assign`, { cookie: cookie.alex, body: { userId: users.alex } })).statusCode, 403);
      assert.equal((await t.req('POST', `/api/v1/routing/tasks/${waiting}/assign`, { cookie: cookie.sam, body: { userId: uuidv7() } })).statusCode, 400);
      const live = (await t.req('GET', '/api/v1/routing/live', { cookie: cookie.sam })).json();
      const qa = (live.queues as { queueId: string; waiting: number; longestWaitSeconds: number; agents: Record<string, number>; estimatedWaitSeconds: number }[]).find((q) => q.queueId === qA)!;
      const expectWaiting = Number((await db().selectFrom('routing_tasks').select((eb) => eb.fn.countAll().as('n')).where('tenant_id', '=', tenantId).where('queue_id', '=', qA).where('status', '=', 'queued').executeTakeFirst())!.n);
      assert.equal(qa.waiting, expectWaiting);
      assert.ok(qa.longestWaitSeconds >= 180);
      assert.ok((qa.agents.on_task ?? 0) >= 1, 'Alex is on a task');
      assert.ok(qa.estimatedWaitSeconds > 0);
      assert.equal((await t.req('GET', '/api/v1/routing/live', { cookie: cookie.alex })).statusCode, 403);

      const assigned = await t.req('POST', `/api/v1/routing/tasks/${waiting}/assign`, { cookie: cookie.sam, body: { userId: users.priya } });
      assert.equal(assigned.statusCode, 200, assigned.body);
      assert.equal((await eventsOf('task.assigned')).at(-1)!.payload.by, 'manual');
      const own = await t.req('GET', `/api/v1/routing/tasks/${waiting}/trace`, { cookie: cookie.priya });
      assert.equal(own.statusCode, 200);
      assert.deepEqual((own.json().items as { step: string }[]).map((e) => e.step), ['assigned']);
      assert.equal((await t.req('GET', `/api/v1/routing/tasks/${waiting}/trace`, { cookie: cookie.alex })).statusCode, 403);
      assert.equal((await t.req('GET', `/api/v1/routing/tasks/${waiting}/trace`, { cookie: cookie.sam })).statusCode, 200);
    });
  });
}
