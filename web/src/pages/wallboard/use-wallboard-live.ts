import { useCallback, useEffect, useRef, useState } from 'react';
import { useEvents, useRealtimeStatus } from '../../lib/use-realtime.tsx';
import type { RealtimeStatus } from '../../lib/realtime.ts';
import { wallboardApi, type AlertRule, type WallboardView } from './api.ts';
import { createRefetchScheduler, type RefetchScheduler } from './refetch-scheduler.ts';

/** Events closer together than this are answered by one refetch. */
export const refetchGapMs = 500;
/** A socket must stay open this long before the view resyncs. */
const settleMs = 250;

export interface WallboardLive {
  view: WallboardView | null;
  /** The alert rules (null until read, or when they could not be). */
  rules: AlertRule[] | null;
  /** Date.now() when the view arrived (client clock), to tick waits and times in state. */
  fetchedAt: number;
  error: unknown;
  status: RealtimeStatus;
  /** True from a socket drop until the full refetch after the reconnect has arrived. */
  resyncing: boolean;
  /** Refetches now (after an action of this page). */
  reload: () => Promise<void>;
  reloadRules: () => Promise<void>;
}

/**
 * The wallboard's data, kept live: every event on the 'wallboard' topic (task events, presence,
 * sentiment drops, whispers, queue and alert-rule changes) asks for a refetch; bursts are
 * coalesced to at most one request per 500 ms, and an event that arrives while a request is in
 * flight gets one more after it. After a socket drop the reconnect refetches everything (events
 * missed meanwhile are not replayed one by one), and `resyncing` stays true until that arrives.
 * The view is also refetched when the current interval ends (its figures start again).
 */
export function useWallboardLive(): WallboardLive {
  const status = useRealtimeStatus();
  const [view, setView] = useState<WallboardView | null>(null);
  const [rules, setRules] = useState<AlertRule[] | null>(null);
  const [fetchedAt, setFetchedAt] = useState(() => Date.now());
  const [error, setError] = useState<unknown>(null);
  const [resyncing, setResyncing] = useState(false);
  // rulesDirty: read the rules too on the next fetch; resyncFrom: a fetch numbered above it ends a resync.
  const s = useRef({ rulesDirty: true, generation: 0, resyncFrom: -1, mounted: true });
  const scheduler = useRef<RefetchScheduler | null>(null);

  const run = useCallback(async (): Promise<void> => {
    const st = s.current;
    const generation = ++st.generation;
    const withRules = st.rulesDirty;
    st.rulesDirty = false;
    try {
      const [v, r] = await Promise.all([wallboardApi.get(), withRules ? wallboardApi.rules().catch(() => null) : Promise.resolve(undefined)]);
      if (!st.mounted) return;
      setView(v);
      setFetchedAt(Date.now());
      if (r !== undefined) setRules(r);
      setError(null);
      if (st.resyncFrom >= 0 && generation > st.resyncFrom) {
        st.resyncFrom = -1;
        setResyncing(false);
      }
    } catch (err) {
      if (withRules) st.rulesDirty = true;
      if (st.mounted) setError(err);
    }
  }, []);

  useEffect(() => {
    const st = s.current;
    st.mounted = true;
    const sch = createRefetchScheduler(run, refetchGapMs);
    scheduler.current = sch;
    sch.now();
    return () => {
      st.mounted = false;
      sch.dispose();
    };
  }, [run]);

  useEvents(['wallboard'], (e) => {
    if (e.type === 'wallboard.alert_rules_changed') s.current.rulesDirty = true;
    scheduler.current?.request();
  });

  // A drop: show "reconnecting" until the first full refetch started after the socket is back. A
  // socket that closes again within `settleMs` of opening (a refused attempt) is no reconnect.
  const wasLive = useRef(status === 'live');
  useEffect(() => {
    const st = s.current;
    const back = status === 'live' && !wasLive.current;
    if (status !== 'live' && wasLive.current) {
      st.resyncFrom = Number.MAX_SAFE_INTEGER;
      scheduler.current?.cancel();
      setResyncing(true);
    }
    wasLive.current = status === 'live';
    if (!back) return;
    const h = setTimeout(() => {
      st.rulesDirty = true;
      st.resyncFrom = st.generation;
      scheduler.current?.now();
    }, settleMs);
    return () => clearTimeout(h);
  }, [status]);

  // The interval's figures start again at its end: refetch then.
  const intervalEnd = view?.intervalStartedAt && view.intervalMinutes ? Date.parse(view.intervalStartedAt) + view.intervalMinutes * 60_000 - Date.parse(view.at) : null;
  useEffect(() => {
    if (intervalEnd === null || !Number.isFinite(intervalEnd)) return;
    const h = setTimeout(() => scheduler.current?.request(), Math.max(1000, intervalEnd + 1000));
    return () => clearTimeout(h);
  }, [intervalEnd, fetchedAt]);

  const reload = useCallback(async () => scheduler.current?.now(), []);
  const reloadRules = useCallback(async () => {
    s.current.rulesDirty = true;
    scheduler.current?.now();
  }, []);
  return { view, rules, fetchedAt, error, status, resyncing, reload, reloadRules };
}
