/** The rollups' time grain: 15-minute buckets (METRICS.md). Apart so facts and contributions share it without an import cycle. */
export const BUCKET_MS = 15 * 60_000;
export const bucketOf = (ms: number): number => Math.floor(ms / BUCKET_MS) * BUCKET_MS;
