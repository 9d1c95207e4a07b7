import { sql } from 'kysely';
import type { Db } from './db.ts';
import type { Executor } from './executor.ts';

/**
 * Numbers committed events (decision 016). Writers append events with seq NULL; this gives the
 * oldest unnumbered ones of each tenant the tenant's next numbers, in outbox order, in one short
 * transaction per batch. The outbox rows are locked (FOR UPDATE, not SKIP LOCKED), so a second
 * sequencer on another node waits and then finds them numbered; tenants are taken in one order, so
 * two sequencers never deadlock. The tenant row lock is held only for this statement and commit:
 * numbering is gapless and follows this transaction's commit order, as readers expect.
 */
export function sequenceBatch(db: Db, limit: number): Promise<number> {
  return db.transaction().execute((tx) => numberPending(tx, limit));
}

/** The numbering statements on a caller's executor (inside its transaction, e.g. a seed's). */
export async function numberPending(tx: Executor, limit: number): Promise<number> {
  {
    const rows = await sql<{ tenant_id: string; event_id: string }>`
      select tenant_id, event_id from outbox where seq is null order by id limit ${limit} for update`.execute(tx);
    if (rows.rows.length === 0) return 0;
    const byTenant = new Map<string, string[]>();
    for (const r of rows.rows) {
      const list = byTenant.get(r.tenant_id);
      if (list) list.push(r.event_id);
      else byTenant.set(r.tenant_id, [r.event_id]);
    }
    for (const tenantId of [...byTenant.keys()].sort()) {
      const ids = byTenant.get(tenantId)!;
      const res = await sql`
        with t as (
          update tenants set event_seq = event_seq + ${ids.length} where id = ${tenantId}::uuid
          returning event_seq - ${ids.length} as base
        ), v as (
          select x.id, x.n from unnest(${ids}::uuid[]) with ordinality as x(id, n)
        ), ev as (
          update events e set seq = t.base + v.n from t, v
          where e.id = v.id and e.tenant_id = ${tenantId}::uuid and e.seq is null
          returning e.id, e.seq
        )
        update outbox o set seq = ev.seq from ev where o.event_id = ev.id`.execute(tx);
      if (Number(res.numAffectedRows ?? 0) === 0) {
        // The tenant (and with it its events) is gone: nothing left to number or deliver.
        await sql`delete from outbox where seq is null and event_id = any(${ids}::uuid[])`.execute(tx);
      }
    }
    return rows.rows.length;
  }
}

/** Numbers every event committed so far (seeding and start-up, before reading tenants.event_seq). */
export async function sequenceAll(db: Db, batch = 2000): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await sequenceBatch(db, batch);
    total += n;
    if (n < batch) return total;
  }
}
