import type { Principal } from '../auth/principal.ts';
import type { CoreDeps } from '../deps.ts';
import { forbidden, invalid } from '../errors.ts';
import type { EventDraft } from '../../storage/events.repo.ts';
import type { Repos } from '../../storage/repos.ts';
import type { TaskRow } from '../../storage/routing-tasks.repo.ts';
import { routingEvents } from './events.ts';
import {
  addTrace, busyShare, conversationNote, isSupervisor, lockTask, offerTimeoutMs, setConversationAssignee, taskConflict, taskEvent, withPositions, type TaskView,
} from './service-shared.ts';
import type { TraceEntry } from './types.ts';

const movable = ['queued', 'offered', 'assigned'] as const;

/** Transfer (to a queue or an agent), supervisor moves, and escalation to a supervisor. */
export function transferActions(d: CoreDeps) {
  /** The current assignee may hand on their task; a supervisor any live task. */
  function mayHandOn(p: Principal, t: TaskRow, what: string) {
    if (isSupervisor(p)) return;
    if (t.status !== 'assigned' || t.assignedUserId !== p.userId) throw forbidden(`${what} a task that is not assigned to you (only its agent or a supervisor may)`);
  }
  function mustBeMovable(t: TaskRow, what: string) {
    if (!(movable as readonly string[]).includes(t.status)) throw taskConflict(t, what);
  }

  /** Back in line in a queue at its ORIGINAL place (enqueued_at kept), no agent, no offer. */
  async function toQueue(r: Repos, p: Principal, t: TaskRow, queueId: string, now: Date, patch: { priority?: number; attributes?: TaskRow['attributes'] } = {}) {
    await r.routingTasks.withdrawPending(p.tenantId, t.id, now);
    const ok = await r.routingTasks.transition(p.tenantId, t.id, movable, {
      status: 'queued', queueId, assignedUserId: null, assignedAt: null, ruleId: queueId === t.queueId ? t.ruleId : null,
      targetIndex: queueId === t.queueId ? t.targetIndex : 0, targetStartedAt: now, ...patch,
    }, now);
    if (!ok) throw taskConflict(t, 'moved');
    return setConversationAssignee(d, r, p, t, null, now);
  }

  /** An offer to that one agent (a pending offer to anyone else is withdrawn). */
  async function offerTo(r: Repos, p: Principal, t: TaskRow, userId: string, now: Date) {
    await r.routingTasks.withdrawPending(p.tenantId, t.id, now);
    const queue = t.queueId ? await r.routingQueues.byId(p.tenantId, t.queueId) : undefined;
    const offerId = d.newId();
    const expiresAt = new Date(now.getTime() + offerTimeoutMs(t.kind, queue));
    const ok = await r.routingTasks.transition(p.tenantId, t.id, movable, { status: 'offered', assignedUserId: null, assignedAt: null }, now);
    if (!ok) throw taskConflict(t, 'offered');
    await r.routingTasks.insertOffer({ id: offerId, tenantId: p.tenantId, taskId: t.id, userId, offeredAt: now, expiresAt });
    const convEvents = await setConversationAssignee(d, r, p, t, null, now);
    return { offerId, expiresAt, events: [taskEvent(d, p, { ...t, status: 'offered', assignedUserId: null }, routingEvents.taskOffered, { userId, offerId, expiresAt: expiresAt.toISOString() }, [userId]), ...convEvents] };
  }

  async function activeUser(r: Repos, tenantId: string, userId: string, path: string) {
    const u = await r.users.byId(tenantId, userId);
    if (!u || !u.active) throw invalid('The agent must be an active user of this workspace', [{ path, message: u ? 'user is deactivated' : 'unknown user' }]);
    return u;
  }

  async function transfer(p: Principal, id: string, to: { toUserId?: string; toQueueId?: string; note?: string }, what = 'transferred'): Promise<TaskView> {
    const now = d.clock.now();
    await d.uow(async (r) => {
      const t = await lockTask(r, p.tenantId, id);
      mayHandOn(p, t, what === 'moved' ? 'move' : 'transfer');
      mustBeMovable(t, what);
      const note = to.note?.trim() || undefined;
      const fromUserId = t.assignedUserId;
      const events: EventDraft[] = [];
      const trace: TraceEntry[] = [];
      let target = '';
      if (to.toQueueId) {
        const q = await r.routingQueues.byId(p.tenantId, to.toQueueId);
        if (!q) throw invalid('The queue does not exist in this workspace', [{ path: 'toQueueId', message: 'unknown queue' }]);
        events.push(...(await toQueue(r, p, t, q.id, now)));
        target = `the queue "${q.name}"`;
        trace.push({ at: now.getTime(), step: 'transferred', message: `Transferred to ${target}; it keeps its original place in line.${note ? ` Note: ${note}` : ''}`, queueId: q.id, userId: p.userId });
        events.unshift(taskEvent(d, p, { ...t, queueId: q.id }, routingEvents.taskTransferred, { fromUserId, toQueueId: q.id, ...(note && { note }) }, [fromUserId]));
      } else {
        const u = await activeUser(r, p.tenantId, to.toUserId!, 'toUserId');
        const o = await offerTo(r, p, t, u.id, now);
        target = u.name;
        trace.push({ at: now.getTime(), step: 'transferred', message: `Transferred to ${u.name}: offered to them only.${note ? ` Note: ${note}` : ''}`, userId: u.id, queueId: t.queueId ?? undefined });
        trace.push({ at: now.getTime(), step: 'offered', message: `Offered to ${u.name} until ${o.expiresAt.toISOString()}.`, userId: u.id, queueId: t.queueId ?? undefined });
        events.push(taskEvent(d, p, t, routingEvents.taskTransferred, { fromUserId, toUserId: u.id, ...(note && { note }) }, [fromUserId, u.id]), ...o.events);
      }
      await addTrace(d, r, p.tenantId, id, trace);
      if (note) events.push(...(await conversationNote(d, r, p, t, `Transferred to ${target}: ${note}`, now)));
      await r.events.append(p.tenantId, events, now);
    });
    return (await withPositions(d.repos, p.tenantId, [(await d.repos.routingTasks.byId(p.tenantId, id))!], now))[0]!;
  }

  return {
    transfer,
    /** Supervisor: the same as a transfer to a queue. */
    move: (p: Principal, id: string, queueId: string) => transfer(p, id, { toQueueId: queueId }, 'moved'),

    /** To the least busy available supervisor; when none, back in the queue with priority +50 and escalated=true. */
    async escalate(p: Principal, id: string, input: { note?: string }): Promise<TaskView> {
      const now = d.clock.now();
      await d.uow(async (r) => {
        const t = await lockTask(r, p.tenantId, id);
        mayHandOn(p, t, 'escalate');
        mustBeMovable(t, 'escalated');
        const note = input.note?.trim() || undefined;
        const fromUserId = t.assignedUserId ?? p.userId;
        const supervisors = (await r.routingAgents.profiles(p.tenantId, { activeOnly: true }))
          .filter((a) => a.role === 'supervisor' && a.presence === 'available' && a.userId !== p.userId && a.userId !== t.assignedUserId)
          .sort((a, b) => busyShare(a) - busyShare(b) || a.idleSince.getTime() - b.idleSince.getTime());
        const sup = supervisors[0];
        const events: EventDraft[] = [];
        if (sup) {
          const o = await offerTo(r, p, t, sup.userId, now);
          await addTrace(d, r, p.tenantId, id, [
            { at: now.getTime(), step: 'escalated', message: `Escalated to the supervisor ${sup.name}, the least busy one available.${note ? ` Note: ${note}` : ''}`, userId: sup.userId },
            { at: now.getTime(), step: 'offered', message: `Offered to ${sup.name} until ${o.expiresAt.toISOString()}.`, userId: sup.userId },
          ]);
          events.push(taskEvent(d, p, t, routingEvents.taskEscalated, { fromUserId, toUserId: sup.userId, ...(note && { note }) }, [fromUserId, sup.userId]), ...o.events);
        } else {
          if (!t.queueId) throw invalid('No supervisor is available and the task has no queue to go back to; assign it by hand', [{ path: 'id', message: 'no queue' }]);
          const priority = t.priority + 50;
          const attributes = { ...t.attributes, escalated: true };
          events.push(...(await toQueue(r, p, t, t.queueId, now, { priority, attributes })));
          await addTrace(d, r, p.tenantId, id, [{ at: now.getTime(), step: 'escalated', message: `No supervisor is available: back in the queue with priority ${priority} (+50), marked escalated.${note ? ` Note: ${note}` : ''}`, queueId: t.queueId }]);
          events.unshift(taskEvent(d, p, { ...t, priority, attributes }, routingEvents.taskEscalated, { fromUserId, ...(note && { note }), priority }, [fromUserId]));
        }
        if (note) events.push(...(await conversationNote(d, r, p, t, `Escalated${sup ? ` to ${sup.name}` : ''}: ${note}`, now)));
        await r.events.append(p.tenantId, events, now);
      });
      return (await withPositions(d.repos, p.tenantId, [(await d.repos.routingTasks.byId(p.tenantId, id))!], now))[0]!;
    },
  };
}
