/**
 * One routing task's facts, folded from its events (pure). The wallboard, the rollups and the raw
 * scan all build tasks with this one function, so their figures cannot disagree.
 *
 * Attribution rules (docs/decisions/020-analytics.md, METRICS.md):
 * - A task is offered once: at its first `task.queued` without a `reason` (requeues and transfers
 *   carry one). Tasks whose first event we do not hold are not counted.
 * - It counts in ONE queue: where it was when first answered or abandoned, else where it is now.
 * - Wait runs from that first entry to the first accept/assign (answered) or the abandon.
 * - Handle time is split by agent: an agent's part runs from their accept/assign to the moment the
 *   task left them (transfer, requeue, wrap-up start, completion, abandon), plus their wrap-up
 *   (wrap-up start → completion). Each agent who held the task counts it once as handled.
 * - A task counts once as transferred for its queue, however many transfers it had.
 */

export interface TaskEvent {
  type: string;
  /** Event seq: ties at the same millisecond are ordered by it. */
  seq: number;
  at: number;
  payload: Record<string, unknown>;
}

export interface AgentPart {
  userId: string;
  startAt: number;
  /** When the task left this agent's hands (or null while held). */
  endAt: number | null;
  /** After-contact work by this agent, ms. */
  wrapMs: number;
  /** When this agent's part ended with wrap-up included (the interval it is counted in). */
  doneAt: number | null;
  transfersOut: number;
}

export interface TaskFact {
  taskId: string;
  arrivedAt: number;
  queueId: string | null;
  channel: string | null;
  kind: string | null;
  conversationId: string | null;
  outcome: 'answered' | 'abandoned' | 'cancelled' | null;
  outcomeAt: number | null;
  /** First entry → answer or abandon; null while waiting. */
  waitMs: number | null;
  /** The agent who answered first. */
  firstAgentId: string | null;
  parts: AgentPart[];
  transfers: number;
  escalations: number;
  /** When the task was completed (all handling done), or null. */
  completedAt: number | null;
  /** Whether the task is waiting now (queued or on offer). */
  waiting: boolean;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

const waitingAfter = new Set(['task.queued', 'task.offered', 'task.offer_expired', 'task.offer_rejected', 'task.callback_requested', 'task.overflowed', 'task.target_changed']);
const notWaitingAfter = new Set(['task.accepted', 'task.assigned', 'task.wrap_up_started', 'task.completed', 'task.abandoned', 'task.cancelled']);

export function compareEvents(a: TaskEvent, b: TaskEvent): number {
  return a.at - b.at || a.seq - b.seq;
}

/** Folds a task's events (any order; duplicates by seq are ignored) into its facts, or null when its arrival is not among them. */
export function buildTaskFact(taskId: string, events: readonly TaskEvent[]): TaskFact | null {
  const seen = new Set<number>();
  const sorted = [...events].sort(compareEvents).filter((e) => (seen.has(e.seq) ? false : (seen.add(e.seq), true)));
  let f: TaskFact | null = null;
  const open = new Map<string, AgentPart>();
  const close = (userId: string | null, at: number, toWrap = false): void => {
    if (!userId) return;
    const part = open.get(userId);
    if (!part || part.endAt !== null) return;
    part.endAt = at;
    if (!toWrap) {
      part.doneAt = at;
      open.delete(userId);
    }
  };
  const closeAll = (at: number): void => {
    for (const [u, part] of [...open]) {
      if (part.endAt === null) part.endAt = at;
      part.wrapMs = at - part.endAt;
      part.doneAt = at;
      open.delete(u);
    }
  };
  for (const e of sorted) {
    const p = e.payload;
    if (!f) {
      if (e.type !== 'task.queued' || p.reason !== undefined) continue;
      f = {
        taskId, arrivedAt: e.at, queueId: str(p.queueId), channel: str(p.channel), kind: str(p.kind),
        conversationId: p.sourceType === 'conversation' ? str(p.sourceId) : null,
        outcome: null, outcomeAt: null, waitMs: null, firstAgentId: null, parts: [], transfers: 0, escalations: 0, completedAt: null, waiting: true,
      };
      continue;
    }
    if (f.outcome === null) {
      const q = e.type === 'task.transferred' ? str(p.toQueueId) ?? str(p.queueId) : str(p.queueId);
      if (q) f.queueId = q;
    }
    if (e.type === 'task.transferred') f.waiting = str(p.toQueueId) !== null || str(p.toUserId) !== null;
    else if (waitingAfter.has(e.type)) f.waiting = true;
    else if (notWaitingAfter.has(e.type)) f.waiting = false;

    switch (e.type) {
      case 'task.accepted':
      case 'task.assigned': {
        const userId = str(p.userId);
        if (f.outcome === null) {
          f.outcome = 'answered';
          f.outcomeAt = e.at;
          f.waitMs = e.at - f.arrivedAt;
          f.firstAgentId = userId;
        }
        if (userId && !open.has(userId)) {
          const part: AgentPart = { userId, startAt: e.at, endAt: null, wrapMs: 0, doneAt: null, transfersOut: 0 };
          f.parts.push(part);
          open.set(userId, part);
        }
        break;
      }
      case 'task.transferred':
      case 'task.escalated': {
        const from = str(p.fromUserId);
        if (e.type === 'task.transferred') f.transfers++;
        else f.escalations++;
        const part = from ? open.get(from) : undefined;
        if (part && e.type === 'task.transferred') part.transfersOut++;
        close(from, e.at);
        break;
      }
      case 'task.queued':
        // A requeue (agent went away, offer chain ended): whoever held it lets go.
        closeAll(e.at);
        break;
      case 'task.wrap_up_started':
        close(str(p.userId), e.at, true);
        break;
      case 'task.completed':
        f.completedAt = e.at;
        closeAll(e.at);
        break;
      case 'task.abandoned':
        if (f.outcome === null) {
          f.outcome = 'abandoned';
          f.outcomeAt = e.at;
          f.waitMs = e.at - f.arrivedAt;
        }
        closeAll(e.at);
        break;
      case 'task.cancelled':
        if (f.outcome === null) {
          f.outcome = 'cancelled';
          f.outcomeAt = e.at;
        }
        closeAll(e.at);
        break;
      default:
        break;
    }
  }
  return f;
}

/** An agent part's handle time: active time plus wrap-up (ms); null while not done. */
export function partHandleMs(p: AgentPart): number | null {
  if (p.doneAt === null || p.endAt === null) return null;
  return p.doneAt - p.startAt;
}
