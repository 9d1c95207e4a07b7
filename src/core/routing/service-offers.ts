import type { Principal } from '../auth/principal.ts';
import { draftEvent } from '../events/draft.ts';
import type { CoreDeps } from '../deps.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import type { Repos } from '../../storage/repos.ts';
import type { OfferRow } from '../../storage/routing-tasks.repo.ts';
import { routingEvents } from './events.ts';
import { addTrace, lockTask, setConversationAssignee, taskEvent, withActivity, withPositions, type TaskView } from './service-shared.ts';
import type { Presence } from './types.ts';

export interface OfferView extends OfferRow {
  task: TaskView;
}

/** Why an offer can no longer be accepted or rejected, in words for the agent. */
async function offerGone(r: Repos, p: Principal, o: OfferRow, now: Date): Promise<Error> {
  if (o.userId !== p.userId) return conflict('This offer went to another agent, not to you; nothing was changed');
  const task = await r.routingTasks.byId(p.tenantId, o.taskId);
  const elsewhere = task?.assignedUserId && task.assignedUserId !== p.userId ? ' and the task went to another agent' : '';
  if (o.status === 'expired' || (o.status === 'pending' && o.expiresAt <= now)) {
    return conflict(`This offer expired at ${o.expiresAt.toISOString()}${elsewhere}; nothing was changed`);
  }
  if (o.status === 'withdrawn') return conflict(`This offer was withdrawn (the task was moved, transferred or ended)${elsewhere}; nothing was changed`);
  if (o.status === 'accepted') return conflict('You accepted this offer already');
  if (o.status === 'rejected') return conflict('You rejected this offer already');
  return conflict('This offer can no longer be answered; reload your offers');
}

/** What an agent does for themselves: presence, and answering offers. Supervisors set others' presence. */
export function offerActions(d: CoreDeps) {
  return {
    me: async (p: Principal) => withActivity((await d.repos.routingAgents.profile(p.tenantId, p.userId))!, d.clock.now()),

    /** Available only for active users; away needs a reason ('break' when none is given). */
    async setPresence(p: Principal, userId: string, input: { presence: Presence; awayReason?: string }) {
      const now = d.clock.now();
      await d.uow(async (r) => {
        const user = await r.users.byId(p.tenantId, userId);
        if (!user) throw notFound('User');
        if (input.presence === 'available' && !user.active) throw invalid(`${user.name} is deactivated; only active users can be available`, [{ path: 'presence', message: 'user is deactivated' }]);
        if (input.presence !== 'away' && input.awayReason) throw invalid('awayReason goes only with presence "away"', [{ path: 'awayReason', message: 'only with away' }]);
        const reason = input.presence === 'away' ? (input.awayReason ?? 'break') : null;
        const before = await r.routingAgents.lock(p.tenantId, userId, now);
        if (before.presence === input.presence && before.awayReason === reason) return;
        await r.routingAgents.setPresence(p.tenantId, userId, { presence: input.presence, awayReason: reason }, now);
        await r.events.append(p.tenantId, [draftEvent(d.newId, {
          type: routingEvents.agentPresenceChanged, aggregateType: 'agent', aggregateId: userId, actorId: p.userId,
          topics: ['tenant', 'wallboard', `user:${userId}`], payload: { userId, from: before.presence, to: input.presence, reason },
        })], now);
      });
      return withActivity((await d.repos.routingAgents.profile(p.tenantId, userId))!, d.clock.now());
    },

    /** The agent's own pending offers, with their tasks. */
    async offers(p: Principal): Promise<OfferView[]> {
      const now = d.clock.now();
      const offers = await d.repos.routingTasks.pendingOffersOf(p.tenantId, p.userId, now);
      const tasks = [];
      for (const o of offers) tasks.push((await d.repos.routingTasks.byId(p.tenantId, o.taskId))!);
      const views = await withPositions(d.repos, p.tenantId, tasks, now);
      return offers.map((o, i) => ({ ...o, task: views[i]! }));
    },

    /**
     * Accepts a pending offer made to this agent before it expires: the task is assigned, the
     * conversation's assignee set, missed offers reset. Anything else: 409 and nothing changes.
     */
    async accept(p: Principal, offerId: string): Promise<TaskView> {
      const now = d.clock.now();
      const taskId = await d.uow(async (r) => {
        const seen = await r.routingTasks.offerById(p.tenantId, offerId);
        if (!seen) throw notFound('Offer');
        const task = await lockTask(r, p.tenantId, seen.taskId);
        const o = (await r.routingTasks.offerById(p.tenantId, offerId))!;
        if (o.userId !== p.userId || o.status !== 'pending' || o.expiresAt <= now) throw await offerGone(r, p, o, now);
        if (task.status !== 'offered') throw conflict(`The task of this offer is ${task.status}; nothing was changed`);
        if (!(await r.routingTasks.decideOffer(p.tenantId, o.id, 'accepted', now, { userId: p.userId, liveAt: now }))) throw await offerGone(r, p, o, now);
        if (!(await r.routingTasks.transition(p.tenantId, task.id, ['offered'], { status: 'assigned', assignedUserId: p.userId, assignedAt: now }, now))) {
          throw conflict('The task changed while you accepted; nothing was changed');
        }
        await r.routingAgents.lock(p.tenantId, p.userId, now);
        await r.routingAgents.resetMissed(p.tenantId, p.userId, now);
        const waitMs = now.getTime() - task.enqueuedAt.getTime();
        const assigned = { ...task, status: 'assigned' as const, assignedUserId: p.userId };
        await addTrace(d, r, p.tenantId, task.id, [{ at: now.getTime(), step: 'accepted', message: `Accepted by the agent after waiting ${Math.round(waitMs / 1000)} s in line.`, userId: p.userId, queueId: task.queueId ?? undefined }]);
        const events = [
          taskEvent(d, p, assigned, routingEvents.taskAccepted, { userId: p.userId, offerId: o.id, waitMs }),
          ...(await setConversationAssignee(d, r, p, assigned, p.userId, now)),
        ];
        await r.events.append(p.tenantId, events, now);
        return task.id;
      });
      return (await withPositions(d.repos, p.tenantId, [(await d.repos.routingTasks.byId(p.tenantId, taskId))!], now))[0]!;
    },

    /** Rejects a pending offer: the task goes back in line at its place and is not offered to this agent again. */
    async reject(p: Principal, offerId: string): Promise<void> {
      const now = d.clock.now();
      await d.uow(async (r) => {
        const seen = await r.routingTasks.offerById(p.tenantId, offerId);
        if (!seen) throw notFound('Offer');
        const task = await lockTask(r, p.tenantId, seen.taskId);
        const o = (await r.routingTasks.offerById(p.tenantId, offerId))!;
        if (o.userId !== p.userId || o.status !== 'pending' || o.expiresAt <= now) throw await offerGone(r, p, o, now);
        if (!(await r.routingTasks.decideOffer(p.tenantId, o.id, 'rejected', now, { userId: p.userId, liveAt: now }))) throw await offerGone(r, p, o, now);
        await r.routingTasks.transition(p.tenantId, task.id, ['offered'], { status: 'queued', declinedBy: p.userId }, now);
        await addTrace(d, r, p.tenantId, task.id, [{ at: now.getTime(), step: 'offer_rejected', message: 'The agent rejected the offer; the task is back in line at its place.', userId: p.userId, queueId: task.queueId ?? undefined }]);
        await r.events.append(p.tenantId, [taskEvent(d, p, task, routingEvents.taskOfferRejected, { userId: p.userId, offerId: o.id }, [p.userId])], now);
      });
    },
  };
}
