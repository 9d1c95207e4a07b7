import type { Logger } from 'pino';
import type { StoredEvent } from '../storage/events.repo.ts';
import { recomputeCustomerHealth, type HealthDeps } from '../core/health/service.ts';

/** How long after the last relevant event a customer's score is recomputed. */
export const HEALTH_FOLLOW_DELAY_MS = 30_000;

export interface HealthFollower {
  /** Feed every committed event; relevant ones schedule a recompute of their customer. */
  onEvent(e: StoredEvent): void;
  /** Recompute everything scheduled now (tests; shutdown). Returns how many customers were scored. */
  flush(): Promise<number>;
  stop(): void;
}

const FOLLOWED = new Set(['conversation', 'ticket', 'order', 'customer']);

/**
 * Recomputes a customer's health soon after events that change its signals (a message, a
 * ticket change, an order), debounced per aggregate so a busy conversation costs one
 * recompute per `delayMs`. The customer is looked up when the timer fires, not per event.
 */
export function healthFollower(d: HealthDeps & { log: Logger }, delayMs = HEALTH_FOLLOW_DELAY_MS): HealthFollower {
  const pending = new Map<string, { e: StoredEvent; timer: NodeJS.Timeout }>();

  async function customerOf(e: StoredEvent): Promise<string | null> {
    switch (e.aggregateType) {
      case 'conversation': return (await d.repos.conversations.byId(e.tenantId, e.aggregateId))?.customerId ?? null;
      case 'ticket': return (await d.repos.tickets.byId(e.tenantId, e.aggregateId))?.requesterId ?? null;
      case 'order': return (await d.repos.orders.byId(e.tenantId, e.aggregateId))?.customerId ?? null;
      case 'customer': return e.type === 'customer.erased' ? null : e.aggregateId;
      default: return null;
    }
  }

  async function run(key: string): Promise<boolean> {
    const entry = pending.get(key);
    if (!entry) return false;
    clearTimeout(entry.timer);
    pending.delete(key);
    const customerId = await customerOf(entry.e);
    if (!customerId) return false;
    const c = await d.repos.customers.byId(entry.e.tenantId, customerId);
    if (!c || c.mergedInto) return false;
    await recomputeCustomerHealth(d, entry.e.tenantId, customerId);
    return true;
  }

  return {
    onEvent(e) {
      if (!FOLLOWED.has(e.aggregateType)) return;
      const key = `${e.tenantId}|${e.aggregateType}|${e.aggregateId}`;
      const prior = pending.get(key);
      if (prior) clearTimeout(prior.timer);
      const timer = setTimeout(() => {
        run(key).catch((err: unknown) => d.log.warn({ err, key }, 'health recompute after an event failed; the hourly job will catch up'));
      }, delayMs);
      timer.unref();
      pending.set(key, { e, timer });
    },
    async flush() {
      let n = 0;
      for (const key of [...pending.keys()]) if (await run(key)) n++;
      return n;
    },
    stop() {
      for (const { timer } of pending.values()) clearTimeout(timer);
      pending.clear();
    },
  };
}
