import { sql } from 'kysely';
import type { Db } from '../../storage/db.ts';
import type { Executor } from '../../storage/executor.ts';
import { createRepos, type Repos } from '../../storage/repos.ts';

/**
 * The few queries the chat channel needs that no shared repo has yet (receipts, CSAT once, agent
 * names). Every query is scoped by tenant. When storage grows these, move them there.
 */
export function chatRepo(db: Executor) {
  return {
    /** Outbound messages up to seq become read; returns the highest seq changed (0 when none). */
    async markRead(tenantId: string, conversationId: string, seq: number): Promise<number> {
      const rows = await db
        .updateTable('messages')
        .set({ delivery_status: 'read' })
        .where('tenant_id', '=', tenantId)
        .where('conversation_id', '=', conversationId)
        .where('direction', '=', 'outbound')
        .where('seq', '<=', seq)
        .where('delivery_status', '!=', 'read')
        .returning('seq')
        .execute();
      return rows.reduce((m, r) => Math.max(m, r.seq), 0);
    },
    /** Outbound messages the visitor's socket got: queued/sent -> delivered, in one statement per batch. */
    async markDelivered(tenantId: string, ids: string[]): Promise<number> {
      if (ids.length === 0) return 0;
      const r = await db
        .updateTable('messages')
        .set({ delivery_status: 'delivered' })
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', ids)
        .where('direction', '=', 'outbound')
        .where('delivery_status', 'in', ['queued', 'sent'])
        .executeTakeFirst();
      return Number(r.numUpdatedRows ?? 0);
    },
    /** What the widget shows on the visitor's own messages: stored (delivered) and read by an agent. */
    async receipt(tenantId: string, conversationId: string): Promise<{ deliveredSeq: number; readSeq: number }> {
      const r = await db
        .selectFrom('messages')
        .select([
          sql<number>`coalesce(max(seq), 0)::int`.as('deliveredSeq'),
          sql<number>`coalesce(max(seq) filter (where delivery_status = 'read'), 0)::int`.as('readSeq'),
        ])
        .where('tenant_id', '=', tenantId)
        .where('conversation_id', '=', conversationId)
        .where('direction', '=', 'inbound')
        .executeTakeFirstOrThrow();
      return { deliveredSeq: Number(r.deliveredSeq), readSeq: Number(r.readSeq) };
    },
    async csatExists(tenantId: string, conversationId: string): Promise<boolean> {
      const r = await db
        .selectFrom('survey_responses')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('conversation_id', '=', conversationId)
        .executeTakeFirst();
      return !!r;
    },
    /** Locks the conversation row until the transaction ends (one CSAT answer at a time). */
    async lockConversation(tenantId: string, conversationId: string): Promise<boolean> {
      const r = await db.selectFrom('conversations').select('id').where('tenant_id', '=', tenantId).where('id', '=', conversationId).forUpdate().executeTakeFirst();
      return !!r;
    },
    /** The waiting task of a conversation and its last announced queue position, if it is still waiting. */
    async queueOf(tenantId: string, conversationId: string): Promise<{ position: number; waiting: number; etaSeconds: number | null } | null> {
      const task = await db
        .selectFrom('routing_tasks')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('source_type', '=', 'conversation')
        .where('source_id', '=', conversationId)
        .where('status', '=', 'queued')
        .executeTakeFirst();
      if (!task) return null;
      const ev = await db
        .selectFrom('events')
        .select('payload')
        .where('tenant_id', '=', tenantId)
        .where('aggregate_type', '=', 'task')
        .where('aggregate_id', '=', task.id)
        .where('type', '=', 'task.position_changed')
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      const p = (ev?.payload ?? null) as { position?: number; waiting?: number; estimatedWaitSeconds?: number | null } | null;
      if (!p || typeof p.position !== 'number') return null;
      return { position: p.position, waiting: p.waiting ?? p.position, etaSeconds: p.estimatedWaitSeconds ?? null };
    },
    async userNames(tenantId: string, ids: string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db.selectFrom('users').select(['id', 'name']).where('tenant_id', '=', tenantId).where('id', 'in', ids).execute();
      return new Map(rows.map((r) => [r.id, r.name]));
    },
  };
}
export type ChatRepo = ReturnType<typeof chatRepo>;

/** One transaction with the shared repos and the chat queries; `onEvents` after a commit (pokes the outbox). */
export type ChatUow = <T>(fn: (r: Repos, chat: ChatRepo) => Promise<T>) => Promise<T>;

export function chatUnitOfWork(db: Db, onEvents: () => void | Promise<void>): ChatUow {
  return async (fn) => {
    const result = await db.transaction().execute((tx) => fn(createRepos(tx), chatRepo(tx)));
    await onEvents();
    return result;
  };
}
