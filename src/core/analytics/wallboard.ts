import type { Principal } from '../auth/principal.ts';
import type { CoreDeps } from '../deps.ts';
import { taskEventNames } from '../routing/events.ts';
import { createRoutingService } from '../routing/service.ts';
import { stateSince } from './agent-state.ts';
import { computeLiveToday, dayBounds, defaultServiceLevelMs, defaultShortAbandonMs, type QueueToday } from './live-today.ts';
import type { AgentTaskRow } from '../../storage/wallboard.repo.ts';

export interface WallboardOptions {
  serviceLevelMs?: number;
  shortAbandonMs?: number;
}

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
      const today = computeLiveToday(
        events.map((e) => ({ type: e.type, taskId: e.taskId, queueId: e.queueId, at: e.createdAt.getTime(), payload: e.payload })),
        { timeZone: tenant.timeZone, now, serviceLevelMs, shortAbandonMs },
        live.queues.map((q) => q.queueId),
      );
      const byQueue = new Map<string, QueueToday>(today.map((t) => [t.queueId, t]));
      const queues = live.queues.map((q) => {
        const t = byQueue.get(q.queueId)!;
        return {
          ...q,
          longestWaitSeconds: Math.max(q.longestWaitSeconds, Math.floor(t.longestWaitMs / 1000)),
          today: {
            offered: t.offered, answered: t.answered, abandoned: t.abandoned, shortAbandoned: t.shortAbandoned, answeredInServiceLevel: t.answeredInServiceLevel,
            serviceLevel: t.serviceLevel, asaSeconds: t.asaMs === null ? null : Math.round(t.asaMs / 100) / 10, abandonRate: t.abandonRate,
          },
        };
      });
      const tasksOf = new Map<string, AgentTaskRow[]>();
      for (const t of held) tasksOf.set(t.userId, [...(tasksOf.get(t.userId) ?? []), t]);
      const agents = live.agents.map((a) => {
        const tasks = tasksOf.get(a.userId) ?? [];
        const since = stateSince({ activity: a.activity, presenceSince: a.presenceSince.getTime(), idleSince: a.idleSince.getTime() }, tasks.map((t) => ({ status: t.status, since: t.since.getTime() })), now);
        return { agent: a, stateSince: new Date(since), timeInStateSeconds: Math.floor((now - since) / 1000), tasks };
      });
      return { queues, agents, at: live.at, day: { from: new Date(day.from), timeZone: tenant.timeZone }, serviceLevelMs, shortAbandonMs };
    },
  };
}
export type WallboardService = ReturnType<typeof createWallboardService>;
