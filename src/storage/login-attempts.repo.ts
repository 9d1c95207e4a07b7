import type { Executor } from './executor.ts';

/** Failed sign-ins per client address per minute window. */
export function loginAttemptsRepo(db: Executor) {
  return {
    async failures(ip: string, window: Date): Promise<number> {
      const r = await db.selectFrom('login_attempts').select('failures').where('ip', '=', ip).where('window_at', '=', window).executeTakeFirst();
      return r?.failures ?? 0;
    },
    async addFailure(ip: string, window: Date): Promise<void> {
      await db
        .insertInto('login_attempts')
        .values({ ip, window_at: window, failures: 1 })
        .onConflict((oc) => oc.columns(['ip', 'window_at']).doUpdateSet((eb) => ({ failures: eb('login_attempts.failures', '+', 1) })))
        .execute();
    },
    async purge(before: Date): Promise<number> {
      const r = await db.deleteFrom('login_attempts').where('window_at', '<', before).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
export type LoginAttemptsRepo = ReturnType<typeof loginAttemptsRepo>;
