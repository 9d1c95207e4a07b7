import type { Repos } from '../../storage/repos.ts';
import type { IdGen } from '../context.ts';
import { recomputeTenantHealth } from './service.ts';

const DAY = 86_400_000;

/** Survey answers [kind, score, days ago, comment] and an inbound sentiment per demo customer, so health varies. */
const demo: Record<string, { answers: ['csat' | 'nps', number, number, string | null][]; sentiment?: number }> = {
  'Olivia Bennett': { answers: [['csat', 5, 12, 'Quick and friendly'], ['csat', 5, 40, null], ['nps', 10, 20, 'Would recommend']], sentiment: 0.6 },
  'Rhys Llewellyn': { answers: [['csat', 2, 5, 'Billing is confusing'], ['csat', 1, 25, 'Charged twice'], ['nps', 3, 6, null]], sentiment: -0.7 },
  'Zofia Kowalska': { answers: [['csat', 3, 30, null], ['nps', 7, 45, null]], sentiment: -0.4 },
  'Arjun Mehta': { answers: [['csat', 4, 8, 'Solved my API issue'], ['nps', 8, 8, null]], sentiment: 0.3 },
  'Li Na': { answers: [['nps', 9, 15, null]] },
  'Jamie Walker': { answers: [['csat', 1, 120, 'Slow reply']] },
};

/** Demo survey answers and message sentiment, then every demo customer's health score (src/seed.ts). */
export async function seedDemoHealth(r: Repos, tenantId: string, newId: IdGen, now: Date, customers: Map<string, string>): Promise<void> {
  for (const [name, d] of Object.entries(demo)) {
    const customerId = customers.get(name);
    if (!customerId) continue;
    for (const [kind, score, daysAgo, comment] of d.answers) {
      await r.surveyResponses.insert({ id: newId(), tenantId, customerId, kind, score, comment, conversationId: null, ticketId: null, respondedAt: new Date(now.getTime() - daysAgo * DAY) });
    }
    if (d.sentiment !== undefined) await r.surveyResponses.setInboundSentiment(tenantId, customerId, d.sentiment);
  }
  await recomputeTenantHealth({ repos: r, clock: { now: () => now } }, tenantId);
}
