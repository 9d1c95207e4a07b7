import type { Logger } from 'pino';
import { indexTenant, runSearchIndexer, type IndexerDeps } from '../core/search/indexer.ts';

/**
 * Runs the search indexer for a tenant soon after its events commit. Pokes for a tenant whose
 * indexer is already running are folded into one more run after it, so a burst of events costs
 * at most two runs. The minute job (src/jobs/boss.ts) catches up whatever a poke missed.
 */
export function searchIndexerPoker(d: IndexerDeps, log: Logger) {
  const running = new Map<string, { again: boolean }>();
  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  const run = async (tenantId: string) => {
    const state = { again: false };
    running.set(tenantId, state);
    try {
      do {
        state.again = false;
        await indexTenant(d, tenantId).catch((e) => {
          if (!stopped) log.warn({ err: e, tenantId }, 'search indexing failed; the minute job retries');
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
    /** Every tenant behind (the minute job). */
    runAll: () => runSearchIndexer(d),
    /** No new runs; resolves when the current ones have finished their batch. */
    async stop(): Promise<void> {
      stopped = true;
      await Promise.allSettled([...inFlight]);
    },
  };
}
