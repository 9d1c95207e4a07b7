import { sql } from 'kysely';
import type { Executor } from './executor.ts';
import {
  capacityChannels,
  defaultCapacity,
  type CapacityChannel,
  type Offer,
  type RoutingAgent,
  type RoutingQueue,
  type RoutingTask,
  type TaskAttributes,
  type WorkflowSource,
} from '../core/routing/types.ts';

/**
 * What the routing leader reads and writes (src/jobs/routing-runner.ts): the snapshot an engine
 * starts from, single rows for re-sync, task intake, and the conditional writes that persist the
 * engine's effects. Every query is scoped by tenant. Design: docs/decisions/013-routing.md.
 */

export const LIVE_STATUSES = ['queued', 'offered', 'assigned', 'wrap_up'] as const;

export interface TaskSource {
  sourceType: 'conversation' | 'ticket' | 'callback' | 'api';
  sourceId: string | null;
}
export interface WorkflowCatalog {
  queues: { id: string; name: string }[];
  skills: string[];
  teams: { id: string; name: string }[];
}
export interface StoredWorkflow {
  version: number;
  source: WorkflowSource;
}
export interface LoadedTask {
  task: RoutingTask;
  offer: Offer | null;
  source: TaskSource;
  workflowVersion: number | null;
}
export interface RuntimeSnapshot {
  queues: RoutingQueue[];
  agents: RoutingAgent[];
  tasks: LoadedTask[];
  workflow: StoredWorkflow | null;
  catalog: WorkflowCatalog;
  /** Recent handle times (ms) per queue, newest first, at most 50 each. */
  recentHandleMs: Map<string, number[]>;
}

const ms = (d: Date | null | undefined): number => (d ? d.getTime() : 0);

type QueueRow = { id: string; name: string; strategy: RoutingQueue['strategy']; sticky_ms: number | string; offer_timeout_ms: number | null; auto_accept: boolean; wrap_up_ms: number; aging_per_minute: number; calendar_id: string | null; team_ids: string[] };
const toQueue = (q: QueueRow): RoutingQueue => ({
  id: q.id,
  name: q.name,
  strategy: q.strategy,
  stickyMs: Number(q.sticky_ms),
  offerTimeoutMs: q.offer_timeout_ms,
  autoAccept: q.auto_accept,
  wrapUpMs: q.wrap_up_ms,
  agingPerMinute: Number(q.aging_per_minute),
  calendarId: q.calendar_id,
  teamIds: q.team_ids ?? [],
});

function capacityOf(raw: unknown): Record<CapacityChannel, number> {
  const c = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const out = { ...defaultCapacity };
  for (const ch of capacityChannels) if (typeof c[ch] === 'number') out[ch] = c[ch] as number;
  return out;
}

type TaskRow = { id: string; kind: RoutingTask['kind']; source_type: TaskSource['sourceType']; source_id: string | null; attributes: Record<string, unknown>; priority: number; status: RoutingTask['status']; workflow_version: number | null; rule_id: string | null; target_index: number; target_started_at: Date; queue_id: string | null; assigned_user_id: string | null; declined_by: string[]; enqueued_at: Date };
const toTask = (t: TaskRow): RoutingTask => ({
  id: t.id,
  kind: t.kind,
  attributes: t.attributes as TaskAttributes,
  priority: t.priority,
  enqueuedAt: ms(t.enqueued_at),
  status: t.status,
  ruleId: t.rule_id,
  targetIndex: t.target_index,
  targetStartedAt: ms(t.target_started_at),
  queueId: t.queue_id,
  assignedUserId: t.assigned_user_id,
  declinedBy: t.declined_by ?? [],
});
type OfferRow = { id: string; task_id: string; user_id: string; offered_at: Date; expires_at: Date };
const toOffer = (o: OfferRow): Offer => ({ id: o.id, taskId: o.task_id, userId: o.user_id, offeredAt: ms(o.offered_at), expiresAt: ms(o.expires_at) });

const taskCols = ['id', 'kind', 'source_type', 'source_id', 'attributes', 'priority', 'status', 'workflow_version', 'rule_id', 'target_index', 'target_started_at', 'queue_id', 'assigned_user_id', 'declined_by', 'enqueued_at'] as const;
const queueCols = ['id', 'name', 'strategy', 'sticky_ms', 'offer_timeout_ms', 'auto_accept', 'wrap_up_ms', 'aging_per_minute', 'calendar_id', 'team_ids'] as const;

export function routingRuntimeRepo(db: Executor) {
  async function agents(tenantId: string, userId?: string): Promise<RoutingAgent[]> {
    let q = db
      .selectFrom('users as u')
      .leftJoin('agent_routing as a', (j) => j.onRef('a.tenant_id', '=', 'u.tenant_id').onRef('a.user_id', '=', 'u.id'))
      .select(['u.id', 'u.name', 'u.role', 'u.language', 'a.presence', 'a.away_reason', 'a.presence_since', 'a.wrap_up_until', 'a.idle_since', 'a.languages', 'a.capacity', 'a.missed_in_row'])
      .where('u.tenant_id', '=', tenantId)
      .where('u.active', '=', true);
    if (userId) q = q.where('u.id', '=', userId);
    const rows = await q.execute();
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    let sq = db
      .selectFrom('user_skills as us')
      .innerJoin('skills as s', (j) => j.onRef('s.tenant_id', '=', 'us.tenant_id').onRef('s.id', '=', 'us.skill_id'))
      .select(['us.user_id', 's.name', 'us.level'])
      .where('us.tenant_id', '=', tenantId);
    if (userId) sq = sq.where('us.user_id', '=', userId);
    let tq = db.selectFrom('team_members').select(['user_id', 'team_id']).where('tenant_id', '=', tenantId);
    if (userId) tq = tq.where('user_id', '=', userId);
    const [skills, teams] = await Promise.all([sq.execute(), tq.execute()]);
    const skillsOf = new Map<string, Record<string, number>>(ids.map((id) => [id, {}]));
    for (const s of skills) { const m = skillsOf.get(s.user_id); if (m) m[s.name] = s.level; }
    const teamsOf = new Map<string, string[]>(ids.map((id) => [id, []]));
    for (const t of teams) teamsOf.get(t.user_id)?.push(t.team_id);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      role: r.role,
      presence: r.presence ?? 'offline',
      awayReason: r.away_reason ?? null,
      presenceSince: ms(r.presence_since),
      wrapUpUntil: ms(r.wrap_up_until),
      idleSince: ms(r.idle_since),
      skills: skillsOf.get(r.id) ?? {},
      languages: r.languages && r.languages.length > 0 ? r.languages : [r.language],
      teamIds: teamsOf.get(r.id) ?? [],
      capacity: capacityOf(r.capacity),
      missedInRow: r.missed_in_row ?? 0,
    }));
  }

  async function queues(tenantId: string, id?: string): Promise<RoutingQueue[]> {
    let q = db.selectFrom('routing_queues').select(queueCols).where('tenant_id', '=', tenantId);
    if (id) q = q.where('id', '=', id);
    return (await q.execute()).map((r) => toQueue(r as QueueRow));
  }

  return {
    /** Every tenant id (the runner tries to lead each). */
    async tenantIds(): Promise<string[]> {
      return (await db.selectFrom('tenants').select('id').orderBy('id').execute()).map((r) => r.id);
    },
    async cursor(tenantId: string): Promise<number | null> {
      const r = await db.selectFrom('routing_cursors').select('last_seq').where('tenant_id', '=', tenantId).executeTakeFirst();
      return r ? Number(r.last_seq) : null;
    },
    /** Locks the tenant's cursor row (creating it at 0) for the batch's transaction. */
    async lockCursor(tenantId: string): Promise<number> {
      await db.insertInto('routing_cursors').values({ tenant_id: tenantId, last_seq: 0 }).onConflict((oc) => oc.column('tenant_id').doNothing()).execute();
      const r = await db.selectFrom('routing_cursors').select('last_seq').where('tenant_id', '=', tenantId).forUpdate().executeTakeFirstOrThrow();
      return Number(r.last_seq);
    },
    async setCursor(tenantId: string, seq: number): Promise<void> {
      await db.insertInto('routing_cursors').values({ tenant_id: tenantId, last_seq: seq }).onConflict((oc) => oc.column('tenant_id').doUpdateSet({ last_seq: seq })).execute();
    },

    agents,
    async agent(tenantId: string, userId: string): Promise<RoutingAgent | null> {
      return (await agents(tenantId, userId))[0] ?? null;
    },
    queues,
    async queue(tenantId: string, id: string): Promise<RoutingQueue | null> {
      return (await queues(tenantId, id))[0] ?? null;
    },
    async workflow(tenantId: string): Promise<StoredWorkflow | null> {
      const r = await db.selectFrom('routing_workflows').select(['version', 'rules']).where('tenant_id', '=', tenantId).orderBy('version', 'desc').limit(1).executeTakeFirst();
      if (!r) return null;
      const rules = (typeof r.rules === 'string' ? JSON.parse(r.rules) : r.rules) as WorkflowSource['rules'];
      return { version: r.version, source: { rules } };
    },
    async catalog(tenantId: string): Promise<WorkflowCatalog> {
      const [qs, skills, teams] = await Promise.all([
        db.selectFrom('routing_queues').select(['id', 'name']).where('tenant_id', '=', tenantId).execute(),
        db.selectFrom('skills').select('name').where('tenant_id', '=', tenantId).execute(),
        db.selectFrom('teams').select(['id', 'name']).where('tenant_id', '=', tenantId).execute(),
      ]);
      return { queues: qs, skills: skills.map((s) => s.name), teams };
    },

    /** A task and its pending offer, as the database has them now. */
    async task(tenantId: string, taskId: string): Promise<LoadedTask | null> {
      const t = await db.selectFrom('routing_tasks').select(taskCols).where('tenant_id', '=', tenantId).where('id', '=', taskId).executeTakeFirst();
      if (!t) return null;
      const o = await db.selectFrom('routing_offers').select(['id', 'task_id', 'user_id', 'offered_at', 'expires_at']).where('tenant_id', '=', tenantId).where('task_id', '=', taskId).where('status', '=', 'pending').executeTakeFirst();
      return { task: toTask(t as TaskRow), offer: o ? toOffer(o) : null, source: { sourceType: t.source_type, sourceId: t.source_id }, workflowVersion: t.workflow_version };
    },
    async liveTasks(tenantId: string): Promise<LoadedTask[]> {
      const rows = await db.selectFrom('routing_tasks').select(taskCols).where('tenant_id', '=', tenantId).where('status', 'in', LIVE_STATUSES).orderBy('enqueued_at').execute();
      const offers = await db.selectFrom('routing_offers').select(['id', 'task_id', 'user_id', 'offered_at', 'expires_at']).where('tenant_id', '=', tenantId).where('status', '=', 'pending').execute();
      const byTask = new Map(offers.map((o) => [o.task_id, toOffer(o)]));
      return rows.map((t) => ({ task: toTask(t as TaskRow), offer: byTask.get(t.id) ?? null, source: { sourceType: t.source_type, sourceId: t.source_id }, workflowVersion: t.workflow_version }));
    },
    /** Handle times (assigned -> ended) of the last 50 completed tasks of each queue. */
    async recentHandleMs(tenantId: string): Promise<Map<string, number[]>> {
      const rows = await sql<{ queue_id: string; handle_ms: number }>`
        SELECT queue_id, handle_ms FROM (
          SELECT queue_id, (extract(epoch FROM ended_at - assigned_at) * 1000)::float8 AS handle_ms,
                 row_number() OVER (PARTITION BY queue_id ORDER BY ended_at DESC) AS n
          FROM routing_tasks
          WHERE tenant_id = ${tenantId} AND ended_at IS NOT NULL AND assigned_at IS NOT NULL AND status = 'completed' AND queue_id IS NOT NULL
        ) x WHERE n <= 50 ORDER BY queue_id, n`.execute(db);
      const out = new Map<string, number[]>();
      for (const r of rows.rows) {
        const list = out.get(r.queue_id) ?? [];
        list.push(Math.max(0, Number(r.handle_ms)));
        out.set(r.queue_id, list);
      }
      return out;
    },

    // ---- intake ----

    async conversation(tenantId: string, id: string) {
      return db
        .selectFrom('conversations as c')
        .innerJoin('inboxes as i', (j) => j.onRef('i.tenant_id', '=', 'c.tenant_id').onRef('i.id', '=', 'c.inbox_id'))
        .leftJoin('customers as cu', (j) => j.onRef('cu.tenant_id', '=', 'c.tenant_id').onRef('cu.id', '=', 'c.customer_id'))
        .select(['c.id', 'c.status', 'c.assignee_id', 'c.priority', 'c.tags', 'c.team_id', 'c.inbox_id', 'c.customer_id', 'c.subject', 'i.channel', 'cu.language as customer_language', 'cu.tags as customer_tags', 'cu.attributes as customer_attributes'])
        .where('c.tenant_id', '=', tenantId)
        .where('c.id', '=', id)
        .executeTakeFirst();
    },
    async tenantLanguages(tenantId: string): Promise<string[]> {
      const r = await db.selectFrom('tenants').select('languages').where('id', '=', tenantId).executeTakeFirst();
      return r?.languages ?? [];
    },
    async liveTaskOf(tenantId: string, sourceType: TaskSource['sourceType'], sourceId: string): Promise<{ id: string; status: RoutingTask['status']; queueId: string | null; assignedUserId: string | null } | undefined> {
      const r = await db
        .selectFrom('routing_tasks')
        .select(['id', 'status', 'queue_id', 'assigned_user_id'])
        .where('tenant_id', '=', tenantId)
        .where('source_type', '=', sourceType)
        .where('source_id', '=', sourceId)
        .where('status', 'in', LIVE_STATUSES)
        .executeTakeFirst();
      return r && { id: r.id, status: r.status, queueId: r.queue_id, assignedUserId: r.assigned_user_id };
    },
    /** A new task, idempotent on its source event and on one live task per source: false when either exists. */
    async createTask(t: { id: string; tenantId: string; kind: RoutingTask['kind']; source: TaskSource; sourceEventId: string | null; attributes: TaskAttributes; priority: number; enqueuedAt: Date }): Promise<boolean> {
      const r = await db
        .insertInto('routing_tasks')
        .values({
          id: t.id,
          tenant_id: t.tenantId,
          kind: t.kind,
          source_type: t.source.sourceType,
          source_id: t.source.sourceId,
          source_event_id: t.sourceEventId,
          attributes: JSON.stringify(t.attributes),
          priority: t.priority,
          status: 'queued',
          target_started_at: t.enqueuedAt,
          enqueued_at: t.enqueuedAt,
          created_at: t.enqueuedAt,
          updated_at: t.enqueuedAt,
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    /** The rule, target and queue the engine chose for a new task. */
    async placeTask(tenantId: string, id: string, p: { ruleId: string | null; workflowVersion: number | null; targetIndex: number; queueId: string | null; priority: number; targetStartedAt: Date }): Promise<void> {
      await db
        .updateTable('routing_tasks')
        .set({ rule_id: p.ruleId, workflow_version: p.workflowVersion, target_index: p.targetIndex, queue_id: p.queueId, priority: p.priority, target_started_at: p.targetStartedAt })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute();
    },
  };
}
export type RoutingRuntimeRepo = ReturnType<typeof routingRuntimeRepo>;
