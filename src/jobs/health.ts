import { recomputeTenantHealth, HEALTH_BATCH, type HealthDeps } from '../core/health/service.ts';

/**
 * The hourly job: every workspace's customers rescored in batches. A plain function taking
 * the repos and a clock, so tests call it directly; src/jobs/boss.ts schedules it.
 */
export async function recomputeAllHealth(d: HealthDeps, batchSize = HEALTH_BATCH): Promise<number> {
  let n = 0;
  for (const tenantId of await d.repos.health.tenantIds()) n += await recomputeTenantHealth(d, tenantId, batchSize);
  return n;
}
