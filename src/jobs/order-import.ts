import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { processOrderImport, resumeOrderImports, type ImportDeps } from '../core/orders/imports.ts';

export const ORDER_IMPORT_QUEUE = 'order-import';
const RESUME_QUEUE = 'order-import-resume';

/** The pg-boss side of CSV imports: a queue for new uploads, and a job every minute that resumes imports a dead node left behind. */
export async function registerOrderImportJobs(boss: PgBoss, log: Logger, deps: ImportDeps): Promise<void> {
  await boss.createQueue(ORDER_IMPORT_QUEUE);
  await boss.work<{ tenantId: string; importId: string }>(ORDER_IMPORT_QUEUE, async (jobs) => {
    for (const j of jobs) await processOrderImport(deps, j.data.tenantId, j.data.importId);
  });
  await boss.createQueue(RESUME_QUEUE);
  await boss.schedule(RESUME_QUEUE, '* * * * *');
  await boss.work(RESUME_QUEUE, async () => {
    const n = await resumeOrderImports(deps);
    if (n) log.info({ imports: n }, 'order imports resumed');
  });
}

/**
 * Starts an uploaded import: on the queue when jobs run, else in this process. Either way the
 * runner claims the row first, so the import is processed once.
 */
export function orderImportKicker(deps: ImportDeps, jobs: () => Promise<PgBoss | undefined>, log: Logger) {
  const local = (tenantId: string, importId: string) =>
    void processOrderImport(deps, tenantId, importId).catch((e) => log.error({ err: e, importId }, 'order import stopped; the resume job retries it'));
  return (tenantId: string, importId: string) => {
    void jobs()
      .then(async (boss) => {
        if (boss) await boss.send(ORDER_IMPORT_QUEUE, { tenantId, importId });
        else local(tenantId, importId);
      })
      .catch(() => local(tenantId, importId));
  };
}
