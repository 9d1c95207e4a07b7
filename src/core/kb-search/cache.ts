import type { Repos } from '../../storage/repos.ts';
import { KbMemoryIndex } from './memory-index.ts';
import { analyzeSynonyms, type SynonymGroup } from './query.ts';

/**
 * Each node keeps the knowledge-base search index of the tenants it searches in memory
 * (docs/decisions/022-kb-search-in-memory.md). A search reads the tenant's generation (one
 * primary-key read, with the tenant's languages); when the copy is older it reads only what
 * changed since, so a write on any node is seen by the next search everywhere.
 *
 * Memory is bounded by documents across tenants (KB_SEARCH_MEMORY_DOCS, default 300,000,
 * about 1 KB each): least recently searched tenants are dropped first, and a tenant larger than
 * the whole budget is searched in the database (the SQL path in search.ts) instead.
 */

export interface KbMemory {
  index: KbMemoryIndex;
  synonyms: SynonymGroup[];
  /** The generation the copy holds (-1 while its first load runs). */
  generation: number;
  /** The tenant's languages as last read with a generation (null: not set on the tenant). */
  languages: string[] | null;
}

interface Entry extends KbMemory {
  used: number;
  syncing: Promise<boolean> | null;
}

interface DatabaseCache {
  entries: Map<string, Entry>;
  /** Tenants too large for the budget (or whose load failed), with the generation at the time: searched in the database until it changes. */
  tooLarge: Map<string, number>;
}

const caches = new WeakMap<object, DatabaseCache>();
let clock = 0;

let budgetDocs = 300_000;

/** Sets the budget (main.ts, from KB_SEARCH_MEMORY_DOCS; tests and benchmarks); 0 turns the copies off. Returns the previous one. */
export function setKbMemoryBudget(docs: number): number {
  const previous = budgetDocs;
  budgetDocs = Math.max(0, Math.trunc(docs));
  return previous;
}

function memoryBudget(): number {
  return budgetDocs;
}

function cacheOf(key: object): DatabaseCache {
  let c = caches.get(key);
  if (!c) caches.set(key, (c = { entries: new Map(), tooLarge: new Map() }));
  return c;
}

async function loadAll(r: Repos, tenantId: string, entry: Entry, budget: number): Promise<boolean> {
  for await (const rows of r.kbSearch.indexedDocuments(tenantId)) {
    for (const row of rows) entry.index.put(row);
    if (entry.index.size > budget) return false;
  }
  entry.index.compact();
  entry.synonyms = analyzeSynonyms((await r.kbSearch.allSynonyms(tenantId)).map((s) => s.terms));
  return true;
}

async function applyChanges(r: Repos, tenantId: string, entry: Entry, budget: number): Promise<boolean> {
  const changes = await r.kbSearch.changesSince(tenantId, entry.generation);
  for (const x of changes.removed) entry.index.remove(x.articleId, x.language);
  for (const row of changes.changed) entry.index.put(row);
  entry.synonyms = analyzeSynonyms((await r.kbSearch.allSynonyms(tenantId)).map((s) => s.terms));
  entry.generation = Math.max(entry.generation, changes.generation);
  return entry.index.size <= budget;
}

function evict(cache: DatabaseCache, keep: string, budget: number): void {
  let total = 0;
  for (const e of cache.entries.values()) total += e.index.size;
  const byAge = [...cache.entries.entries()].filter(([t, e]) => t !== keep && !e.syncing).sort((a, b) => a[1].used - b[1].used);
  for (const [t, e] of byAge) {
    if (total <= budget) return;
    cache.entries.delete(t);
    total -= e.index.size;
  }
}

/**
 * The tenant's index at `generation` (read by the caller just before), or null when the search
 * should run in the database: no cache key, a tenant too large for the budget, a failed load, a
 * caller inside a transaction while the copy is stale (a transaction may see its own uncommitted
 * writes, which must never reach the shared copy), or, unless `wait`, a first load still under
 * way (a large knowledge base takes seconds to load; searches meanwhile use the database).
 */
export async function kbMemoryFor(r: Repos, tenantId: string, generation: number, opts: { wait?: boolean } = {}): Promise<KbMemory | null> {
  const key = r.kbSearch.databaseKey();
  const budget = memoryBudget();
  if (!key || budget === 0) return null;
  const cache = cacheOf(key);
  for (let attempt = 0; attempt < 3; attempt++) {
    const entry = cache.entries.get(tenantId);
    if (entry && !entry.syncing && entry.generation >= generation) {
      entry.used = ++clock;
      return entry;
    }
    if (r.kbSearch.inTransaction) return null;
    if (cache.tooLarge.get(tenantId) === generation) return null;
    if (entry?.syncing) {
      if (entry.generation < 0 && !opts.wait) return null;
      await entry.syncing;
      continue;
    }
    const target: Entry = entry ?? { index: new KbMemoryIndex(), synonyms: [], generation: -1, languages: null, used: ++clock, syncing: null };
    const fresh = !entry;
    if (fresh) cache.entries.set(tenantId, target);
    target.syncing = (async () => {
      let ok = false;
      try {
        if (fresh) {
          // Everything written up to `generation` is committed and read below; what comes later
          // is read again by the next sync (applying a change twice does nothing).
          ok = await loadAll(r, tenantId, target, budget);
          target.generation = generation;
        } else ok = await applyChanges(r, tenantId, target, budget);
      } catch {
        ok = false;
      }
      target.syncing = null;
      if (!ok) {
        if (cache.entries.get(tenantId) === target) cache.entries.delete(tenantId);
        cache.tooLarge.set(tenantId, generation);
      } else {
        cache.tooLarge.delete(tenantId);
        evict(cache, tenantId, budget);
      }
      return ok;
    })();
    if (fresh && !opts.wait) return null;
    if (!(await target.syncing)) return null;
  }
  return null;
}

/**
 * The tenant's copy as it is, without reading the database, when one is ready (not loading or
 * syncing, not inside a transaction): a search may rank on it and then check, in the statement
 * that reads its snippets, that the generation has not moved (searchKb).
 */
export function peekKbMemory(r: Repos, tenantId: string): KbMemory | null {
  if (r.kbSearch.inTransaction || memoryBudget() === 0) return null;
  const key = r.kbSearch.databaseKey();
  const entry = key ? caches.get(key)?.entries.get(tenantId) : undefined;
  if (!entry || entry.syncing || entry.generation < 0) return null;
  entry.used = ++clock;
  return entry;
}

/** Forgets every tenant's copy for this database (tests, and a node told its data was restored). */
export function dropKbMemory(r: Repos): void {
  const key = r.kbSearch.databaseKey();
  if (key) caches.delete(key);
}
