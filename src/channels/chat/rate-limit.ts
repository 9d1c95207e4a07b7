import { WIDGET_LIMITS } from '../../contracts/widget.ts';

/**
 * Fixed-window counters per key, in memory on this node (limits are per node: a visitor's socket
 * lives on one node; IP limits across nodes are approximate by design). Pure: `now` is passed in.
 * Old windows are swept lazily so idle keys cost nothing.
 */
export interface Limiter {
  /** Counts one hit; returns 0 when allowed, else the ms until the window resets. */
  hit(key: string, now: number): number;
  size(): number;
}

export function windowLimiter(max: number, windowMs: number): Limiter {
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = 0;
  return {
    hit(key, now) {
      if (now - lastSweep > windowMs) {
        for (const [k, w] of windows) if (now - w.start >= windowMs) windows.delete(k);
        lastSweep = now;
      }
      let w = windows.get(key);
      if (!w || now - w.start >= windowMs) {
        w = { start: now, count: 0 };
        windows.set(key, w);
      }
      if (w.count >= max) return Math.max(1, w.start + windowMs - now);
      w.count++;
      return 0;
    },
    size: () => windows.size,
  };
}

/** The widget's limits on this node (014), shared by its HTTP API and its sockets. */
export function widgetLimiters() {
  return {
    visitor: windowLimiter(WIDGET_LIMITS.visitorMessages.max, WIDGET_LIMITS.visitorMessages.windowMs),
    ip: windowLimiter(WIDGET_LIMITS.ipMessages.max, WIDGET_LIMITS.ipMessages.windowMs),
    sessions: windowLimiter(WIDGET_LIMITS.ipSessions.max, WIDGET_LIMITS.ipSessions.windowMs),
  };
}
