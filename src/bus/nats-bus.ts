import { connect, JSONCodec, type NatsConnection } from 'nats';
import type { StoredEvent } from '../storage/events.repo.ts';
import type { Bus, EphemeralMessage } from './bus.ts';

type Wire = Omit<StoredEvent, 'createdAt'> & { createdAt: string };

/** Many nodes: events go through NATS subject `switchboard.events.<tenant>`; every node hears every event. */
export async function natsBus(url: string, opts: { name?: string } = {}): Promise<Bus> {
  let nc: NatsConnection;
  try {
    nc = await connect({ servers: url, name: opts.name ?? 'switchboard', maxReconnectAttempts: -1, reconnectTimeWait: 500 });
  } catch (e) {
    throw new Error(`Cannot reach NATS at ${url}: ${(e as Error).message}. Start NATS or unset BUS_URL to run on one node.`);
  }
  const codec = JSONCodec<Wire>();
  const handlers = new Set<(e: StoredEvent) => void>();
  const sub = nc.subscribe('switchboard.events.>');
  void (async () => {
    for await (const m of sub) {
      let w: Wire;
      try {
        w = codec.decode(m.data);
      } catch {
        continue;
      }
      const e: StoredEvent = { ...w, createdAt: new Date(w.createdAt) };
      for (const h of handlers) h(e);
    }
  })();
  // Ephemeral signals (typing): core NATS, no JetStream, nothing stored.
  const ephemeralCodec = JSONCodec<EphemeralMessage>();
  const ephemeral = new Set<(m: EphemeralMessage) => void>();
  const esub = nc.subscribe('switchboard.ephemeral.>');
  void (async () => {
    for await (const m of esub) {
      try {
        const e = ephemeralCodec.decode(m.data);
        for (const h of ephemeral) h(e);
      } catch {
        continue;
      }
    }
  })();
  await nc.flush();
  return {
    publishEphemeral(m) {
      nc.publish(`switchboard.ephemeral.${m.tenantId}`, ephemeralCodec.encode(m));
    },
    subscribeEphemeral(h) {
      ephemeral.add(h);
      return () => ephemeral.delete(h);
    },
    async publish(events) {
      for (const e of events) nc.publish(`switchboard.events.${e.tenantId}`, codec.encode({ ...e, createdAt: e.createdAt.toISOString() }));
      await nc.flush();
    },
    subscribe(h) {
      handlers.add(h);
      return () => handlers.delete(h);
    },
    async close() {
      handlers.clear();
      ephemeral.clear();
      await nc.drain().catch(() => nc.close());
    },
  };
}
