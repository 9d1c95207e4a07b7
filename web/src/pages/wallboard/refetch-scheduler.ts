/** The clock and timers a scheduler runs on; tests pass a fake. */
export interface SchedulerTimers {
  now(): number;
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const browserTimers: SchedulerTimers = {
  now: () => Date.now(),
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface RefetchScheduler {
  /** Asks for a refetch: coalesced with others, at most one start per `gapMs`. */
  request(): void;
  /** Refetches as soon as possible (after a reconnect, after an action), ignoring the gap. */
  now(): void;
  /** Drops a waiting request (the socket dropped: the resync after the reconnect reads everything). */
  cancel(): void;
  dispose(): void;
}

/**
 * Coalesces refetch requests: a burst of events becomes one request, starts are at least `gapMs`
 * apart, never two run at once, and a request that arrives while one runs gets exactly one more
 * after it (that one may have read the state before the event).
 */
export function createRefetchScheduler(run: () => Promise<void>, gapMs: number, timers: SchedulerTimers = browserTimers): RefetchScheduler {
  let timer: unknown = null;
  let inflight = false;
  let dirty = false;
  let lastStart = Number.NEGATIVE_INFINITY;
  let disposed = false;

  function fire() {
    timer = null;
    if (disposed) return;
    if (inflight) {
      dirty = true;
      return;
    }
    inflight = true;
    lastStart = timers.now();
    void run()
      .catch(() => undefined)
      .finally(() => {
        inflight = false;
        if (dirty && !disposed) {
          dirty = false;
          request();
        }
      });
  }
  function request() {
    if (disposed || timer !== null) return;
    if (inflight) {
      dirty = true;
      return;
    }
    timer = timers.set(fire, Math.max(0, lastStart + gapMs - timers.now()));
  }
  return {
    request,
    now() {
      if (disposed) return;
      if (inflight) {
        dirty = true;
        return;
      }
      if (timer !== null) timers.clear(timer);
      fire();
    },
    cancel() {
      dirty = false;
      if (timer !== null) timers.clear(timer);
      timer = null;
    },
    dispose() {
      disposed = true;
      if (timer !== null) timers.clear(timer);
      timer = null;
    },
  };
}
