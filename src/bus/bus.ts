import type { StoredEvent } from '../storage/events.repo.ts';

/** Events fanned out to every node. Delivery is at least once: handlers must be idempotent. */
export interface Bus {
  publish(events: StoredEvent[]): Promise<void>;
  subscribe(handler: (e: StoredEvent) => void): () => void;
  close(): Promise<void>;
}

/** One node: publish calls the handlers directly. */
export function memoryBus(): Bus {
  const handlers = new Set<(e: StoredEvent) => void>();
  return {
    async publish(events) {
      for (const e of events) for (const h of handlers) h(e);
    },
    subscribe(h) {
      handlers.add(h);
      return () => handlers.delete(h);
    },
    async close() {
      handlers.clear();
    },
  };
}
