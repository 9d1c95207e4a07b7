import { createHash } from 'node:crypto';
import type { ImportReportEntry, OrderImportProgress } from '../../contracts/orders.ts';
import type { EventDraft } from '../../storage/events.repo.ts';
import type { Repos, UnitOfWork } from '../../storage/repos.ts';
import type { Clock, IdGen } from '../context.ts';
import { draftEvent } from '../events/draft.ts';
import { isAppError } from '../errors.ts';
import { parseOrdersCsv, rowToOrderInput } from './csv.ts';
import { upsertOrder } from './upsert.ts';
import { prepareOrder, type Issue } from './validate.ts';

/** What running an import needs: plain values, so tests (JOBS off) can call it directly. */
export interface ImportDeps {
  repos: Repos;
  uow: UnitOfWork;
  clock: Clock;
  newId: IdGen;
}

export const IMPORT_CHUNK_ROWS = 200;
/** How long a runner owns an import between chunks; a runner that died is replaced after this. */
export const IMPORT_LEASE_MS = 2 * 60_000;

const columnOf: Record<string, string> = {
  externalId: 'external_id',
  orderedAt: 'ordered_at',
  total: 'total',
  currency: 'currency',
  status: 'status',
  customer: 'customer_email, customer_phone or customer_external_id',
  'customer.email': 'customer_email',
  'customer.phone': 'customer_phone',
  'customer.externalId': 'customer_external_id',
  'customer.name': 'customer_name',
};

/** A rejected row's reason, in the file's column names: "total: total may have at most 2 decimals". */
export function reasonOf(issues: Issue[]): string {
  return issues
    .map((i) => {
      const col = columnOf[i.path] ?? i.path.replace(/^items\.(\d+)\./, (_m, n: string) => `items[${Number(n) + 1}].`);
      return `${col}: ${i.message}`;
    })
    .join('; ');
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export const progressOf = (i: { id: string; status: OrderImportProgress['status']; totalRows: number; processed: number; imported: number; rejected: number }): OrderImportProgress => ({
  importId: i.id, status: i.status, totalRows: i.totalRows, processed: i.processed, imported: i.imported, rejected: i.rejected,
});

const progressEvent = (newId: IdGen, userId: string | null, p: OrderImportProgress): EventDraft =>
  draftEvent(newId, { type: 'order_import.progress', aggregateType: 'order_import', aggregateId: p.importId, actorId: userId, topics: userId ? [`user:${userId}`] : ['tenant'], payload: { ...p } });

/**
 * Runs (or resumes) one import: claims it (one runner at a time), then processes the rows after
 * `processed` in chunks of IMPORT_CHUNK_ROWS, each chunk in one transaction with its counters,
 * rejected rows and a progress event. Returns false when another runner holds it or it is finished.
 */
export async function processOrderImport(d: ImportDeps, tenantId: string, importId: string, opts: { chunkRows?: number } = {}): Promise<boolean> {
  const runner = d.newId();
  const chunkRows = opts.chunkRows ?? IMPORT_CHUNK_ROWS;
  const claimedAt = d.clock.now();
  const claimed = await d.repos.orderImports.claim(tenantId, importId, runner, claimedAt, new Date(claimedAt.getTime() + IMPORT_LEASE_MS));
  if (!claimed) return false;
  const content = await d.repos.orderImports.content(tenantId, importId);
  let rows;
  try {
    rows = parseOrdersCsv(content ?? '').rows;
  } catch (e) {
    await d.repos.orderImports.fail(tenantId, importId, isAppError(e) ? e.message : 'The stored file could not be read', d.clock.now());
    return true;
  }
  for (;;) {
    const more = await d.uow(async (r) => {
      const imp = await r.orderImports.lockForRunner(tenantId, importId, runner);
      if (!imp) return false; // taken over after our lease ran out
      const now = d.clock.now();
      const slice = rows.slice(imp.processed, imp.processed + chunkRows);
      const report: ImportReportEntry[] = [];
      const events: EventDraft[] = [];
      let imported = 0;
      const customers = new Map<string, string>();
      for (const row of slice) {
        const mapped = rowToOrderInput(row);
        const externalId = (row.fields.external_id ?? '').trim() || undefined;
        if (!mapped.ok) {
          report.push({ line: row.line, externalId, reason: mapped.reason });
          continue;
        }
        const prepared = prepareOrder(mapped.input);
        if (!prepared.ok) {
          report.push({ line: row.line, externalId, reason: reasonOf(prepared.issues) });
          continue;
        }
        const res = await upsertOrder(r, { tenantId, actorId: imp.createdBy, source: 'csv', importId, newId: d.newId, now, customers }, prepared.order);
        events.push(...res.events);
        imported++;
      }
      const processed = imp.processed + slice.length;
      const done = processed >= rows.length;
      await r.orderImports.recordChunk(tenantId, importId, { processed, imported, rejected: report.length, report, leaseUntil: new Date(now.getTime() + IMPORT_LEASE_MS), done, at: now });
      const after = { ...imp, status: done ? ('done' as const) : ('running' as const), processed, imported: imp.imported + imported, rejected: imp.rejected + report.length };
      events.push(progressEvent(d.newId, imp.createdBy, progressOf(after)));
      await r.events.append(tenantId, events, now);
      return !done;
    });
    if (!more) return true;
  }
}

/** The resume job: every import left queued, or running under an expired lease (a node died), runs again. */
export async function resumeOrderImports(d: ImportDeps): Promise<number> {
  let n = 0;
  for (const i of await d.repos.orderImports.claimable(d.clock.now())) {
    if (await processOrderImport(d, i.tenantId, i.id)) n++;
  }
  return n;
}
