import type { Logger } from 'pino';
import { indexTenant, runSearchIndexer, type IndexerDeps } from '../core/search/indexer.ts';
import { tenantPoker } from './tenant-poker.ts';

/**
 * Runs the search indexer for a tenant soon after its events commit (src/jobs/tenant-poker.ts).
 * The minute job (src/jobs/boss.ts) catches up whatever a poke missed.
 */
export function searchIndexerPoker(d: IndexerDeps, log: Logger) {
  const poker = tenantPoker((tenantId) => indexTenant(d, tenantId), log, 'search indexing');
  return {
    poke: poker.poke,
    /** Every tenant behind (the minute job). */
    runAll: () => runSearchIndexer(d),
    stop: poker.stop,
  };
}
