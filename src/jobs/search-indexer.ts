import type { Logger } from 'pino';
import { indexTenant, runSearchIndexer, type IndexerDeps } from '../core/search/indexer.ts';
import { tenantPoker } from './tenant-poker.ts';

/**
 * Runs the search indexer for a tenant soon after its events commit (src/jobs/tenant-poker.ts).
 * The minute job (src/jobs/boss.ts) catches up whatever a poke missed.
 */
export function searchIndexerPoker(d: IndexerDeps, log: Logger) {
  // Runs at most every 200 ms per tenant: a message is findable a fraction of a second after it is sent.
  const poker = tenantPoker((tenantId, stopped) => indexTenant(d, tenantId, stopped), log, 'search indexing', { minGapMs: 200 });
  return {
    poke: poker.poke,
    /** Every tenant behind (the minute job), until `stopped()` (checked between batches). */
    runAll: (stopped?: () => boolean) => runSearchIndexer(d, stopped),
    stop: poker.stop,
  };
}
