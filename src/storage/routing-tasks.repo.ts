import { sql } from 'kysely';
import type { Page } from '../contracts/common.ts';
import type { TaskAttributes, TaskKind, TaskStatus, TraceEntry } from '../core/routing/types.ts';
import type { Executor } from './executor.ts';
import { decodeCursor, encodeCursor } from './paginate.ts';

export type SourceType = 'conversation' | 'ticket' | 'callback' | 'api';

export interface TaskRow {
  id: string;
  tenantId: string;
  kind: TaskKind;
  sourceType: SourceType;
  sourceId: string | null;
  sourceEventId: string | null;
  attributes: TaskAttributes;
  priority: number;
  status: TaskStatus;
  workflowVersion: number | null;
  ruleId: string | null;
  targetIndex: number;
  targetStartedAt: Date;
  queueId: string | null;
  assignedUserId: string | null;
  declinedBy: string[];
  callbackNumber: string | null;
  enqueuedAt: Date;
  assignedAt: Date | null;
  endedAt: Date | null;
  endReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type OfferStatus = 'pending' | 'accepted' | 'rejected' | 'expired' | 'withdrawn';
export interface OfferRow {
  id: string;
  tenantId: string;
  taskId: string;
  userId: string;
  offeredAt: Date;
  expiresAt: Date;
  status: OfferStatus;
  decidedAt: Date | null;
}

/** Statuses of a task still waiting for an agent, and of one being worked on. */
export const waitingStatuses = ['queued', 'offered'] as const;
export const activeStatuses = ['assigned', 'wrap_up'] as const;
export const liveStatuses = [...waitingStatuses, ...activeStatuses] as const;
export const endedStatusList = ['completed', 'abandoned', 'overflowed', 'cancelled'] as const;

const taskCols = [
  'id', 'tenant_id', 'kind', 'source_type', 'source_id', 'source_event_id', 'attributes', 'priority', 'status', 'workflow_version', 'rule_id',
  'target_index', 'target_started_at', 'queue_id', 'assigned_user_id', 'declined_by', 'callback_number', 'enqueued_at', 'assigned_at', 'ended_at',
  'end_reason', 'created_at', 'updated_at',
] as const;
type RawTask = {
  id: string; tenant_id: string; kind: TaskKind; source_type: SourceType; source_id: string | null; source_event_id: string | null; attributes: Record<string, unknown>;
  priority: number; status: TaskStatus; workflow_version: number | null; rule_id: string | null; target_index: number; target_started_at: Date; queue_id: string | null;
  assigned_user_id: string | null; declined_by: string[]; callback_number: string | null; enqueued_at: Date; assigned_at: Date | null; ended_at: Date | null;
  end_reason: string | null; created_at: Date; updated_at: Date;
};
export const toTaskRow = (r: RawTask): TaskRow => ({
  id: r.id, tenantId: r.tenant_id, kind: r.kind, sourceType: r.source_type, sourceId: r.source_id, sourceEventId: r.source_event_id,
  attributes: (r.attributes ?? {}) as TaskAttributes, priority: r.priority, status: r.status, workflowVersion: r.workflow_version, ruleId: r.rule_id,
  targetIndex: r.target_index, targetStartedAt: r.target_started_at, queueId: r.queue_id, assignedUserId: r.assigned_user_id, declinedBy: r.declined_by ?? [],
  callbackNumber: r.callback_number, enqueuedAt: r.enqueued_at, assignedAt: r.assigned_at, endedAt: r.ended_at, endReason: r.end_reason,
  createdAt: r.created_at, updatedAt: r.updated_at,
});

const offerCols = ['id', 'tenant_id', 'task_id', 'user_id', 'offered_at', 'expires_at', 'status', 'decided_at'] as const;
type RawOffer = { id: string; tenant_id: string; task_id: string; user_id: string; offered_at: Date; expires_at: Date; status: OfferStatus; decided_at: Date | null };
const toOffer = (r: RawOffer): OfferRow => ({
  id: r.id, tenantId: r.tenant_id, taskId: r.task_id, userId: r.user_id, offeredAt: r.offered_at, expiresAt: r.expires_at, status: r.status, decidedAt: r.decided_at,
});

/** The columns a task change may set. */
export interface TaskPatch {
  kind?: TaskKind;
  status?: TaskStatus;
  attributes?: TaskAttributes;
  priority?: number;
  ruleId?: string | null;
  targetIndex?: number;
  targetStartedAt?: Date;
  queueId?: string | null;
  assignedUserId?: string | null;
  /** Appended to declined_by (once). */
  declinedBy?: string;
  callbackNumber?: string | null;
  assignedAt?: Date | null;
  endedAt?: Date | null;
  endReason?: string | null;
}

export interface TaskListArgs {
  limit: number;
  cursor?: string;
  statuses: readonly TaskStatus[];
  /** Only these queues (null: any). */
  queueIds?: string[] | null;
  queueId?: string;
  sourceId?: string;
  assignedUserId?: string;
}

/** Routing tasks, their offers and decision traces; every query is scoped by tenant. */
export function routingTasksRepo(db: Executor) {
  const taskQ = (tenantId: string) => db.selectFrom('routing_tasks').select(taskCols).where('tenant_id', '=', tenantId);
  return {
    async insert(t: Omit<TaskRow, 'createdAt' | 'updatedAt' | 'tenantId'> & { tenantId: string; at: Date }): Promise<void> {
      await db.insertInto('routing_tasks').values({
        id: t.id, tenant_id: t.tenantId, kind: t.kind, source_type: t.sourceType, source_id: t.sourceId, source_event_id: t.sourceEventId,
        attributes: JSON.stringify(t.attributes), priority: t.priority, status: t.status, workflow_version: t.workflowVersion, rule_id: t.ruleId,
        target_index: t.targetIndex, target_started_at: t.targetStartedAt, queue_id: t.queueId, assigned_user_id: t.assignedUserId,
        declined_by: t.declinedBy, callback_number: t.callbackNumber, enqueued_at: t.enqueuedAt, assigned_at: t.assignedAt, ended_at: t.endedAt,
        end_reason: t.endReason, created_at: t.at, updated_at: t.at,
      }).execute();
    },
    async byId(tenantId: string, id: string): Promise<TaskRow | undefined> {
      const r = await taskQ(tenantId).where('id', '=', id).executeTakeFirst();
      return r && toTaskRow(r as RawTask);
    },
    /** Reads and locks the task row for the rest of the transaction. */
    async lock(tenantId: string, id: string): Promise<TaskRow | undefined> {
      const r = await taskQ(tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
      return r && toTaskRow(r as RawTask);
    },
    async list(tenantId: string, a: TaskListArgs): Promise<Page<TaskRow>> {
      if (a.queueIds && a.queueIds.length === 0) return { items: [], nextCursor: null };
      let q = taskQ(tenantId).where('status', 'in', [...a.statuses]);
      if (a.queueIds) q = q.where('queue_id', 'in', a.queueIds);
      if (a.queueId) q = q.where('queue_id', '=', a.queueId);
      if (a.sourceId) q = q.where('source_id', '=', a.sourceId);
      if (a.assignedUserId) q = q.where('assigned_user_id', '=', a.assignedUserId);
      const after = decodeCursor(a.cursor);
      if (after) q = q.where('id', '>', after);
      const rows = (await q.orderBy('id').limit(a.limit + 1).execute()).map((r) => toTaskRow(r as RawTask));
      const more = rows.length > a.limit;
      const items = more ? rows.slice(0, a.limit) : rows;
      return { items, nextCursor: more ? encodeCursor(items[items.length - 1]!.id) : null };
    },
    /** Tasks waiting in a queue (queued or on offer): what position and the wait estimate order. */
    async waitingIn(tenantId: string, queueId: string): Promise<TaskRow[]> {
      const rows = await taskQ(tenantId).where('queue_id', '=', queueId).where('status', 'in', [...waitingStatuses]).orderBy('enqueued_at').limit(100_000).execute();
      return rows.map((r) => toTaskRow(r as RawTask));
    },
    async countLiveIn(tenantId: string, queueId: string, statuses: readonly TaskStatus[] = waitingStatuses): Promise<number> {
      const r = await db.selectFrom('routing_tasks').select(sql<number>`count(*)::int`.as('n')).where('tenant_id', '=', tenantId).where('queue_id', '=', queueId).where('status', 'in', [...statuses]).executeTakeFirst();
      return Number(r?.n ?? 0);
    },
    /** Handle times (assigned to ended) of the queue's last `n` completed tasks, newest first. */
    async recentHandleMs(tenantId: string, queueId: string, n = 50): Promise<number[]> {
      const rows = await db
        .selectFrom('routing_tasks')
        .select(['assigned_at', 'ended_at'])
        .where('tenant_id', '=', tenantId)
        .where('queue_id', '=', queueId)
        .where('ended_at', 'is not', null)
        .where('status', '=', 'completed')
        .where('assigned_at', 'is not', null)
        .orderBy('ended_at', 'desc')
        .limit(n)
        .execute();
      return rows.map((r) => r.ended_at!.getTime() - r.assigned_at!.getTime()).filter((ms) => ms >= 0);
    },
    /** Per queue: tasks queued, on offer, and the oldest enqueued_at of those waiting. */
    async queueStats(tenantId: string): Promise<{ queueId: string; queued: number; offered: number; oldest: Date | null }[]> {
      const rows = await db
        .selectFrom('routing_tasks')
        .select([
          'queue_id',
          sql<number>`count(*) filter (where status = 'queued')::int`.as('queued'),
          sql<number>`count(*) filter (where status = 'offered')::int`.as('offered'),
          sql<Date | null>`min(enqueued_at)`.as('oldest'),
        ])
        .where('tenant_id', '=', tenantId)
        .where('status', 'in', [...waitingStatuses])
        .where('queue_id', 'is not', null)
        .groupBy('queue_id')
        .execute();
      return rows.map((r) => ({ queueId: r.queue_id!, queued: Number(r.queued), offered: Number(r.offered), oldest: r.oldest ? new Date(r.oldest) : null }));
    },
    /**
     * Conditional change: applies only while the task is in one of `from` (and, when given, still
     * assigned to `assignedTo`). False when the row had changed: nothing was written.
     */
    async transition(tenantId: string, id: string, from: readonly TaskStatus[], patch: TaskPatch, at: Date, assignedTo?: string): Promise<boolean> {
      let q = db
        .updateTable('routing_tasks')
        .set({
          ...(patch.kind !== undefined && { kind: patch.kind }),
          ...(patch.status !== undefined && { status: patch.status }),
          ...(patch.attributes !== undefined && { attributes: JSON.stringify(patch.attributes) }),
          ...(patch.priority !== undefined && { priority: patch.priority }),
          ...(patch.ruleId !== undefined && { rule_id: patch.ruleId }),
          ...(patch.targetIndex !== undefined && { target_index: patch.targetIndex }),
          ...(patch.targetStartedAt !== undefined && { target_started_at: patch.targetStartedAt }),
          ...(patch.queueId !== undefined && { queue_id: patch.queueId }),
          ...(patch.assignedUserId !== undefined && { assigned_user_id: patch.assignedUserId }),
          ...(patch.declinedBy !== undefined && {
            declined_by: sql<string[]>`(CASE WHEN ${patch.declinedBy}::uuid = ANY(declined_by) THEN declined_by ELSE array_append(declined_by, ${patch.declinedBy}::uuid) END)`,
          }),
          ...(patch.callbackNumber !== undefined && { callback_number: patch.callbackNumber }),
          ...(patch.assignedAt !== undefined && { assigned_at: patch.assignedAt }),
          ...(patch.endedAt !== undefined && { ended_at: patch.endedAt }),
          ...(patch.endReason !== undefined && { end_reason: patch.endReason }),
          updated_at: at,
        })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .where('status', 'in', [...from]);
      if (assignedTo !== undefined) q = q.where('assigned_user_id', '=', assignedTo);
      const r = await q.executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    async insertOffer(o: Omit<OfferRow, 'decidedAt' | 'status'>): Promise<void> {
      await db.insertInto('routing_offers').values({ id: o.id, tenant_id: o.tenantId, task_id: o.taskId, user_id: o.userId, offered_at: o.offeredAt, expires_at: o.expiresAt, status: 'pending' }).execute();
    },
    async offerById(tenantId: string, id: string): Promise<OfferRow | undefined> {
      const r = await db.selectFrom('routing_offers').select(offerCols).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return r && toOffer(r as RawOffer);
    },
    async pendingOfferFor(tenantId: string, taskId: string): Promise<OfferRow | undefined> {
      const r = await db.selectFrom('routing_offers').select(offerCols).where('tenant_id', '=', tenantId).where('task_id', '=', taskId).where('status', '=', 'pending').executeTakeFirst();
      return r && toOffer(r as RawOffer);
    },
    /** An agent's pending offers that have not expired, oldest first. */
    async pendingOffersOf(tenantId: string, userId: string, now: Date): Promise<OfferRow[]> {
      const rows = await db
        .selectFrom('routing_offers')
        .select(offerCols)
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', userId)
        .where('status', '=', 'pending')
        .where('expires_at', '>', now)
        .orderBy('offered_at')
        .limit(200)
        .execute();
      return rows.map((r) => toOffer(r as RawOffer));
    },
    async offersOfTask(tenantId: string, taskId: string): Promise<OfferRow[]> {
      const rows = await db.selectFrom('routing_offers').select(offerCols).where('tenant_id', '=', tenantId).where('task_id', '=', taskId).orderBy('offered_at').limit(1000).execute();
      return rows.map((r) => toOffer(r as RawOffer));
    },
    /**
     * Decides a pending offer: only while it is pending, (when given) made to `userId`, and (when
     * given) not expired at `liveAt`. False when any of that no longer holds: nothing was written.
     */
    async decideOffer(tenantId: string, id: string, status: Exclude<OfferStatus, 'pending'>, at: Date, cond: { userId?: string; liveAt?: Date } = {}): Promise<boolean> {
      let q = db.updateTable('routing_offers').set({ status, decided_at: at }).where('tenant_id', '=', tenantId).where('id', '=', id).where('status', '=', 'pending');
      if (cond.userId) q = q.where('user_id', '=', cond.userId);
      if (cond.liveAt) q = q.where('expires_at', '>', cond.liveAt);
      const r = await q.executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    /** Withdraws the task's pending offer, if any; returns it. */
    async withdrawPending(tenantId: string, taskId: string, at: Date): Promise<OfferRow | undefined> {
      const pending = await this.pendingOfferFor(tenantId, taskId);
      if (!pending) return undefined;
      await db.updateTable('routing_offers').set({ status: 'withdrawn', decided_at: at }).where('tenant_id', '=', tenantId).where('id', '=', pending.id).where('status', '=', 'pending').execute();
      return pending;
    },

    async appendTrace(tenantId: string, taskId: string, entries: { id: string; entry: TraceEntry }[]): Promise<void> {
      if (entries.length === 0) return;
      await db.insertInto('routing_trace').values(entries.map((e) => ({ id: e.id, tenant_id: tenantId, task_id: taskId, at: new Date(e.entry.at), entry: JSON.stringify(e.entry) }))).execute();
    },
    async trace(tenantId: string, taskId: string, limit = 1000): Promise<TraceEntry[]> {
      const rows = await db.selectFrom('routing_trace').select(['entry']).where('tenant_id', '=', tenantId).where('task_id', '=', taskId).orderBy('at').orderBy('id').limit(limit).execute();
      return rows.map((r) => r.entry as unknown as TraceEntry);
    },
  };
}
export type RoutingTasksRepo = ReturnType<typeof routingTasksRepo>;
