import type { Logger } from 'pino';
import type { Bus } from '../bus/bus.ts';
import type { Clock } from '../core/context.ts';
import type { Db } from '../storage/db.ts';
import { sequenceBatch } from '../storage/event-sequencer.ts';
import { createRepos } from '../storage/repos.ts';

export interface Dispatcher {
  /**
   * After a commit that appended events: numbers them (the promise resolves once a numbering pass
   * that started after this call is done; it never rejects) and asks for a delivery pass soon.
   * `numbered`: the commit numbered its events itself (decision 024): only the delivery pass is asked for.
   */
  poke(o?: { numbered?: boolean }): Promise<void>;
  /** One pass: numbers, then delivers what is pending; returns how many were delivered. */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Runs `fn` one at a time; a call while it runs gets the next run, shared by every caller that
 * came meanwhile, so each caller's promise settles after a run that started after its call.
 */
export function coalesced<T>(fn: () => Promise<T>): () => Promise<T> {
  let current: Promise<T> | null = null;
  let next: Promise<T> | null = null;
  const trigger = (): Promise<T> => {
    if (!current) {
      current = fn().finally(() => {
        current = null;
      });
      return current;
    }
    if (!next) {
      next = current.then(
        () => undefined,
        () => undefined,
      ).then(() => {
        next = null;
        return trigger();
      });
    }
    return next;
  };
  return trigger;
}

/**
 * Numbers committed events (event-sequencer.ts), then delivers outbox rows to the bus in (tenant,
 * seq) order, at least once: a row is claimed (locked) and marked delivered by one statement, in a
 * transaction that commits only after the bus accepted it, so two nodes never deliver the same row
 * at once, and a failed publish or a crash rolls the mark back and leaves the row to be sent again.
 */
export function startDispatcher(opts: { db: Db; bus: Bus; clock: Clock; log: Logger; pollMs?: number; batch?: number }): Dispatcher {
  const { db, bus, clock, log } = opts;
  const batch = opts.batch ?? 500;
  let stopped = false;

  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>): Promise<T> => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => undefined);
    return p;
  };

  const sequence = coalesced(async () => {
    try {
      while ((await sequenceBatch(db, batch * 4)) === batch * 4 && !stopped);
    } catch (e) {
      log.warn({ err: e }, 'event numbering failed; will retry');
    }
  });

  async function publishPass(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await db.transaction().execute(async (tx) => {
        const r = createRepos(tx);
        // Claimed and marked together; the mark commits only once the bus has accepted them.
        const items = await r.outbox.claimEvents(batch, clock.now());
        if (items.length === 0) return 0;
        await bus.publish(items.flatMap((i) => (i.event ? [i.event] : [])));
        return items.length;
      });
      total += n;
      if (n < batch) return total;
    }
  }

  const publish = coalesced(async () => {
    if (stopped) return 0;
    try {
      return await publishPass();
    } catch (e) {
      log.warn({ err: e }, 'outbox dispatch failed; will retry');
      return 0;
    }
  });
  /** Numbers, then delivers: the poll's pass and drain(). A poke has numbered already, so it only publishes. */
  const drain = async () => {
    await sequence();
    return publish();
  };

  const timer = setInterval(() => void track(drain()), opts.pollMs ?? 1000);
  timer.unref();
  return {
    async poke(o) {
      if (stopped) return;
      if (!o?.numbered) await track(sequence());
      void track(publish());
    },
    drain: () => track(drain()),
    async stop() {
      stopped = true;
      clearInterval(timer);
      await Promise.allSettled([...inFlight]);
    },
  };
}
