import type { Logger } from 'pino';
import type { Bus } from '../bus/bus.ts';
import type { Clock } from '../core/context.ts';
import type { Db } from '../storage/db.ts';
import { createRepos } from '../storage/repos.ts';

export interface Dispatcher {
  /** Ask for a pass soon (after a commit that appended events). */
  poke(): void;
  /** One pass: delivers what is pending; returns how many were delivered. */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Delivers outbox rows to the bus in id order (so in order per aggregate), at least once: a row
 * is marked delivered only after the bus accepted it, inside the transaction that locked it, so
 * two nodes never deliver the same row at once and a crash leaves it to be sent again.
 */
export function startDispatcher(opts: { db: Db; bus: Bus; clock: Clock; log: Logger; pollMs?: number; batch?: number }): Dispatcher {
  const { db, bus, clock, log } = opts;
  const batch = opts.batch ?? 200;
  let running: Promise<number> | null = null;
  let again = false;
  let stopped = false;

  async function pass(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await db.transaction().execute(async (tx) => {
        const r = createRepos(tx);
        const items = await r.outbox.claim(batch);
        if (items.length === 0) return 0;
        const events = await r.events.byIds(items.map((i) => i.eventId));
        await bus.publish(events);
        await r.outbox.markDelivered(items.map((i) => i.id), clock.now());
        return items.length;
      });
      total += n;
      if (n < batch) return total;
    }
  }

  function drain(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = pass()
      .catch((e) => {
        log.warn({ err: e }, 'outbox dispatch failed; will retry');
        return 0;
      })
      .finally(() => {
        running = null;
        if (again && !stopped) {
          again = false;
          void drain();
        }
      });
    return running;
  }

  const timer = setInterval(() => void drain(), opts.pollMs ?? 1000);
  timer.unref();
  return {
    poke: () => {
      if (!stopped) void drain();
    },
    drain,
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (running) await running;
    },
  };
}
