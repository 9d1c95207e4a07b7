import { useCallback, useEffect, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { allQueues, type Queue } from '../../api/routing.ts';
import { useEvents, useRealtimeStatus } from '../../lib/use-realtime.tsx';

/** The current time, re-read every `everyMs` (for ticking waits and countdowns). */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const h = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(h);
  }, [everyMs]);
  return now;
}

/** A wait or a time in state, in the UI language: "45 s", "3 min 05 s", "2 h 10 min". */
export function formatDuration(t: TFunction, totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  if (s < 60) return t('routing.dur.s', { s });
  const m = Math.floor(s / 60);
  if (m < 60) return t('routing.dur.ms', { m, s: String(s % 60).padStart(2, '0') });
  return t('routing.dur.hm', { h: Math.floor(m / 60), m: String(m % 60).padStart(2, '0') });
}

/** Seconds since an ISO instant, at `now`. */
export const secondsSince = (iso: string, now: number): number => Math.max(0, (now - Date.parse(iso)) / 1000);

/**
 * Calls `reload` when a routing event arrives on `topics` (batched: at most one call per 300 ms),
 * and after the socket comes back from a drop (events missed while away are re-read).
 */
export function useLiveReload(topics: readonly string[], reload: () => void, accept: (type: string) => boolean = isRoutingEvent): void {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(reload);
  latest.current = reload;
  const schedule = useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      latest.current();
    }, 300);
  }, []);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  useEvents(topics, (e) => {
    if (accept(e.type)) schedule();
  });
  const status = useRealtimeStatus();
  const wasLive = useRef(status === 'live');
  useEffect(() => {
    if (status === 'live' && !wasLive.current) schedule();
    wasLive.current = status === 'live';
  }, [status, schedule]);
}

export const isRoutingEvent = (type: string): boolean => type.startsWith('task.') || type.startsWith('agent.') || type === 'routing.config_changed';

/** Every queue of the workspace, re-read when routing set-up changes. */
export function useQueues(): { queues: Queue[]; byId: Record<string, Queue>; reload: () => void } {
  const [queues, setQueues] = useState<Queue[]>([]);
  const [gen, setGen] = useState(0);
  useEffect(() => {
    let active = true;
    allQueues().then(
      (q) => active && setQueues(q),
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, [gen]);
  const reload = useCallback(() => setGen((g) => g + 1), []);
  useLiveReload(['tenant'], reload, (type) => type === 'routing.config_changed');
  return { queues, byId: Object.fromEntries(queues.map((q) => [q.id, q])), reload };
}

export { issuesAt, normalisePath, pathIssues, type PathIssue } from './issues.ts';

export const presenceReasons = ['break', 'lunch', 'training', 'other'] as const;
