import type { Principal } from '../auth/principal.ts';
import type { CoreDeps } from '../deps.ts';
import { taskEventNames } from '../routing/events.ts';
import { createRoutingService } from '../routing/service.ts';
import { stateSince } from './agent-state.ts';
import { truncate } from './range.ts';
import { computeLivePeriod, computeLiveToday, dayBounds, defaultServiceLevelMs, defaultShortAbandonMs, type QueueToday } from './live-today.ts';
import type { AgentTaskRow } from '../../storage/wallboard.repo.ts';

export interface WallboardOptions {
  serviceLevelMs?: number;
  shortAbandonMs?: number;
  /** Length of the wallboard's "this interval" figures: 15 (default) or 30 minutes. */
  intervalMinutes?: 15 | 30;
}

const figures = (t: QueueToday) => ({
  offered: t.offered, answered: t.answered, abandoned: t.abandoned, shortAbandoned: t.shortAbandoned, answeredInServiceLevel: t.answeredInServiceLevel,
  serviceLevel: t.serviceLevel, asaSeconds: t.asaMs === null ? null : Math.round(t.asaMs / 100) / 10, abandonRate: t.abandonRate,
  handled: t.handled, ahtSeconds: t.ahtMs === null ? null : Math.round(t.ahtMs / 100) / 10,
});

/**
 * The supervisor's wallboard: routing's live view (waiting, on offer, longest wait, agents) joined
 * with today's figures computed from events (live-today.ts) and each agent's current tasks.
 */
export function createWallboardService(d: CoreDeps) {
  const routing = createRoutingService(d);
  return {
    async view(p: Principal, o: WallboardOptions = {}) {
      const serviceLevelMs = o.serviceLevelMs ?? defaultServiceLevelMs;
      const shortAbandonMs = o.shortAbandonMs ?? defaultShortAbandonMs;
      const tenant = (await d.repos.tenants.byId(p.tenantId))!;
      const live = await routing.live(p);
      const now = live.at.getTime();
      const day = dayBounds(now, tenant.timeZone);
      const [events, held] = await Promise.all([
        d.repos.wallboard.taskEvents(p.tenantId, taskEventNames, new Date(day.from), new Date(Math.min(day.to, now + 1))),
        d.repos.wallboard.agentTasks(p.tenantId),
      ]);
      const intervalMinutes = o.intervalMinutes ?? 15;
      const intervalFrom = truncate(now, intervalMinutes === 30 ? '30m' : '15m', tenant.timeZone);
      const taskEvents = events.map((e) => ({ type: e.type, taskId: e.taskId, queueId: e.queueId, at: e.createdAt.getTime(), payload: e.payload }));
      const opts = { timeZone: tenant.timeZone, now, serviceLevelMs, shortAbandonMs };
      const queueIds = live.queues.map((q) => q.queueId);
      const today = computeLiveToday(taskEvents, opts, queueIds);
      const interval = computeLivePeriod(taskEvents, { ...opts, from: intervalFrom, to: intervalFrom + intervalMinutes * 60_000 }, queueIds);
      const byQueue = new Map<string, QueueToday>(today.map((t) => [t.queueId, t]));
      const byQueueNow = new Map<string, QueueToday>(interval.map((t) => [t.queueId, t]));
      const queues = live.queues.map((q) => {
        const t = byQueue.get(q.queueId)!;
        return {
          ...q,
          longestWaitSeconds: Math.max(q.longestWaitSeconds, Math.floor(t.longestWaitMs / 1000)),
          today: figures(t),
          interval: figures(byQueueNow.get(q.queueId)!),
        };
      });
      const tasksOf = new Map<string, AgentTaskRow[]>();
      for (const t of held) tasksOf.set(t.userId, [...(tasksOf.get(t.userId) ?? []), t]);
      const agents = live.agents.map((a) => {
        const tasks = tasksOf.get(a.userId) ?? [];
        const since = stateSince({ activity: a.activity, presenceSince: a.presenceSince.getTime(), idleSince: a.idleSince.getTime() }, tasks.map((t) => ({ status: t.status, since: t.since.getTime() })), now);
        return { agent: a, stateSince: new Date(since), timeInStateSeconds: Math.floor((now - since) / 1000), tasks };
      });
      return { queues, agents, at: live.at, day: { from: new Date(day.from), timeZone: tenant.timeZone }, interval: { from: new Date(intervalFrom), minutes: intervalMinutes }, serviceLevelMs, shortAbandonMs };
    },
  };
}
export type WallboardService = ReturnType<typeof createWallboardService>;
