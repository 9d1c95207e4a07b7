/** Waits after attempt 1, 2, ...; after the last one fails the delivery is dead. */
export const RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 3_600_000, 21_600_000, 86_400_000] as const;
/** The first attempt plus one per delay. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** This many dead deliveries in a row switch an endpoint off. */
export const DISABLE_AFTER_DEAD = 50;

/**
 * When to try again after `attempts` failed attempts, or null when the delivery is dead.
 * Jitter: up to 10% earlier or later, so that a receiver that comes back is not hit by every
 * retry in the same second. `random` is in [0, 1).
 */
export function nextAttemptAt(attempts: number, now: Date, random: number = Math.random()): Date | null {
  const base = RETRY_DELAYS_MS[attempts - 1];
  if (base === undefined) return null;
  const jitter = base * 0.1 * (2 * random - 1);
  return new Date(now.getTime() + Math.round(base + jitter));
}
