/**
 * The customer-facing wait estimate (docs/decisions/013-routing.md): position × the queue's recent
 * mean handle time (last 50 ended tasks, else 5 minutes) ÷ agents serving it (at least 1),
 * rounded up to 15 seconds. Pure: the caller gathers the numbers.
 */

export const etaDefaults = {
  /** How many of the most recent handle times count. */
  sample: 50,
  /** Mean handle time when the queue has no history yet. */
  fallbackHandleMs: 5 * 60_000,
  /** Estimates are shown in steps of this. */
  stepMs: 15_000,
} as const;

export interface EtaInput {
  /** 1-based place in the queue; null when the task is not waiting. */
  position: number | null;
  /** Handle times of the queue's recently ended tasks, oldest first (only the last 50 count). */
  recentHandleMs: readonly number[];
  /** Agents serving the queue: available or on a task. */
  agentsServing: number;
}

/** Estimated wait in ms (a multiple of 15 s), or null when the task has no position. */
export function estimateWaitMs({ position, recentHandleMs, agentsServing }: EtaInput): number | null {
  if (position === null || !Number.isFinite(position)) return null;
  if (position <= 0) return 0;
  const recent = recentHandleMs.slice(-etaDefaults.sample).filter((ms) => Number.isFinite(ms) && ms >= 0);
  const mean = recent.length ? recent.reduce((s, ms) => s + ms, 0) / recent.length : etaDefaults.fallbackHandleMs;
  const agents = Math.max(1, Number.isFinite(agentsServing) ? Math.floor(agentsServing) : 1);
  const raw = (position * mean) / agents;
  return Math.ceil(raw / etaDefaults.stepMs) * etaDefaults.stepMs;
}
