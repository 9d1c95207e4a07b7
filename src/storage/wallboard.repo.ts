import { sql } from 'kysely';
import type { Executor } from './executor.ts';

/** One task event as the wallboard reads it. */
export interface WallboardTaskEvent {
  type: string;
  taskId: string;
  queueId: string | null;
  payload: Record<string, unknown>;
  createdAt: Date;
}

/** A task an agent holds now (assigned or in wrap-up) or has on offer. */
export interface AgentTaskRow {
  taskId: string;
  userId: string;
  kind: string;
  status: 'offered' | 'assigned' | 'wrap_up';
  queueId: string | null;
  sourceType: string;
  conversationId: string | null;
  customerName: string | null;
  since: Date;
}

export interface WhisperRow {
  id: string;
  conversationId: string;
  seq: number;
  text: string;
  whisperTo: string;
  authorUserId: string | null;
  authorName: string | null;
  createdAt: Date;
}

/**
 * The supervisor's live view: today's task events (indexed on events (tenant_id, type, created_at)),
 * the tasks agents hold now with their conversations and customers, and whispers.
 */
export function wallboardRepo(db: Executor) {
  return {
    /** Task events of these types in [from, to), oldest first. */
    async taskEvents(tenantId: string, types: readonly string[], from: Date, to: Date): Promise<WallboardTaskEvent[]> {
      if (types.length === 0) return [];
      const rows = await db
        .selectFrom('events')
        .select(['type', 'aggregate_id', 'payload', 'created_at'])
        .where('tenant_id', '=', tenantId)
        .where('type', 'in', [...types])
        .where('aggregate_type', '=', 'task')
        // every event of each task touched in the range (a task that arrived yesterday and ended today counts as handled today)
        .where('aggregate_id', 'in', (eb) => eb.selectFrom('events').select('aggregate_id').where('tenant_id', '=', tenantId).where('aggregate_type', '=', 'task')
          .where('created_at', '>=', from).where('created_at', '<', to))
        .where('created_at', '<', to)
        .orderBy('seq')
        .execute();
      return rows.map((r) => {
        const payload = (r.payload ?? {}) as Record<string, unknown>;
        return { type: r.type, taskId: r.aggregate_id, queueId: typeof payload.queueId === 'string' ? payload.queueId : null, payload, createdAt: r.created_at as Date };
      });
    },

    /** Tasks held by an agent (assigned, wrap-up) or on offer to one, with conversation and customer name. */
    async agentTasks(tenantId: string): Promise<AgentTaskRow[]> {
      const rows = await db
        .selectFrom('routing_tasks as t')
        .leftJoin('routing_offers as o', (j) => j.onRef('o.task_id', '=', 't.id').on('o.tenant_id', '=', tenantId).on('o.status', '=', 'pending'))
        .leftJoin('conversations as c', (j) => j.onRef('c.id', '=', 't.source_id').on('c.tenant_id', '=', tenantId).on('t.source_type', '=', 'conversation'))
        .leftJoin('customers as cu', (j) => j.onRef('cu.id', '=', 'c.customer_id').on('cu.tenant_id', '=', tenantId))
        .select([
          't.id', 't.kind', 't.status', 't.queue_id', 't.source_type', 't.assigned_user_id', 't.assigned_at', 't.updated_at',
          'o.user_id as offer_user_id', 'o.offered_at', 'c.id as conversation_id', 'cu.name as customer_name',
        ])
        .where('t.tenant_id', '=', tenantId)
        .where('t.status', 'in', ['offered', 'assigned', 'wrap_up'])
        .orderBy('t.enqueued_at')
        .execute();
      const out: AgentTaskRow[] = [];
      for (const r of rows) {
        const userId = r.status === 'offered' ? r.offer_user_id : r.assigned_user_id;
        if (!userId) continue;
        const since = (r.status === 'offered' ? r.offered_at : r.status === 'assigned' ? r.assigned_at : r.updated_at) ?? r.updated_at;
        out.push({
          taskId: r.id, userId, kind: r.kind, status: r.status as AgentTaskRow['status'], queueId: r.queue_id, sourceType: r.source_type,
          conversationId: r.conversation_id ?? null, customerName: r.customer_name ?? null, since: since as Date,
        });
      }
      return out;
    },

    /** Marks a note as a whisper to this agent. */
    async markWhisper(tenantId: string, messageId: string, userId: string): Promise<void> {
      await db.updateTable('messages').set({ whisper_to: userId }).where('tenant_id', '=', tenantId).where('id', '=', messageId).where('direction', '=', 'note').execute();
    },

    /** The whispers of a conversation, oldest first; `forUser` limits them to those meant for that agent. */
    async whispers(tenantId: string, conversationId: string, forUser?: string): Promise<WhisperRow[]> {
      let q = db
        .selectFrom('messages as m')
        .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'm.author_user_id').on('u.tenant_id', '=', tenantId))
        .select(['m.id', 'm.conversation_id', 'm.seq', 'm.text', 'm.whisper_to', 'm.author_user_id', 'u.name as author_name', 'm.created_at'])
        .where('m.tenant_id', '=', tenantId)
        .where('m.conversation_id', '=', conversationId)
        .where(sql<boolean>`m.whisper_to IS NOT NULL`);
      if (forUser) q = q.where('m.whisper_to', '=', forUser);
      const rows = await q.orderBy('m.seq').limit(500).execute();
      return rows.map((r) => ({
        id: r.id, conversationId: r.conversation_id, seq: r.seq, text: r.text, whisperTo: r.whisper_to!, authorUserId: r.author_user_id,
        authorName: r.author_name ?? null, createdAt: r.created_at as Date,
      }));
    },
  };
}
export type WallboardRepo = ReturnType<typeof wallboardRepo>;
