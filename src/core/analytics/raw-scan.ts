import type { Metrics } from '../../contracts/analytics.ts';
import { buildConversationFact, messagePoint, type MessagePoint } from './conversation-facts.ts';
import { conversationContributions, slaBreachContribution, taskContributions, zeroCounters, type Contribution, type ContributionContext, type Counters } from './contributions.ts';
import { defaultServiceLevelMs, defaultShortAbandonMs } from './live-today.ts';
import { addCounters, toMetrics } from './metrics.ts';
import { buildTaskFact, type TaskEvent } from './task-facts.ts';

/**
 * The same figures computed straight from events, with no rollups (pure): the baseline of
 * bench/reports.ts and a cross-check in tests. Facts are folded from the events passed in (all
 * events of the range plus a look-back, so tasks and conversations that started before the range
 * are whole), then their contributions inside [from, to) are summed.
 */

export interface RawEvent extends TaskEvent {
  aggregateType: string;
  aggregateId: string;
}

export interface RawOptions {
  from: number;
  to: number;
  /** Split by agent (the agents report) instead of the queue view. */
  byAgent?: boolean;
  teamOf?: (userId: string | null) => string;
  inboxOf?: (conversationId: string | null) => string;
  /** Business time between two instants (the default calendar), as the rollups use. */
  businessMs?: (a: number, b: number) => number;
}

export function rawReport(events: readonly RawEvent[], o: RawOptions): { totals: Metrics; rows: Map<string, Metrics> } {
  const ctx: ContributionContext = {
    serviceLevelMs: () => defaultServiceLevelMs,
    shortAbandonMs: defaultShortAbandonMs,
    teamOf: o.teamOf ?? (() => ''),
    inboxOf: o.inboxOf ?? (() => ''),
  };
  const tasks = new Map<string, TaskEvent[]>();
  const convs = new Map<string, TaskEvent[]>();
  const points = new Map<string, MessagePoint[]>();
  const breaches: RawEvent[] = [];
  for (const e of events) {
    if (e.aggregateType === 'task') push(tasks, e.aggregateId, e);
    else if (e.aggregateType === 'conversation') push(convs, e.aggregateId, e);
    else if (e.type === 'message.created' && typeof e.payload.conversationId === 'string') {
      const p = messagePoint(e);
      if (p) push(points, e.payload.conversationId, p);
    } else if (e.type === 'sla.breached') breaches.push(e);
  }
  const kinds = o.byAgent ? ['a', 'c'] : ['q', 'c', 's'];
  const total = zeroCounters();
  const rows = new Map<string, Counters>();
  const take = (list: Contribution[]) => {
    for (const c of list) {
      if (c.b < o.from || c.b >= o.to || !kinds.includes(c.k)) continue;
      addCounters(total, c.v);
      if (o.byAgent && c.agent) addCounters(rows.get(c.agent) ?? rows.set(c.agent, zeroCounters()).get(c.agent)!, c.v);
    }
  };
  for (const [id, list] of tasks) {
    const f = buildTaskFact(id, list);
    if (f) take(taskContributions(f, ctx));
  }
  for (const [id, list] of convs) {
    const f = buildConversationFact(id, list, points.get(id) ?? [], [], o.businessMs);
    if (f) take(conversationContributions(f, ctx));
  }
  for (const e of breaches) take(slaBreachContribution(e.at, e.payload.metric));
  const scope = { queueFigures: !o.byAgent, agentRows: !!o.byAgent };
  return { totals: toMetrics(total, scope), rows: new Map([...rows].map(([k, v]) => [k, toMetrics(v, scope)])) };
}

function push<T>(m: Map<string, T[]>, k: string, v: T): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}
