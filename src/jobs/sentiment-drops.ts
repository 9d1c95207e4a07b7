import type { StoredEvent } from '../storage/events.repo.ts';
import type { CoreDeps } from '../core/deps.ts';
import { checkSentimentDrop } from '../core/sentiment/conversation.ts';

interface Log { warn(o: object, msg: string): void }

/**
 * Sharp sentiment drops (issue 8), after the commit rather than in intake's transaction so the
 * intake hot path stays one score per message: a committed inbound message.created whose
 * sentiment is negative has its conversation checked (src/core/sentiment/conversation.ts). Checks
 * of one conversation run one after another on this node; across nodes the conversation row lock
 * and the last alert's seq keep it to one alert.
 */
export function sentimentDropWatcher(d: Pick<CoreDeps, 'uow' | 'clock' | 'newId'>, log: Log) {
  const chains = new Map<string, Promise<unknown>>();
  let closed = false;
  return {
    onEvent(e: StoredEvent): void {
      if (closed || e.type !== 'message.created') return;
      const p = e.payload as { direction?: unknown; sentiment?: unknown; conversationId?: unknown; seq?: unknown };
      if (p.direction !== 'inbound' || typeof p.sentiment !== 'number' || p.sentiment >= 0) return;
      if (typeof p.conversationId !== 'string' || typeof p.seq !== 'number') return;
      const key = `${e.tenantId}/${p.conversationId}`;
      const conversationId = p.conversationId;
      const seq = p.seq;
      const run = (chains.get(key) ?? Promise.resolve())
        .then(() => checkSentimentDrop(d, e.tenantId, conversationId, seq))
        .catch((err: unknown) => log.warn({ err, conversationId }, 'sentiment drop check failed'))
        .finally(() => {
          if (chains.get(key) === run) chains.delete(key);
        });
      chains.set(key, run);
    },
    /** Waits for the checks under way (tests, shutdown). */
    async idle(): Promise<void> {
      while (chains.size) await Promise.all([...chains.values()]);
    },
    async stop(): Promise<void> {
      closed = true;
      await this.idle();
    },
  };
}
