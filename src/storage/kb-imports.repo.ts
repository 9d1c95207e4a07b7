import { sql } from 'kysely';
import type { Page } from '../contracts/common.ts';
import type { Executor } from './executor.ts';
import { keysetPage, type PageArgs } from './paginate.ts';

export type KbImportStatus = 'queued' | 'running' | 'done' | 'failed';
export type KbImportFormat = 'markdown' | 'csv' | 'json';
/** A row the import refused: its place in the upload (1-based), its title if it had one, and why. */
export interface KbImportReportEntry {
  row: number;
  title?: string;
  reason: string;
}
export interface KbImportRow {
  id: string;
  tenantId: string;
  format: KbImportFormat;
  status: KbImportStatus;
  totalRows: number;
  processed: number;
  imported: number;
  rejected: number;
  report: KbImportReportEntry[];
  error: string | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

/** At most this many rejected rows are kept in a report; `rejected` still counts them all. */
export const MAX_KB_REPORT = 2000;

const cols = ['id', 'tenant_id as tenantId', 'format', 'status', 'total_rows as totalRows', 'processed', 'imported', 'rejected', 'report', 'error', 'created_by as createdBy', 'created_at as createdAt', 'updated_at as updatedAt', 'finished_at as finishedAt'] as const;
type Raw = Omit<KbImportRow, 'report'> & { report: unknown };
const toRow = (r: Raw): KbImportRow => ({ ...r, report: (r.report ?? []) as KbImportReportEntry[] });

/** Knowledge base imports; the parsed rows stay with the import so it can be resumed. */
export function kbImportsRepo(db: Executor) {
  return {
    async insert(i: { id: string; tenantId: string; format: KbImportFormat; rows: unknown[]; report: KbImportReportEntry[]; createdBy: string | null; at: Date }): Promise<void> {
      await db
        .insertInto('kb_imports')
        .values({ id: i.id, tenant_id: i.tenantId, format: i.format, status: 'queued', rows: JSON.stringify(i.rows), total_rows: i.rows.length, report: JSON.stringify(i.report), error: null, created_by: i.createdBy, created_at: i.at, updated_at: i.at })
        .execute();
    },
    async byId(tenantId: string, id: string): Promise<KbImportRow | undefined> {
      const r = await db.selectFrom('kb_imports').select(cols).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return r && toRow(r as Raw);
    },
    async rows(tenantId: string, id: string): Promise<unknown[]> {
      const r = await db.selectFrom('kb_imports').select('rows').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return (r?.rows ?? []) as unknown[];
    },
    async list(tenantId: string, args: PageArgs): Promise<Page<KbImportRow>> {
      const page = await keysetPage(db.selectFrom('kb_imports').select(cols).where('tenant_id', '=', tenantId), 'id', args, 'desc');
      return { items: page.items.map((r) => toRow(r as Raw)), nextCursor: page.nextCursor };
    },
    /** The import row, locked until the transaction ends: one row of an import is written at a time, by whichever runner holds it. */
    async lock(tenantId: string, id: string): Promise<KbImportRow | undefined> {
      const r = await db.selectFrom('kb_imports').select(cols).where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
      return r && toRow(r as Raw);
    },
    async recordChunk(tenantId: string, id: string, c: { processed: number; imported: number; report: { row: number; title?: string; reason: string }[]; done: boolean; at: Date }): Promise<void> {
      await db
        .updateTable('kb_imports')
        .set({
          status: c.done ? 'done' : 'running',
          processed: c.processed,
          imported: sql`imported + ${c.imported}` as never,
          rejected: sql`rejected + ${c.report.length}` as never,
          report: sql`CASE WHEN jsonb_array_length(report) >= ${MAX_KB_REPORT} THEN report ELSE report || ${JSON.stringify(c.report)}::jsonb END` as never,
          finished_at: c.done ? c.at : null,
          updated_at: c.at,
        })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute();
    },
    async fail(tenantId: string, id: string, error: string, at: Date): Promise<void> {
      await db.updateTable('kb_imports').set({ status: 'failed', error, finished_at: at, updated_at: at }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
    },
    /** Imports left unfinished (any tenant), for a resume after a restart. */
    async unfinished(limit = 20): Promise<{ tenantId: string; id: string }[]> {
      return db.selectFrom('kb_imports').select(['tenant_id as tenantId', 'id']).where('status', 'in', ['queued', 'running']).orderBy('id').limit(limit).execute();
    },
  };
}
export type KbImportsRepo = ReturnType<typeof kbImportsRepo>;
