import type { StoredEvent } from '../storage/events.repo.ts';

/** Events fanned out to every node. Delivery is at least once: handlers must be idempotent. */
export interface Bus {
  publish(events: StoredEvent[]): Promise<void>;
  subscribe(handler: (e: StoredEvent) => void): () => void;
  close(): Promise<void>;
  /** Ephemeral signals (typing): not stored, best effort, to every node (014-chat-widget.md). */
  publishEphemeral?(m: EphemeralMessage): void;
  subscribeEphemeral?(handler: (m: EphemeralMessage) => void): () => void;
}

/** A signal no one needs after the moment: a frame for the followers of a topic of a tenant. */
export interface EphemeralMessage {
  tenantId: string;
  /** e.g. `conversation:<id>` */
  topic: string;
  frame: Record<string, unknown>;
}

/** One node: publish calls the handlers directly. */
export function memoryBus(): Bus {
  const handlers = new Set<(e: StoredEvent) => void>();
  const ephemeral = new Set<(m: EphemeralMessage) => void>();
  return {
    publishEphemeral(m) {
      for (const h of ephemeral) h(m);
    },
    subscribeEphemeral(h) {
      ephemeral.add(h);
      return () => ephemeral.delete(h);
    },
    async publish(events) {
      for (const e of events) for (const h of handlers) h(e);
    },
    subscribe(h) {
      handlers.add(h);
      return () => handlers.delete(h);
    },
    async close() {
      handlers.clear();
      ephemeral.clear();
    },
  };
}
