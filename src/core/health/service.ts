import type { Repos } from '../../storage/repos.ts';
import type { AtRiskFilter, AtRiskRow, HealthRow } from '../../storage/health.repo.ts';
import type { Page } from '../../contracts/common.ts';
import type { Clock } from '../context.ts';
import type { Principal } from '../auth/principal.ts';
import { notFound } from '../errors.ts';
import { gatherSignals } from './signals.ts';
import { healthScore } from './score.ts';

/** A stored score older than this is recomputed when the customer page asks for it. */
export const HEALTH_STALE_MS = 3_600_000;
export const HEALTH_BATCH = 200;

export interface HealthDeps {
  repos: Repos;
  clock: Clock;
}

/** Computes one customer's score now and stores it as the latest. */
export async function recomputeCustomerHealth(d: HealthDeps, tenantId: string, customerId: string): Promise<HealthRow> {
  const now = d.clock.now();
  const r = healthScore(await gatherSignals(d.repos, tenantId, customerId, now));
  const row: HealthRow = { customerId, score: r.score, band: r.band, factors: r.factors, computedAt: now };
  await d.repos.health.upsert(tenantId, row);
  return row;
}

/**
 * Recomputes every live customer of a workspace, in batches of `batchSize` (id order, so a
 * customer added during the walk is still reached). Returns how many were scored.
 */
export async function recomputeTenantHealth(d: HealthDeps, tenantId: string, batchSize = HEALTH_BATCH): Promise<number> {
  let after: string | null = null;
  let n = 0;
  for (;;) {
    const ids = await d.repos.health.customerBatch(tenantId, after, batchSize);
    for (const id of ids) await recomputeCustomerHealth(d, tenantId, id);
    n += ids.length;
    if (ids.length < batchSize) return n;
    after = ids[ids.length - 1]!;
  }
}

export function createHealthService(d: HealthDeps) {
  return {
    /** The customer's latest score; recomputed first when missing or older than an hour. */
    async forCustomer(p: Principal, customerId: string): Promise<HealthRow> {
      const c = await d.repos.customers.byId(p.tenantId, customerId);
      if (!c) throw notFound('Customer');
      const stored = await d.repos.health.get(p.tenantId, customerId);
      if (stored && d.clock.now().getTime() - stored.computedAt.getTime() <= HEALTH_STALE_MS) return stored;
      return recomputeCustomerHealth(d, p.tenantId, customerId);
    },
    /** Stored scores, lowest first. */
    atRisk(p: Principal, args: { limit: number; cursor?: string } & AtRiskFilter): Promise<Page<AtRiskRow>> {
      return d.repos.health.atRisk(p.tenantId, args);
    },
  };
}
export type HealthService = ReturnType<typeof createHealthService>;
