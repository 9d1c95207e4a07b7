import type { Db } from '../storage/db.ts';
import { createRepos } from '../storage/repos.ts';

/** How long the delivery log keeps a delivery. */
export const WEBHOOK_DELIVERY_RETENTION_MS = 30 * 86_400_000;

/** Removes deliveries created more than 30 days before `now` (every tenant); returns how many. */
export function purgeWebhookDeliveries(db: Db, now: Date): Promise<number> {
  return createRepos(db).webhookDeliveries.purgeOlderThan(new Date(now.getTime() - WEBHOOK_DELIVERY_RETENTION_MS));
}
