import type { Repos } from '../../storage/repos.ts';
import type { HealthSignals } from './score.ts';

const DAY = 86_400_000;

/**
 * Gathers a customer's health signals as of `now` (the SQL is in storage/health.repo.ts).
 * Reads only; call it outside a transaction.
 */
export async function gatherSignals(repos: Pick<Repos, 'health'>, tenantId: string, customerId: string, now: Date): Promise<HealthSignals> {
  const [raw, breached] = await Promise.all([
    repos.health.rawSignals(tenantId, customerId, now),
    repos.health.breachedTicketsOrNull(tenantId, customerId),
  ]);
  return {
    avgCsat90d: raw.csatCount > 0 ? raw.avgCsat : null,
    csatCount90d: raw.csatCount,
    latestNps90d: raw.latestNps,
    avgSentiment30d: raw.sentimentCount > 0 ? raw.avgSentiment : null,
    sentimentCount30d: raw.sentimentCount,
    openTickets: raw.openTickets,
    breachedTickets: breached,
    conversations30d: raw.conversations30d,
    conversations180d: raw.conversations180d,
    daysSinceLastOrder: raw.lastOrderAt ? Math.max(0, Math.floor((now.getTime() - raw.lastOrderAt.getTime()) / DAY)) : null,
    spendLast90d: raw.spendLast90d,
    spendPrev90d: raw.spendPrev90d,
  };
}
