import { estimateWaitMs } from '../core/routing/eta.ts';
import type { RoutingEngine, RoutingQueue } from '../core/routing/types.ts';
import type { EventDraft } from '../storage/events.repo.ts';
import { taskEvent, type PersistCtx, type TaskMeta } from './routing-persist.ts';

/**
 * Customer-facing queue position: after each batch, for the queues whose order may have changed,
 * a `task.position_changed` event {position, waiting, estimatedWaitSeconds} for each waiting
 * conversation task whose place moved (the first PER_QUEUE of each queue), on the task's topics
 * (including `conversation:<id>`, which the widget follows).
 */

export const POSITION_EVENT = 'task.position_changed';
const PER_QUEUE = 200;

export interface PositionState {
  engine: RoutingEngine;
  queues: Map<string, RoutingQueue>;
  meta: Map<string, TaskMeta>;
  /** Last position sent per task. */
  positions: Map<string, number>;
  recentHandleMs: Map<string, number[]>;
  agentIds: Set<string>;
}

/** Seconds from src/core/routing/eta.ts (docs/decisions/013-routing.md). */
export function estimateWaitSeconds(position: number, recentHandleMs: readonly number[], agentsServing: number): number {
  return Math.round((estimateWaitMs({ position, recentHandleMs: [...recentHandleMs].reverse(), agentsServing }) ?? 0) / 1000);
}

function agentsServing(st: PositionState, q: RoutingQueue | undefined): number {
  let n = 0;
  for (const id of st.agentIds) {
    const a = st.engine.agent(id);
    if (!a || a.presence !== 'available') continue;
    if (q && q.teamIds.length > 0 && !a.teamIds.some((t) => q.teamIds.includes(t))) continue;
    n++;
  }
  return n;
}

export function positionEvents(st: PositionState, ctx: Pick<PersistCtx, 'newId' | 'engine' | 'meta'>, queues: Set<string>, now: number): EventDraft[] {
  const out: EventDraft[] = [];
  for (const queueId of queues) {
    const waiting = st.engine.waiting(queueId, now);
    const q = st.queues.get(queueId);
    const serving = agentsServing(st, q);
    const handle = st.recentHandleMs.get(queueId) ?? [];
    const seen = new Set<string>();
    for (let i = 0; i < waiting.length && i < PER_QUEUE; i++) {
      const t = waiting[i]!;
      const m = st.meta.get(t.id);
      if (m?.sourceType !== 'conversation') continue;
      seen.add(t.id);
      const position = i + 1;
      if (st.positions.get(t.id) === position) continue;
      st.positions.set(t.id, position);
      out.push(taskEvent(ctx, POSITION_EVENT, t.id, { position, waiting: waiting.length, estimatedWaitSeconds: estimateWaitSeconds(position, handle, serving) }));
    }
    // Tasks no longer waiting here forget their last position (they get a fresh one if they come back).
    for (const [id] of st.positions) {
      const task = st.engine.task(id);
      if (!task || (task.queueId === queueId && !seen.has(id) && task.status !== 'queued')) st.positions.delete(id);
    }
  }
  return out;
}
