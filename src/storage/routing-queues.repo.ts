import { sql } from 'kysely';
import type { Strategy, WorkflowRuleSource } from '../core/routing/types.ts';
import type { Executor } from './executor.ts';

/** A routing queue as stored (durations in ms, as the engine takes them). */
export interface QueueRow {
  id: string;
  tenantId: string;
  name: string;
  strategy: Strategy;
  stickyMs: number;
  offerTimeoutMs: number | null;
  autoAccept: boolean;
  wrapUpMs: number;
  agingPerMinute: number;
  calendarId: string | null;
  teamIds: string[];
  createdAt: Date;
  updatedAt: Date;
}
export type QueueFields = Omit<QueueRow, 'id' | 'tenantId' | 'createdAt' | 'updatedAt'>;

export interface WorkflowRow {
  version: number;
  rules: WorkflowRuleSource[];
  createdBy: string | null;
  createdAt: Date;
}

const cols = [
  'id', 'tenant_id', 'name', 'strategy', 'sticky_ms', 'offer_timeout_ms', 'auto_accept', 'wrap_up_ms',
  'aging_per_minute', 'calendar_id', 'team_ids', 'created_at', 'updated_at',
] as const;

type Raw = {
  id: string; tenant_id: string; name: string; strategy: Strategy; sticky_ms: number | string; offer_timeout_ms: number | null; auto_accept: boolean;
  wrap_up_ms: number; aging_per_minute: number | string; calendar_id: string | null; team_ids: string[]; created_at: Date; updated_at: Date;
};
const toRow = (r: Raw): QueueRow => ({
  id: r.id,
  tenantId: r.tenant_id,
  name: r.name,
  strategy: r.strategy,
  stickyMs: Number(r.sticky_ms),
  offerTimeoutMs: r.offer_timeout_ms === null ? null : Number(r.offer_timeout_ms),
  autoAccept: r.auto_accept,
  wrapUpMs: Number(r.wrap_up_ms),
  agingPerMinute: Number(r.aging_per_minute),
  calendarId: r.calendar_id,
  teamIds: r.team_ids ?? [],
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const columnsOf = (f: Partial<QueueFields>) => ({
  ...(f.name !== undefined && { name: f.name }),
  ...(f.strategy !== undefined && { strategy: f.strategy }),
  ...(f.stickyMs !== undefined && { sticky_ms: Math.round(f.stickyMs) }),
  ...(f.offerTimeoutMs !== undefined && { offer_timeout_ms: f.offerTimeoutMs }),
  ...(f.autoAccept !== undefined && { auto_accept: f.autoAccept }),
  ...(f.wrapUpMs !== undefined && { wrap_up_ms: f.wrapUpMs }),
  ...(f.agingPerMinute !== undefined && { aging_per_minute: f.agingPerMinute }),
  ...(f.calendarId !== undefined && { calendar_id: f.calendarId }),
  ...(f.teamIds !== undefined && { team_ids: [...f.teamIds] }),
});

/** Routing queues and the versioned workflow of a tenant; every query is scoped by tenant. */
export function routingQueuesRepo(db: Executor) {
  return {
    async list(tenantId: string): Promise<QueueRow[]> {
      const rows = await db.selectFrom('routing_queues').select(cols).where('tenant_id', '=', tenantId).orderBy('name').execute();
      return rows.map(toRow);
    },
    async byId(tenantId: string, id: string): Promise<QueueRow | undefined> {
      const r = await db.selectFrom('routing_queues').select(cols).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return r && toRow(r);
    },
    async byName(tenantId: string, name: string): Promise<QueueRow | undefined> {
      const r = await db.selectFrom('routing_queues').select(cols).where('tenant_id', '=', tenantId).where('name', '=', name).executeTakeFirst();
      return r && toRow(r);
    },
    /** False when the tenant already has a queue of that name. */
    async insert(q: QueueFields & { id: string; tenantId: string; at: Date }): Promise<boolean> {
      const r = await db
        .insertInto('routing_queues')
        .values({ id: q.id, tenant_id: q.tenantId, ...columnsOf(q), name: q.name, created_at: q.at, updated_at: q.at })
        .onConflict((oc) => oc.columns(['tenant_id', 'name']).doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async update(tenantId: string, id: string, patch: Partial<QueueFields>, at: Date): Promise<boolean> {
      const r = await db
        .updateTable('routing_queues')
        .set({ ...columnsOf(patch), updated_at: at })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    /** Deletes the queue; ended and active tasks that pointed at it keep their history without it. */
    async remove(tenantId: string, id: string): Promise<boolean> {
      await db.updateTable('routing_tasks').set({ queue_id: null }).where('tenant_id', '=', tenantId).where('queue_id', '=', id).execute();
      const r = await db.deleteFrom('routing_queues').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },

    /** The running workflow: the highest version (undefined before the first save). */
    async currentWorkflow(tenantId: string): Promise<WorkflowRow | undefined> {
      const r = await db
        .selectFrom('routing_workflows')
        .select(['version', 'rules', 'created_by', 'created_at'])
        .where('tenant_id', '=', tenantId)
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst();
      return r && { version: r.version, rules: r.rules as WorkflowRuleSource[], createdBy: r.created_by, createdAt: r.created_at };
    },
    async workflowVersion(tenantId: string, version: number): Promise<WorkflowRow | undefined> {
      const r = await db
        .selectFrom('routing_workflows')
        .select(['version', 'rules', 'created_by', 'created_at'])
        .where('tenant_id', '=', tenantId)
        .where('version', '=', version)
        .executeTakeFirst();
      return r && { version: r.version, rules: r.rules as WorkflowRuleSource[], createdBy: r.created_by, createdAt: r.created_at };
    },
    /** Every version, newest first, without the rules. */
    async workflowVersions(tenantId: string): Promise<{ version: number; createdBy: string | null; createdAt: Date; rules: number }[]> {
      const rows = await db
        .selectFrom('routing_workflows')
        .select(['version', 'created_by', 'created_at', sql<number>`jsonb_array_length(rules)`.as('n')])
        .where('tenant_id', '=', tenantId)
        .orderBy('version', 'desc')
        .limit(500)
        .execute();
      return rows.map((r) => ({ version: r.version, createdBy: r.created_by, createdAt: r.created_at, rules: Number(r.n) }));
    },
    /** False when that version exists already (someone saved at the same time). */
    async insertWorkflow(tenantId: string, w: { version: number; rules: readonly WorkflowRuleSource[]; createdBy: string | null; at: Date }): Promise<boolean> {
      const r = await db
        .insertInto('routing_workflows')
        .values({ tenant_id: tenantId, version: w.version, rules: JSON.stringify(w.rules), created_by: w.createdBy, created_at: w.at })
        .onConflict((oc) => oc.columns(['tenant_id', 'version']).doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
  };
}
export type RoutingQueuesRepo = ReturnType<typeof routingQueuesRepo>;
