import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '../../../src/contracts/common.ts';

export interface PagedList<T> {
  items: T[];
  nextCursor: string | null;
  loading: boolean;
  error: unknown;
  loadMore: () => void;
  reload: () => void;
  /** Replace or drop items locally after a mutation, without a round trip. */
  setItems: (update: (items: T[]) => T[]) => void;
}

/**
 * Loads the first page whenever `key` changes, and further pages on demand.
 * Answers to stale requests (an older key) are dropped.
 */
export function usePagedList<T>(fetchPage: (cursor: string | null) => Promise<Page<T>>, key: string): PagedList<T> {
  const [items, setItemsState] = useState<T[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const requestId = useRef(0);

  const load = useCallback(async (cursor: string | null) => {
    const id = ++requestId.current;
    setLoading(true);
    setError(null);
    try {
      const page = await fetchRef.current(cursor);
      if (id !== requestId.current) return;
      setItemsState((prev) => (cursor ? [...prev, ...page.items] : page.items));
      setNextCursor(page.nextCursor);
    } catch (err) {
      if (id === requestId.current) setError(err);
    } finally {
      if (id === requestId.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load(null);
  }, [key, generation, load]);

  return {
    items,
    nextCursor,
    loading,
    error,
    loadMore: () => {
      if (nextCursor && !loading) void load(nextCursor);
    },
    reload: () => setGeneration((g) => g + 1),
    setItems: (update) => setItemsState(update),
  };
}
