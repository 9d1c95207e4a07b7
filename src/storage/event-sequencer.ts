import { sql } from 'kysely';
import type { Db } from './db.ts';
import type { Executor } from './executor.ts';

/**
 * Numbers committed events (decision 016). Writers append events with seq NULL; this gives the
 * oldest unnumbered ones of each tenant the tenant's next numbers, in outbox order. It is ONE
 * statement (its own short transaction: one round trip where a transaction of a statement per
 * tenant took four or more): the outbox rows are locked first (FOR UPDATE, not SKIP LOCKED, in id
 * order), so a second sequencer on another node waits on them before it takes any tenant row and
 * then finds them numbered; the tenant row locks are held only until this statement commits, so
 * numbering is gapless and follows commit order, as readers expect. Rows of a tenant that is gone
 * (its events went with it) are deleted: nothing is left to number or deliver.
 */
export function sequenceBatch(db: Db, limit: number): Promise<number> {
  return numberPending(db, limit);
}

/** The numbering statement on any executor (a caller's transaction, e.g. a seed's, or autocommit). */
export async function numberPending(tx: Executor, limit: number): Promise<number> {
  const r = await sql<{ n: number }>`
    with pending as (
      select id, tenant_id, event_id from outbox where seq is null order by id limit ${limit} for update
    ), counts as (
      select tenant_id, count(*)::int as n from pending group by tenant_id
    ), t as (
      update tenants s set event_seq = s.event_seq + c.n from counts c where s.id = c.tenant_id
      returning s.id as tenant_id, s.event_seq - c.n as base
    ), numbered as (
      select p.event_id, p.tenant_id, t.base + row_number() over (partition by p.tenant_id order by p.id) as seq
      from pending p join t on t.tenant_id = p.tenant_id
    ), ev as (
      update events e set seq = n.seq from numbered n
      where e.id = n.event_id and e.tenant_id = n.tenant_id and e.seq is null
      returning e.id, e.seq
    ), numbered_outbox as (
      update outbox o set seq = ev.seq from ev where o.event_id = ev.id returning o.id
    ), gone as (
      delete from outbox o using pending p
      where o.id = p.id and not exists (select 1 from tenants x where x.id = p.tenant_id)
      returning o.id
    )
    select (select count(*) from pending)::int as n`.execute(tx);
  return Number(r.rows[0]?.n ?? 0);
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
