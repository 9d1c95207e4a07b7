import { sql } from 'kysely';
import type { Executor } from './executor.ts';
import { tenantsRepo } from './tenants.repo.ts';

export interface EventDraft {
  id: string;
  type: string;
  aggregateType: string;
  aggregateId: string;
  actorId: string | null;
  topics: string[];
  payload: Record<string, unknown>;
}

export interface StoredEvent extends EventDraft {
  tenantId: string;
  seq: number;
  createdAt: Date;
}

const cols = [
  'id',
  'tenant_id as tenantId',
  'seq',
  'type',
  'aggregate_type as aggregateType',
  'aggregate_id as aggregateId',
  'actor_id as actorId',
  'topics',
  'payload',
  'created_at as createdAt',
] as const;

export function eventsRepo(db: Executor) {
  return {
    /**
     * Appends events and their outbox rows. Must run inside the transaction that changes the state
     * they describe; the tenant row lock taken by reserveSeq makes seq gapless in commit order.
     */
    async append(tenantId: string, drafts: EventDraft[], at: Date): Promise<StoredEvent[]> {
      if (drafts.length === 0) return [];
      const first = await tenantsRepo(db).reserveSeq(tenantId, drafts.length);
      const stored = drafts.map((d, i) => ({ ...d, tenantId, seq: first + i, createdAt: at }));
      await db
        .insertInto('events')
        .values(
          stored.map((e) => ({
            id: e.id,
            tenant_id: tenantId,
            seq: e.seq,
            type: e.type,
            aggregate_type: e.aggregateType,
            aggregate_id: e.aggregateId,
            actor_id: e.actorId,
            topics: e.topics,
            payload: JSON.stringify(e.payload),
            created_at: at,
          })),
        )
        .execute();
      await db
        .insertInto('outbox')
        .values(stored.map((e) => ({ tenant_id: tenantId, event_id: e.id, seq: e.seq, created_at: at })))
        .execute();
      return stored;
    },
    /** Events after `afterSeq` on any of `topics`, oldest first (websocket catch-up). */
    async since(tenantId: string, afterSeq: number, topics: string[], limit: number): Promise<StoredEvent[]> {
      if (topics.length === 0) return [];
      return db
        .selectFrom('events')
        .select(cols)
        .where('tenant_id', '=', tenantId)
        .where('seq', '>', afterSeq)
        .where(sql<boolean>`topics && ${sql.val(topics)}::text[]`)
        .orderBy('seq')
        .limit(limit)
        .execute();
    },
    async byIds(ids: string[]): Promise<StoredEvent[]> {
      if (ids.length === 0) return [];
      return db.selectFrom('events').select(cols).where('id', 'in', ids).orderBy('tenant_id').orderBy('seq').execute();
    },
    async list(tenantId: string, args: { afterSeq: number; limit: number; type?: string }): Promise<StoredEvent[]> {
      let q = db.selectFrom('events').select(cols).where('tenant_id', '=', tenantId).where('seq', '>', args.afterSeq);
      if (args.type) q = q.where('type', '=', args.type);
      return q.orderBy('seq').limit(args.limit).execute();
    },
  };
}
export type EventsRepo = ReturnType<typeof eventsRepo>;
