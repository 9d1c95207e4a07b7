/** Does an endpoint's filter (`*`, exact types, `prefix.*`) take this event type? */
export function filterMatches(filters: readonly string[], type: string): boolean {
  for (const f of filters) {
    if (f === '*' || f === type) return true;
    if (f.endsWith('.*') && type.startsWith(f.slice(0, -1))) return true;
  }
  return false;
}

/** Events never sent to webhooks: the webhook machinery's own (no loops). */
export const isInternalType = (type: string) => type.startsWith('webhook.');
