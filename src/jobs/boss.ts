import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Database } from '../storage/db.ts';
import { housekeeping } from './housekeeping.ts';
import type { Clock } from '../core/context.ts';
import type { ImportDeps } from '../core/orders/imports.ts';
import { registerOrderImportJobs } from './order-import.ts';

/** Background jobs on pg-boss, on PostgreSQL or (through executeSql) on PGlite. */
export interface JobTasks {
  /** Every minute: snoozed conversations whose time has come open again. */
  wakeSnoozed?: () => Promise<number>;
  /** Every minute: the SLA engine reads new events, then fires due near breaches and breaches (src/jobs/sla-runner.ts). */
  slaTick?: () => Promise<unknown>;
  /** Every minute (besides the poke after commits): the search index reads new events (src/core/search/indexer.ts). */
  indexSearch?: () => Promise<number>;
  /** Every minute (besides the poke after commits): the analytics rollups fold new events (src/jobs/analytics-rollups.ts). */
  foldAnalytics?: () => Promise<number>;
  /** Every minute (besides the poke after commits): webhook fan-out, then due sends. */
  webhooks?: () => Promise<void>;
  /** Hourly: webhook deliveries older than 30 days are removed. */
  purgeWebhookDeliveries?: () => Promise<number>;
  /** Hourly: uploads never attached to a message within a day are removed, with their files. */
  purgeAttachments?: () => Promise<number>;
  /** CSV order imports: a queue for uploads, and a resume job every minute (src/jobs/order-import.ts). */
  orderImports?: ImportDeps;
  /** Hourly: every customer's health score recomputed, in batches (src/jobs/health.ts). */
  recomputeHealth?: () => Promise<number>;
  /** Every minute: due scheduled reports are mailed (src/jobs/report-schedules.ts). */
  sendReportSchedules?: () => Promise<number>;
}

export async function startJobs(database: Database, clock: Clock, log: Logger, tasks: JobTasks = {}): Promise<PgBoss> {
  const boss = new PgBoss({
    db: { executeSql: (text: string, values?: unknown[]) => database.executeSql(text, values) },
    schema: 'pgboss',
    supervise: true,
    schedule: true,
    migrate: true,
  } as ConstructorParameters<typeof PgBoss>[0]);
  boss.on('error', (e) => log.warn({ err: e }, 'background jobs error'));
  await boss.start();

  // Housekeeping: delivered outbox rows, old idempotency keys, login windows, sessions ended 30 days ago.
  await boss.createQueue('housekeeping');
  await boss.schedule('housekeeping', '17 * * * *');
  await boss.work('housekeeping', async () => {
    const removed = await housekeeping(database.db, clock.now());
    log.debug({ removed }, 'housekeeping done');
  });
  if (tasks.wakeSnoozed) {
    const wake = tasks.wakeSnoozed;
    await boss.createQueue('wake-snoozed');
    await boss.schedule('wake-snoozed', '* * * * *');
    await boss.work('wake-snoozed', async () => {
      const n = await wake();
      if (n) log.info({ woken: n }, 'snoozed conversations reopened');
    });
  }
  if (tasks.slaTick) {
    const tick = tasks.slaTick;
    await boss.createQueue('sla-tick');
    await boss.schedule('sla-tick', '* * * * *');
    await boss.work('sla-tick', async () => {
      await tick();
    });
  }
  if (tasks.webhooks) {
    const run = tasks.webhooks;
    await boss.createQueue('webhooks');
    await boss.schedule('webhooks', '* * * * *');
    await boss.work('webhooks', async () => run());
  }
  if (tasks.purgeWebhookDeliveries) {
    const purge = tasks.purgeWebhookDeliveries;
    await boss.createQueue('webhook-housekeeping');
    await boss.schedule('webhook-housekeeping', '23 * * * *');
    await boss.work('webhook-housekeeping', async () => {
      const n = await purge();
      if (n) log.info({ removed: n }, 'old webhook deliveries removed');
    });
  }
  if (tasks.purgeAttachments) {
    const purge = tasks.purgeAttachments;
    await boss.createQueue('attachments-purge');
    await boss.schedule('attachments-purge', '41 * * * *');
    await boss.work('attachments-purge', async () => {
      const n = await purge();
      if (n) log.info({ removed: n }, 'unattached uploads removed');
    });
  }
  if (tasks.indexSearch) {
    const index = tasks.indexSearch;
    await boss.createQueue('search-index');
    await boss.schedule('search-index', '* * * * *');
    await boss.work('search-index', async () => {
      const n = await index();
      if (n) log.debug({ events: n }, 'search index caught up');
    });
  }
  if (tasks.foldAnalytics) {
    const fold = tasks.foldAnalytics;
    await boss.createQueue('analytics-fold');
    await boss.schedule('analytics-fold', '* * * * *');
    await boss.work('analytics-fold', async () => {
      const n = await fold();
      if (n) log.debug({ events: n }, 'analytics rollups caught up');
    });
  }
  if (tasks.orderImports) await registerOrderImportJobs(boss, log, tasks.orderImports);
  if (tasks.recomputeHealth) {
    const recompute = tasks.recomputeHealth;
    await boss.createQueue('health-recompute');
    await boss.schedule('health-recompute', '41 * * * *');
    await boss.work('health-recompute', async () => {
      const n = await recompute();
      log.debug({ customers: n }, 'health scores recomputed');
    });
  }
  if (tasks.sendReportSchedules) {
    const send = tasks.sendReportSchedules;
    await boss.createQueue('report-schedules');
    await boss.schedule('report-schedules', '* * * * *');
    await boss.work('report-schedules', async () => {
      await send();
    });
  }
  return boss;
}
