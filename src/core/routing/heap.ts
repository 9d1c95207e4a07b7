/**
 * A binary heap with removal by position, used for the waiting lines (tasks per queue group) and
 * for the engine's timers. `before(a, b)` is true when a comes out first. When `track` is given the
 * heap tells each item its index (so it can be removed in O(log n) without a search).
 */
export interface Heap<T> {
  readonly size: number;
  push(item: T): void;
  peek(): T | undefined;
  pop(): T | undefined;
  /** Remove the item at an index (as told by track). */
  removeAt(i: number): T | undefined;
  /** Best-first walk: the best item for which pred holds, looking at most at `limit` items. */
  firstWhere(pred: (item: T) => boolean, limit?: number): T | undefined;
  /** The items in heap (not sorted) order. */
  items(): readonly T[];
  clear(): void;
}

export function createHeap<T>(before: (a: T, b: T) => boolean, track?: (item: T, index: number) => void): Heap<T> {
  const a: T[] = [];
  const set = (i: number, item: T): void => {
    a[i] = item;
    if (track) track(item, i);
  };
  const up = (i: number): void => {
    const item = a[i] as T;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = a[p] as T;
      if (!before(item, parent)) break;
      set(i, parent);
      i = p;
    }
    set(i, item);
  };
  const down = (i: number): void => {
    const n = a.length;
    const item = a[i] as T;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && before(a[r] as T, a[l] as T)) c = r;
      if (!before(a[c] as T, item)) break;
      set(i, a[c] as T);
      i = c;
    }
    set(i, item);
  };
  const removeAt = (i: number): T | undefined => {
    if (i < 0 || i >= a.length) return undefined;
    const out = a[i] as T;
    const last = a.pop() as T;
    if (i < a.length) {
      set(i, last);
      if (i > 0 && before(last, a[(i - 1) >> 1] as T)) up(i);
      else down(i);
    }
    if (track) track(out, -1);
    return out;
  };
  return {
    get size() {
      return a.length;
    },
    push(item) {
      a.push(item);
      up(a.length - 1);
    },
    peek: () => a[0],
    pop: () => (a.length ? removeAt(0) : undefined),
    removeAt,
    firstWhere(pred, limit = 2048) {
      if (!a.length) return undefined;
      const first = a[0] as T;
      if (pred(first)) return first;
      // Frontier of heap indices, kept best-first by a small heap of its own.
      const frontier = createHeap<number>((x, y) => before(a[x] as T, a[y] as T));
      const n = a.length;
      if (n > 1) frontier.push(1);
      if (n > 2) frontier.push(2);
      let seen = 1;
      while (frontier.size && seen < limit) {
        const i = frontier.pop() as number;
        seen++;
        const item = a[i] as T;
        if (pred(item)) return item;
        if (2 * i + 1 < n) frontier.push(2 * i + 1);
        if (2 * i + 2 < n) frontier.push(2 * i + 2);
      }
      return undefined;
    },
    items: () => a,
    clear() {
      if (track) for (const item of a) track(item, -1);
      a.length = 0;
    },
  };
}
