import type { IdGen } from '../context.ts';
import type { Repos } from '../../storage/repos.ts';

/**
 * The demo workspace's wallboard alert rules, so a fresh install shows a red tile as soon as a
 * customer waits too long: longest wait above 2 minutes and service level today below 80 %, on
 * every queue. Runs inside the seed's transaction.
 */
export async function seedDemoWallboardAlerts(r: Repos, tenantId: string, newId: IdGen, now: Date): Promise<void> {
  await r.wallboardAlerts.insert({ id: newId(), tenantId, queueId: null, metric: 'longest_wait_seconds', comparator: 'above', threshold: 120, enabled: true, createdBy: null, at: now });
  await r.wallboardAlerts.insert({ id: newId(), tenantId, queueId: null, metric: 'service_level_today', comparator: 'below', threshold: 0.8, enabled: true, createdBy: null, at: now });
}
