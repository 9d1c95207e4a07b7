import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Database } from '../storage/db.ts';
import { housekeeping } from './housekeeping.ts';
import type { Clock } from '../core/context.ts';

/** Background jobs on pg-boss, on PostgreSQL or (through executeSql) on PGlite. */
export interface JobTasks {
  /** Every minute: snoozed conversations whose time has come open again. */
  wakeSnoozed?: () => Promise<number>;
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
  return boss;
}
