import type { CoreDeps } from '../deps.ts';
import { draftEvent } from '../events/draft.ts';
import { conversationTopics } from './intake.ts';

const BATCH = 500;

/**
 * Wakes snoozed conversations whose snooze has ended: status back to open, with a
 * conversation.status_changed event (reason snooze_ended) in the same transaction. Returns how
 * many woke. Run every minute by the background jobs.
 */
export async function wakeSnoozed(d: Pick<CoreDeps, 'uow' | 'clock' | 'newId'>): Promise<number> {
  let total = 0;
  for (;;) {
    const now = d.clock.now();
    const n = await d.uow(async (r) => {
      const woken = await r.conversations.wakeDue(now, BATCH);
      const byTenant = new Map<string, typeof woken>();
      for (const c of woken) byTenant.set(c.tenantId, [...(byTenant.get(c.tenantId) ?? []), c]);
      for (const [tenantId, list] of byTenant) {
        await r.events.append(
          tenantId,
          list.map((c) =>
            draftEvent(d.newId, {
              type: 'conversation.status_changed',
              aggregateType: 'conversation',
              aggregateId: c.id,
              actorId: null,
              topics: conversationTopics(c.id, c.assigneeId),
              payload: { from: 'snoozed', to: 'open', reason: 'snooze_ended' },
            }),
          ),
          now,
        );
      }
      return woken.length;
    });
    total += n;
    if (n < BATCH) return total;
  }
}
