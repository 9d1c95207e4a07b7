import { useCallback, useEffect, useState } from 'react';
import type { ReportName, ReportResponse } from '../../../../src/contracts/analytics.ts';
import { analyticsApi, type ReportParams } from '../../api/analytics.ts';

const TZ_KEY = 'sb.analytics.timeZone';

function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/**
 * The tenant's time zone for date presets: remembered from the last report (whose answer names it),
 * the browser's until then. A report answered in another zone updates it, and the range is recomputed.
 */
export function useTenantZone(): [string, (tz: string) => void] {
  const [tz, setTz] = useState(() => {
    try {
      return localStorage.getItem(TZ_KEY) || browserZone();
    } catch {
      return browserZone();
    }
  });
  const update = useCallback((next: string) => {
    setTz(next);
    try {
      localStorage.setItem(TZ_KEY, next);
    } catch {
      /* private mode: keep it in memory */
    }
  }, []);
  return [tz, update];
}

export interface ReportState {
  data: ReportResponse | null;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Loads a report; a newer query wins over an older answer still on its way. */
export function useReport(report: ReportName, params: ReportParams, onZone?: (tz: string) => void): ReportState {
  const key = JSON.stringify([report, params]);
  const [state, setState] = useState<{ key: string; data: ReportResponse | null; error: unknown }>({ key: '', data: null, error: null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let active = true;
    analyticsApi.report(report, params).then(
      (data) => {
        if (!active) return;
        setState({ key, data, error: null });
        onZone?.(data.timeZone);
      },
      (error: unknown) => active && setState({ key, data: null, error }),
    );
    return () => {
      active = false;
    };
    // `key` stands for report and params.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, tick]);
  const current = state.key === key;
  return { data: current ? state.data : null, error: current ? state.error : null, loading: !current, reload: () => setTick((n) => n + 1) };
}
