import type { Db } from '../storage/db.ts';
import { createRepos } from '../storage/repos.ts';

const DAY = 86_400_000;

/** What housekeeping keeps, counted back from now. */
export const retention = {
  deliveredOutboxMs: 7 * DAY,
  idempotencyKeysMs: DAY,
  loginWindowsMs: 3_600_000,
  endedSessionsMs: 30 * DAY,
} as const;

/** Deletes rows that have served their purpose. Events and the audit log are never touched. */
export async function housekeeping(db: Db, now: Date): Promise<Record<keyof typeof retention, number>> {
  const r = createRepos(db);
  const t = now.getTime();
  return {
    deliveredOutboxMs: await r.outbox.purgeDelivered(new Date(t - retention.deliveredOutboxMs)),
    idempotencyKeysMs: await r.idempotency.purge(new Date(t - retention.idempotencyKeysMs)),
    loginWindowsMs: await r.loginAttempts.purge(new Date(t - retention.loginWindowsMs)),
    endedSessionsMs: await r.sessions.purgeEnded(new Date(t - retention.endedSessionsMs)),
  };
}
