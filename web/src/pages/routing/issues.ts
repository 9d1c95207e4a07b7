import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client.ts';

/** A 400's per-field issues, with paths normalised to dots ("rules[0].targets[1].agents" -> "rules.0.targets.1.agents"). */
export interface PathIssue {
  path: string;
  message: string;
  column?: number;
}
export function pathIssues(error: unknown): PathIssue[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  const out: PathIssue[] = [];
  for (const d of error.details as unknown[]) {
    if (typeof d !== 'object' || d === null) continue;
    const { path, message, column } = d as { path?: unknown; message?: unknown; column?: unknown };
    if (typeof message !== 'string') continue;
    const p = typeof path === 'string' ? path : Array.isArray(path) ? path.join('.') : '';
    out.push({ path: normalisePath(p), message, ...(typeof column === 'number' ? { column } : {}) });
  }
  return out;
}
export const normalisePath = (p: string): string =>
  p
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\/+/, '')
    .replace(/\//g, '.')
    .replace(/^body\./, '')
    .replace(/^\.+/, '');

/** The issues at exactly `path`, as one line each (with the column when the server gave one). */
export function issuesAt(issues: readonly PathIssue[], path: string, t: TFunction): string | undefined {
  const own = issues.filter((i) => i.path === path);
  if (!own.length) return undefined;
  return own.map((i) => (i.column !== undefined && !/column \d+/i.test(i.message) ? t('routing.atColumn', { message: i.message, column: i.column }) : i.message)).join(' ');
}
