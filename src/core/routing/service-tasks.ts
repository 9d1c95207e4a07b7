import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Principal } from '../auth/principal.ts';
import type { CoreDeps } from '../deps.ts';
import { forbidden, invalid, notFound } from '../errors.ts';
import type { Repos } from '../../storage/repos.ts';
import { activeStatuses, endedStatusList, waitingStatuses, type TaskRow } from '../../storage/routing-tasks.repo.ts';
import { estimateWaitMs } from './eta.ts';
import { routingEvents } from './events.ts';
import {
  activityOf, addTrace, isSupervisor, lockTask, serves, servingCount, setConversationAssignee, taskConflict, taskEvent, withActivity, withPositions, type Activity, type TaskView,
} from './service-shared.ts';
import type { TaskStatus, TraceEntry } from './types.ts';

const groups: Record<'waiting' | 'active' | 'ended', readonly TaskStatus[]> = { waiting: waitingStatuses, active: activeStatuses, ended: endedStatusList };

/** Tasks: the pick list, one task with its place in line, traces, and what agents and supervisors do to a task. */
export function taskActions(d: CoreDeps) {
  async function mustTask(tenantId: string, id: string) {
    const t = await d.repos.routingTasks.byId(tenantId, id);
    if (!t) throw notFound('Task');
    return t;
  }
  const view = async (p: Principal, id: string) => (await withPositions(d.repos, p.tenantId, [await mustTask(p.tenantId, id)], d.clock.now()))[0]!;

  /** Assigns a waiting task to a user straight away (pick, or a supervisor's manual assign). */
  async function assignNow(r: Repos, p: Principal, task: TaskRow, userId: string, by: 'picked' | 'manual', now: Date) {
    const withdrawn = await r.routingTasks.withdrawPending(p.tenantId, task.id, now);
    if (!(await r.routingTasks.transition(p.tenantId, task.id, ['queued', 'offered'], { status: 'assigned', assignedUserId: userId, assignedAt: now }, now))) throw taskConflict(task, 'assigned');
    await r.routingAgents.lock(p.tenantId, userId, now);
    const waitMs = now.getTime() - task.enqueuedAt.getTime();
    const assigned = { ...task, status: 'assigned' as const, assignedUserId: userId };
    const who = by === 'picked' ? 'Picked from the queue by the agent' : 'Assigned by a supervisor';
    await addTrace(d, r, p.tenantId, task.id, [{ at: now.getTime(), step: 'assigned', message: `${who} after waiting ${Math.round(waitMs / 1000)} s.`, userId, queueId: task.queueId ?? undefined }]);
    await r.events.append(p.tenantId, [
      taskEvent(d, p, assigned, routingEvents.taskAssigned, { userId, by, waitMs, ...(withdrawn && { withdrawnOfferId: withdrawn.id }) }, [withdrawn?.userId]),
      ...(await setConversationAssignee(d, r, p, assigned, userId, now)),
    ], now);
  }

  return {
    /** Supervisors see every task; agents the waiting tasks of queues they serve, and their own active and ended ones. */
    async list(p: Principal, q: { status: 'waiting' | 'active' | 'ended'; queueId?: string; sourceId?: string; limit: number; cursor?: string }) {
      const args = { limit: q.limit, cursor: q.cursor, statuses: groups[q.status], queueId: q.queueId, sourceId: q.sourceId, queueIds: null as string[] | null, assignedUserId: undefined as string | undefined };
      if (!isSupervisor(p)) {
        if (q.status === 'waiting') {
          const me = (await d.repos.routingAgents.profile(p.tenantId, p.userId))!;
          args.queueIds = (await d.repos.routingQueues.list(p.tenantId)).filter((x) => serves(me, x)).map((x) => x.id);
        } else args.assignedUserId = p.userId;
      }
      const page = await d.repos.routingTasks.list(p.tenantId, args);
      return { items: await withPositions(d.repos, p.tenantId, page.items, d.clock.now()), nextCursor: page.nextCursor };
    },

    get: view,

    /** routing.work: own tasks (assigned or offered to you); routing.supervise: any. */
    async trace(p: Principal, id: string): Promise<TraceEntry[]> {
      const t = await mustTask(p.tenantId, id);
      if (!isSupervisor(p) && t.assignedUserId !== p.userId && !(await d.repos.routingTasks.offersOfTask(p.tenantId, id)).some((o) => o.userId === p.userId)) {
        throw forbidden('read the trace of a task that is not yours (routing.supervise is needed)');
      }
      return d.repos.routingTasks.trace(p.tenantId, id);
    },

    /** A waiting task (not on offer) taken by the agent: assigned at once. */
    async pick(p: Principal, id: string): Promise<TaskView> {
      const now = d.clock.now();
      await d.uow(async (r) => {
        const t = await lockTask(r, p.tenantId, id);
        if (t.status !== 'queued') throw taskConflict(t, 'picked');
        if (!isSupervisor(p) && t.queueId) {
          const q = await r.routingQueues.byId(p.tenantId, t.queueId);
          const me = (await r.routingAgents.profile(p.tenantId, p.userId))!;
          if (q && !serves(me, q)) throw forbidden(`pick from the queue "${q.name}": you are in none of its teams`);
        }
        await assignNow(r, p, t, p.userId, 'picked', now);
      });
      return view(p, id);
    },

    /** Supervisor: hands a waiting or offered task to an agent (a pending offer is withdrawn). */
    async assign(p: Principal, id: string, userId: string): Promise<TaskView> {
      const now = d.clock.now();
      await d.uow(async (r) => {
        const t = await lockTask(r, p.tenantId, id);
        const u = await r.users.byId(p.tenantId, userId);
        if (!u || !u.active) throw invalid('The agent must be an active user of this workspace', [{ path: 'userId', message: u ? 'user is deactivated' : 'unknown user' }]);
        if (t.status !== 'queued' && t.status !== 'offered') throw taskConflict(t, 'assigned');
        await assignNow(r, p, t, userId, 'manual', now);
      });
      return view(p, id);
    },

    /** The agent ends wrap-up: the task is completed and the agent idle from now. */
    async wrapUpDone(p: Principal, id: string): Promise<TaskView> {
      const now = d.clock.now();
      await d.uow(async (r) => {
        const t = await lockTask(r, p.tenantId, id);
        if (t.assignedUserId !== p.userId && !isSupervisor(p)) throw forbidden('end the wrap-up of another agent\'s task');
        if (t.status !== 'wrap_up') throw taskConflict(t, 'completed from wrap-up');
        if (!(await r.routingTasks.transition(p.tenantId, id, ['wrap_up'], { status: 'completed', endedAt: now, endReason: 'completed' }, now))) throw taskConflict(t, 'completed');
        if (t.assignedUserId) await r.routingAgents.finishedTask(p.tenantId, t.assignedUserId, now);
        const handleMs = t.assignedAt ? now.getTime() - t.assignedAt.getTime() : 0;
        await r.events.append(p.tenantId, [taskEvent(d, p, { ...t, status: 'completed' }, routingEvents.taskCompleted, { userId: t.assignedUserId, handleMs })], now);
      });
      return view(p, id);
    },

    /** A waiting customer asks to be called back: kind 'callback', the number in E.164, place in line kept. */
    async callback(p: Principal, id: string, phone: string): Promise<TaskView> {
      const parsed = parsePhoneNumberFromString(phone);
      if (!parsed || !parsed.isValid()) {
        throw invalid(`"${phone}" is not a valid phone number; give it in international form, e.g. +44 20 7946 0958`, [{ path: 'phone', message: 'not a valid phone number in international form' }]);
      }
      const number = parsed.number;
      const now = d.clock.now();
      await d.uow(async (r) => {
        const t = await lockTask(r, p.tenantId, id);
        if (t.status !== 'queued' && t.status !== 'offered') throw taskConflict(t, 'turned into a callback');
        const withdrawn = await r.routingTasks.withdrawPending(p.tenantId, id, now);
        const attributes = { ...t.attributes, kind: 'callback', callback: true };
        if (!(await r.routingTasks.transition(p.tenantId, id, ['queued', 'offered'], { status: 'queued', kind: 'callback', callbackNumber: number, attributes }, now))) throw taskConflict(t, 'changed');
        await addTrace(d, r, p.tenantId, id, [{ at: now.getTime(), step: 'requeued', message: 'The customer asked for a callback instead of waiting; the task keeps its place in line.', queueId: t.queueId ?? undefined }]);
        await r.events.append(p.tenantId, [taskEvent(d, p, { ...t, kind: 'callback', attributes }, routingEvents.taskCallbackRequested, { callbackNumber: number, ...(withdrawn && { withdrawnOfferId: withdrawn.id }) }, [withdrawn?.userId])], now);
      });
      return view(p, id);
    },

    /** Supervisor's wallboard: each queue now, and every agent. */
    async live(p: Principal) {
      const now = d.clock.now();
      const [queues, stats, agents] = await Promise.all([d.repos.routingQueues.list(p.tenantId), d.repos.routingTasks.queueStats(p.tenantId), d.repos.routingAgents.profiles(p.tenantId, { activeOnly: true })]);
      const out = [];
      for (const q of queues) {
        const s = stats.find((x) => x.queueId === q.id);
        const by: Record<Activity, number> = { available: 0, on_task: 0, wrap_up: 0, away: 0, offline: 0 };
        for (const a of agents) if (serves(a, q)) by[activityOf(a, now)]++;
        const waiting = (s?.queued ?? 0) + (s?.offered ?? 0);
        const ms = estimateWaitMs({ position: waiting + 1, recentHandleMs: await d.repos.routingTasks.recentHandleMs(p.tenantId, q.id), agentsServing: servingCount(agents, q, now) });
        out.push({
          queueId: q.id, name: q.name, waiting: s?.queued ?? 0, offered: s?.offered ?? 0,
          longestWaitSeconds: s?.oldest ? Math.max(0, Math.floor((now.getTime() - s.oldest.getTime()) / 1000)) : 0,
          agents: by, estimatedWaitSeconds: ms === null ? null : Math.ceil(ms / 1000),
        });
      }
      return { queues: out, agents: agents.map((a) => withActivity(a, now)), at: now };
    },
  };
}

