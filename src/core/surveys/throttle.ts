const DAY_MS = 86_400_000;

/** Whether a customer may be invited now, given their latest invitation (throttleDays 0: always). */
export function mayInvite(lastSentAt: Date | null, now: Date, throttleDays: number): boolean {
  if (!lastSentAt || throttleDays <= 0) return true;
  return now.getTime() - lastSentAt.getTime() >= throttleDays * DAY_MS;
}

/** When a link issued now stops working. */
export const expiryOf = (now: Date, validityDays: number): Date => new Date(now.getTime() + validityDays * DAY_MS);
