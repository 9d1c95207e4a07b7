import { sql } from 'kysely';
import type { Executor } from './executor.ts';

export interface OutboxItem {
  id: number;
  tenantId: string;
  eventId: string;
  seq: number;
}

export function outboxRepo(db: Executor) {
  return {
    /**
     * Numbered, undelivered rows, each tenant's in seq order. One dispatcher at a time (a transaction
     * advisory lock), so the bus sees a tenant's events in order across nodes; others get nothing
     * and try again later.
     */
    async claim(limit: number): Promise<OutboxItem[]> {
      const got = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(7311042002) as ok`.execute(db);
      if (!got.rows[0]?.ok) return [];
      const rows = await sql<{ id: number; tenant_id: string; event_id: string; seq: number }>`
        select id, tenant_id, event_id, seq from outbox
        where delivered_at is null and seq is not null
        order by tenant_id, seq
        limit ${limit}
        for update skip locked`.execute(db);
      return rows.rows.map((r) => ({ id: Number(r.id), tenantId: r.tenant_id, eventId: r.event_id, seq: Number(r.seq) }));
    },
    async markDelivered(ids: number[], at: Date): Promise<void> {
      if (ids.length === 0) return;
      await db.updateTable('outbox').set({ delivered_at: at }).where('id', 'in', ids).execute();
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
