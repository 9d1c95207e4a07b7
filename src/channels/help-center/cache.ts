/**
 * Rendered pages in memory: least recently used out first, bounded by entries. Keys start with the
 * tenant id so a knowledge-base change of one tenant drops only that tenant's pages.
 */
export interface CachedPage {
  status: number;
  body: string;
  etag: string;
  contentType: string;
}

export interface PageCache {
  get(tenantId: string, key: string): CachedPage | undefined;
  set(tenantId: string, key: string, page: CachedPage): void;
  dropTenant(tenantId: string): void;
  size(): number;
}

export function pageCache(maxEntries = 5000): PageCache {
  const byTenant = new Map<string, Map<string, CachedPage>>();
  // Insertion order of a Map is its recency order: re-insert on hit, evict the first.
  const lru = new Map<string, string>();
  const full = (t: string, k: string) => `${t}\u0000${k}`;
  return {
    get(tenantId, key) {
      const page = byTenant.get(tenantId)?.get(key);
      if (page) {
        const f = full(tenantId, key);
        lru.delete(f);
        lru.set(f, tenantId);
      }
      return page;
    },
    set(tenantId, key, page) {
      let m = byTenant.get(tenantId);
      if (!m) byTenant.set(tenantId, (m = new Map()));
      m.set(key, page);
      const f = full(tenantId, key);
      lru.delete(f);
      lru.set(f, tenantId);
      while (lru.size > maxEntries) {
        const [oldest, t] = lru.entries().next().value as [string, string];
        lru.delete(oldest);
        byTenant.get(t)?.delete(oldest.slice(t.length + 1));
      }
    },
    dropTenant(tenantId) {
      const m = byTenant.get(tenantId);
      if (!m) return;
      for (const k of m.keys()) lru.delete(full(tenantId, k));
      byTenant.delete(tenantId);
    },
    size: () => lru.size,
  };
}
