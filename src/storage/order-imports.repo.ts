import { sql } from 'kysely';
import type { Page } from '../contracts/common.ts';
import type { ImportReportEntry, OrderImportStatus } from '../contracts/orders.ts';
import type { Executor } from './executor.ts';
import { keysetPage, type PageArgs } from './paginate.ts';

export interface OrderImportRow {
  id: string;
  tenantId: string;
  status: OrderImportStatus;
  filename: string | null;
  contentSha256: string;
  totalRows: number;
  processed: number;
  imported: number;
  rejected: number;
  report: ImportReportEntry[];
  error: string | null;
  runner: string | null;
  leaseUntil: Date | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** At most this many rejected rows are kept in a report; `rejected` still counts them all. */
export const MAX_REPORT_ENTRIES = 5000;

const cols = [
  'id',
  'tenant_id as tenantId',
  'status',
  'filename',
  'content_sha256 as contentSha256',
  'total_rows as totalRows',
  'processed',
  'imported',
  'rejected',
  'report',
  'error',
  'runner',
  'lease_until as leaseUntil',
  'created_by as createdBy',
  'created_at as createdAt',
  'updated_at as updatedAt',
  'started_at as startedAt',
  'finished_at as finishedAt',
] as const;
const summaryCols = cols.filter((c) => c !== 'report');

type Raw = Omit<OrderImportRow, 'report'> & { report?: unknown };
const toRow = (r: Raw): OrderImportRow => ({ ...r, report: (r.report ?? []) as ImportReportEntry[] });

/** CSV imports of orders; the file is kept with the import so a restart can resume it. */
export function orderImportsRepo(db: Executor) {
  return {
    async insert(i: { id: string; tenantId: string; filename: string | null; content: string; contentSha256: string; totalRows: number; createdBy: string | null; at: Date }): Promise<void> {
      await db
        .insertInto('order_imports')
        .values({
          id: i.id, tenant_id: i.tenantId, filename: i.filename, content: i.content, content_sha256: i.contentSha256, total_rows: i.totalRows,
          report: '[]', error: null, runner: null, lease_until: null, created_by: i.createdBy, created_at: i.at, updated_at: i.at,
        })
        .execute();
    },
    async byId(tenantId: string, id: string): Promise<OrderImportRow | undefined> {
      const r = await db.selectFrom('order_imports').select(cols).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return r && toRow(r as Raw);
    },
    async content(tenantId: string, id: string): Promise<string | undefined> {
      return (await db.selectFrom('order_imports').select('content').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst())?.content;
    },
    /** Newest first; q: part of the file name. */
    async list(tenantId: string, args: PageArgs & { q?: string }): Promise<Page<OrderImportRow>> {
      let q = db.selectFrom('order_imports').select(summaryCols).where('tenant_id', '=', tenantId);
      if (args.q) q = q.where('filename', 'ilike', `%${args.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      const page = await keysetPage(q, 'id', args, 'desc');
      return { items: page.items.map((r) => toRow(r as Raw)), nextCursor: page.nextCursor };
    },
    /**
     * Claims an import for one runner: queued, or running with an expired lease (its runner died).
     * A single UPDATE, so two runners never both get it.
     */
    async claim(tenantId: string, id: string, runner: string, now: Date, leaseUntil: Date): Promise<OrderImportRow | undefined> {
      const r = await db
        .updateTable('order_imports')
        .set({ status: 'running', runner, lease_until: leaseUntil, started_at: sql`coalesce(started_at, ${now})`, updated_at: now })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .where((eb) => eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'running'), eb('lease_until', '<', now)])]))
        .returning(summaryCols)
        .executeTakeFirst();
      return r && toRow(r as Raw);
    },
    /** The import row locked for this runner's next chunk; undefined when another runner took it over. */
    async lockForRunner(tenantId: string, id: string, runner: string): Promise<OrderImportRow | undefined> {
      const r = await db.selectFrom('order_imports').select(summaryCols).where('tenant_id', '=', tenantId).where('id', '=', id).where('runner', '=', runner).where('status', '=', 'running').forUpdate().executeTakeFirst();
      return r && toRow(r as Raw);
    },
    /** Records one chunk: counters, rejected rows appended (up to the cap), lease extended, maybe done. */
    async recordChunk(tenantId: string, id: string, c: { processed: number; imported: number; rejected: number; report: ImportReportEntry[]; leaseUntil: Date; done: boolean; at: Date }): Promise<void> {
      await db
        .updateTable('order_imports')
        .set({
          processed: c.processed,
          imported: sql`imported + ${c.imported}`,
          rejected: sql`rejected + ${c.rejected}`,
          report: sql`CASE WHEN jsonb_array_length(report) >= ${MAX_REPORT_ENTRIES} THEN report ELSE report || ${JSON.stringify(c.report)}::jsonb END`,
          lease_until: c.done ? null : c.leaseUntil,
          status: c.done ? 'done' : 'running',
          runner: c.done ? null : sql`runner`,
          finished_at: c.done ? c.at : null,
          updated_at: c.at,
        })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute();
    },
    async fail(tenantId: string, id: string, error: string, at: Date): Promise<void> {
      await db.updateTable('order_imports').set({ status: 'failed', error, runner: null, lease_until: null, finished_at: at, updated_at: at }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
    },
    /** Imports a runner may pick up (any tenant): queued, or running with an expired lease. For the resume job. */
    async claimable(now: Date, limit = 20): Promise<{ tenantId: string; id: string }[]> {
      return db
        .selectFrom('order_imports')
        .select(['tenant_id as tenantId', 'id'])
        .where((eb) => eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'running'), eb('lease_until', '<', now)])]))
        .orderBy('id')
        .limit(limit)
        .execute();
    },
  };
}
export type OrderImportsRepo = ReturnType<typeof orderImportsRepo>;
