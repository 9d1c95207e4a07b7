import { sql } from 'kysely';
import type { Executor } from './executor.ts';
import { executePrepared } from './prepared.ts';
import type { StoredEvent } from './events.repo.ts';

export function outboxRepo(db: Executor) {
  return {
    /**
     * Claims numbered, undelivered rows, each tenant's in seq order, with their events, and marks
     * them delivered, in one statement. Only inside the transaction that publishes them: its commit
     * after the bus accepted them makes the mark stick, a failure rolls it back, so delivery stays
     * at least once. One dispatcher at a time: a transaction advisory lock, taken in the statement's
     * init plan (without it nothing is read), so the bus sees a tenant's events in order across
     * nodes. A row whose event is gone (its tenant was deleted) comes with `event` null: delivered
     * as nothing. Topics come as JSON (parsed natively; a text[] is parsed character by character
     * in JavaScript, a few KB of garbage per event).
     */
    async claimEvents(limit: number, at: Date): Promise<{ id: number; event: StoredEvent | null }[]> {
      const rows = await executePrepared(db, sql<{ outbox_id: number; id: string | null; tenant_id: string; seq: number; type: string; aggregate_type: string; aggregate_id: string; actor_id: string | null; topics: string[]; payload: Record<string, unknown>; created_at: Date }>`
        with c as (
          select o.id from outbox o
          where (select pg_try_advisory_xact_lock(7311042002)) and o.delivered_at is null and o.seq is not null
          order by o.tenant_id, o.seq
          limit ${limit}
          for update skip locked
        ), u as (
          update outbox o set delivered_at = ${at}::timestamptz from c where o.id = c.id
          returning o.id, o.event_id, o.tenant_id, o.seq
        )
        select u.id as outbox_id, e.id, u.tenant_id, u.seq, e.type, e.aggregate_type, e.aggregate_id, e.actor_id, array_to_json(e.topics) as topics, e.payload, e.created_at
        from u left join events e on e.id = u.event_id
        order by u.tenant_id, u.seq`);
      return rows.rows.map((r) => ({
        id: Number(r.outbox_id),
        event: r.id === null ? null : { id: r.id, tenantId: r.tenant_id, seq: Number(r.seq), type: r.type, aggregateType: r.aggregate_type, aggregateId: r.aggregate_id, actorId: r.actor_id, topics: r.topics, payload: r.payload, createdAt: r.created_at },
      }));
    },
    async markAttempt(ids: number[]): Promise<void> {
      if (ids.length === 0) return;
      await db
        .updateTable('outbox')
        .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
        .where('id', 'in', ids)
        .execute();
    },
    async pendingCount(): Promise<number> {
      const r = await db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('delivered_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async purgeDelivered(before: Date): Promise<number> {
      const r = await db.deleteFrom('outbox').where('delivered_at', '<', before).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
export type OutboxRepo = ReturnType<typeof outboxRepo>;
