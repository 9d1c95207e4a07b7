import type { Logger } from 'pino';

/**
 * Runs `work(tenantId)` soon after a tenant's events commit. Pokes for a tenant whose run is in
 * progress fold into one more run after it, so a burst of events costs at most two runs. A minute
 * job catches up whatever a poke missed (a failed run only logs).
 *
 * `minGapMs`: runs of one tenant start at least this far apart. Under a stream of events a follower
 * that need not be instant (search, analytics) then reads a bigger batch per run and pays its
 * per-run statements less often, instead of running back to back on the event loop and taking the
 * time the chat path needs (bench/chat-intake.ts). The first run after a quiet spell is not delayed.
 *
 * `work` gets `stopped()`: a run that reads batch after batch until it is current should end after
 * the batch in hand once it turns true.
 */
export function tenantPoker(work: (tenantId: string, stopped: () => boolean) => Promise<unknown>, log: Logger, what: string, o: { minGapMs?: number } = {}) {
  const minGapMs = o.minGapMs ?? 0;
  const running = new Map<string, { again: boolean }>();
  const lastStart = new Map<string, number>();
  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  // Work that loops until it is caught up asks this between its batches, so stop() never waits on a
  // writer that keeps it behind (a server stopping while the demo history is being written).
  const isStopped = () => stopped;
  const run = async (tenantId: string) => {
    const state = { again: false };
    running.set(tenantId, state);
    try {
      do {
        state.again = false;
        const wait = (lastStart.get(tenantId) ?? -Infinity) + minGapMs - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        if (stopped) break;
        lastStart.set(tenantId, performance.now());
        await work(tenantId, isStopped).catch((e: unknown) => {
          if (!stopped) log.warn({ err: e, tenantId }, `${what} failed; the minute job retries`);
        });
      } while (state.again && !stopped);
    } finally {
      running.delete(tenantId);
      if (minGapMs === 0) lastStart.delete(tenantId);
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
