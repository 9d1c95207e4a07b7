import type { StoredEvent } from '../storage/events.repo.ts';

/**
 * The node's most recent events as the bus delivered them, per tenant, in seq order. The followers
 * that read every event after their cursor (routing, search indexing, analytics) ask here first:
 * an event the bus just delivered is read from memory instead of from PostgreSQL once per follower.
 *
 * It answers only a run that starts right after the cursor and has no gap (seq is gapless per
 * tenant), and answers nothing otherwise, so the caller reads the database exactly as before. A
 * shorter answer than asked for is safe: followers are poked again when the next events arrive.
 * Payloads are as delivered: an erasure's scrub of older payloads is not seen here, so followers
 * that store payload text (webhooks) read the database instead; an erasure event of a tenant drops
 * what is kept for it.
 */
export interface RecentEvents {
  add(e: StoredEvent): void;
  /** Events with seq afterSeq+1, afterSeq+2, ... (at most `limit`), or null when afterSeq+1 is not kept. */
  after(tenantId: string, afterSeq: number, limit: number): StoredEvent[] | null;
  stats(): { tenants: number; events: number; hits: number; misses: number };
}

const ERASURE = /eras|forget|anonymi|redact/;

export function recentEvents(o: { maxEvents?: number; maxPerTenant?: number } = {}): RecentEvents {
  // About a second of a busy tenant's stream: followers run every 200 ms. Keeping more alive for
  // longer made garbage collection pause the event loop for 65-150 ms (bench/chat-intake.ts).
  const maxEvents = o.maxEvents ?? 4_000;
  const maxPerTenant = o.maxPerTenant ?? 2_000;
  // Insertion order of the Map is the order tenants were last added to: the first is the stalest.
  const runs = new Map<string, { first: number; list: StoredEvent[] }>();
  let total = 0;
  let hits = 0;
  let misses = 0;
  const drop = (tenantId: string) => {
    const r = runs.get(tenantId);
    if (r) total -= r.list.length;
    runs.delete(tenantId);
  };
  return {
    add(e) {
      if (ERASURE.test(e.type)) return drop(e.tenantId);
      let r = runs.get(e.tenantId);
      if (r && e.seq <= r.first + r.list.length - 1) return; // delivered again (at least once)
      if (!r || e.seq !== r.first + r.list.length) {
        // First event of the tenant, or a gap: start a new run at this event.
        drop(e.tenantId);
        r = { first: e.seq, list: [] };
      } else runs.delete(e.tenantId); // re-added below: now the freshest tenant
      runs.set(e.tenantId, r);
      r.list.push(e);
      total++;
      // Trimmed in steps of a quarter, so a busy tenant does not shift the whole run on every event.
      if (r.list.length > maxPerTenant + Math.ceil(maxPerTenant / 4)) {
        const cut = r.list.length - maxPerTenant;
        r.list.splice(0, cut);
        r.first += cut;
        total -= cut;
      }
      while (total > maxEvents) {
        const [stalest] = runs.keys();
        if (stalest === undefined || stalest === e.tenantId) break;
        drop(stalest);
      }
    },
    after(tenantId, afterSeq, limit) {
      const r = runs.get(tenantId);
      const from = afterSeq + 1 - (r?.first ?? 0);
      if (!r || from < 0 || from >= r.list.length || limit <= 0) {
        misses++;
        return null;
      }
      hits++;
      return r.list.slice(from, from + limit);
    },
    stats: () => ({ tenants: runs.size, events: total, hits, misses }),
  };
}
