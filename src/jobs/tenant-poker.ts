import type { Logger } from 'pino';

/**
 * Runs `work(tenantId)` soon after a tenant's events commit. Pokes for a tenant whose run is in
 * progress fold into one more run after it, so a burst of events costs at most two runs. A minute
 * job catches up whatever a poke missed (a failed run only logs).
 */
export function tenantPoker(work: (tenantId: string) => Promise<unknown>, log: Logger, what: string) {
  const running = new Map<string, { again: boolean }>();
  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  const run = async (tenantId: string) => {
    const state = { again: false };
    running.set(tenantId, state);
    try {
      do {
        state.again = false;
        await work(tenantId).catch((e: unknown) => {
          if (!stopped) log.warn({ err: e, tenantId }, `${what} failed; the minute job retries`);
        });
      } while (state.again && !stopped);
    } finally {
      running.delete(tenantId);
    }
  };
  return {
    poke(tenantId: string): void {
      if (stopped) return;
      const state = running.get(tenantId);
      if (state) state.again = true;
      else {
        const p = run(tenantId);
        inFlight.add(p);
        void p.finally(() => inFlight.delete(p));
      }
    },
    /** Resolves when every run in progress has finished. */
    async idle(): Promise<void> {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    /** No new runs; resolves when the current ones have finished their batch. */
    async stop(): Promise<void> {
      stopped = true;
      await Promise.allSettled([...inFlight]);
    },
  };
}
