import { sql } from 'kysely';
import type { Page } from '../contracts/common.ts';
import type { Executor } from './executor.ts';
import { customerCols, type CustomerRow } from './customers.repo.ts';
import { keysetPage, type PageArgs } from './paginate.ts';

/**
 * Every table whose rows belong to a customer, and the column that says which (each table has
 * `id` and `tenant_id`). A merge moves their rows from the source to the survivor and an undo
 * moves the recorded ones back. Add a table here when it gains a customer reference (orders, ...).
 */
export const CUSTOMER_OWNED = [
  { table: 'customer_identities', column: 'customer_id' },
  { table: 'conversations', column: 'customer_id' },
  { table: 'tickets', column: 'requester_id' },
  { table: 'customer_notes', column: 'customer_id' },
  { table: 'orders', column: 'customer_id' },
  { table: 'survey_responses', column: 'customer_id' },
] as const;
export const CUSTOMER_OWNED_TABLES = CUSTOMER_OWNED.map((o) => o.table);
export type CustomerOwnedTable = (typeof CUSTOMER_OWNED)[number]['table'];

/** How many rows of each customer-owned table a merge moved (or an undo moved back). */
export type MovedCounts = Record<string, number>;

export interface MergeRow {
  id: string;
  tenantId: string;
  survivorId: string;
  sourceId: string;
  filled: Record<string, unknown>;
  mergedBy: string | null;
  mergedAt: Date;
  undoneBy: string | null;
  undoneAt: Date | null;
}

const mergeCols = [
  'id',
  'tenant_id as tenantId',
  'survivor_id as survivorId',
  'source_id as sourceId',
  'filled',
  'merged_by as mergedBy',
  'merged_at as mergedAt',
  'undone_by as undoneBy',
  'undone_at as undoneAt',
] as const;

export function customerMergesRepo(db: Executor) {
  return {
    /** Both customers of a tenant, locked until the transaction ends (in id order, so two merges never deadlock). */
    /**
     * Locks customers (in id order) against other merges and erasures. NO KEY UPDATE, not UPDATE:
     * rows that reference a customer (search documents, conversations) take KEY SHARE on it when
     * written, and with FOR UPDATE the search indexer writing one of this customer's documents
     * could deadlock with an erasure deleting them.
     */
    async lockCustomers(tenantId: string, ids: string[]): Promise<CustomerRow[]> {
      const rows: CustomerRow[] = [];
      for (const id of [...ids].sort()) {
        const r = await db.selectFrom('customers').select(customerCols).where('tenant_id', '=', tenantId).where('id', '=', id).forNoKeyUpdate().executeTakeFirst();
        if (r) rows.push(r);
      }
      return rows;
    },
    async insert(m: { id: string; tenantId: string; survivorId: string; sourceId: string; filled: Record<string, unknown>; mergedBy: string | null; at: Date }): Promise<void> {
      await db
        .insertInto('customer_merges')
        .values({ id: m.id, tenant_id: m.tenantId, survivor_id: m.survivorId, source_id: m.sourceId, filled: JSON.stringify(m.filled), merged_by: m.mergedBy, merged_at: m.at, undone_by: null, undone_at: null })
        .execute();
    },
    /**
     * Moves every row of the customer-owned tables from one customer to another and records each
     * moved row under the merge. Must run inside the merge's transaction.
     */
    async moveAll(tenantId: string, mergeId: string, fromId: string, toId: string): Promise<MovedCounts> {
      const counts: MovedCounts = {};
      for (const { table, column } of CUSTOMER_OWNED) {
        const r = await sql<{ row_id: string }>`
          WITH moved AS (
            UPDATE ${sql.table(table)} SET ${sql.ref(column)} = ${toId}
            WHERE tenant_id = ${tenantId} AND ${sql.ref(column)} = ${fromId}
            RETURNING id
          )
          INSERT INTO customer_merge_moves (tenant_id, merge_id, table_name, row_id)
          SELECT ${tenantId}::uuid, ${mergeId}::uuid, ${table}::text, id FROM moved
          RETURNING row_id`.execute(db);
        counts[table] = r.rows.length;
      }
      return counts;
    },
    /**
     * Moves back the rows a merge recorded that still belong to the survivor; rows added to the
     * survivor after the merge are not recorded and stay.
     */
    async moveBack(tenantId: string, mergeId: string, survivorId: string, sourceId: string): Promise<MovedCounts> {
      const counts: MovedCounts = {};
      for (const { table, column } of CUSTOMER_OWNED) {
        const r = await sql<{ id: string }>`
          UPDATE ${sql.table(table)} SET ${sql.ref(column)} = ${sourceId}
          WHERE tenant_id = ${tenantId} AND ${sql.ref(column)} = ${survivorId}
            AND id IN (SELECT row_id FROM customer_merge_moves WHERE tenant_id = ${tenantId} AND merge_id = ${mergeId} AND table_name = ${table})
          RETURNING id`.execute(db);
        counts[table] = r.rows.length;
      }
      return counts;
    },
    /** How many rows of each table a merge recorded as moved. */
    async movedCounts(tenantId: string, mergeIds: string[]): Promise<Map<string, MovedCounts>> {
      const out = new Map<string, MovedCounts>(mergeIds.map((id) => [id, Object.fromEntries(CUSTOMER_OWNED_TABLES.map((t) => [t, 0]))]));
      if (mergeIds.length === 0) return out;
      const rows = await db
        .selectFrom('customer_merge_moves')
        .select(['merge_id', 'table_name', sql<number>`count(*)::int`.as('n')])
        .where('tenant_id', '=', tenantId)
        .where('merge_id', 'in', mergeIds)
        .groupBy(['merge_id', 'table_name'])
        .execute();
      for (const r of rows) out.get(r.merge_id)![r.table_name] = Number(r.n);
      return out;
    },
    async setMergedInto(tenantId: string, customerId: string, mergedInto: string | null, at: Date): Promise<void> {
      await db.updateTable('customers').set({ merged_into: mergedInto, updated_at: at }).where('tenant_id', '=', tenantId).where('id', '=', customerId).execute();
    },
    async byId(tenantId: string, id: string, lock = false): Promise<MergeRow | undefined> {
      let q = db.selectFrom('customer_merges').select(mergeCols).where('tenant_id', '=', tenantId).where('id', '=', id);
      if (lock) q = q.forUpdate();
      return q.executeTakeFirst();
    },
    /** The live (not undone) merge that merged a customer away. */
    async liveBySource(tenantId: string, sourceId: string): Promise<MergeRow | undefined> {
      return db.selectFrom('customer_merges').select(mergeCols).where('tenant_id', '=', tenantId).where('source_id', '=', sourceId).where('undone_at', 'is', null).executeTakeFirst();
    },
    async markUndone(tenantId: string, id: string, by: string | null, at: Date): Promise<boolean> {
      const r = await db
        .updateTable('customer_merges')
        .set({ undone_by: by, undone_at: at })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .where('undone_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    /** Merges into a survivor, newest first (undone ones included). */
    async listForSurvivor(tenantId: string, survivorId: string, args: PageArgs): Promise<Page<MergeRow>> {
      const q = db.selectFrom('customer_merges').select(mergeCols).where('tenant_id', '=', tenantId).where('survivor_id', '=', survivorId);
      return keysetPage(q, 'id', args, 'desc');
    },
    /**
     * Duplicate candidates of a customer (not merged, not itself): same first word of the name, or
     * the same company (case-insensitive). Cheap thanks to the expression indexes of 0003.
     */
    async nameCandidates(tenantId: string, c: { id: string; name: string; company: string | null }, limit = 200): Promise<CustomerRow[]> {
      const first = c.name.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
      const company = c.company?.trim().toLowerCase() ?? '';
      if (!first && !company) return [];
      return db
        .selectFrom('customers')
        .select(customerCols)
        .where('customers.tenant_id', '=', tenantId)
        .where('customers.merged_into', 'is', null)
        .where('customers.id', '<>', c.id)
        .where((eb) =>
          eb.or([
            ...(first ? [eb(sql<string>`lower(split_part(customers.name, ' ', 1))`, '=', first)] : []),
            ...(company ? [eb(sql<string>`lower(customers.company)`, '=', company)] : []),
          ]),
        )
        .orderBy('customers.id', 'desc')
        .limit(limit)
        .execute();
    },
    /** Identities of other live customers whose value equals one of these values under another kind. */
    async sameValueOtherKind(tenantId: string, customerId: string, idents: { kind: string; value: string }[]) {
      if (idents.length === 0) return [];
      const rows = await db
        .selectFrom('customer_identities as i')
        .innerJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 'i.tenant_id').onRef('c.id', '=', 'i.customer_id'))
        .select(['i.customer_id as customerId', 'i.kind', 'i.value'])
        .where('i.tenant_id', '=', tenantId)
        .where('i.customer_id', '<>', customerId)
        .where('c.merged_into', 'is', null)
        .where('i.value', 'in', [...new Set(idents.map((i) => i.value))])
        .limit(500)
        .execute();
      return rows.filter((r) => idents.some((i) => i.value === r.value && i.kind !== r.kind));
    },
  };
}
export type CustomerMergesRepo = ReturnType<typeof customerMergesRepo>;
