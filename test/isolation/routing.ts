import assert from 'node:assert/strict';
import { v7 as uuidv7 } from 'uuid';
import type { IsolationArea } from './area.ts';

const queueName = 'Foreign queue chi';
const skillName = 'foreignskillpsi';
const ruleName = 'Foreign rule omicron';
const traceMessage = 'foreign trace line epsilon';
const ids = { queueB: '', skillB: '', taskB: '', offerB: '', queueA: '' };

/** Routing: skills, queues, agent profiles, offers and tasks of another tenant are never reachable. */
export const routingArea: IsolationArea = {
  name: 'routing',
  routes: {
    'PATCH /api/v1/routing/skills/:id': 'routing.configure',
    'DELETE /api/v1/routing/skills/:id': 'routing.configure',
    'GET /api/v1/routing/queues/:id': 'routing.work',
    'PATCH /api/v1/routing/queues/:id': 'routing.configure',
    'DELETE /api/v1/routing/queues/:id': 'routing.configure',
    'PATCH /api/v1/routing/agents/:userId': 'routing.supervise',
    'PUT /api/v1/routing/agents/:userId/presence': 'routing.supervise',
    'POST /api/v1/routing/offers/:id/accept': 'routing.work',
    'POST /api/v1/routing/offers/:id/reject': 'routing.work',
    'GET /api/v1/routing/tasks/:id': 'routing.work',
    'GET /api/v1/routing/tasks/:id/trace': 'routing.work',
    'POST /api/v1/routing/tasks/:id/pick': 'routing.work',
    'POST /api/v1/routing/tasks/:id/transfer': 'routing.work',
    'POST /api/v1/routing/tasks/:id/escalate': 'routing.work',
    'POST /api/v1/routing/tasks/:id/wrap-up-done': 'routing.work',
    'POST /api/v1/routing/tasks/:id/callback': 'routing.work',
    'POST /api/v1/routing/tasks/:id/assign': 'routing.supervise',
    'POST /api/v1/routing/tasks/:id/move': 'routing.supervise',
  },
  foreignStrings: [queueName, skillName, ruleName, traceMessage],
  async seed(ctx) {
    const now = new Date();
    const r = ctx.repos;
    ids.queueB = uuidv7();
    ids.skillB = uuidv7();
    ids.taskB = uuidv7();
    ids.offerB = uuidv7();
    await r.routingQueues.insert({
      id: ids.queueB, tenantId: ctx.tenantB, name: queueName, strategy: 'longest_idle', stickyMs: 0, offerTimeoutMs: null, autoAccept: false, wrapUpMs: 0,
      agingPerMinute: 1, calendarId: null, teamIds: [ctx.teamB], at: now,
    });
    await r.routingAgents.insertSkill(ctx.tenantB, { id: ids.skillB, name: skillName, at: now });
    await r.routingAgents.setSkillLevel(ctx.tenantB, ctx.userB, ids.skillB, 7);
    await r.routingAgents.lock(ctx.tenantB, ctx.userB, now);
    await r.routingAgents.setPresence(ctx.tenantB, ctx.userB, { presence: 'available', awayReason: null }, now);
    await r.routingQueues.insertWorkflow(ctx.tenantB, {
      version: 1, createdBy: ctx.userB, at: now,
      rules: [{ id: 'foreign', name: ruleName, filter: '', priority: 50, targets: [{ queueId: ids.queueB, agents: `${skillName} >= 1`, priorityBoost: 0, timeoutSeconds: null, skipWhen: [] }], finally: 'stay' }],
    });
    await r.routingTasks.insert({
      id: ids.taskB, tenantId: ctx.tenantB, kind: 'chat', sourceType: 'conversation', sourceId: ctx.conversationB, sourceEventId: null, attributes: { channel: 'chat', note: traceMessage },
      priority: 50, status: 'offered', workflowVersion: 1, ruleId: 'foreign', targetIndex: 0, targetStartedAt: now, queueId: ids.queueB, assignedUserId: null, declinedBy: [],
      callbackNumber: null, enqueuedAt: now, assignedAt: null, endedAt: null, endReason: null, at: now,
    });
    // An hour to answer: the offer stays pending through the walk.
    await r.routingTasks.insertOffer({ id: ids.offerB, tenantId: ctx.tenantB, taskId: ids.taskB, userId: ctx.userB, offeredAt: now, expiresAt: new Date(now.getTime() + 3_600_000) });
    await r.routingTasks.appendTrace(ctx.tenantB, ids.taskB, [{ id: uuidv7(), entry: { at: now.getTime(), step: 'offered', message: traceMessage, userId: ctx.userB } }]);
    ids.queueA = (await r.routingQueues.list(ctx.tenantA))[0]!.id;
  },
  params(route, ctx) {
    if (route.includes('/skills/')) return [{ id: ids.skillB }];
    if (route.includes('/queues/')) return [{ id: ids.queueB }];
    if (route.includes('/agents/')) return [{ userId: ctx.userB }];
    if (route.includes('/offers/')) return [{ id: ids.offerB }];
    return [{ id: ids.taskB }];
  },
  bodies: (ctx) => ({
    'PATCH /api/v1/routing/skills/:id': { name: 'takenover' },
    'PATCH /api/v1/routing/queues/:id': { name: 'Taken Over Queue' },
    'PATCH /api/v1/routing/agents/:userId': { languages: ['en'] },
    'PUT /api/v1/routing/agents/:userId/presence': { presence: 'away' },
    'POST /api/v1/routing/tasks/:id/transfer': { toUserId: ctx.userA, note: 'taken over' },
    'POST /api/v1/routing/tasks/:id/escalate': { note: 'taken over' },
    'POST /api/v1/routing/tasks/:id/callback': { phone: '+442079460958' },
    'POST /api/v1/routing/tasks/:id/assign': { userId: ctx.userA },
    'POST /api/v1/routing/tasks/:id/move': { queueId: ids.queueA },
  }),
  listUrls: () => [
    '/api/v1/routing/queues', '/api/v1/routing/skills', '/api/v1/routing/agents', '/api/v1/routing/me', '/api/v1/routing/offers', '/api/v1/routing/live',
    '/api/v1/routing/workflow', '/api/v1/routing/workflow/versions', '/api/v1/routing/tasks?status=waiting&limit=200', '/api/v1/routing/tasks?status=active&limit=200',
    `/api/v1/routing/tasks?status=waiting&queueId=${ids.queueB}`,
  ],
  async untouched(ctx) {
    const r = ctx.repos;
    const q = await r.routingQueues.byId(ctx.tenantB, ids.queueB);
    assert.equal(q?.name, queueName, 'the foreign queue was neither renamed nor deleted');
    assert.ok((await r.routingAgents.skills(ctx.tenantB)).some((s) => s.id === ids.skillB && s.name === skillName), 'the foreign skill is intact');
    const task = await r.routingTasks.byId(ctx.tenantB, ids.taskB);
    assert.deepEqual({ kind: task?.kind, queue: task?.queueId, cb: task?.callbackNumber, user: task?.assignedUserId, prio: task?.priority }, { kind: 'chat', queue: ids.queueB, cb: null, user: null, prio: 50 });
    const offers = await r.routingTasks.offersOfTask(ctx.tenantB, ids.taskB);
    assert.ok(offers.every((o) => o.userId === ctx.userB && o.status !== 'accepted' && o.status !== 'rejected'), 'no one of A answered the foreign offer');
    const b = await r.routingAgents.profile(ctx.tenantB, ctx.userB);
    assert.deepEqual(b?.languages, [], 'the foreign agent\'s profile was not changed');
    assert.equal((await r.routingQueues.byName(ctx.tenantA, 'Taken Over Queue')), undefined);
    assert.equal((await r.routingTasks.byId(ctx.tenantA, ids.taskB)), undefined);
    assert.equal((await r.routingTasks.offerById(ctx.tenantA, ids.offerB)), undefined);
    assert.deepEqual(await r.routingTasks.trace(ctx.tenantA, ids.taskB), []);
  },
};
