import type { IdGen } from '../context.ts';
import type { Executor } from '../../storage/executor.ts';
import { numberPending } from '../../storage/event-sequencer.ts';
import type { WorkflowRuleSource } from './types.ts';

/**
 * The demo workspace's routing (called from src/seed.ts, last): every agent available with their
 * languages, three queues and workflow v1 where a Polish billing chat (the pre-chat topic, or the
 * bot's returns or payment intent at hand-over) goes to the Polish billing agent first and falls
 * back to the wider billing team after 30 s. The routing cursor starts at
 * the current event seq: the seeded conversations are history, not work to route.
 */

/** Agent languages by email (first = main). */
export const demoAgentLanguages: Record<string, string[]> = {
  'kasia@demo.example': ['pl', 'en'],
  'alex@demo.example': ['en', 'cy'],
  'priya@demo.example': ['en', 'hi'],
  'wen@demo.example': ['zh-Hans', 'en', 'pl'],
  'supervisor@demo.example': ['en'],
};

export const demoQueues = [
  { name: 'Billing', strategy: 'longest_idle', offerTimeoutMs: 30_000, teams: ['Support'] },
  { name: 'Support', strategy: 'least_busy', offerTimeoutMs: null, teams: ['Support'] },
  { name: 'Sales', strategy: 'most_skilled', offerTimeoutMs: null, teams: ['Sales'] },
] as const;

export function demoWorkflow(queue: (name: string) => string): WorkflowRuleSource[] {
  const target = (name: string, agents: string, timeoutSeconds: number | null) => ({ queueId: queue(name), agents, priorityBoost: 0, timeoutSeconds, skipWhen: [] });
  return [
    {
      id: 'billing-pl',
      name: 'Billing in Polish',
      filter: '("billing" in tags || intent == "returns" || intent == "payment") && language == "pl"',
      priority: 50,
      targets: [target('Billing', 'billing >= 5 && lang == "pl"', 30), target('Billing', 'billing >= 1', null)],
      finally: 'stay',
    },
    { id: 'billing', name: 'Billing', filter: '"billing" in tags || intent == "returns" || intent == "payment"', priority: 50, targets: [target('Billing', 'billing >= 1', null)], finally: 'stay' },
    { id: 'sales', name: 'Sales', filter: '"sales" in tags', priority: 50, targets: [target('Sales', '', null)], finally: 'stay' },
    { id: 'everything-else', name: 'Everything else', filter: '', priority: 50, targets: [target('Support', '', null)], finally: 'stay' },
  ];
}

export async function seedDemoRouting(
  db: Executor,
  tenantId: string,
  newId: IdGen,
  now: Date,
  ids: { users: Map<string, string>; teams: Map<string, string> },
): Promise<void> {
  for (const [email, languages] of Object.entries(demoAgentLanguages)) {
    const userId = ids.users.get(email);
    if (!userId) continue;
    await db
      .insertInto('agent_routing')
      .values({ tenant_id: tenantId, user_id: userId, presence: 'available', presence_since: now, idle_since: now, languages, capacity: '{}', updated_at: now })
      .execute();
  }
  const queueIds = new Map<string, string>();
  for (const q of demoQueues) {
    const id = newId();
    queueIds.set(q.name, id);
    await db
      .insertInto('routing_queues')
      .values({
        id, tenant_id: tenantId, name: q.name, strategy: q.strategy, offer_timeout_ms: q.offerTimeoutMs, calendar_id: null,
        team_ids: q.teams.map((t) => ids.teams.get(t)!).filter(Boolean), created_at: now, updated_at: now,
      })
      .execute();
  }
  const rules = demoWorkflow((name) => queueIds.get(name)!);
  await db.insertInto('routing_workflows').values({ tenant_id: tenantId, version: 1, rules: JSON.stringify(rules), created_by: null, created_at: now }).execute();
  // The runner starts after the seed's own events: number them first (decision 016).
  await numberPending(db, 1_000_000);
  const seq = await db.selectFrom('tenants').select('event_seq').where('id', '=', tenantId).executeTakeFirstOrThrow();
  await db
    .insertInto('routing_cursors')
    .values({ tenant_id: tenantId, last_seq: Number(seq.event_seq) })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ last_seq: Number(seq.event_seq) }))
    .execute();
}
