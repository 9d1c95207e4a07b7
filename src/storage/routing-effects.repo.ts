import { sql } from 'kysely';
import type { Executor } from './executor.ts';
import type { Offer, TraceEntry } from '../core/routing/types.ts';

/**
 * The routing leader's conditional writes (part of routing-runtime.repo.ts, split for size). Each
 * returns whether it applied: a write that finds the row changed by someone else (a person's
 * accept, another node) changes nothing, and the leader re-reads that task. Run inside the batch's
 * transaction. Design: docs/decisions/013-routing.md.
 */
const CHUNK = 1000;

export function routingEffectsRepo(db: Executor) {
  const applied = (r: { numUpdatedRows?: bigint; numDeletedRows?: bigint } | undefined) => Number(r?.numUpdatedRows ?? r?.numDeletedRows ?? 0) > 0;

  /** Pending offers of a task withdrawn (requeue, overflow, manual assign, the customer left). */
  async function withdraw(tenantId: string, taskId: string, at: Date): Promise<string[]> {
    const rows = await db
      .updateTable('routing_offers')
      .set({ status: 'withdrawn', decided_at: at })
      .where('tenant_id', '=', tenantId)
      .where('task_id', '=', taskId)
      .where('status', '=', 'pending')
      .returning('user_id')
      .execute();
    return rows.map((r) => r.user_id);
  }

  async function offerChunk(tenantId: string, offers: readonly Offer[], at: Date): Promise<Set<string>> {
    if (offers.length === 0) return new Set();
    const ins = await db
      .insertInto('routing_offers')
      .values(offers.map((o) => ({ id: o.id, tenant_id: tenantId, task_id: o.taskId, user_id: o.userId, offered_at: new Date(o.offeredAt), expires_at: new Date(o.expiresAt), status: 'pending' as const })))
      .onConflict((oc) => oc.doNothing())
      .returning(['id', 'task_id'])
      .execute();
    if (ins.length === 0) return new Set();
    const upd = await db
      .updateTable('routing_tasks')
      .set({ status: 'offered', updated_at: at })
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', ins.map((r) => r.task_id))
      .where('status', '=', 'queued')
      .returning('id')
      .execute();
    const ok = new Set(upd.map((r) => r.id));
    const undo = ins.filter((r) => !ok.has(r.task_id)).map((r) => r.id);
    if (undo.length > 0) await db.deleteFrom('routing_offers').where('tenant_id', '=', tenantId).where('id', 'in', undo).execute();
    return ok;
  }

  async function autoAcceptChunk(tenantId: string, offers: readonly Offer[], at: Date): Promise<Set<string>> {
    if (offers.length === 0) return new Set();
    const upd = await sql<{ id: string }>`
      UPDATE routing_tasks t SET status = 'assigned', assigned_user_id = v.user_id, assigned_at = ${at}, updated_at = ${at}
      FROM unnest(${offers.map((o) => o.taskId)}::uuid[], ${offers.map((o) => o.userId)}::uuid[]) AS v(task_id, user_id)
      WHERE t.tenant_id = ${tenantId} AND t.id = v.task_id AND t.status = 'queued'
      RETURNING t.id`.execute(db);
    const ok = new Set(upd.rows.map((r) => r.id));
    const rows = offers.filter((o) => ok.has(o.taskId));
    if (rows.length > 0) {
      await db
        .insertInto('routing_offers')
        .values(rows.map((o) => ({ id: o.id, tenant_id: tenantId, task_id: o.taskId, user_id: o.userId, offered_at: new Date(o.offeredAt), expires_at: new Date(o.expiresAt), status: 'accepted' as const, decided_at: at })))
        .execute();
    }
    return ok;
  }

  return {
    /**
     * Many offers in three statements (the decide path): inserted where the task has no pending
     * offer, then the tasks still queued marked offered; offers whose task moved are removed again.
     * Returns the task ids whose offer applied.
     */
    async offerMany(tenantId: string, all: readonly Offer[], at: Date): Promise<Set<string>> {
      const ok = new Set<string>();
      for (let i = 0; i < all.length; i += CHUNK) for (const id of await offerChunk(tenantId, all.slice(i, i + CHUNK), at)) ok.add(id);
      return ok;
    },

    /** Many auto-accepted offers: tasks still queued assigned (one statement), their offers stored as accepted. */
    async autoAcceptMany(tenantId: string, all: readonly Offer[], at: Date): Promise<Set<string>> {
      const ok = new Set<string>();
      for (let i = 0; i < all.length; i += CHUNK) for (const id of await autoAcceptChunk(tenantId, all.slice(i, i + CHUNK), at)) ok.add(id);
      return ok;
    },


    /** The offer timed out: only if still pending; the task goes back in line, the agent declined it. */
    async expireOffer(tenantId: string, offerId: string, taskId: string, userId: string, at: Date): Promise<boolean> {
      const upd = await db
        .updateTable('routing_offers')
        .set({ status: 'expired', decided_at: at })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', offerId)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (!applied(upd)) return false;
      await db
        .updateTable('routing_tasks')
        .set({ status: 'queued', declined_by: sql<string[]>`CASE WHEN ${userId}::uuid = ANY(declined_by) THEN declined_by ELSE array_append(declined_by, ${userId}::uuid) END`, updated_at: at })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', taskId)
        .where('status', '=', 'offered')
        .execute();
      return true;
    },

    withdrawOffers: withdraw,

    /** Back in line (its agent left): keeps enqueued_at, so it returns to its original place. */
    async requeue(tenantId: string, taskId: string, queueId: string | null, at: Date): Promise<boolean> {
      await withdraw(tenantId, taskId, at);
      const upd = await db
        .updateTable('routing_tasks')
        .set({ status: 'queued', assigned_user_id: null, assigned_at: null, queue_id: queueId, updated_at: at })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', taskId)
        .where('status', 'in', ['queued', 'offered', 'assigned'])
        .executeTakeFirst();
      return applied(upd);
    },

    async changeTarget(tenantId: string, taskId: string, p: { queueId: string | null; targetIndex: number; priority: number }, at: Date): Promise<boolean> {
      const upd = await db
        .updateTable('routing_tasks')
        .set({ queue_id: p.queueId, target_index: p.targetIndex, priority: p.priority, target_started_at: at, updated_at: at })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', taskId)
        .where('status', 'in', ['queued', 'offered'])
        .executeTakeFirst();
      return applied(upd);
    },

    /** The task leaves routing: every live status but the ones in `from` is left alone. */
    async endTask(tenantId: string, taskId: string, to: 'completed' | 'abandoned' | 'cancelled' | 'overflowed' | 'wrap_up', reason: string, from: readonly string[], at: Date): Promise<boolean> {
      const ended = to !== 'wrap_up';
      const upd = await db
        .updateTable('routing_tasks')
        .set({ status: to, ...(ended && { ended_at: at, end_reason: reason }), updated_at: at })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', taskId)
        .where('status', 'in', from as never[])
        .executeTakeFirst();
      if (!applied(upd)) return false;
      await withdraw(tenantId, taskId, at);
      return true;
    },

    /** A person assigned the task's conversation: the task is theirs, any pending offer withdrawn. */
    async assign(tenantId: string, taskId: string, userId: string, at: Date): Promise<boolean> {
      await withdraw(tenantId, taskId, at);
      const upd = await db
        .updateTable('routing_tasks')
        .set({ status: 'assigned', assigned_user_id: userId, assigned_at: at, updated_at: at })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', taskId)
        .where('status', 'in', ['queued', 'offered', 'assigned'])
        .executeTakeFirst();
      return applied(upd);
    },

    /** Missed offers: the agent set away (returns their presence before, or null when unchanged). */
    async setAway(tenantId: string, userId: string, reason: string, at: Date): Promise<string | null> {
      const before = await db.selectFrom('agent_routing').select('presence').where('tenant_id', '=', tenantId).where('user_id', '=', userId).forUpdate().executeTakeFirst();
      if (before?.presence === 'away' || before?.presence === 'offline') return null;
      await db
        .insertInto('agent_routing')
        .values({ tenant_id: tenantId, user_id: userId, presence: 'away', away_reason: reason, presence_since: at, idle_since: at, capacity: '{}', missed_in_row: 0, updated_at: at })
        .onConflict((oc) => oc.columns(['tenant_id', 'user_id']).doUpdateSet({ presence: 'away', away_reason: reason, presence_since: at, missed_in_row: 0, updated_at: at }))
        .execute();
      return before?.presence ?? 'offline';
    },

    /** Offline when the user has no live session left (signed out everywhere); the presence before, or null if nothing changed. */
    async setOfflineIfSignedOut(tenantId: string, userId: string, at: Date): Promise<string | null> {
      const before = await db.selectFrom('agent_routing').select('presence').where('tenant_id', '=', tenantId).where('user_id', '=', userId).forUpdate().executeTakeFirst();
      if (!before || before.presence === 'offline') return null;
      const live = await db
        .selectFrom('sessions')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', at)
        .limit(1)
        .executeTakeFirst();
      if (live) return null;
      await db
        .updateTable('agent_routing')
        .set({ presence: 'offline', away_reason: null, presence_since: at, updated_at: at })
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', userId)
        .execute();
      return before.presence;
    },

    async assignedAt(tenantId: string, taskId: string): Promise<number | null> {
      const r = await db.selectFrom('routing_tasks').select('assigned_at').where('tenant_id', '=', tenantId).where('id', '=', taskId).executeTakeFirst();
      return r?.assigned_at ? r.assigned_at.getTime() : null;
    },

    async setMissedInRow(tenantId: string, userId: string, n: number, at: Date): Promise<void> {
      await db.updateTable('agent_routing').set({ missed_in_row: n, updated_at: at }).where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute();
    },

    /** Auto-accept: the conversation gets its agent, unless a person assigned it meanwhile. */
    async assignConversation(tenantId: string, conversationId: string, userId: string, at: Date): Promise<boolean> {
      const upd = await db
        .updateTable('conversations')
        .set({ assignee_id: userId, updated_at: at })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', conversationId)
        .where('assignee_id', 'is', null)
        .executeTakeFirst();
      return applied(upd);
    },

    async trace(tenantId: string, rows: { id: string; taskId: string; entry: TraceEntry }[]): Promise<void> {
      if (rows.length === 0) return;
      for (let i = 0; i < rows.length; i += 500) {
        await db
          .insertInto('routing_trace')
          .values(rows.slice(i, i + 500).map((r) => ({ id: r.id, tenant_id: tenantId, task_id: r.taskId, at: new Date(r.entry.at), entry: JSON.stringify(r.entry) })))
          .execute();
      }
    },
  };
}
export type RoutingEffectsRepo = ReturnType<typeof routingEffectsRepo>;
