import type { Repos, UnitOfWork } from '../../storage/repos.ts';
import type { StoredEvent } from '../../storage/events.repo.ts';
import type { SearchKind } from '../../storage/search.repo.ts';
import type { Clock } from '../context.ts';
import type { RecentEvents } from '../../bus/recent-events.ts';
import { conversationDoc, customerDoc, messageDoc, ticketDoc, type DocDraft } from './documents.ts';
import { vectorizeHere, type Vectorize } from './vectorizer.ts';

/**
 * Keeps search_documents current by reading each tenant's committed events in seq order (seq is
 * gapless in commit order) and re-reading the rows they name. The cursor and the index rows it
 * covers commit together, so a crash repeats a batch and never skips one; reindexing a row twice
 * gives the same document. Nothing in the write paths of other modules knows about search.
 */
export interface IndexerDeps {
  repos: Repos;
  uow: UnitOfWork;
  clock: Clock;
  /** Events the bus just delivered, read before the database (src/bus/recent-events.ts). */
  recent?: RecentEvents;
  /**
   * Analyzes a rebuild's documents into tsvectors (a worker thread: core/search/vectorizer.ts);
   * default: here. New events are analyzed here always: the writers then wait for the index, which
   * keeps new messages findable within a second even under a flat-out writer (decision 026).
   */
  vectorize?: Vectorize;
}

/** Events read per transaction. */
export const EVENT_BATCH = 500;
/** Rows read and written per transaction during a rebuild. */
export const REBUILD_BATCH = 500;
/** A tenant never indexed, or this far behind, is rebuilt from its rows instead of replayed. */
export const REPLAY_LIMIT = 5000;

const DEEP = /eras|forget|anonymi|redact|delet/;

interface Refs {
  messages: Set<string>;
  conversations: Set<string>;
  customers: Set<string>;
  tickets: Set<string>;
  /** Customers or conversations whose messages must all be read again (erasure). */
  deepCustomers: Set<string>;
  deepConversations: Set<string>;
}

const isId = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);
const idsIn = (payload: Record<string, unknown>, keys: string[]): string[] =>
  keys.flatMap((k) => {
    const v = payload[k];
    return Array.isArray(v) ? v.filter(isId) : isId(v) ? [v] : [];
  });

/** Which rows an event may have changed. Unknown aggregates change nothing searchable. */
export function refsOf(events: StoredEvent[]): Refs {
  const r: Refs = { messages: new Set(), conversations: new Set(), customers: new Set(), tickets: new Set(), deepCustomers: new Set(), deepConversations: new Set() };
  for (const e of events) {
    const p = e.payload ?? {};
    const deep = DEEP.test(e.type);
    switch (e.aggregateType) {
      case 'message':
        // A message changes only its own document: what its conversation's document holds (subject,
        // customer, tags, status, inbox) changes with conversation or customer events of its own.
        if (isId(e.aggregateId)) r.messages.add(e.aggregateId);
        break;
      case 'conversation':
        if (isId(e.aggregateId)) r.conversations.add(e.aggregateId);
        if (deep && isId(e.aggregateId)) r.deepConversations.add(e.aggregateId);
        break;
      case 'customer':
        for (const id of [e.aggregateId, ...idsIn(p, ['sourceId', 'survivorId', 'customerId'])]) {
          if (!isId(id)) continue;
          r.customers.add(id);
          if (deep) r.deepCustomers.add(id);
        }
        break;
      case 'ticket':
        for (const id of [e.aggregateId, ...idsIn(p, ['sourceId', 'sourceIds', 'targetId', 'mergedIntoId'])]) if (isId(id)) r.tickets.add(id);
        break;
    }
  }
  return r;
}

async function reindex(r: Repos, tenantId: string, kind: SearchKind, ids: readonly string[], generation: number, vectorize: Vectorize): Promise<void> {
  if (ids.length === 0) return;
  const s = r.search;
  const drafts: DocDraft[] =
    kind === 'message' ? (await s.messages(tenantId, ids)).map(messageDoc)
    : kind === 'conversation' ? (await s.conversations(tenantId, ids)).map(conversationDoc)
    : kind === 'customer' ? (await s.customers(tenantId, ids)).filter((c) => !c.gone).map(customerDoc)
    : (await s.tickets(tenantId, ids)).map(ticketDoc);
  const vectors = await vectorize(drafts.map((d) => d.analyze));
  const docs = drafts.map(({ analyze: _text, ...d }, i) => ({ ...d, tokens: vectors[i]! }));
  const kept = docs.filter((d) => d.tokens !== '');
  const keptIds = new Set(kept.map((d) => d.refId));
  await s.remove(tenantId, kind, ids.filter((id) => !keptIds.has(id)));
  await s.upsert(tenantId, kept, generation);
}

async function apply(r: Repos, tenantId: string, refs: Refs, generation: number, vectorize: Vectorize): Promise<void> {
  const s = r.search;
  if (refs.customers.size) {
    await reindex(r, tenantId, 'customer', [...refs.customers], generation, vectorize);
    // A merge moves conversations; a rename changes how they are found.
    for (const id of await s.conversationIdsOf(tenantId, [...refs.customers])) refs.conversations.add(id);
  }
  if (refs.deepCustomers.size) for (const id of await s.conversationIdsOf(tenantId, [...refs.deepCustomers])) refs.deepConversations.add(id);
  if (refs.deepConversations.size) for (const id of await s.messageIdsOf(tenantId, [...refs.deepConversations])) refs.messages.add(id);
  if (refs.conversations.size) {
    await reindex(r, tenantId, 'conversation', [...refs.conversations], generation, vectorize);
    await s.refreshMessagesOf(tenantId, [...refs.conversations]);
  }
  await reindex(r, tenantId, 'message', [...refs.messages], generation, vectorize);
  await reindex(r, tenantId, 'ticket', [...refs.tickets], generation, vectorize);
}

// Rebuilds in progress on this node, per database (tests run several in one process).
const rebuilding = new WeakMap<object, Map<string, Promise<void>>>();

/**
 * Rebuilds a tenant's index from its rows in batches (each its own transaction), then removes
 * what the rebuild did not find and moves the cursor to the events seen when it began. Search
 * keeps answering from the old rows meanwhile.
 */
export async function reindexTenant(d: IndexerDeps, tenantId: string, stopped: () => boolean = () => false): Promise<void> {
  let running = rebuilding.get(d.repos);
  if (!running) rebuilding.set(d.repos, (running = new Map()));
  const current = running.get(tenantId);
  if (current) return current;
  const job = (async () => {
    // New rows written from here on (by this rebuild or by the incremental indexer) carry the new
    // generation, so the final sweep removes only what nobody wrote again.
    const { generation, head } = await d.uow(async (r) => {
      const c = await r.search.lockCursor(tenantId);
      await r.search.setCursor(tenantId, c.seq, c.generation + 1, d.clock.now());
      return { generation: c.generation + 1, head: await r.search.eventSeq(tenantId) };
    });
    for (const kind of ['customer', 'conversation', 'message', 'ticket'] as const) {
      let after: string | null = null;
      for (;;) {
        const ids = await d.repos.search.idsAfter(tenantId, kind, after, REBUILD_BATCH);
        if (ids.length === 0) break;
        // A later rebuild (another node, or another caller here) bumped the generation: it rewrites
        // everything, and rows written now with this older generation would be swept by it.
        const ours = await d.uow(async (r) => {
          if ((await r.search.lockCursor(tenantId)).generation !== generation) return false;
          await reindex(r, tenantId, kind, ids, generation, d.vectorize ?? vectorizeHere);
          return true;
        });
        if (!ours || stopped()) return; // stopped: the next run starts a rebuild again
        after = ids[ids.length - 1]!;
        if (ids.length < REBUILD_BATCH) break;
      }
    }
    await d.uow(async (r) => {
      const c = await r.search.lockCursor(tenantId);
      if (c.generation !== generation) return; // superseded: the later rebuild sweeps and moves the cursor
      await r.search.removeOlderThan(tenantId, generation);
      await r.search.setCursor(tenantId, Math.max(c.seq, head), generation, d.clock.now());
    });
  })();
  running.set(tenantId, job);
  try {
    await job;
  } finally {
    running.delete(tenantId);
  }
}

/**
 * Reads a tenant's new events into the index until it is current, or until `stopped()` says so
 * between batches; returns how many it read.
 */
export async function indexTenant(d: IndexerDeps, tenantId: string, stopped: () => boolean = () => false): Promise<number> {
  const pending = rebuilding.get(d.repos)?.get(tenantId);
  if (pending) await pending;
  const start = await d.repos.search.cursor(tenantId);
  const head = await d.repos.search.eventSeq(tenantId);
  if (head > start.seq && (start.seq === 0 || head - start.seq > REPLAY_LIMIT)) await reindexTenant(d, tenantId, stopped);
  let total = 0;
  for (;;) {
    const n = await d.uow(async (r) => {
      const c = await r.search.lockCursor(tenantId);
      const events = d.recent?.after(tenantId, c.seq, EVENT_BATCH) ?? (await r.events.list(tenantId, { afterSeq: c.seq, limit: EVENT_BATCH }));
      if (events.length === 0) return 0;
      await apply(r, tenantId, refsOf(events), c.generation, vectorizeHere);
      await r.search.setCursor(tenantId, events[events.length - 1]!.seq, c.generation, d.clock.now());
      return events.length;
    });
    total += n;
    if (n < EVENT_BATCH || stopped()) return total;
  }
}

/** Every tenant with unread events (the scheduled job); returns how many events were read. */
export async function runSearchIndexer(d: IndexerDeps, stopped: () => boolean = () => false): Promise<number> {
  let total = 0;
  for (const tenantId of await d.repos.search.tenantsBehind()) {
    if (stopped()) break;
    total += await indexTenant(d, tenantId, stopped);
  }
  return total;
}
